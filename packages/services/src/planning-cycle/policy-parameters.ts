import {
  computeEconomicOrderQuantity, computeReorderPointQuantityCost, computeSafetyStock, roundPurchaseQuantity,
  type DemandDistribution, type PurchasePriceBreak, type ServiceTarget,
} from '@flowpilot/core';

/**
 * Parameters of the inventory policy of one stock point, as the planning cycle runs it: the proposals step looks at
 * the inventory position once per cycle (every `cycleWeeks`, one week by default) and orders per the policy.
 * All quantities in stock units, times in weeks (the forecast's period).
 */
export type PolicyParameterInput = {
  method: 'reorder_point' | 'periodic_review';
  /** Demand per week. */
  demand: DemandDistribution;
  leadTimeWeeks: number;
  leadTimeStdWeeks?: number;
  /** Weeks between two looks of the proposals step at the inventory position (the planning cycle; default 1). */
  cycleWeeks?: number;
  /** R of (R, S), in weeks (a multiple of the cycle); required for periodic_review. */
  reviewWeeks?: number;
  /** Q of (s, Q), already rounded to what the supplier sells; required for reorder_point. */
  orderQuantityUnits?: number;
  target: ServiceTarget;
};

export type PolicyParameterResult = {
  /** s (reorder_point). */
  reorderPointUnits?: number;
  /** Q (reorder_point), as given. */
  orderQuantityUnits?: number;
  /** S (periodic_review). */
  orderUpToLevelUnits?: number;
  /** Protection interval: L + cycle for (s, Q) (the position is seen once per cycle), L + R for (R, S). */
  protectionWeeks: number;
  protectionMeanUnits: number;
  /** Level − mean demand over the protection interval. */
  safetyStockUnits: number;
  /** What the level gives, by the formulas (α: P(D over the protection interval ≤ level); β: share of demand served from stock). */
  expectedCycleServiceLevel: number;
  expectedFillRate: number;
  formula: string;
};

/**
 * s and Q of (s, Q), or S of (R, S), for a cycle service level (α) or a fill rate (β), in whole units.
 * (s, Q) seen every cycle c (the proposals step orders n × Q when IP ≤ s, so the position after ordering is uniform
 * on (s, s + Q]): α: s = F⁻¹(α) of demand over L + c; β: the smallest whole s with
 * 1 − [B_{L+c}(s, Q) − B_L(s, Q)] / (μ c) ≥ β, where B_P(s, Q) = (n2_P(s) − n2_P(s + Q)) / Q is the expected backorder
 * over a position uniform on (s, s + Q] (n2 the second-order loss function of demand over P; core
 * computeReorderPointQuantityCost), so the bracket is the expected shortage of one cycle.
 * (R, S): S = F⁻¹(α) over L + R, or n_{L+R}(S) − n_L(S) = (1 − β) μ R (core computeSafetyStock).
 * A random lead time widens demand over P: variance E[P] σ² + μ² σ_L².
 * Source: Silver, Pyke & Thomas (2017) ch. 6–7 (periodic inspection of (s, Q)); Zipkin (2000) §6.2 (uniform position).
 * Example (test): gamma μ 100, σ 20 a week, L 1, c 1, Q 130: β 0.99 → s 210 (fill 0.9905); α 0.95 → s 249.
 */
