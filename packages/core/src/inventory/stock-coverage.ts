import { assertNonNegative } from './internal/assert-input';

export type StockCoverageInput = {
  /** Stock on hand now (for coverage) in units. */
  onHandUnits: number;
  /** Average stock over the year in units (for turns); defaults to onHandUnits. */
  averageInventoryUnits?: number;
  /** Expected (or past) demand per day in units. */
  demandPerDay: number;
  /** Days per year used for turns (365 calendar, or e.g. 250 working days). */
  daysPerYear?: number;
  /** Unit cost, to report the value of the stock. */
  unitCost?: number;
  /** Holding cost rate i per year, to report the yearly cost of holding the average stock. */
  holdingCostRatePerYear?: number;
};

export type StockCoverageResult = {
  /** On hand / daily demand; Infinity when there is stock but no demand. */
  coverageDays: number;
  /** Yearly demand / average inventory; 0 with no demand. */
  turnsPerYear: number;
  stockValue?: number;
  holdingCostPerYear?: number;
};

/**
 * Coverage in days and inventory turns per year for one item.
 * Formula: coverage = on hand / demand per day; turns = demand per day * days per year / average inventory.
 * Source: APICS Dictionary (inventory turnover; days of supply).
 * Example: 600 units on hand, 20 per day, 365 days -> 30 days of coverage, 12.17 turns.
 * Throws: not_finite, negative_value.
 */
export function computeStockCoverage(input: StockCoverageInput): StockCoverageResult {
  const onHand = assertNonNegative(input.onHandUnits, 'onHandUnits');
  const average = assertNonNegative(input.averageInventoryUnits ?? onHand, 'averageInventoryUnits');
  const perDay = assertNonNegative(input.demandPerDay, 'demandPerDay');
  const days = assertNonNegative(input.daysPerYear ?? 365, 'daysPerYear');
  const result: StockCoverageResult = {
    coverageDays: perDay > 0 ? onHand / perDay : onHand > 0 ? Number.POSITIVE_INFINITY : 0,
    turnsPerYear: average > 0 ? (perDay * days) / average : 0,
  };
  if (input.unitCost !== undefined) {
    const unitCost = assertNonNegative(input.unitCost, 'unitCost');
    result.stockValue = onHand * unitCost;
    if (input.holdingCostRatePerYear !== undefined) result.holdingCostPerYear = average * unitCost * assertNonNegative(input.holdingCostRatePerYear, 'holdingCostRatePerYear');
  }
  return result;
}
