import { CoreError } from '../shared/core-error';
import { assertFinite, assertNonNegative, assertNonNegativeInteger, assertPositive } from './internal/assert-input';
import { convolvePower, discretize, expectedLeftover, type DemandModel, createDiscreteModel } from './internal/demand-model';
import { toDemandModel } from './demand-distribution';
import type { DemandDistribution } from './types';

export type SsPolicyInput = {
  /** Demand per period; continuous distributions are rounded to whole units (P(D = k) = F(k + 1/2) - F(k - 1/2)). */
  demand: DemandDistribution;
  holdingCostPerUnitPerPeriod: number;
  /** Backorder cost per unit short per period (charged on end-of-period backorders). */
  stockoutCostPerUnitPerPeriod: number;
  /** K: fixed cost per order. */
  orderCost: number;
  /** L: whole periods between ordering and receipt (default 0). */
  leadTimePeriods?: number;
  /** R: periods between reviews (default 1, the (s,S) model; > 1 gives (R,s,S)). */
  reviewPeriods?: number;
};

export type SsPolicyResult = {
  /** s: order when the inventory position is at or below s. */
  s: number;
  /** S: order up to S. */
  S: number;
  /** Long-run expected ordering + holding + backorder cost per period. */
  costPerPeriod: number;
  /** Expected orders per period. */
  ordersPerPeriod: number;
  averageOnHandUnits: number;
  averageBackorderUnits: number;
  /** Share of periods that end without backorders (ready rate). */
  cycleServiceLevel: number;
  /** Share of demand served from stock. */
  fillRate: number;
};

/**
 * Optimal (s,S) policy for periodic review with backorders by the Zheng–Federgruen (1991) algorithm.
 * Formula: G(y) = sum_{t=L+1}^{L+R} E[h (y - D_t)^+ + p (D_t - y)^+]; renewal masses m(0) = 1/(1 - f0),
 * m(j) = m(0) sum_{l=1..j} f_l m(j-l), M(n) = sum_{j<n} m(j); cost c(s,S) = [K + sum_{j<S-s} m(j) G(S-j)] / M(S-s) / R.
 * Source: Zheng & Federgruen, Operations Research 39(4), 1991; Snyder & Shen (2019) section 4.6.
 * Example: Poisson(10), h = 1, p = 9, K = 64 -> s = 6, S = 40, cost 35.022 per period (Z&F table, instance 1).
 * Throws: not_finite, negative_value, out_of_range (zero demand, costs <= 0).
 */
export function planSsPolicy(input: SsPolicyInput): SsPolicyResult {
  const evaluator = createEvaluator(input);
  const { G, cost } = evaluator;
  let yStar = Math.round(evaluator.meanPerReview);
  while (G(yStar - 1) < G(yStar)) yStar--;
  while (G(yStar + 1) < G(yStar)) yStar++;
  let s = yStar;
  let orderUpTo = yStar;
  do s--; while (cost(s, orderUpTo) > G(s));
  let bestCost = cost(s, orderUpTo);
  let candidate = orderUpTo + 1;
  while (G(candidate) <= bestCost) {
    if (cost(s, candidate) < bestCost) {
      orderUpTo = candidate;
      while (cost(s, orderUpTo) <= G(s + 1)) s++;
      bestCost = cost(s, orderUpTo);
    }
    candidate++;
  }
  return evaluator.describe(s, orderUpTo);
}

/**
 * Long-run cost and service of a given (s,S) (or (R,s,S)) policy; same model and source as planSsPolicy.
 * Example: Poisson(6), h = 1, p = 4, K = 5, (s,S) = (4,10) -> 8.0341 per period (FoSCT Example 4.7).
 */
export function computeSsPolicyCost(input: SsPolicyInput & { s: number; S: number }): SsPolicyResult {
  const s = assertFinite(input.s, 's');
  const S = assertFinite(input.S, 'S');
  if (!Number.isInteger(s) || !Number.isInteger(S)) throw new CoreError('invalid_input', 's and S must be whole units', { path: 's' });
  if (S <= s) throw new CoreError('out_of_range', `S (${S}) must exceed s (${s})`, { path: 'S' });
  return createEvaluator(input).describe(s, S);
}