export function computePolicyParameters(input: PolicyParameterInput): PolicyParameterResult {
  const cycle = input.cycleWeeks ?? 1;
  const leadTime = { meanPeriods: input.leadTimeWeeks, standardDeviationPeriods: input.leadTimeStdWeeks ?? 0 };
  if (input.method === 'periodic_review') {
    const review = input.reviewWeeks ?? cycle;
    const exact = computeSafetyStock({ demand: input.demand, leadTime, reviewPeriods: review, target: input.target });
    const level = Math.max(0, Math.ceil(exact.reorderLevel - 1e-9));
    // What the whole level gives (it is rounded up): α = F_{L+R}(S), β = 1 − (n_{L+R}(S) − n_L(S)) / (μ R).
    const meanPerReview = (exact.protectionMean * review) / (input.leadTimeWeeks + review);
    const shortage = Math.max(lossOf(input.demand, leadTime, input.leadTimeWeeks + review, level) - lossOf(input.demand, leadTime, input.leadTimeWeeks, level), 0);
    return {
      orderUpToLevelUnits: level, protectionWeeks: input.leadTimeWeeks + review, protectionMeanUnits: round(exact.protectionMean, 3),
      safetyStockUnits: round(level - exact.protectionMean, 3), expectedCycleServiceLevel: round(cdfOf(input.demand, leadTime, input.leadTimeWeeks + review, level), 4),
      expectedFillRate: round(meanPerReview > 0 ? 1 - shortage / meanPerReview : 1, 4),
      formula: 'fillRate' in input.target ? '(R, S), β: n_{L+R}(S) − n_L(S) = (1 − β) μ R' : '(R, S), α: S = F⁻¹(α) over L + R',
    };
  }
  const q = input.orderQuantityUnits;
  if (q === undefined || !(q > 0)) throw new Error('(s, Q) needs an order quantity > 0');
  const overCycle = computeSafetyStock({ demand: input.demand, leadTime, reviewPeriods: cycle, target: { cycleServiceLevel: 'cycleServiceLevel' in input.target ? input.target.cycleServiceLevel : 0.5 } });
  const meanPerCycle = (overCycle.protectionMean * cycle) / (input.leadTimeWeeks + cycle);
  const at = (weeks: number, s: number) => computeReorderPointQuantityCost({
    demand: input.demand, leadTime: weeks, leadTimeStandardDeviation: leadTime.standardDeviationPeriods, holdingCostPerUnitPerPeriod: 1, stockoutCostPerUnitPerPeriod: 1, orderCost: 0, reorderPoint: s, orderQuantity: q,
  });
  // Expected shortage of one cycle: backorders at its end minus at its start (after the receipts), position uniform on (s, s + Q].
  const fillAt = (s: number): number => {
    const start = input.leadTimeWeeks <= 0 && leadTime.standardDeviationPeriods <= 0 ? 0 : at(input.leadTimeWeeks, s).averageBackorderUnits;
    return meanPerCycle > 0 ? 1 - Math.max(at(input.leadTimeWeeks + cycle, s).averageBackorderUnits - start, 0) / meanPerCycle : 1;
  };
  let s: number;
  if ('cycleServiceLevel' in input.target) {
    s = Math.max(0, Math.ceil(overCycle.reorderLevel - 1e-9));
  } else {
    const beta = input.target.fillRate;
    let lo = 0;
    let hi = Math.max(1, Math.ceil(overCycle.protectionMean + 10 * overCycle.protectionStandardDeviation));
    while (fillAt(hi) < beta) hi *= 2;
    if (fillAt(lo) >= beta) hi = lo;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (fillAt(mid) >= beta) hi = mid; else lo = mid;
    }
    s = hi;
  }
  return {
    reorderPointUnits: s, orderQuantityUnits: q, protectionWeeks: input.leadTimeWeeks + cycle, protectionMeanUnits: round(overCycle.protectionMean, 3),
    safetyStockUnits: round(s - overCycle.protectionMean, 3), expectedCycleServiceLevel: round(at(input.leadTimeWeeks + cycle, s).cycleServiceLevel, 4), expectedFillRate: round(fillAt(s), 4),
    formula: 'cycleServiceLevel' in input.target
      ? '(s, Q) seen every cycle c, α: s = F⁻¹(α) over L + c'
      : '(s, Q) seen every cycle c, β: 1 − [B_{L+c}(s, Q) − B_L(s, Q)] / (μ c) ≥ β, B_P = (n2_P(s) − n2_P(s + Q)) / Q',
  };
}

/** P(D_P ≤ level) for demand over P weeks (core computeReorderPointQuantityCost's F(r)). */
function cdfOf(demand: DemandDistribution, leadTime: { standardDeviationPeriods: number }, weeks: number, level: number): number {
  if (weeks <= 0 && leadTime.standardDeviationPeriods <= 0) return level >= 0 ? 1 : 0;
  return computeReorderPointQuantityCost({
    demand, leadTime: weeks, leadTimeStandardDeviation: leadTime.standardDeviationPeriods, holdingCostPerUnitPerPeriod: 1, stockoutCostPerUnitPerPeriod: 1, orderCost: 0, reorderPoint: level, orderQuantity: 1,
  }).cycleServiceLevel;
}

