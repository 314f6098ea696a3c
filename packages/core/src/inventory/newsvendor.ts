import { CoreError } from '../shared/core-error';
import { assertFinite, assertNonNegative, assertPositive } from './internal/assert-input';
import { expectedLeftover } from './internal/demand-model';
import { toDemandModel, toProtectionIntervalDemand } from './demand-distribution';
import type { DemandDistribution } from './types';

export type NewsvendorInput = {
  demand: DemandDistribution;
  /** h: overage (holding) cost per unit left over at the end of a period. */
  holdingCostPerUnitPerPeriod: number;
  /** p: underage (stockout/backorder) cost per unit short. */
  stockoutCostPerUnitPerPeriod: number;
  /** L: lead time in periods; the base-stock level then protects L + 1 periods of demand. */
  leadTimePeriods?: number;
  /** Evaluate this level instead of optimising. */
  baseStockLevel?: number;
};

export type NewsvendorResult = {
  /** S: order-up-to (base-stock) level in units. */
  baseStockLevel: number;
  /** p / (p + h). */
  criticalRatio: number;
  /** h E[(S - D)^+] + p E[(D - S)^+] per period. */
  expectedCost: number;
  expectedLeftoverUnits: number;
  expectedShortageUnits: number;
  /** P(D <= S). */
  cycleServiceLevel: number;
  /** 1 - E[(D - S)^+] / E[D] over the protection interval. */
  fillRate: number;
  protectionMean: number;
  protectionStandardDeviation: number;
};

/**
 * Newsvendor / base-stock level for any demand distribution, costs per period.
 * Formula: S* = F^-1(p/(p+h)) of demand over L+1 periods (smallest S with F(S) >= p/(p+h) when discrete);
 * cost g(S) = h E[(S-D)^+] + p E[(D-S)^+] = h (S - mu) + (h + p) n(S).
 * Source: Snyder & Shen (2019), sections 4.3 and 4.4 (lead time adds L periods of demand).
 * Example: h = 0.18, p = 0.7, N(50, 8^2) -> S* = 56.6040, cost 1.9976 (FoSCT Example 4.3);
 * Poisson(6), h = 1, p = 4 -> S* = 8, cost 3.5701 (Example 4.7).
 * Throws: not_finite, negative_value, out_of_range (h + p = 0), invalid_input (bad distribution).
 */
export function computeNewsvendor(input: NewsvendorInput): NewsvendorResult {
  const h = assertNonNegative(input.holdingCostPerUnitPerPeriod, 'holdingCostPerUnitPerPeriod');
  const p = assertNonNegative(input.stockoutCostPerUnitPerPeriod, 'stockoutCostPerUnitPerPeriod');
  if (h + p <= 0) throw new CoreError('out_of_range', 'holding and stockout costs cannot both be 0', { path: 'stockoutCostPerUnitPerPeriod' });
  const leadTime = assertNonNegative(input.leadTimePeriods ?? 0, 'leadTimePeriods');
  const demand = leadTime > 0 ? toProtectionIntervalDemand(input.demand, leadTime + 1) : input.demand;
  const model = toDemandModel(demand);
  const criticalRatio = p / (h + p);
  let level: number;
  if (input.baseStockLevel !== undefined) level = assertFinite(input.baseStockLevel, 'baseStockLevel');
  else if (criticalRatio <= 0) level = model.kind === 'discrete' ? 0 : model.quantile(1e-12);
  else if (criticalRatio >= 1) level = model.quantile(1 - 1e-12);
  else level = model.quantile(criticalRatio);
  const shortage = model.loss(level);
  const leftover = expectedLeftover(model, level);
  return {
    baseStockLevel: level,
    criticalRatio,
    expectedCost: h * leftover + p * shortage,
    expectedLeftoverUnits: leftover,
    expectedShortageUnits: shortage,
    cycleServiceLevel: model.cdf(level),
    fillRate: model.mean > 0 ? 1 - shortage / model.mean : 1,
    protectionMean: model.mean,
    protectionStandardDeviation: Math.sqrt(model.variance),
  };
}

export type NewsvendorProfitInput = {
  demand: DemandDistribution;
  /** r: selling price per unit. */
  sellingPricePerUnit: number;
  /** c: purchase cost per unit. */
  purchaseCostPerUnit: number;
  /** v: salvage value per leftover unit. */
  salvageValuePerUnit?: number;
  /** Extra holding cost per leftover unit. */
  holdingCostPerUnit?: number;
  /** Extra goodwill cost per unit short. */
  stockoutCostPerUnit?: number;
  baseStockLevel?: number;
};

export type NewsvendorProfitResult = NewsvendorResult & { expectedProfit: number };

/**
 * Newsvendor in explicit profit form: underage cost r - c + p, overage cost c - v + h.
 * Formula: expected profit = (r - c) mu - [(c - v + h) E[(S-D)^+] + (r - c + p) E[(D-S)^+]].
 * Source: Snyder & Shen (2019), section 4.3.3. Example: r = 1, c = 0.3, v = 0.12, N(50, 8^2) -> S* = 56.6040,
 * profit 33.0024 (FoSCT Example 4.2).
 * Throws: as computeNewsvendor; out_of_range when c > r or v > c.
 */
export function computeNewsvendorProfit(input: NewsvendorProfitInput): NewsvendorProfitResult {
  const r = assertPositive(input.sellingPricePerUnit, 'sellingPricePerUnit');
  const c = assertNonNegative(input.purchaseCostPerUnit, 'purchaseCostPerUnit');
  const v = assertNonNegative(input.salvageValuePerUnit ?? 0, 'salvageValuePerUnit');
  const h = assertNonNegative(input.holdingCostPerUnit ?? 0, 'holdingCostPerUnit');
  const p = assertNonNegative(input.stockoutCostPerUnit ?? 0, 'stockoutCostPerUnit');
  if (c > r) throw new CoreError('out_of_range', 'purchase cost exceeds selling price', { path: 'purchaseCostPerUnit' });
  if (v > c) throw new CoreError('out_of_range', 'salvage value exceeds purchase cost', { path: 'salvageValuePerUnit' });
  const base = computeNewsvendor({
    demand: input.demand,
    holdingCostPerUnitPerPeriod: c - v + h,
    stockoutCostPerUnitPerPeriod: r - c + p,
    ...(input.baseStockLevel === undefined ? {} : { baseStockLevel: input.baseStockLevel }),
  });
  return { ...base, expectedProfit: (r - c) * base.protectionMean - base.expectedCost };
}
