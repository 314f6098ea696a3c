import { CoreError } from '../shared/core-error';
import { assertNonNegative, assertOpenFraction, assertPositive } from './internal/assert-input';
import type { DemandModel } from './internal/demand-model';
import { computeDemandMoments, toDemandModel, toProtectionIntervalDemand } from './demand-distribution';
import type { DemandDistribution, LeadTime, ServiceTarget } from './types';

export type SafetyStockInput = {
  /** Demand per period. */
  demand: DemandDistribution;
  /** Replenishment lead time in periods, optionally random. */
  leadTime: LeadTime;
  /** R: periods between reviews; 0 (default) for continuous review (s, Q). */
  reviewPeriods?: number;
  /** Q: order quantity in units; needed for a fill-rate target under continuous review. */
  orderQuantity?: number;
  target: ServiceTarget;
};

export type SafetyStockResult = {
  /** Reorder point s (continuous review) or order-up-to level S (periodic review), in units. */
  reorderLevel: number;
  /** reorderLevel - mean demand over the protection interval. */
  safetyStock: number;
  /** Safety stock divided by the protection standard deviation. */
  safetyFactor: number;
  /** L (continuous) or L + R (periodic), in periods. */
  protectionIntervalPeriods: number;
  protectionMean: number;
  protectionStandardDeviation: number;
  /** P(demand over the protection interval <= reorderLevel). */
  cycleServiceLevel: number;
  /** Share of demand served from stock. */
  fillRate: number;
  /** Expected units short per replenishment cycle. */
  expectedShortagePerCycle: number;
};

/**
 * Safety stock and reorder level for a cycle service level (alpha) or a fill rate (beta).
 * Protection interval P = L (continuous review) or L + R (periodic review); with a random lead time
 * demand over P has mean mu E[P] and variance E[P] sigma^2 + mu^2 sigma_L^2.
 * alpha: level = F_P^-1(alpha). beta, continuous review: n(r) - n(r + Q) = (1 - beta) Q;
 * beta, periodic review: n_{L+R}(S) - n_L(S) = (1 - beta) mu R (shortage per review cycle, backorders).
 * Safety stock = level - E[D_P]. Works with normal, gamma, lognormal, Poisson, negative binomial and discrete demand.
 * Source: Silver, Pyke & Thomas, Inventory and Production Management in Supply Chains, 4th ed. (2017), ch. 6;
 * Axsäter, Inventory Control, 3rd ed. (2015), section 5.3.
 * Example: normal mu = 100, sigma = 20 per period, L = 4, alpha = 0.95 -> SS = 1.6449 * 40 = 65.80.
 * Throws: out_of_range (target not in (0,1)), invalid_input (beta under continuous review without Q).
 */
export function computeSafetyStock(input: SafetyStockInput): SafetyStockResult {
  const review = assertNonNegative(input.reviewPeriods ?? 0, 'reviewPeriods');
  const leadMean = assertNonNegative(input.leadTime?.meanPeriods, 'leadTime.meanPeriods');
  const leadSd = assertNonNegative(input.leadTime?.standardDeviationPeriods ?? 0, 'leadTime.standardDeviationPeriods');
  const protection = leadMean + review;
  const protectionDemand = toProtectionIntervalDemand(input.demand, { meanPeriods: protection, standardDeviationPeriods: leadSd });
  const model = toDemandModel(protectionDemand);
  const perPeriodMean = computeDemandMoments(input.demand).mean;
  const leadModel = review > 0 ? toDemandModel(toProtectionIntervalDemand(input.demand, { meanPeriods: leadMean, standardDeviationPeriods: leadSd })) : undefined;
  let orderQuantity: number | undefined;
  if (review === 0 && input.orderQuantity !== undefined) orderQuantity = assertPositive(input.orderQuantity, 'orderQuantity');
  // Units short per cycle as a function of the level, and the demand a cycle serves.
  const shortage = (level: number): number => {
    if (review > 0) return Math.max(model.loss(level) - (leadModel ? leadModel.loss(level) : Math.max(-level, 0)), 0);
    if (orderQuantity !== undefined) return model.loss(level) - model.loss(level + orderQuantity);
    return model.loss(level);
  };
  const demandPerCycle = review > 0 ? perPeriodMean * review : orderQuantity;
  let level: number;
  if (input.target === null || typeof input.target !== 'object') throw new CoreError('invalid_input', 'target needs cycleServiceLevel or fillRate', { path: 'target' });
  if ('cycleServiceLevel' in input.target) {
    const alpha = assertOpenFraction(input.target.cycleServiceLevel, 'target.cycleServiceLevel');
    level = model.quantile(alpha);
  } else if ('fillRate' in input.target) {
    const beta = assertOpenFraction(input.target.fillRate, 'target.fillRate');
    if (demandPerCycle === undefined) throw new CoreError('invalid_input', 'a fill-rate target under continuous review needs orderQuantity', { path: 'orderQuantity' });
    level = solveShortage(model, shortage, (1 - beta) * demandPerCycle);
  } else {
    throw new CoreError('invalid_input', 'target needs cycleServiceLevel or fillRate', { path: 'target' });
  }
  // Exact moments of the specification (the numerical model's sums carry rounding noise).
  const { mean: protectionMean, standardDeviation: sd } = computeDemandMoments(protectionDemand);
  const shortagePerCycle = shortage(level);
  return {
    reorderLevel: level,
    safetyStock: level - protectionMean,
    safetyFactor: sd > 0 ? (level - protectionMean) / sd : 0,
    protectionIntervalPeriods: protection,
    protectionMean,
    protectionStandardDeviation: sd,
    cycleServiceLevel: model.cdf(level),
    fillRate: demandPerCycle ? 1 - shortagePerCycle / demandPerCycle : 1 - (model.mean > 0 ? shortagePerCycle / model.mean : 0),
    expectedShortagePerCycle: shortagePerCycle,
  };
}

/** Smallest level (whole units when discrete) whose shortage per cycle is at most target; shortage decreases with the level. */
function solveShortage(model: DemandModel, shortage: (level: number) => number, target: number): number {
  const sd = Math.sqrt(model.variance);
  let lo = model.mean - 10 * sd - 1;
  let hi = model.mean + 40 * sd + 1;
  while (shortage(lo) <= target && lo > -1e12) lo -= 10 * sd + Math.abs(lo) + 1;
  if (model.kind === 'discrete') {
    let a = Math.floor(lo);
    let b = Math.ceil(hi);
    while (b - a > 1) {
      const mid = Math.floor((a + b) / 2);
      if (shortage(mid) <= target) b = mid; else a = mid;
    }
    return b;
  }
  for (let i = 0; i < 300 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); i++) {
    const mid = 0.5 * (lo + hi);
    if (shortage(mid) > target) lo = mid; else hi = mid;
  }
  return hi;
}
