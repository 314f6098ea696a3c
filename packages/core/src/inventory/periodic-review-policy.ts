import { assertPositive } from './internal/assert-input';
import { computeDemandMoments } from './demand-distribution';
import { computeSafetyStock, type SafetyStockResult } from './safety-stock';
import type { DemandDistribution, LeadTime, ServiceTarget } from './types';

export type OrderUpToPolicyInput = {
  demand: DemandDistribution;
  leadTime: LeadTime;
  /** R: periods between reviews (1 = base-stock policy). */
  reviewPeriods: number;
  target: ServiceTarget;
};

export type OrderUpToPolicyResult = SafetyStockResult & {
  /** S: order up to this inventory position at each review. */
  orderUpToLevel: number;
  reviewPeriods: number;
  /** Approximate average on-hand stock: safety stock + mean demand per review / 2. */
  averageOnHandUnits: number;
  ordersPerPeriod: number;
};

/**
 * Periodic-review order-up-to (R, S) policy for a service target (base stock when R = 1).
 * Formula: S = level covering demand over L + R periods for alpha or beta (see computeSafetyStock);
 * average on hand ~ SS + mu R / 2; one order every R periods.
 * Source: Silver, Pyke & Thomas (2017), section 6.7; Axsäter (2015), section 5.3.
 * Example: normal mu = 100, sigma = 20, L = 2, R = 2, alpha = 0.95 -> S = 400 + 1.6449 * 40 = 465.79.
 */
export function computeOrderUpToPolicy(input: OrderUpToPolicyInput): OrderUpToPolicyResult {
  const review = assertPositive(input.reviewPeriods, 'reviewPeriods');
  const stock = computeSafetyStock({ demand: input.demand, leadTime: input.leadTime, reviewPeriods: review, target: input.target });
  const mean = computeDemandMoments(input.demand).mean;
  return {
    ...stock,
    orderUpToLevel: stock.reorderLevel,
    reviewPeriods: review,
    averageOnHandUnits: Math.max(stock.safetyStock, 0) + (mean * review) / 2,
    ordersPerPeriod: 1 / review,
  };
}
