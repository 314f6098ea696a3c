import { CoreError, assertNever } from '../shared/core-error';
import { createRandom, type RandomSource } from '../shared/random';
import { createDemandSampler } from '../inventory/index';
import { computeConfidenceInterval, type ConfidenceInterval } from './internal/confidence-interval';
import type { SimulatedDemand, SimulatedPolicy } from './types';

export type InventorySimulationInput = {
  policy: SimulatedPolicy;
  demand: SimulatedDemand;
  /** Whole periods from order to receipt; an order placed at the end of period t is available at the start of t + L + 1. */
  leadTimePeriods: number;
  /** Optional lead-time spread: each order's lead time is round(N(L, sd)) clipped at 0 (orders may cross). */
  leadTimeStandardDeviationPeriods?: number;
  holdingCostPerUnitPerPeriod?: number;
  stockoutCostPerUnitPerPeriod?: number;
  orderCost?: number;
  /** 'backorder' (default): unmet demand waits; 'lost-sales': it is lost. */
  unmetDemand?: 'backorder' | 'lost-sales';
  /** Measured periods per replication (default 1000; the history length for a replayed history). */
  periods?: number;
  /** Periods discarded at the start of each replication (default 100, 0 for a replayed history). */
  warmupPeriods?: number;
  /** Independent replications (default 20). With 1, the interval comes from batch means. */
  replications?: number;
  /** Batches for batch means when replications = 1 (default 20). */
  batches?: number;
  seed: number;
  /** Confidence level of the intervals (default 0.95). */
  confidenceLevel?: number;
  /** Start on hand (default: the policy's order-up-to level or r + Q). */
  initialOnHandUnits?: number;
};

export type InventorySimulationResult = {
  /** Share of replenishment cycles (order arrival to order arrival) without any unmet demand. */
  cycleServiceLevel: ConfidenceInterval;
  /** Share of periods that end without backorders and without lost demand. */
  readyRate: ConfidenceInterval;
  /** Share of demand served from stock on hand in its period. */
  fillRate: ConfidenceInterval;
  averageOnHandUnits: ConfidenceInterval;
  averageBackorderUnits: ConfidenceInterval;
  ordersPerPeriod: ConfidenceInterval;
  /** (h * end on hand + p * end backorders or lost units + K * orders) per period. */
  costPerPeriod: ConfidenceInterval;
  totals: { periods: number; demandUnits: number; orders: number; replications: number; seed: number };
};

type Accumulator = { cycles: number; goodCycles: number; readyPeriods: number; periods: number; demand: number; served: number; onHand: number; backorders: number; orders: number; cost: number };

/**
 * Seeded period-by-period simulation of an inventory policy, with confidence intervals.
 * Each period: receive due orders; meet demand from stock (the rest is backordered or lost); review the
 * inventory position IP and order per the policy; charge h on end on-hand, p on end backorders (or lost units), K per order.
 * Intervals: Student t over replication means (independent seeds) or over batch means of one long run.
 * Source: Law, Simulation Modeling and Analysis, 5th ed. (2015), ch. 9 (replication / batch means);
 * Axsäter (2015) for the policies.
 * Example: Poisson(10), L = 0, (s,S) = (6,40), h = 1, p = 9, K = 64 -> cost near 35.02 per period (Z&F 1991 instance 1).
 * Throws: invalid_input (unknown policy, S <= s), not_finite, negative_value, empty_input (empty history).
 */
