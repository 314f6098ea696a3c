import { describe, expect, it } from 'vitest';
import { checkRoutingSolution, CoreError, parseRoutingJson, planSavingsRoutes, type RoutingSolution } from '@flowpilot/core';
import { computeTimeLimitGraceSeconds, pickBest, runRoutePlanning } from './run-route-planning';

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
    // Driver breaks are planned now (ruin and recreate): a vehicle at an unknown depot is refused inside the worker.
    instance.vehicleTypes[0] = { ...instance.vehicleTypes[0]!, depotId: 'NOWHERE' };
    await expect(runRoutePlanning({ instance, maxIterations: 5, threadCount: 1 })).rejects.toMatchObject({ code: 'unknown_reference' });
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

describe('runRoutePlanning time limit', () => {
  // 150 stops with tight time windows around a depot: far more search than the limit allows.
  const stops = Array.from({ length: 150 }, (_, k) => {
    const angle = (k * 2.399963) % (2 * Math.PI);
    const radius = 5 + ((k * 37) % 60);
    const start = 70 + ((k * 53) % 400);
    return { id: `S${k + 1}`, x: Math.round(radius * Math.cos(angle)), y: Math.round(radius * Math.sin(angle)), demand: 1 + (k % 9), windowStartMinute: start, windowEndMinute: start + 60, serviceMinutes: 10 };
  });
  const busy = parseRoutingJson(JSON.stringify({ name: 'busy', distance: { kind: 'euclidean', rounding: 'none' }, depots: [{ id: 'D', x: 0, y: 0 }], stops, vehicles: [{ id: 'van', capacity: 40, count: null }] }));

  it('returns within the limit plus its grace, start-up and construction included, with a checked plan', async () => {
    for (const timeLimitSeconds of [0.2, 1]) {
      const started = Date.now();
      const result = await runRoutePlanning({ instance: busy, seed: 1, timeLimitSeconds, threadCount: 2 });
      const wallSeconds = (Date.now() - started) / 1000;
      // Loose bound (test files share a 2-core CI machine): limit + grace + 3 s for start-up and hand-back; it catches an
      // overrun of several times the limit, not a slow machine. Speed targets live in bench/routing.
      const bound = timeLimitSeconds + computeTimeLimitGraceSeconds(timeLimitSeconds) + 3;
      expect(result.elapsedSeconds).toBeLessThanOrEqual(bound);
      expect(wallSeconds).toBeLessThanOrEqual(bound);
      // Whether the threads answered or the savings plan stood in, every stop is served once and the cost is the checker's.
      expect(result.threads.length).toBe(result.stoppedAtTimeLimit ? 0 : 2);
      const check = checkRoutingSolution(busy, result.routes, result.cost);
      expect(check.issues.filter((issue) => issue.kind === 'cost_mismatch' || issue.kind === 'stop_missing' || issue.kind === 'stop_repeated')).toEqual([]);
      expect(result.routes.flatMap((route) => route.stopIds).sort()).toEqual(stops.map((stop) => stop.id).sort());
    }
  });

  it('the savings plan that stands in is checked like a search result', () => {
    const fallback = planSavingsRoutes(busy);
    expect(fallback.iterations).toBe(0);
    expect(fallback.status).toBe('feasible');
    expect(checkRoutingSolution(busy, fallback.routes, fallback.cost).issues).toEqual([]);
  });
});
