import { CoreError, assertNever } from '../shared/core-error';
import { assertFinite, assertNonNegative, assertPositive } from './internal/assert-input';
import { expectedLeftover, type DemandModel } from './internal/demand-model';
import { computeDemandMoments, toDemandModel, toProtectionIntervalDemand } from './demand-distribution';
import { computeEconomicOrderQuantity } from './economic-order-quantity';
import type { DemandDistribution } from './types';

export type ReorderPointQuantityInput = {
  /** Demand per unit of time (the same time unit as the costs, e.g. per year). */
  demand: DemandDistribution;
  /** L: lead time in time units (may be fractional, e.g. 1/12 year); lead-time demand has mean lambda L, variance sigma^2 L. */
  leadTime: number;
  /** Standard deviation of the lead time in time units (optional; widens lead-time demand). */
  leadTimeStandardDeviation?: number;
  holdingCostPerUnitPerPeriod: number;
  /** Backorder cost per unit per time unit (p). */
  stockoutCostPerUnitPerPeriod: number;
  orderCost: number;
};

export type ReorderPointQuantityMethod = 'exact' | 'loss-function' | 'eil' | 'eoqb' | 'eoq-ss';

export type ReorderPointQuantityResult = {
  reorderPoint: number;
  orderQuantity: number;
  /** Exact expected cost per time unit of (r, Q): K lambda/Q + h E[I] + p E[B]. */
  costPerPeriod: number;
  /** The objective of the approximation that chose (r, Q), when an approximation was used. */
  approximateCostPerPeriod?: number;
  averageOnHandUnits: number;
  averageBackorderUnits: number;
  /** P(no stockout during a replenishment lead time) = F(r). */
  cycleServiceLevel: number;
  /** 1 - (n(r) - n(r+Q))/Q. */
  fillRate: number;
  safetyStock: number;
  method: ReorderPointQuantityMethod;
};

/**
 * Exact long-run cost of a continuous-review (r, Q) policy with backorders, per time unit.
 * Formula (continuous lead-time demand): g(r,Q) = K lambda/Q + h (r - lambda L + Q/2 + E[B]) + p E[B],
 * E[B] = (n2(r) - n2(r+Q))/Q with n2 the second-order loss function of lead-time demand.
 * Discrete (e.g. Poisson) demand: g(r,Q) = [K lambda + sum_{y=r+1}^{r+Q} G(y)]/Q, G(y) = h E[(y-D)^+] + p E[(D-y)^+].
 * Source: Zipkin, Foundations of Inventory Management (2000), ch. 6; Snyder & Shen (2019), section 5.2.
 * Example: h = 0.225, p = 7.5, K = 8, lambda = 1300/yr, sigma = 150, L = 1/12 -> g(126.8, 328.5) = 78.0712 (FoSCT Ex. 5.1).
 * Throws: not_finite, negative_value, out_of_range (Q <= 0).
 */
export function computeReorderPointQuantityCost(input: ReorderPointQuantityInput & { reorderPoint: number; orderQuantity: number }): ReorderPointQuantityResult {
  const context = createContext(input);
  const r = assertFinite(input.reorderPoint, 'reorderPoint');
  const q = assertPositive(input.orderQuantity, 'orderQuantity');
  if (context.model.kind === 'discrete' && (!Number.isInteger(r) || !Number.isInteger(q))) {
    throw new CoreError('invalid_input', 'with discrete demand, r and Q must be whole units', { path: 'reorderPoint' });
  }
  return describe(context, r, q, 'exact');
}

/**
 * Optimal reorder point for a fixed order quantity: solves n(r) - n(r+Q) = h Q/(h+p) (continuous) or
 * takes the cheapest window of Q consecutive G(y) (discrete).
 * Source: Snyder & Shen (2019), section 5.2.2. Example: FoSCT Ex. 5.1 with Q = 318 -> r = 127.788.
 */
export function computeOptimalReorderPoint(input: ReorderPointQuantityInput & { orderQuantity: number }): ReorderPointQuantityResult {
  const context = createContext(input);
  const q = assertPositive(input.orderQuantity, 'orderQuantity');
  if (context.model.kind === 'discrete') {
    const wholeQ = Math.round(q);
    return describe(context, bestWindow(context, wholeQ).reorderPoint, wholeQ, 'exact');
  }
  return describe(context, optimalContinuousReorderPoint(context, q), q, 'exact');
}

