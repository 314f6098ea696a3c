import { describe, expect, it, vi } from 'vitest';
import { checkRoutingSolution } from './check-routing-solution';
import * as richSearch from './internal/plan-rich-routes';
import { buildRandomInstance } from './internal/random-instance';
import { buildRandomRichInstance, type RandomRichInstanceOptions } from './internal/random-rich-instance';
import { planRoutes, planSavingsRoutes } from './plan-routes';
import { parseRoutingJson } from './parse-routing-json';
import type { RoutingInstance, RoutingSolution } from './types';

// Count the dispatches to the ruin-and-recreate search while keeping its behaviour.
vi.mock('./internal/plan-rich-routes', async (importOriginal) => {
  const original = await importOriginal<typeof import('./internal/plan-rich-routes')>();
  return { ...original, planRichRoutes: vi.fn(original.planRichRoutes) };
});

/**
 * Invariants of a plan with pickups and deliveries and breaks, checked here apart from the search: the checker finds
 * no issue (breaks scheduled, windows, load, duration, fleet), every stop is served once, each pickup comes before
 * its delivery on the same route, and the reported cost is the recomputed one.
 */
function expectValidRichPlan(instance: RoutingInstance, solution: RoutingSolution): void {
  const check = checkRoutingSolution(instance, solution.routes, solution.cost);
  expect(check.issues).toEqual([]);
  expect(solution.status).toBe('feasible');
  const visited = solution.routes.flatMap((route) => route.stopIds);
  expect([...visited].sort()).toEqual(instance.nodes.filter((node) => node.kind === 'customer').map((node) => node.id).sort());
  const where = new Map(solution.routes.flatMap((route, r) => route.stopIds.map((id, position) => [id, { r, position }] as const)));
  for (const node of instance.nodes) {
    if (node.deliverToId === undefined) continue;
    const pickup = where.get(node.id)!;
    const delivery = where.get(node.deliverToId)!;
    expect(pickup.r).toBe(delivery.r);
    expect(pickup.position).toBeLessThan(delivery.position);
  }
  const typeOf = new Map(instance.vehicleTypes.map((type) => [type.id, type]));
  const recomputed = solution.routes.reduce((sum, route) => sum + typeOf.get(route.vehicleTypeId)!.fixedCost + typeOf.get(route.vehicleTypeId)!.costPerDistance * route.distance, 0);
  expect(solution.cost).toBeCloseTo(recomputed, 9);
  expect(solution.cost).toBeCloseTo(check.cost, 9);
  expect(solution.vehicles).toBe(solution.routes.length);
}

const lunch = { duration: 30, earliestStart: 300, latestStart: 450 };