export function simulateInventoryPolicy(input: InventorySimulationInput): InventorySimulationResult {
  const policy = validatePolicy(input.policy);
  const lead = nonNegativeInteger(input.leadTimePeriods, 'leadTimePeriods');
  const leadSd = nonNegative(input.leadTimeStandardDeviationPeriods ?? 0, 'leadTimeStandardDeviationPeriods');
  const h = nonNegative(input.holdingCostPerUnitPerPeriod ?? 0, 'holdingCostPerUnitPerPeriod');
  const p = nonNegative(input.stockoutCostPerUnitPerPeriod ?? 0, 'stockoutCostPerUnitPerPeriod');
  const k = nonNegative(input.orderCost ?? 0, 'orderCost');
  const lostSales = (input.unmetDemand ?? 'backorder') === 'lost-sales';
  const confidence = input.confidenceLevel ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) throw new CoreError('out_of_range', 'confidenceLevel must be in (0, 1)', { path: 'confidenceLevel' });
  const seed = input.seed;
  if (!Number.isInteger(seed)) throw new CoreError('invalid_input', 'seed must be an integer', { path: 'seed' });
  let nextDemand: (random: RandomSource, period: number) => number;
  let periods: number;
  let warmup: number;
  let replications: number;
  if (input.demand === null || typeof input.demand !== 'object') throw new CoreError('invalid_input', 'demand needs a distribution or a history', { path: 'demand' });
  if ('history' in input.demand) {
    const history = input.demand.history;
    if (!Array.isArray(history) || history.length === 0) throw new CoreError('empty_input', 'demand history is empty', { path: 'demand.history' });
    history.forEach((value, index) => nonNegative(value, `demand.history[${index}]`));
    if ((input.demand.sampling ?? 'replay') === 'bootstrap') {
      periods = Math.floor(input.periods ?? 1000);
      warmup = Math.floor(input.warmupPeriods ?? 100);
      replications = Math.floor(input.replications ?? 20);
      nextDemand = (random) => history[random.nextInt(0, history.length)]!;
    } else {
      periods = Math.floor(input.periods ?? history.length);
      warmup = Math.floor(input.warmupPeriods ?? 0);
      replications = 1;
      nextDemand = (_random, period) => history[((period % history.length) + history.length) % history.length]!;
    }
  } else {
    if (!('distribution' in input.demand)) throw new CoreError('invalid_input', 'demand needs a distribution or a history', { path: 'demand' });
    const sampler = createDemandSampler(input.demand.distribution);
    periods = Math.floor(input.periods ?? 1000);
    warmup = Math.floor(input.warmupPeriods ?? 100);
    replications = Math.floor(input.replications ?? 20);
    nextDemand = (random) => sampler(random);
  }
  if (periods < 1) throw new CoreError('out_of_range', 'periods must be >= 1', { path: 'periods' });
  if (replications < 1) throw new CoreError('out_of_range', 'replications must be >= 1', { path: 'replications' });
  const batches = replications === 1 ? Math.max(2, Math.min(Math.floor(input.batches ?? 20), periods)) : 1;
  const samples: Accumulator[] = [];
  const totals = { periods: 0, demandUnits: 0, orders: 0, replications, seed };
  for (let replication = 0; replication < replications; replication++) {
    const random = createRandom((seed + Math.imul(replication, 0x9e3779b1)) | 0);
    const leadRandom = createRandom((seed ^ 0x5bd1e995) + replication);
    const topLevel = policy.type === 's-Q' ? policy.reorderPoint + policy.orderQuantity : policy.type === 'R-S' ? policy.orderUpToLevel : policy.type === 'base-stock' ? policy.baseStockLevel : policy.S;
    let onHand = Math.max(input.initialOnHandUnits ?? topLevel, 0);
    let backorders = 0;
    const pipeline = new Map<number, number>(); // arrival period -> units
    let onOrder = 0;
    let stockoutSinceArrival = false;
    const batchSize = Math.ceil(periods / batches);
    let current = emptyAccumulator();
    for (let t = 0; t < warmup + periods; t++) {
      const measured = t >= warmup;
      const arriving = pipeline.get(t) ?? 0;
      if (arriving > 0) {
        pipeline.delete(t);
        onOrder -= arriving;
        if (measured) { current.cycles++; if (!stockoutSinceArrival) current.goodCycles++; }
        stockoutSinceArrival = false;
        onHand += arriving;
        const cleared = Math.min(onHand, backorders);
        onHand -= cleared;
        backorders -= cleared;
      }
      const demand = nextDemand(random, t - warmup);
      const served = Math.min(onHand, demand);
      onHand -= served;
      const unmet = demand - served;
      let lost = 0;
      if (unmet > 0) {
        stockoutSinceArrival = true;
        if (lostSales) lost = unmet; else backorders += unmet;
      }
      let ordered = 0;
      const reviewNow = (policy.type === 'R-S' || policy.type === 'R-s-S') ? (t + 1) % policy.reviewPeriods === 0 : true;
      if (reviewNow) {
        const position = onHand - backorders + onOrder;
        ordered = orderQuantity(policy, position);
        if (ordered > 0) {
          const leadTime = leadSd > 0 ? Math.max(0, Math.round(lead + leadSd * leadRandom.nextNormal())) : lead;
          const arrival = t + leadTime + 1;
          pipeline.set(arrival, (pipeline.get(arrival) ?? 0) + ordered);
          onOrder += ordered;
        }
      }
      if (measured) {
        current.periods++;
        current.demand += demand;
        current.served += served;
        current.onHand += onHand;
        current.backorders += backorders;
        if (ordered > 0) current.orders++;
        if (backorders === 0 && lost === 0) current.readyPeriods++;
        current.cost += h * onHand + p * (lostSales ? lost : backorders) + (ordered > 0 ? k : 0);
        totals.periods++;
        totals.demandUnits += demand;
        if (ordered > 0) totals.orders++;
        if (replications === 1 && current.periods >= batchSize) { samples.push(current); current = emptyAccumulator(); }
      }
    }
    if (current.periods > 0) samples.push(current);
  }
  // Interval bounds are clipped to what the measure can take: shares to [0, 1], the others to >= 0.
  const ci = (pick: (a: Accumulator) => number | undefined, upperLimit = Number.POSITIVE_INFINITY): ConfidenceInterval => {
    const interval = computeConfidenceInterval(samples.map(pick).filter((value): value is number => value !== undefined && Number.isFinite(value)), confidence);
    return { ...interval, lower: Math.max(interval.lower, 0), upper: Math.min(interval.upper, upperLimit) };
  };
  return {
    cycleServiceLevel: ci((a) => (a.cycles > 0 ? a.goodCycles / a.cycles : undefined), 1),
    readyRate: ci((a) => a.readyPeriods / a.periods, 1),
    fillRate: ci((a) => (a.demand > 0 ? a.served / a.demand : undefined), 1),
    averageOnHandUnits: ci((a) => a.onHand / a.periods),
    averageBackorderUnits: ci((a) => a.backorders / a.periods),
    ordersPerPeriod: ci((a) => a.orders / a.periods),
    costPerPeriod: ci((a) => a.cost / a.periods),
    totals,
  };
}