/**
 * Chooses (r, Q) for a continuous-review policy.
 * exact: discrete demand by the Federgruen–Zheng (1992) window algorithm (the Q cheapest consecutive G(y),
 * grown one point at a time while the next point costs less than the current average); continuous demand by
 * a golden-section search over Q with the optimal r(Q) inside.
 * loss-function: iterate n(r) = hQ/(h+p), Q = sqrt(2(K lambda + (h+p) n2(r))/h) (drops n2(r+Q)).
 * eil: iterate 1 - F(r) = hQ/(p lambda), Q = sqrt(2 lambda (K + p n(r))/h).
 * eoqb: Q from EOQ with backorders, r from n(r) = hQ/(h+p). eoq-ss: Q = EOQ, r = F^-1(p/(p+h)).
 * Source: Snyder & Shen (2019), sections 5.2-5.3; Federgruen & Zheng, Operations Research 40(4), 1992.
 * Example: Poisson lambda = 1.5, L = 2, h = 20, p = 150, K = 100 -> r = 3, Q = 5, cost 107.9236 (FoSCT Ex. 5.8).
 */
export function planReorderPointQuantity(input: ReorderPointQuantityInput & { method?: ReorderPointQuantityMethod }): ReorderPointQuantityResult {
  const context = createContext(input);
  const method = input.method ?? 'exact';
  const { h, p, k, lambda, model } = context;
  switch (method) {
    case 'exact': {
      if (model.kind === 'discrete') return planDiscrete(context);
      return planContinuousExact(context);
    }
    case 'loss-function': {
      let q = Math.sqrt((2 * k * lambda) / h);
      let r = 0;
      for (let i = 0; i < 1000; i++) {
        r = solveLoss(model, (h * q) / (h + p));
        const next = Math.sqrt((2 * (k * lambda + (h + p) * model.secondOrderLoss(r))) / h);
        if (Math.abs(next - q) < 1e-12 * q) { q = next; break; }
        q = next;
      }
      r = solveLoss(model, (h * q) / (h + p));
      return describe(context, r, q, method);
    }
    case 'eil': {
      let q = Math.sqrt((2 * k * lambda) / h);
      let r = 0;
      for (let i = 0; i < 1000; i++) {
        const tail = Math.min((h * q) / (p * lambda), 1 - 1e-15);
        r = model.quantile(1 - tail);
        const next = Math.sqrt((2 * lambda * (k + p * model.loss(r))) / h);
        if (Math.abs(next - q) < 1e-12 * q) { q = next; break; }
        q = next;
      }
      r = model.quantile(1 - Math.min((h * q) / (p * lambda), 1 - 1e-15));
      const approximate = (k * lambda) / q + h * (r - model.mean + q / 2) + (p * lambda * model.loss(r)) / q;
      return { ...describe(context, r, q, method), approximateCostPerPeriod: approximate };
    }
    case 'eoqb': {
      const q = computeEconomicOrderQuantity({ orderCost: k, holdingCostPerUnitPerYear: h, demandPerYear: lambda, backorderCostPerUnitPerYear: p }).orderQuantity;
      return describe(context, solveLoss(model, (h * q) / (h + p)), q, method);
    }
    case 'eoq-ss': {
      const q = computeEconomicOrderQuantity({ orderCost: k, holdingCostPerUnitPerYear: h, demandPerYear: lambda }).orderQuantity;
      return describe(context, model.quantile(p / (p + h)), q, method);
    }
    default:
      return assertNever(method, 'method');
  }
}

type Context = { h: number; p: number; k: number; lambda: number; model: DemandModel };

function createContext(input: ReorderPointQuantityInput): Context {
  const h = assertPositive(input.holdingCostPerUnitPerPeriod, 'holdingCostPerUnitPerPeriod');
  const p = assertPositive(input.stockoutCostPerUnitPerPeriod, 'stockoutCostPerUnitPerPeriod');
  const k = assertNonNegative(input.orderCost, 'orderCost');
  const leadTime = assertNonNegative(input.leadTime, 'leadTime');
  const leadTimeSd = assertNonNegative(input.leadTimeStandardDeviation ?? 0, 'leadTimeStandardDeviation');
  const lambda = computeDemandMoments(input.demand).mean;
  if (!(lambda > 0)) throw new CoreError('out_of_range', 'mean demand must be > 0', { path: 'demand.meanPerPeriod' });
  const leadTimeDemand = toProtectionIntervalDemand(input.demand, { meanPeriods: leadTime, standardDeviationPeriods: leadTimeSd });
  return { h, p, k, lambda, model: toDemandModel(leadTimeDemand) };
}

