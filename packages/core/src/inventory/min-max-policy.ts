import { CoreError } from '../shared/core-error';
import { assertNonNegative, assertPositive } from './internal/assert-input';
import { computeDemandMoments } from './demand-distribution';
import { computeEconomicOrderQuantity } from './economic-order-quantity';
import { computeSafetyStock, type SafetyStockResult } from './safety-stock';
import type { DemandDistribution, LeadTime, ServiceTarget } from './types';

export type MinMaxPolicyInput = {
  demand: DemandDistribution;
  leadTime: LeadTime;
  /** 0 (default) for continuous review; R > 0 adds R periods to the protection interval. */
  reviewPeriods?: number;
  target: ServiceTarget;
  /** Either give the lot size (max - min) in units, or order and holding costs to size it by EOQ. */
  orderQuantity?: number;
  orderCost?: number;
  holdingCostPerUnitPerPeriod?: number;
};

export type MinMaxPolicyResult = SafetyStockResult & {
  /** Min: order when the inventory position falls to or below this level. */
  minimumLevel: number;
  /** Max: order up to this level. */
  maximumLevel: number;
  orderQuantity: number;
};

/**
 * Min/max levels: min = reorder point for the service target, max = min + Q (Q given or EOQ on mean demand).
 * Formula: min = F_P^-1(alpha) (or the beta level with that Q), Q = sqrt(2 K mu / h) per period, max = min + Q.
 * Source: Silver, Pyke & Thomas (2017), section 7.3 ((s, S) as min/max); Harris (1913) for Q.
 * Example: normal mu = 10, sigma = 3, L = 2, alpha = 0.9, K = 50, h = 0.1 -> min = 20 + 1.2816 * 4.2426 = 25.44, Q = 100, max = 125.44.
 * Throws: invalid_input when neither orderQuantity nor orderCost + holdingCostPerUnitPerPeriod are given.
 */
export function computeMinMaxPolicy(input: MinMaxPolicyInput): MinMaxPolicyResult {
  let q: number;
  if (input.orderQuantity !== undefined) q = assertPositive(input.orderQuantity, 'orderQuantity');
  else if (input.orderCost !== undefined && input.holdingCostPerUnitPerPeriod !== undefined) {
    const mean = computeDemandMoments(input.demand).mean;
    assertNonNegative(mean, 'demand.meanPerPeriod');
    q = computeEconomicOrderQuantity({ orderCost: input.orderCost, holdingCostPerUnitPerYear: input.holdingCostPerUnitPerPeriod, demandPerYear: mean }).orderQuantity;
  } else {
    throw new CoreError('invalid_input', 'give orderQuantity, or orderCost and holdingCostPerUnitPerPeriod', { path: 'orderQuantity' });
  }
  const stock = computeSafetyStock({
    demand: input.demand,
    leadTime: input.leadTime,
    reviewPeriods: input.reviewPeriods ?? 0,
    target: input.target,
    ...((input.reviewPeriods ?? 0) === 0 ? { orderQuantity: q } : {}),
  });
  return { ...stock, minimumLevel: stock.reorderLevel, maximumLevel: stock.reorderLevel + q, orderQuantity: q };
}