function emptyAccumulator(): Accumulator {
  return { cycles: 0, goodCycles: 0, readyPeriods: 0, periods: 0, demand: 0, served: 0, onHand: 0, backorders: 0, orders: 0, cost: 0 };
}

function orderQuantity(policy: SimulatedPolicy, position: number): number {
  switch (policy.type) {
    case 's-Q': {
      if (position > policy.reorderPoint) return 0;
      const lots = Math.floor((policy.reorderPoint - position) / policy.orderQuantity) + 1;
      return lots * policy.orderQuantity;
    }
    case 's-S':
    case 'R-s-S':
      return position <= policy.s ? policy.S - position : 0;
    case 'R-S':
      return Math.max(policy.orderUpToLevel - position, 0);
    case 'base-stock':
      return Math.max(policy.baseStockLevel - position, 0);
    default:
      return assertNever(policy, 'policy');
  }
}

function validatePolicy(policy: SimulatedPolicy): SimulatedPolicy {
  if (!policy || typeof policy !== 'object') throw new CoreError('invalid_input', 'policy is required', { path: 'policy' });
  switch (policy.type) {
    case 's-Q':
      finite(policy.reorderPoint, 'policy.reorderPoint');
      if (!(finite(policy.orderQuantity, 'policy.orderQuantity') > 0)) throw new CoreError('out_of_range', 'orderQuantity must be > 0', { path: 'policy.orderQuantity' });
      return policy;
    case 's-S':
    case 'R-s-S':
      if (policy.type === 'R-s-S' && nonNegativeInteger(policy.reviewPeriods, 'policy.reviewPeriods') < 1) throw new CoreError('out_of_range', 'reviewPeriods must be >= 1', { path: 'policy.reviewPeriods' });
      if (finite(policy.S, 'policy.S') <= finite(policy.s, 'policy.s')) throw new CoreError('out_of_range', 'S must exceed s', { path: 'policy.S' });
      return policy;
    case 'R-S':
      if (nonNegativeInteger(policy.reviewPeriods, 'policy.reviewPeriods') < 1) throw new CoreError('out_of_range', 'reviewPeriods must be >= 1', { path: 'policy.reviewPeriods' });
      finite(policy.orderUpToLevel, 'policy.orderUpToLevel');
      return policy;
    case 'base-stock':
      finite(policy.baseStockLevel, 'policy.baseStockLevel');
      return policy;
    default:
      throw new CoreError('invalid_input', `unknown policy type ${JSON.stringify((policy as { type?: unknown }).type)} (s-Q, s-S, R-S, R-s-S, base-stock)`, { path: 'policy.type' });
  }
}

function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new CoreError('not_finite', `expected a finite number, got ${JSON.stringify(value)}`, { path });
  return value;
}

function nonNegative(value: unknown, path: string): number {
  const number = finite(value, path);
  if (number < 0) throw new CoreError('negative_value', `must be >= 0, got ${number}`, { path });
  return number;
}

function nonNegativeInteger(value: unknown, path: string): number {
  const number = nonNegative(value, path);
  if (!Number.isInteger(number)) throw new CoreError('invalid_input', `must be a whole number, got ${number}`, { path });
  return number;
}