function createEvaluator(input: SsPolicyInput) {
  const h = assertNonNegative(input.holdingCostPerUnitPerPeriod, 'holdingCostPerUnitPerPeriod');
  const p = assertPositive(input.stockoutCostPerUnitPerPeriod, 'stockoutCostPerUnitPerPeriod');
  const k = assertNonNegative(input.orderCost, 'orderCost');
  const leadTime = assertNonNegativeInteger(input.leadTimePeriods ?? 0, 'leadTimePeriods');
  const review = assertNonNegativeInteger(input.reviewPeriods ?? 1, 'reviewPeriods');
  if (review < 1) throw new CoreError('out_of_range', 'reviewPeriods must be >= 1', { path: 'reviewPeriods' });
  const onePeriod = discretize(toDemandModel(input.demand));
  const perReview = review === 1 ? onePeriod : convolvePower(onePeriod, review);
  const f0 = perReview[0]!;
  if (f0 >= 1 - 1e-12) throw new CoreError('out_of_range', 'demand per review is always 0: no (s,S) policy is needed', { path: 'demand' });
  // Models of demand over t = L+1 .. L+R periods (for the cost of a review cycle) and over L periods (for shortages).
  const horizonModels: DemandModel[] = [];
  for (let t = leadTime + 1; t <= leadTime + review; t++) horizonModels.push(createDiscreteModel(convolvePower(onePeriod, t)));
  const leadTimeModel = leadTime === 0 ? undefined : createDiscreteModel(convolvePower(onePeriod, leadTime));
  const gCache = new Map<number, number>();
  const G = (y: number): number => {
    let value = gCache.get(y);
    if (value === undefined) {
      value = 0;
      for (const model of horizonModels) value += h * expectedLeftover(model, y) + p * model.loss(y);
      gCache.set(y, value);
    }
    return value;
  };
  const m: number[] = [1 / (1 - f0)];
  const M: number[] = [0, m[0]!];
  const ensure = (n: number): void => {
    for (let j = m.length; j < n; j++) {
      let sum = 0;
      for (let l = 1; l <= j && l < perReview.length; l++) sum += perReview[l]! * m[j - l]!;
      m.push(m[0]! * sum);
      M.push(M[j]! + m[j]!);
    }
  };
  const cost = (s: number, S: number): number => {
    const n = S - s;
    ensure(n);
    let total = k;
    for (let j = 0; j < n; j++) total += m[j]! * G(S - j);
    return total / M[n]!;
  };
  let meanPerReview = 0;
  perReview.forEach((q, d) => { meanPerReview += q * d; });
  const describe = (s: number, S: number): SsPolicyResult => {
    const n = S - s;
    ensure(n);
    const cycle = M[n]!;
    let onHand = 0;
    let backorders = 0;
    let shortage = 0;
    let ready = 0;
    for (let j = 0; j < n; j++) {
      const weight = m[j]! / cycle;
      const y = S - j;
      horizonModels.forEach((model, index) => {
        onHand += weight * expectedLeftover(model, y);
        const short = model.loss(y);
        backorders += weight * short;
        const previous = index === 0 ? (leadTimeModel ? leadTimeModel.loss(y) : Math.max(-y, 0)) : horizonModels[index - 1]!.loss(y);
        shortage += weight * (short - previous);
        ready += weight * model.cdf(y);
      });
    }
    const meanPerPeriod = meanPerReview / review;
    return {
      s,
      S,
      costPerPeriod: cost(s, S) / review,
      ordersPerPeriod: 1 / cycle / review,
      averageOnHandUnits: onHand / review,
      averageBackorderUnits: backorders / review,
      cycleServiceLevel: ready / review,
      fillRate: meanPerPeriod > 0 ? 1 - shortage / review / meanPerPeriod : 1,
    };
  };
  return { G, cost, describe, meanPerReview };
}
