import { describe, expect, it } from 'vitest';
import { checkRoutingSolution } from './check-routing-solution';
import { catchCoreError } from './internal/expect-core-error';
import { buildRandomInstance } from './internal/random-instance';
import { A_N32_K5_VRP, C101_25_TXT, R101_25_TXT } from './internal/test-instances';
import { parseRoutingJson } from './parse-routing-json';
import { parseSolomon } from './parse-solomon';
import { parseTsplibVrp } from './parse-tsplib-vrp';
import { planRoutes } from './plan-routes';
import type { RoutingInstance, RoutingSolution } from './types';

/** Invariants every returned plan must satisfy. */
function expectValidPlan(instance: RoutingInstance, solution: RoutingSolution): void {
  const check = checkRoutingSolution(instance, solution.routes, solution.cost);
  expect(check.issues).toEqual([]);
  expect(solution.status).toBe('feasible');
  const visited = solution.routes.flatMap((route) => route.stopIds).sort();
  const customers = instance.nodes.filter((node) => node.kind === 'customer').map((node) => node.id).sort();
  expect(visited).toEqual(customers);
  expect(solution.vehicles).toBe(solution.routes.length);
  expect(solution.cost).toBeCloseTo(check.cost, 9);
  for (const route of solution.routes) expect(route.load).toBeLessThanOrEqual(instance.vehicleTypes[0]!.capacity);
}