function describe(context: Context, r: number, q: number, method: ReorderPointQuantityMethod): ReorderPointQuantityResult {
  const { h, p, k, lambda, model } = context;
  let backorders: number;
  let onHand: number;
  let cost: number;
  let shortagePerCycle: number;
  if (model.kind === 'discrete') {
    // Inventory position is uniform on r+1..r+Q.
    let sumG = 0;
    backorders = 0;
    onHand = 0;
    for (let y = r + 1; y <= r + q; y++) {
      backorders += model.loss(y) / q;
      onHand += expectedLeftover(model, y) / q;
      sumG += h * expectedLeftover(model, y) + p * model.loss(y);
    }
    cost = (k * lambda + sumG) / q;
    shortagePerCycle = model.loss(r) - model.loss(r + q);
  } else {
    backorders = (model.secondOrderLoss(r) - model.secondOrderLoss(r + q)) / q;
    onHand = r - model.mean + q / 2 + backorders;
    cost = (k * lambda) / q + h * onHand + p * backorders;
    shortagePerCycle = model.loss(r) - model.loss(r + q);
  }
  return {
    reorderPoint: r,
    orderQuantity: q,
    costPerPeriod: cost,
    averageOnHandUnits: onHand,
    averageBackorderUnits: backorders,
    cycleServiceLevel: model.cdf(r),
    fillRate: 1 - shortagePerCycle / q,
    safetyStock: r - model.mean,
    method,
  };
}

/** Solves n(r) = target for r (n is decreasing). */
function solveLoss(model: DemandModel, target: number): number {
  const sd = Math.sqrt(model.variance);
  let lo = model.mean - 10 * sd - target - 1;
  let hi = model.mean + 40 * sd + 1;
  for (let i = 0; i < 300 && hi - lo > 1e-13 * Math.max(1, Math.abs(hi)); i++) {
    const mid = 0.5 * (lo + hi);
    if (model.loss(mid) > target) lo = mid; else hi = mid;
  }
  return 0.5 * (lo + hi);
}

function optimalContinuousReorderPoint(context: Context, q: number): number {
  const { h, p, model } = context;
  const target = (h * q) / (h + p);
  const sd = Math.sqrt(model.variance);
  let lo = model.mean - 10 * sd - q - 1;
  let hi = model.mean + 40 * sd + 1;
  for (let i = 0; i < 300 && hi - lo > 1e-13 * Math.max(1, Math.abs(hi)); i++) {
    const mid = 0.5 * (lo + hi);
    if (model.loss(mid) - model.loss(mid + q) > target) lo = mid; else hi = mid;
  }
  return 0.5 * (lo + hi);
}

function planContinuousExact(context: Context): ReorderPointQuantityResult {
  const { h, p, k, lambda, model } = context;
  const costAt = (q: number): number => describe(context, optimalContinuousReorderPoint(context, q), q, 'exact').costPerPeriod;
  const eoq = Math.sqrt((2 * Math.max(k, 1e-9) * lambda * (h + p)) / (h * p));
  let a = Math.max(1e-9, eoq * 0.05);
  let b = eoq * 2 + 10 * Math.sqrt(model.variance) + 1;
  const ratio = (Math.sqrt(5) - 1) / 2;
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let fc = costAt(c);
  let fd = costAt(d);
  for (let i = 0; i < 200 && b - a > 1e-10 * Math.max(1, b); i++) {
    if (fc < fd) { b = d; d = c; fd = fc; c = b - ratio * (b - a); fc = costAt(c); }
    else { a = c; c = d; fc = fd; d = a + ratio * (b - a); fd = costAt(d); }
  }
  const q = 0.5 * (a + b);
  return describe(context, optimalContinuousReorderPoint(context, q), q, 'exact');
}

function gOf(context: Context, y: number): number {
  return context.h * expectedLeftover(context.model, y) + context.p * context.model.loss(y);
}

function bestWindow(context: Context, q: number): { reorderPoint: number } {
  const { model } = context;
  let yStar = Math.round(model.mean);
  while (gOf(context, yStar - 1) < gOf(context, yStar)) yStar--;
  while (gOf(context, yStar + 1) < gOf(context, yStar)) yStar++;
  let left = yStar;
  let right = yStar;
  for (let size = 1; size < q; size++) {
    if (gOf(context, left - 1) <= gOf(context, right + 1)) left--; else right++;
  }
  return { reorderPoint: left - 1 };
}

function planDiscrete(context: Context): ReorderPointQuantityResult {
  const { k, lambda, model } = context;
  let yStar = Math.round(model.mean);
  while (gOf(context, yStar - 1) < gOf(context, yStar)) yStar--;
  while (gOf(context, yStar + 1) < gOf(context, yStar)) yStar++;
  let left = yStar;
  let right = yStar;
  let total = k * lambda + gOf(context, yStar);
  let q = 1;
  for (;;) {
    const gLeft = gOf(context, left - 1);
    const gRight = gOf(context, right + 1);
    const next = Math.min(gLeft, gRight);
    if (next >= total / q) break;
    if (gLeft <= gRight) left--; else right++;
    total += next;
    q++;
  }
  return describe(context, left - 1, q, 'exact');
}
