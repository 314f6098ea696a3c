import { describe, expect, it } from 'vitest';
import { createRandom } from '../shared/random';
import { computeSafetyStock, computeSsPolicyCost, planSsPolicy, type DemandDistribution } from '../inventory/index';
import { simulateInventoryPolicy } from './simulate-inventory-policy';
import { compareInventoryPolicies } from './compare-inventory-policies';
import { fitDemandDistribution } from './fit-demand-distribution';

describe('simulateInventoryPolicy', () => {
  it('(s,S) = (6,40) on Poisson(10): simulated cost interval contains the exact 35.022 (Zheng & Federgruen 1991, instance 1)', () => {
    const result = simulateInventoryPolicy({
      policy: { type: 's-S', s: 6, S: 40 },
      demand: { distribution: { distribution: 'poisson', meanPerPeriod: 10 } },
      leadTimePeriods: 0, holdingCostPerUnitPerPeriod: 1, stockoutCostPerUnitPerPeriod: 9, orderCost: 64,
      periods: 4000, replications: 20, seed: 11, confidenceLevel: 0.99,
    });
    expect(result.costPerPeriod.lower).toBeLessThanOrEqual(35.022);
    expect(result.costPerPeriod.upper).toBeGreaterThanOrEqual(35.022);
    const exact = computeSsPolicyCost({ demand: { distribution: 'poisson', meanPerPeriod: 10 }, holdingCostPerUnitPerPeriod: 1, stockoutCostPerUnitPerPeriod: 9, orderCost: 64, s: 6, S: 40 });
    expect(Math.abs(result.fillRate.mean - exact.fillRate)).toBeLessThan(3 * result.fillRate.halfWidth + 1e-3);
    expect(Math.abs(result.ordersPerPeriod.mean - exact.ordersPerPeriod)).toBeLessThan(3 * result.ordersPerPeriod.halfWidth + 1e-3);
  });

  it('is deterministic for a seed and changes with the seed', () => {
    const input = { policy: { type: 'base-stock' as const, baseStockLevel: 30 }, demand: { distribution: { distribution: 'gamma' as const, meanPerPeriod: 10, standardDeviationPerPeriod: 6 } }, leadTimePeriods: 1, periods: 300, replications: 3, seed: 5 };
    expect(simulateInventoryPolicy(input)).toEqual(simulateInventoryPolicy(input));
    expect(simulateInventoryPolicy({ ...input, seed: 6 }).fillRate.mean).not.toBe(simulateInventoryPolicy(input).fillRate.mean);
  });

  // Done-when criterion: on generated items, safety stocks computed for alpha and beta reach their targets
  // within the simulation's confidence interval. 16 checks at 99.9 % keep the chance of a false alarm near 1.6 %.
  it('computed safety stocks reach their cycle-service and fill-rate targets on generated items', () => {
    const random = createRandom(20261124);
    const families: ((mean: number) => DemandDistribution)[] = [
      (mean) => ({ distribution: 'normal', meanPerPeriod: mean, standardDeviationPerPeriod: 0.25 * mean }),
      (mean) => ({ distribution: 'gamma', meanPerPeriod: mean, standardDeviationPerPeriod: 0.6 * mean }),
      (mean) => ({ distribution: 'poisson', meanPerPeriod: mean }),
      (mean) => ({ distribution: 'negative-binomial', meanPerPeriod: mean, standardDeviationPerPeriod: 1.5 * Math.sqrt(mean) }),
    ];
    for (let item = 0; item < 8; item++) {
      const demand = families[item % families.length]!(20 + random.nextInt(0, 60));
      const leadTime = random.nextInt(0, 4);
      const review = 1 + random.nextInt(0, 2);
      const targets = [{ cycleServiceLevel: 0.85 + 0.1 * random.next() }, { fillRate: 0.9 + 0.08 * random.next() }];
      for (const target of targets) {
        const stock = computeSafetyStock({ demand, leadTime: { meanPeriods: leadTime }, reviewPeriods: review, target });
        const simulated = simulateInventoryPolicy({
          policy: { type: 'R-S', reviewPeriods: review, orderUpToLevel: stock.reorderLevel },
          demand: { distribution: demand }, leadTimePeriods: leadTime,
          periods: 3000, replications: 20, seed: 1000 + item, confidenceLevel: 0.999,
        });
        // Discrete demand rounds the level up, so the promised service is the one the level actually gives.
        const promised = 'cycleServiceLevel' in target ? stock.cycleServiceLevel : stock.fillRate;
        const interval = 'cycleServiceLevel' in target ? simulated.cycleServiceLevel : simulated.fillRate;
        const label = `item ${item} ${demand.distribution} L=${leadTime} R=${review} ${JSON.stringify(target)}: promised ${promised.toFixed(4)}, simulated ${interval.mean.toFixed(4)} ± ${interval.halfWidth.toFixed(4)}`;
        expect(promised, label).toBeGreaterThanOrEqual(interval.lower);
        expect(promised, label).toBeLessThanOrEqual(interval.upper);
        const requested: number = 'cycleServiceLevel' in target ? target.cycleServiceLevel! : target.fillRate!;
        expect(interval.upper, label).toBeGreaterThanOrEqual(requested);
      }
    }
  });

  it('replays a history (trace-driven) with batch-means intervals and lost sales', () => {
    const history = [5, 0, 12, 7, 3, 9, 4, 0, 15, 6, 8, 2];
    const result = simulateInventoryPolicy({ policy: { type: 's-Q', reorderPoint: 8, orderQuantity: 20 }, demand: { history }, leadTimePeriods: 1, unmetDemand: 'lost-sales', periods: 120, batches: 10, seed: 1 });
    expect(result.totals.demandUnits).toBe(10 * history.reduce((a, b) => a + b, 0));
    expect(result.fillRate.samples).toBe(10);
    expect(result.averageBackorderUnits.mean).toBe(0);
  });

  it('bootstraps a history into independent replications', () => {
    const history = [5, 0, 12, 7, 3, 9, 4, 0, 15, 6, 8, 2];
    const result = simulateInventoryPolicy({ policy: { type: 'R-S', reviewPeriods: 1, orderUpToLevel: 25 }, demand: { history, sampling: 'bootstrap' }, leadTimePeriods: 1, periods: 2000, replications: 10, seed: 4 });
    expect(result.fillRate.samples).toBe(10);
    // Mean of the history is 5.9 per period.
    expect(result.totals.demandUnits / result.totals.periods).toBeGreaterThan(5.5);
    expect(result.totals.demandUnits / result.totals.periods).toBeLessThan(6.3);
  });

  it('rejects an unknown policy and S <= s', () => {
    const demand = { distribution: { distribution: 'poisson' as const, meanPerPeriod: 3 } };
    expect(() => simulateInventoryPolicy({ policy: { type: 'kanban' } as never, demand, leadTimePeriods: 0, seed: 1 })).toThrow(/unknown policy/);
    expect(() => simulateInventoryPolicy({ policy: { type: 's-S', s: 5, S: 5 }, demand, leadTimePeriods: 0, seed: 1 })).toThrow(/S must exceed s/);
  });
});

