import { describe, expect, it } from 'vitest';
import { runPolicySimulations, type PolicySimulationTask } from './run-policy-simulations';

describe('runPolicySimulations', () => {
  const tasks: PolicySimulationTask[] = [10, 20, 30].map((mean, index) => ({
    itemId: `item-${index}`,
    policy: { type: 'base-stock', baseStockLevel: Math.round(mean * 2.5) },
    demand: { distribution: { distribution: 'poisson', meanPerPeriod: mean } },
    leadTimePeriods: 1, periods: 500, replications: 4, seed: 100 + index,
  }));
  it('gives the same results on worker threads as in process, in input order, with progress', async () => {
    const progress: number[] = [];
    const parallel = await runPolicySimulations(tasks, { threadCount: 2, onProgress: (done) => progress.push(done) });
    const serial = await runPolicySimulations(tasks, { threadCount: 1 });
    expect(parallel.map((outcome) => outcome.itemId)).toEqual(['item-0', 'item-1', 'item-2']);
    expect(parallel).toEqual(serial);
    expect(progress.at(-1)).toBe(3);
  });
});