describe('planRoutes with driver breaks and pickups and deliveries (ruin and recreate)', () => {
  it.each<{ name: string; options: RandomRichInstanceOptions }>([
    { name: 'pickups and deliveries, capacity only', options: { customerCount: 40, seed: 1, capacity: 30, pairCount: 15 } },
    { name: 'pickups and deliveries with time windows', options: { customerCount: 40, seed: 2, capacity: 40, withTimeWindows: true, pairCount: 15 } },
    { name: 'driver breaks with time windows', options: { customerCount: 40, seed: 3, capacity: 50, withTimeWindows: true, breaks: [lunch] } },
    { name: 'breaks, pairs, a duration limit, fixed and per-distance costs', options: { customerCount: 35, seed: 4, capacity: 60, pairCount: 8, maxRouteDuration: 420, fixedCost: 50, costPerDistance: 1.7, breaks: [{ duration: 20, earliestStart: 120, latestStart: 200 }] } },
  ])('returns a checked feasible plan ($name)', ({ options }) => {
    const instance = buildRandomRichInstance(options);
    const solution = planRoutes(instance, { seed: 4, maxIterations: 150 });
    expectValidRichPlan(instance, solution);
    expect(solution.iterations).toBe(150);
    // The search improves on its own construction.
    expect(solution.cost).toBeLessThanOrEqual(planSavingsRoutes(instance, { seed: 4 }).cost + 1e-9);
    const type = instance.vehicleTypes[0]!;
    for (const route of solution.routes) if (type.maxRouteDuration !== null) expect(route.duration).toBeLessThanOrEqual(type.maxRouteDuration + 1e-6);
  });

  it('is deterministic for a seed and an iteration limit', () => {
    const instance = buildRandomRichInstance({ customerCount: 30, seed: 11, capacity: 40, withTimeWindows: true, pairCount: 10, breaks: [lunch] });
    const first = planRoutes(instance, { seed: 7, maxIterations: 80 });
    expect(planRoutes(instance, { seed: 7, maxIterations: 80 })).toEqual(first);
  });

  // Depot at 0, pickups P1 at 1 and P2 at 2 delivered at D1 = 3 and D2 = 4, one unit each, distance = |x − y|.
  const twoPairs = (capacity: number, count: number) => JSON.stringify({
    distance: { kind: 'euclidean' },
    depots: [{ id: 'depot', x: 0, y: 0 }],
    stops: [
      { id: 'P1', x: 1, y: 0, pickupQuantity: 1, deliverToId: 'D1' }, { id: 'P2', x: 2, y: 0, pickupQuantity: 1, deliverToId: 'D2' },
      { id: 'D1', x: 3, y: 0 }, { id: 'D2', x: 4, y: 0 },
    ],
    vehicles: [{ id: 'van', capacity, count, fixedCost: 0 }],
  });

  it('finds the optimum of two pairs on a line: 8 with room for both, P1 D1 P2 D2 = 10 with room for one', () => {
    // Any route reaching x = 4 and back drives at least 8: out 0→4 and back without turning in between, so the
    // pickups at 1 and 2 on the way out (before their deliveries) and D1 at 3 on the way out or back.
    const roomy = parseRoutingJson(twoPairs(2, 1));
    const both = planRoutes(roomy, { seed: 1, maxIterations: 20 });
    expectValidRichPlan(roomy, both);
    expect([['P1', 'P2', 'D1', 'D2'], ['P1', 'P2', 'D2', 'D1']]).toContainEqual(both.routes[0]!.stopIds);
    expect(both.cost).toBe(8);
    // Capacity 1, one vehicle: a pair must be delivered before the next pickup; 0→1→3→2→4→0 = 10 beats
    // 0→2→4→1→3→0 = 12 (P2 first); with two vans 0→1→3→0 + 0→2→4→0 = 14 would cost more still.
    const tight = parseRoutingJson(twoPairs(1, 1));
    const one = planRoutes(tight, { seed: 1, maxIterations: 20 });
    expectValidRichPlan(tight, one);
    expect(one.routes.map((route) => route.stopIds)).toEqual([['P1', 'D1', 'P2', 'D2']]);
    expect(one.cost).toBe(10);
    expect(planRoutes(parseRoutingJson(twoPairs(1, 2)), { seed: 1, maxIterations: 20 }).cost).toBe(10);
  });

  it('sends an instance with neither breaks nor pairs to the genetic search, and one with them to ruin and recreate', () => {
    const dispatched = vi.mocked(richSearch.planRichRoutes);
    dispatched.mockClear();
    const plain = buildRandomInstance({ customerCount: 12, seed: 3, capacity: 30 });
    expect(planRoutes(plain, { seed: 1, maxIterations: 10 }).status).toBe('feasible');
    expect(planSavingsRoutes(plain).status).toBe('feasible');
    expect(dispatched).not.toHaveBeenCalled();
    const withBreak: RoutingInstance = { ...plain, vehicleTypes: [{ ...plain.vehicleTypes[0]!, breaks: [{ duration: 30, earliestStart: 100, latestStart: 200 }] }] };
    expectValidRichPlan(withBreak, planRoutes(withBreak, { seed: 1, maxIterations: 10 }));
    expect(dispatched).toHaveBeenCalledTimes(1);
  });

  it('uses no more vehicles with vehicles-then-distance, and never more than the fleet', () => {
    const instance = buildRandomRichInstance({ customerCount: 40, seed: 21, capacity: 60, withTimeWindows: true, pairCount: 12, breaks: [lunch] });
    const byDistance = planRoutes(instance, { seed: 1, maxIterations: 150 });
    const byVehicles = planRoutes(instance, { seed: 1, maxIterations: 150, objective: 'vehicles-then-distance' });
    expectValidRichPlan(instance, byVehicles);
    expect(byVehicles.objective).toBe('vehicles-then-distance');
    expect(byVehicles.vehicles).toBeLessThanOrEqual(byDistance.vehicles);
    const limited: RoutingInstance = { ...instance, vehicleTypes: [{ ...instance.vehicleTypes[0]!, count: byVehicles.vehicles }] };
    const plan = planRoutes(limited, { seed: 2, maxIterations: 100 });
    expectValidRichPlan(limited, plan);
    expect(plan.vehicles).toBeLessThanOrEqual(byVehicles.vehicles);
  });

  it('plans pairs with two depots and two vehicle types natively (no pair split between depots)', () => {
    const instance = parseRoutingJson(JSON.stringify({
      distance: { kind: 'euclidean' },
      depots: [{ id: 'W', x: 0, y: 0 }, { id: 'E', x: 100, y: 0 }],
      stops: [
        { id: 'a', x: 10, y: 5, pickupQuantity: 4, deliverToId: 'b' }, { id: 'b', x: 90, y: 5 },
        { id: 'c', x: 5, y: -5, demand: 3 }, { id: 'd', x: 95, y: -5, demand: 3 },
        { id: 'e', x: 92, y: 8, pickupQuantity: 6, deliverToId: 'f' }, { id: 'f', x: 8, y: 8 },
      ],
      vehicles: [{ id: 'van', capacity: 8, count: 2, depotId: 'W', fixedCost: 20 }, { id: 'truck', capacity: 12, count: 1, depotId: 'E', fixedCost: 30 }],
    }));
    const solution = planRoutes(instance, { seed: 1, maxIterations: 100 });
    expectValidRichPlan(instance, solution);
    for (const type of instance.vehicleTypes) expect(solution.routes.filter((route) => route.vehicleTypeId === type.id).length).toBeLessThanOrEqual(type.count!);
  });

  it('returns an infeasible plan as data when a pair cannot be carried, with every stop still planned', () => {
    const instance = buildRandomRichInstance({ customerCount: 8, seed: 5, capacity: 12, pairCount: 2 });
    instance.nodes.find((node) => node.id === 'c1')!.pickupQuantity = 20;
    const solution = planRoutes(instance, { seed: 1, maxIterations: 20 });
    expect(solution.status).toBe('infeasible');
    expect(solution.exceptions.map((issue) => issue.kind)).toEqual(['capacity_exceeded']);
    expect(solution.routes.flatMap((route) => route.stopIds)).toHaveLength(8);
  });

  it('stops at the time limit on the injected clock, and the construction stands in for the search', () => {
    const instance = buildRandomRichInstance({ customerCount: 25, seed: 9, capacity: 40, pairCount: 8, breaks: [{ duration: 15, earliestStart: 100, latestStart: 250 }] });
    let clockMs = 0;
    const solution = planRoutes(instance, { seed: 1, timeLimitSeconds: 1, now: () => (clockMs += 100) });
    expectValidRichPlan(instance, solution);
    // One reading at the start, then one per iteration check: the 1 s deadline passes after 9 iterations.
    expect(solution.iterations).toBe(9);
    const construction = planSavingsRoutes(instance);
    expectValidRichPlan(instance, construction);
    expect(construction.iterations).toBe(0);
  });
});