/**
 * Loss function n_P(level) = E[(D_P − level)⁺]: core's (r, Q) fill rate is 1 − (n(r) − n(r + Q)) / Q, so with Q far
 * above demand over P (n(r + Q) = 0 to double precision) n(r) = (1 − fill rate) × Q.
 */
function lossOf(demand: DemandDistribution, leadTime: { standardDeviationPeriods: number }, weeks: number, level: number): number {
  if (weeks <= 0 && leadTime.standardDeviationPeriods <= 0) return Math.max(-level, 0);
  const over = computeReorderPointQuantityCost({
    demand, leadTime: weeks, leadTimeStandardDeviation: leadTime.standardDeviationPeriods, holdingCostPerUnitPerPeriod: 1, stockoutCostPerUnitPerPeriod: 1, orderCost: 0, reorderPoint: level, orderQuantity: 1,
  });
  const far = Math.ceil(Math.abs(level) + 100 * (over.averageOnHandUnits + over.averageBackorderUnits + 1));
  const result = computeReorderPointQuantityCost({
    demand, leadTime: weeks, leadTimeStandardDeviation: leadTime.standardDeviationPeriods, holdingCostPerUnitPerPeriod: 1, stockoutCostPerUnitPerPeriod: 1, orderCost: 0, reorderPoint: level, orderQuantity: far,
  });
  return (1 - result.fillRate) * far;
}

export type PolicyOrderQuantityInput = {
  meanPerWeek: number;
  /** Cost of one unit for the holding cost (standard cost, else the supplier's price). */
  unitCost: number;
  orderCost: number;
  annualHoldingRate: number;
  /** The item's fixed lot, when its lot-size rule says so. */
  fixedLotUnits?: number | null;
  minimumQuantity: number;
  multipleQuantity: number;
  unitPrice: number;
  priceBreaks: readonly PurchasePriceBreak[];
};

/**
 * Q of (s, Q): the item's fixed lot, else EOQ = sqrt(2 K μ / h) per week (h = unit cost × annual rate / 52), else one
 * week of demand; up to whole units, then MOQ, multiple and price breaks as the proposals step rounds an order
 * (core roundPurchaseQuantity), so the proposals step finds Q already rounded.
 */
export function computePolicyOrderQuantity(input: PolicyOrderQuantityInput): { units: number; basis: string; adjustments: string[] } {
  const holdingPerWeek = (input.unitCost * input.annualHoldingRate) / 52;
  let required: number;
  let basis: string;
  if (input.fixedLotUnits !== null && input.fixedLotUnits !== undefined && input.fixedLotUnits > 0) {
    required = input.fixedLotUnits;
    basis = 'item fixed lot size';
  } else if (input.meanPerWeek > 0 && holdingPerWeek > 0 && input.orderCost > 0) {
    const eoq = computeEconomicOrderQuantity({ orderCost: input.orderCost, holdingCostPerUnitPerYear: holdingPerWeek, demandPerYear: input.meanPerWeek }).orderQuantity;
    required = eoq;
    basis = `EOQ sqrt(2 × ${input.orderCost} × ${round(input.meanPerWeek, 3)} / ${round(holdingPerWeek, 4)}) = ${round(eoq, 2)}`;
  } else {
    required = Math.max(input.meanPerWeek, 1);
    basis = 'one week of demand (no ordering or holding cost)';
  }
  const rounded = roundPurchaseQuantity({
    requiredQuantity: Math.max(1, Math.ceil(required - 1e-9)), minimumQuantity: input.minimumQuantity, multipleQuantity: input.multipleQuantity, unitPrice: input.unitPrice, priceBreaks: input.priceBreaks,
  });
  return { units: rounded.quantity, basis, adjustments: rounded.adjustments };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