describe('fitDemandDistribution and compareInventoryPolicies', () => {
  it('fits Poisson to [8, 12, 10, 9, 11] (mean 10, variance 2.5) and gamma to spread-out real values', () => {
    expect(fitDemandDistribution([8, 12, 10, 9, 11])).toEqual({ distribution: 'poisson', meanPerPeriod: 10 });
    expect(fitDemandDistribution([0.5, 10.2, 3.1, 0, 25.7]).distribution).toBe('gamma');
    expect(() => fitDemandDistribution([3])).toThrow(/two periods/);
  });
  it('ranks policies by simulated cost on common random numbers', () => {
    const rows = compareInventoryPolicies({
      policies: [{ name: 'far too much stock', policy: { type: 's-S', s: 60, S: 120 } }, { name: 'Z&F optimum', policy: { type: 's-S', s: 6, S: 40 } }],
      demand: { distribution: { distribution: 'poisson', meanPerPeriod: 10 } },
      leadTimePeriods: 0, holdingCostPerUnitPerPeriod: 1, stockoutCostPerUnitPerPeriod: 9, orderCost: 64, periods: 500, replications: 5, seed: 3,
    });
    expect(rows.map((row) => row.name)).toEqual(['Z&F optimum', 'far too much stock']);
  });
});

describe('(s,S) with lead time and review period: exact renewal cost vs simulation', () => {
  // planSsPolicy extends Zheng–Federgruen to L > 0 and R > 1 (costs over periods L+1..L+R of each review cycle);
  // the simulation is an independent check of that model.
  for (const [leadTime, review] of [[2, 1], [1, 2], [0, 3]] as const) {
    it(`L = ${leadTime}, R = ${review}: simulated cost, fill rate and order rate contain the computed ones`, () => {
      const base = { demand: { distribution: 'negative-binomial' as const, meanPerPeriod: 8, standardDeviationPerPeriod: 4 }, holdingCostPerUnitPerPeriod: 1, stockoutCostPerUnitPerPeriod: 19, orderCost: 40, leadTimePeriods: leadTime, reviewPeriods: review };
      const plan = planSsPolicy(base);
      const simulated = simulateInventoryPolicy({
        policy: review === 1 ? { type: 's-S', s: plan.s, S: plan.S } : { type: 'R-s-S', reviewPeriods: review, s: plan.s, S: plan.S },
        demand: { distribution: base.demand }, leadTimePeriods: leadTime,
        holdingCostPerUnitPerPeriod: 1, stockoutCostPerUnitPerPeriod: 19, orderCost: 40,
        periods: 6000, replications: 20, seed: 77 + leadTime * 10 + review, confidenceLevel: 0.999,
      });
      for (const [name, value, interval] of [['cost', plan.costPerPeriod, simulated.costPerPeriod], ['fill rate', plan.fillRate, simulated.fillRate], ['orders', plan.ordersPerPeriod, simulated.ordersPerPeriod], ['on hand', plan.averageOnHandUnits, simulated.averageOnHandUnits]] as const) {
        expect(value, `${name}: ${value} vs ${interval.mean} ± ${interval.halfWidth}`).toBeGreaterThanOrEqual(interval.lower);
        expect(value, `${name}: ${value} vs ${interval.mean} ± ${interval.halfWidth}`).toBeLessThanOrEqual(interval.upper);
      }
    });
  }
});
