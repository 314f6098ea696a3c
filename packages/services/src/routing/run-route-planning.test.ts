import { describe, expect, it } from 'vitest';
import { checkRoutingSolution, CoreError, parseRoutingJson, type RoutingSolution } from '@flowpilot/core';
import { pickBest, runRoutePlanning } from './run-route-planning';

const instanceText = JSON.stringify({
  name: 'grid',
  distance: { kind: 'euclidean', rounding: 'none' },
  depots: [{ id: 'D', x: 0, y: 0 }],
  stops: Array.from({ length: 12 }, (_, k) => ({ id: `S${k + 1}`, x: (k % 4) * 10 - 15, y: Math.floor(k / 4) * 10 - 10, demand: 3 })),
  vehicles: [{ id: 'van', capacity: 10, count: 6 }],
});

describe('runRoutePlanning', () => {
  it('runs two seeded searches in worker threads and returns the best checked plan', async () => {
    const instance = parseRoutingJson(instanceText);
    const result = await runRoutePlanning({ instance, seed: 3, maxIterations: 30, threadCount: 2 });
    expect(result.threads.map((thread) => thread.seed)).toEqual([3, 4]);
    expect(result.status).toBe('feasible');
    expect(checkRoutingSolution(instance, result.routes, result.cost).issues).toEqual([]);
    expect(result.cost).toBe(Math.min(...result.threads.map((thread) => thread.cost)));
  });

  it('turns a core error inside a worker back into a CoreError', async () => {
    const instance = parseRoutingJson(instanceText);
    instance.vehicleTypes.push({ ...instance.vehicleTypes[0]!, id: 'truck' });
    await expect(runRoutePlanning({ instance, maxIterations: 5, threadCount: 1 })).rejects.toBeInstanceOf(CoreError);
  });

  it('prefers feasible, then fewer vehicles (hierarchical objective), then cost, then seed', () => {
    const base: RoutingSolution = { status: 'feasible', objective: 'distance', cost: 100, distance: 100, vehicles: 3, routes: [], exceptions: [], iterations: 1, seed: 1 };
    const cheaperInfeasible = { ...base, status: 'infeasible' as const, cost: 50, seed: 2 };
    const fewerVehicles = { ...base, vehicles: 2, cost: 120, seed: 3 };
    expect(pickBest([cheaperInfeasible, base], 'distance').seed).toBe(1);
    expect(pickBest([base, fewerVehicles], 'distance').seed).toBe(1);
    expect(pickBest([base, fewerVehicles], 'vehicles-then-distance').seed).toBe(3);
    expect(pickBest([{ ...base, seed: 9 }, { ...base, seed: 4 }], 'distance').seed).toBe(4);
  });
});
