import { describe, expect, it } from 'vitest';
import { checkRoutingSolution } from './check-routing-solution';
import { catchCoreError } from './internal/expect-core-error';
import { buildRandomInstance } from './internal/random-instance';
import { A_N32_K5_VRP, C101_25_TXT, R101_25_TXT } from './internal/test-instances';
import { parseRoutingJson } from './parse-routing-json';
import { parseSolomon } from './parse-solomon';
import { parseTsplibVrp } from './parse-tsplib-vrp';
import { planRoutes, planSavingsRoutes } from './plan-routes';
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

  it('keeps a feasible savings start when the time is up before any feasible offspring (tight windows)', () => {
    const instance = parseSolomon(R101_25_TXT);
    const savings = planSavingsRoutes(instance);
    expect(savings.status).toBe('feasible');
    // A clock that jumps 1 s per reading: the 0.5 s deadline has passed before the first move is tried.
    let clockMs = 0;
    const solution = planRoutes(instance, { seed: 1, timeLimitSeconds: 0.5, now: () => (clockMs += 1000) });
    expectValidPlan(instance, solution);
    expect(solution.cost).toBeLessThanOrEqual(savings.cost + 1e-9);
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

  it('plans driver breaks and pickups and deliveries (no longer refused: ruin and recreate) and refuses bad options and matrices with a clear code', () => {
    const instance = buildRandomInstance({ customerCount: 5, seed: 1, capacity: 10 });
    const withBreak: RoutingInstance = { ...instance, vehicleTypes: [{ ...instance.vehicleTypes[0]!, breaks: [{ duration: 30, earliestStart: 100, latestStart: 200 }] }] };
    expectValidPlan(withBreak, planRoutes(withBreak, { seed: 1, maxIterations: 20 }));
    const withPair: RoutingInstance = {
      ...instance,
      nodes: instance.nodes.map((node) => (node.id === 'c1' ? { ...node, pickupQuantity: 2, deliverToId: 'c2' } : node)),
      vehicleTypes: [{ ...instance.vehicleTypes[0]!, capacity: 30 }],
    };
    const paired = planRoutes(withPair, { seed: 1, maxIterations: 20 });
    expect(checkRoutingSolution(withPair, paired.routes, paired.cost).issues).toEqual([]);
    expect(catchCoreError(() => planRoutes(instance, { timeLimitSeconds: 2 })).code).toBe('invalid_input');
    const badMatrix: RoutingInstance = { ...instance, distanceMatrix: instance.distanceMatrix.slice(1) };
    expect(catchCoreError(() => planRoutes(badMatrix)).code).toBe('length_mismatch');
  });
});

describe('planSavingsRoutes (the construction that stands in when the search runs out of time)', () => {
  it('gives the checked Clarke–Wright plan of A-n32-k5: feasible, 5 routes, cost 842 (optimum 784)', () => {
    const instance = parseTsplibVrp(A_N32_K5_VRP);
    const solution = planSavingsRoutes(instance);
    expectValidPlan(instance, solution);
    expect([solution.cost, solution.vehicles, solution.iterations]).toEqual([842, 5, 0]);
  });
});

