import { describe, expect, it } from 'vitest';
import { createRandom } from '../../shared/random';
import { checkRoutingSolution } from '../check-routing-solution';
import type { RoutingInstance, RoutingNode, VehicleType } from '../types';
import { buildRandomRichInstance } from './random-rich-instance';
import { buildRichRoute, compileRichProblem, evaluateRichRoute, findBestInsertion, needsRichSearch, type RichProblem } from './rich-route-evaluation';

/** Depot at x = 0 and stops on a line; distance = travel time = |x_a − x_b|. */
function lineInstance(stops: (Partial<RoutingNode> & { x: number })[], type: Partial<VehicleType> = {}): RoutingInstance {
  const nodes: RoutingNode[] = [
    { id: 'D', kind: 'depot', x: 0, y: 0, demand: 0, serviceDuration: 0, timeWindowStart: 0, timeWindowEnd: 1000 },
    ...stops.map((stop, k) => ({ id: `S${k + 1}`, kind: 'customer' as const, y: 0, demand: 0, serviceDuration: 0, timeWindowStart: 0, timeWindowEnd: 1000, ...stop })),
  ];
  const matrix = nodes.map((a) => nodes.map((b) => Math.abs(a.x! - b.x!)));
  return {
    name: 'line', distanceUnit: 'unit', timeUnit: 'unit', distanceConvention: { kind: 'matrix' }, nodes, distanceMatrix: matrix, travelTimeMatrix: matrix,
    vehicleTypes: [{ id: 'van', count: 1, capacity: 10, fixedCost: 0, costPerDistance: 1, maxRouteDuration: null, depotId: 'D', breaks: [], ...type }],
  };
}

/** The route-level issues the checker finds for one route of `stops` (instance indices). */
function checkOneRoute(instance: RoutingInstance, stops: readonly number[]) {
  const check = checkRoutingSolution(instance, [{ vehicleTypeId: instance.vehicleTypes[0]!.id, stopIds: stops.map((s) => instance.nodes[s]!.id) }]);
  const routeKinds = new Set(['capacity_exceeded', 'time_window_violated', 'depot_window_violated', 'route_duration_exceeded', 'break_not_scheduled']);
  return { issues: check.issues.filter((issue) => routeKinds.has(issue.kind)), route: check.routes[0]! };
}

describe('evaluateRichRoute (break rule, load, schedule)', () => {
  const rest = { duration: 5, earliestStart: 12, latestStart: 30 };
  it('takes a break at the first stop reached after its earliest start (A at 10, B at 20: break 20–25 at B, back at 45)', () => {
    const instance = lineInstance([{ x: 10 }, { x: 20 }], { breaks: [rest] });
    const problem = compileRichProblem(instance, 'distance');
    const starts = new Float64Array(2);
    const evaluation = evaluateRichRoute(problem, problem.types[0]!, [1, 2], 2, starts);
    // Leave 0, A at 10 (10 < 12 and 10 + 10 ≤ 30: drive on), B at 20 (≥ 12: break 20–25), depot at 25 + 20 = 45.
    expect([...starts]).toEqual([10, 20]);
    expect(evaluation).toMatchObject({ distance: 40, duration: 45, violation: 0 });
    expect(checkOneRoute(instance, [1, 2]).route.duration).toBe(45);
  });

  it('waits for the earliest start when driving on would pass the latest start (latest 15: break 12–17 at A, B at 27)', () => {
    const instance = lineInstance([{ x: 10 }, { x: 20 }], { breaks: [{ ...rest, latestStart: 15 }] });
    const problem = compileRichProblem(instance, 'distance');
    const starts = new Float64Array(2);
    const evaluation = evaluateRichRoute(problem, problem.types[0]!, [1, 2], 2, starts);
    expect([...starts]).toEqual([10, 27]);
    expect(evaluation).toMatchObject({ duration: 47, violation: 0 });
  });

  it('reports a break that can only start after its latest start (a 20-unit service at A pushes it to 30 > 25)', () => {
    const instance = lineInstance([{ x: 10, serviceDuration: 20 }, { x: 20 }], { breaks: [{ ...rest, latestStart: 25 }] });
    const problem = compileRichProblem(instance, 'distance');
    expect(evaluateRichRoute(problem, problem.types[0]!, [1, 2], 2).breakLateness).toBe(5);
    expect(checkOneRoute(instance, [1, 2]).issues.map((issue) => issue.kind)).toEqual(['break_not_scheduled']);
  });

  it('carries a pickup to its delivery only (pickup 6 at S1 for S3, delivery 5 to S2 from the depot, capacity 10)', () => {
    const instance = lineInstance([{ x: 1, pickupQuantity: 6, deliverToId: 'S3' }, { x: 2, demand: 5 }, { x: 3 }]);
    const problem = compileRichProblem(instance, 'distance');
    const type = problem.types[0]!;
    // 5 leave the depot; at S1 5 + 6 = 11 > 10; served S2 first: 5 → 0 → 6 → 0.
    expect(evaluateRichRoute(problem, type, [1, 2, 3], 3).capacityExcess).toBe(1);
    expect(evaluateRichRoute(problem, type, [2, 1, 3], 3).peakLoad).toBe(6);
    expect(problem.requests.map((members) => [...members])).toEqual([[1, 3], [2]]);
  });

  it('tells which instances need it', () => {
    expect(needsRichSearch(lineInstance([{ x: 1 }]))).toBe(false);
    expect(needsRichSearch(lineInstance([{ x: 1 }], { breaks: [rest] }))).toBe(true);
    expect(needsRichSearch(lineInstance([{ x: 1, pickupQuantity: 2 }]))).toBe(true);
  });

  it('agrees with checkRoutingSolution on 300 random routes (distance, duration, feasibility) with windows, pairs, breaks and a duration limit', () => {
    const instance = buildRandomRichInstance({ customerCount: 30, seed: 8, capacity: 25, withTimeWindows: true, pairCount: 8, maxRouteDuration: 500, breaks: [{ duration: 30, earliestStart: 250, latestStart: 400 }] });
    const problem = compileRichProblem(instance, 'distance');
    const random = createRandom(3);
    let feasibleSeen = 0;
    for (let trial = 0; trial < 300; trial++) {
      const length = random.nextInt(1, 6);
      const stops: number[] = [];
      while (stops.length < length) {
        const stop = random.nextInt(1, instance.nodes.length);
        if (!stops.includes(stop)) stops.push(stop);
      }
      const evaluation = evaluateRichRoute(problem, problem.types[0]!, stops, stops.length);
      const { issues, route } = checkOneRoute(instance, stops);
      expect(evaluation.distance).toBeCloseTo(route.distance, 9);
      expect(evaluation.duration).toBeCloseTo(route.duration, 9);
      expect(evaluation.violation === 0).toBe(issues.length === 0);
      if (issues.length === 0) feasibleSeen++;
    }
    expect(feasibleSeen).toBeGreaterThan(20);
  });
});

