import type { CountClassSettings } from './counting-settings';

export type CountVarianceInput = {
  /** Book quantity at the count's start (the ledger up to the snapshot). */
  snapshotQuantity: number;
  /** Net movements of the stock point that happened after the snapshot and up to the time it was counted. */
  movementsDuringCountQuantity: number;
  countedQuantity: number;
  unitCostEur: number;
  tolerance: Pick<CountClassSettings, 'quantityTolerance' | 'valueToleranceEur'>;
};

export type CountVarianceResult = {
  /** snapshot + movements during the count: the book at the moment the stock point was counted. */
  expectedQuantity: number;
  /** counted − expected. */
  varianceQuantity: number;
  /** varianceQuantity × unit cost, rounded to cents. */
  varianceValueEur: number;
  /** |variance| ≤ tolerance × |expected| and |value| ≤ value tolerance. */
  withinTolerance: boolean;
};

/**
 * Variance of one counted stock point, reconciled with the movements posted while the count ran:
 * expected = snapshot + movements during the count; variance = counted − expected; value = variance × unit cost;
 * within tolerance when |variance| ≤ quantityTolerance × |expected| and |value| ≤ valueToleranceEur.
 * Source: APICS Dictionary, "inventory record accuracy" (tolerance per ABC class); Wild (2002), ch. 13.
 * Example: snapshot 100, 20 issued during the count, counted 78, cost 2.50 EUR, tolerance 2 % / 10 EUR →
 * expected 80, variance −2, value −5.00 EUR, |−2| > 0.02 × 80 = 1.6 → outside tolerance.
 */
export function computeCountVariance(input: CountVarianceInput): CountVarianceResult {
  const expectedQuantity = roundQuantity(input.snapshotQuantity + input.movementsDuringCountQuantity);
  const varianceQuantity = roundQuantity(input.countedQuantity - expectedQuantity);
  const varianceValueEur = Math.round(varianceQuantity * input.unitCostEur * 100) / 100;
  const withinTolerance = Math.abs(varianceQuantity) <= input.tolerance.quantityTolerance * Math.abs(expectedQuantity) + 1e-9
    && Math.abs(varianceValueEur) <= input.tolerance.valueToleranceEur + 1e-9;
  return { expectedQuantity, varianceQuantity, varianceValueEur, withinTolerance };
}

/** Quantities carry 6 decimals in the database: round there so float noise never shows as a variance. */
function roundQuantity(value: number): number {
  return Math.round(value * 1e6) / 1e6 + 0;
}