describe('planRoutes with several depots and vehicle types (decomposition)', () => {
  // Two depots 100 apart, three customers near each; D1 has two vans of 10, D2 a truck of 20 and a van of 8.
  const text = JSON.stringify({
    name: 'two-depots',
    distance: { kind: 'euclidean', rounding: 'none' },
    depots: [{ id: 'D1', x: 0, y: 0 }, { id: 'D2', x: 100, y: 0 }],
    stops: [
      { id: '1', x: 5, y: 10, demand: 4 }, { id: '2', x: -8, y: 3, demand: 6 }, { id: '3', x: 10, y: -7, demand: 5 },
      { id: '4', x: 95, y: 10, demand: 4 }, { id: '5', x: 108, y: 3, demand: 6 }, { id: '6', x: 90, y: -7, demand: 5 },
    ],
    vehicles: [
      { id: 'van', capacity: 10, count: 2, depotId: 'D1', fixedCost: 10 },
      { id: 'truck', capacity: 20, count: 1, depotId: 'D2', fixedCost: 30 },
      { id: 'small', capacity: 8, count: 1, depotId: 'D2', fixedCost: 5 },
    ],
  });

  /** Invariants: the checker passes on the whole instance, every stop once, the reported cost is the recomputed one. */
  function expectValidMixedPlan(instance: RoutingInstance, solution: RoutingSolution): void {
    const check = checkRoutingSolution(instance, solution.routes, solution.cost);
    expect(check.issues).toEqual([]);
    expect(solution.status).toBe('feasible');
    expect(solution.routes.flatMap((route) => route.stopIds).sort()).toEqual(instance.nodes.filter((node) => node.kind === 'customer').map((node) => node.id).sort());
    expect(solution.cost).toBeCloseTo(check.cost, 9);
    const typeOf = new Map(instance.vehicleTypes.map((type) => [type.id, type]));
    for (const route of solution.routes) {
      expect(route.load).toBeLessThanOrEqual(typeOf.get(route.vehicleTypeId)!.capacity);
      expect(route.depotId).toBe(typeOf.get(route.vehicleTypeId)!.depotId);
    }
    for (const type of instance.vehicleTypes) expect(solution.routes.filter((route) => route.vehicleTypeId === type.id).length).toBeLessThanOrEqual(type.count ?? Infinity);
  }

  it('serves each customer from its nearer depot and gives each route the cheapest type that carries it', () => {
    const instance = parseRoutingJson(text);
    const solution = planRoutes(instance, { seed: 1, maxIterations: 50 });
    expectValidMixedPlan(instance, solution);
    const depotOf = new Map(solution.routes.flatMap((route) => route.stopIds.map((id) => [id, route.depotId] as const)));
    expect(['1', '2', '3'].map((id) => depotOf.get(id))).toEqual(['D1', 'D1', 'D1']);
    expect(['4', '5', '6'].map((id) => depotOf.get(id))).toEqual(['D2', 'D2', 'D2']);
    // D1: 15 units need both vans (10 each); D2: 15 units in the truck alone beat truck + small van on fixed cost.
    expect(solution.routes.filter((route) => route.depotId === 'D1').map((route) => route.vehicleTypeId)).toEqual(['van', 'van']);
    expect(solution.routes.filter((route) => route.depotId === 'D2').map((route) => route.vehicleTypeId)).toEqual(['truck']);
    // Same seed and iteration limit, same plan.
    expect(planRoutes(instance, { seed: 1, maxIterations: 50 })).toEqual(solution);
  });

  it('passes customers to the next depot when the nearer one has no capacity left, and one depot with two types works too', () => {
    const instance = parseRoutingJson(text);
    // D1 keeps one van of 10: 15 units cannot all stay there.
    const short: RoutingInstance = { ...instance, vehicleTypes: instance.vehicleTypes.map((type) => (type.id === 'van' ? { ...type, count: 1 } : type)) };
    const solution = planRoutes(short, { seed: 2, maxIterations: 50 });
    expectValidMixedPlan(short, solution);
    expect(solution.routes.filter((route) => route.depotId === 'D1').reduce((sum, route) => sum + route.load, 0)).toBeLessThanOrEqual(10);
    const oneDepot = buildRandomInstance({ customerCount: 30, seed: 4, capacity: 50 });
    const mixed: RoutingInstance = { ...oneDepot, vehicleTypes: [{ ...oneDepot.vehicleTypes[0]!, id: 'big', capacity: 100, fixedCost: 40, count: null }, { ...oneDepot.vehicleTypes[0]!, id: 'small', capacity: 30, fixedCost: 10, count: 3 }] };
    const plan = planRoutes(mixed, { seed: 1, maxIterations: 100 });
    expectValidMixedPlan(mixed, plan);
  });
});