/** Every feasible way to insert request r into the route, by brute force with the full evaluation. */
function bruteForceBest(problem: RichProblem, vehicle: number, stops: number[], request: number): number | null {
  const members = [...problem.requests[request]!];
  const type = problem.types[vehicle]!;
  const base = evaluateRichRoute(problem, type, stops, stops.length).distance;
  let best: number | null = null;
  const consider = (sequence: number[]): void => {
    const evaluation = evaluateRichRoute(problem, type, sequence, sequence.length);
    if (evaluation.violation > 0) return;
    const delta = type.type.costPerDistance * (evaluation.distance - base) + (stops.length === 0 ? type.type.fixedCost : 0);
    if (best === null || delta < best) best = delta;
  };
  for (let i = 0; i <= stops.length; i++) {
    const withFirst = [...stops.slice(0, i), members[0]!, ...stops.slice(i)];
    if (members.length === 1) consider(withFirst);
    else for (let j = i + 1; j <= withFirst.length; j++) consider([...withFirst.slice(0, j), members[1]!, ...withFirst.slice(j)]);
  }
  return best;
}

describe('findBestInsertion (O(1) filters) against brute force', () => {
  it.each([
    { name: 'pairs + windows', options: { customerCount: 24, seed: 5, capacity: 30, withTimeWindows: true, pairCount: 10 } },
    { name: 'pairs + capacity only', options: { customerCount: 24, seed: 6, capacity: 20, pairCount: 10 } },
    { name: 'pairs + windows + breaks + duration', options: { customerCount: 24, seed: 7, capacity: 30, withTimeWindows: true, pairCount: 10, maxRouteDuration: 600, fixedCost: 25, breaks: [{ duration: 30, earliestStart: 300, latestStart: 450 }] } },
  ])('finds the cheapest feasible insertion of every request into random routes ($name)', ({ options }) => {
    const instance = buildRandomRichInstance(options);
    const problem = compileRichProblem(instance, 'distance');
    const random = createRandom(options.seed);
    const scratch = new Int32Array(problem.stopCount + 2);
    let comparisons = 0;
    let feasibleInsertions = 0;
    for (let trial = 0; trial < 12; trial++) {
      // A route made of a few random whole requests, in an order the full evaluation accepts (or empty).
      const order = problem.requests.map((_, r) => r);
      for (let k = order.length - 1; k > 0; k--) {
        const pick = random.nextInt(0, k + 1);
        [order[k], order[pick]] = [order[pick]!, order[k]!];
      }
      let route = buildRichRoute(problem, 0, []);
      for (const request of order.slice(0, random.nextInt(0, 5))) {
        const insertion = findBestInsertion(problem, route, request, scratch);
        if (insertion) route = buildRichRoute(problem, 0, insertion.stops);
      }
      const inRoute = new Set(route.stops.map((stop) => problem.requestOf[stop]!));
      for (let request = 0; request < problem.requests.length; request++) {
        if (inRoute.has(request)) continue;
        const found = findBestInsertion(problem, route, request, scratch);
        const expected = bruteForceBest(problem, 0, [...route.stops], request);
        comparisons++;
        if (expected === null) {
          expect(found).toBeNull();
          continue;
        }
        feasibleInsertions++;
        expect(found).not.toBeNull();
        expect(found!.delta).toBeCloseTo(expected, 9);
        expect(evaluateRichRoute(problem, problem.types[0]!, found!.stops, found!.stops.length).violation).toBe(0);
      }
    }
    expect(comparisons).toBeGreaterThan(100);
    expect(feasibleInsertions).toBeGreaterThan(50);
  });
});