describe('planRoutes', () => {
  it('finds the proven optimum 784 with 5 routes on CVRPLIB A-n32-k5 (Augerat et al. 1995)', () => {
    const instance = parseTsplibVrp(A_N32_K5_VRP);
    const solution = planRoutes(instance, { seed: 1, maxIterations: 300 });
    expectValidPlan(instance, solution);
    expect(solution.cost).toBe(784);
    expect(solution.vehicles).toBe(5);
  });

  it('solves Solomon C101 with 25 customers to its optimum 191.81 with 3 vehicles (real distances; 191.3 with Kohl et al. 1999 truncation)', () => {
    const instance = parseSolomon(C101_25_TXT);
    const solution = planRoutes(instance, { seed: 3, maxIterations: 200 });
    expectValidPlan(instance, solution);
    expect(solution.vehicles).toBe(3);
    expect(solution.cost).toBeCloseTo(191.81, 2);
  });

  it('serves every Solomon R101.25 customer within its window (optimum 617.1 with truncated distances, Kohl et al. 1999)', () => {
    const instance = parseSolomon(R101_25_TXT);
    const solution = planRoutes(instance, { seed: 5, maxIterations: 200 });
    expectValidPlan(instance, solution);
    expect(solution.cost).toBeGreaterThanOrEqual(617.1);
    expect(solution.cost).toBeLessThan(617.1 * 1.01);
  });

  it('is deterministic for a seed and an iteration limit', () => {
    const instance = buildRandomInstance({ customerCount: 40, seed: 11, capacity: 40, withTimeWindows: true });
    const first = planRoutes(instance, { seed: 7, maxIterations: 60 });
    const second = planRoutes(instance, { seed: 7, maxIterations: 60 });
    expect(second).toEqual(first);
  });

  it.each([
    { name: 'CVRP', options: { customerCount: 45, seed: 1, capacity: 35 } },
    { name: 'VRPTW', options: { customerCount: 45, seed: 2, capacity: 50, withTimeWindows: true } },
    { name: 'duration limit + fixed and per-distance costs', options: { customerCount: 35, seed: 3, capacity: 60, maxRouteDuration: 260, fixedCost: 100, costPerDistance: 1.7 } },
  ])('returns a checked feasible plan whose cost is the recomputed cost ($name)', ({ options }) => {
    const instance = buildRandomInstance(options);
    const solution = planRoutes(instance, { seed: 4, maxIterations: 80 });
    expectValidPlan(instance, solution);
    const type = instance.vehicleTypes[0]!;
    expect(solution.cost).toBeCloseTo(solution.routes.length * type.fixedCost + type.costPerDistance * solution.distance, 9);
    for (const route of solution.routes) if (type.maxRouteDuration !== null) expect(route.duration).toBeLessThanOrEqual(type.maxRouteDuration + 1e-6);
  });

  it('uses no more vehicles with vehicles-then-distance than with distance', () => {
    const instance = buildRandomInstance({ customerCount: 40, seed: 21, capacity: 100, withTimeWindows: true });
    const byDistance = planRoutes(instance, { seed: 1, maxIterations: 150 });
    const byVehicles = planRoutes(instance, { seed: 1, maxIterations: 150, objective: 'vehicles-then-distance' });
    expectValidPlan(instance, byVehicles);
    expect(byVehicles.objective).toBe('vehicles-then-distance');
    expect(byVehicles.vehicles).toBeLessThanOrEqual(byDistance.vehicles);
  });

  it('splits the load when a high fixed vehicle cost tempts the search to overload one vehicle (haversine JSON)', () => {
    const instance = parseRoutingJson(JSON.stringify({
      distance: { kind: 'haversine', roadFactor: 1.3, speedKmPerHour: 30 },
      depots: [{ id: 'DEPOT', lat: 48.8566, lon: 2.3522, openMinute: 360, closeMinute: 1200 }],
      stops: [
        { id: 'C1', lat: 48.8666, lon: 2.3522, demand: 4, serviceMinutes: 10, windowStartMinute: 480, windowEndMinute: 600 },
        { id: 'C2', lat: 48.8466, lon: 2.3622, demand: 3 },
        { id: 'C3', lat: 48.8766, lon: 2.3322, demand: 5, serviceMinutes: 15 },
        { id: 'C4', lat: 48.8366, lon: 2.3822, demand: 2, windowStartMinute: 600, windowEndMinute: 660 },
        { id: 'C5', lat: 48.8566, lon: 2.3922, demand: 6 },
      ],
      vehicles: [{ id: 'van', count: 3, capacity: 10, fixedCost: 40, costPerDistance: 0.5, maxRouteMinutes: 480 }],
    }));
    for (const seed of [1, 2, 3]) {
      const solution = planRoutes(instance, { seed, maxIterations: 10 });
      expectValidPlan(instance, solution);
      expect(solution.vehicles).toBe(2);
    }
  });

  it('returns an infeasible plan as data when a stop cannot be served', () => {
    const instance = buildRandomInstance({ customerCount: 6, seed: 5, capacity: 8 });
    instance.nodes[3]!.demand = 20;
    const solution = planRoutes(instance, { seed: 1, maxIterations: 20 });
    expect(solution.status).toBe('infeasible');
    expect(solution.exceptions.map((issue) => issue.kind)).toContain('capacity_exceeded');
  });

  it('handles a single customer and respects the time limit with an injected clock', () => {
    const instance = buildRandomInstance({ customerCount: 1, seed: 9, capacity: 10 });
    let clock = 0;
    const solution = planRoutes(instance, { seed: 1, timeLimitSeconds: 1, now: () => (clock += 100) });
    expectValidPlan(instance, solution);
    expect(solution.routes).toHaveLength(1);
  });

  it('refuses what the search does not support, with a clear code', () => {
    const instance = buildRandomInstance({ customerCount: 5, seed: 1, capacity: 10 });
    const twoTypes: RoutingInstance = { ...instance, vehicleTypes: [...instance.vehicleTypes, { ...instance.vehicleTypes[0]!, id: 'big', capacity: 20 }] };
    expect(catchCoreError(() => planRoutes(twoTypes)).code).toBe('unsupported');
    const withBreak: RoutingInstance = { ...instance, vehicleTypes: [{ ...instance.vehicleTypes[0]!, breaks: [{ duration: 30, earliestStart: 100, latestStart: 200 }] }] };
    expect(catchCoreError(() => planRoutes(withBreak)).code).toBe('unsupported');
    expect(catchCoreError(() => planRoutes(instance, { timeLimitSeconds: 2 })).code).toBe('invalid_input');
    const badMatrix: RoutingInstance = { ...instance, distanceMatrix: instance.distanceMatrix.slice(1) };
    expect(catchCoreError(() => planRoutes(badMatrix)).code).toBe('length_mismatch');
  });
});
