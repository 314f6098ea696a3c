import { describe, expect, it } from 'vitest';
import { createRandom } from '../../shared/random';
import {
  applyIntraRouteMove,
  describeIntraRouteMove,
  foldIntraRouteMove,
  INTRA_PLAN_LENGTH,
  INTRA_RELOCATE_AFTER,
  INTRA_RELOCATE_BEFORE,
  INTRA_RELOCATE_PAIR_AFTER,
  INTRA_SWAP,
  INTRA_TWO_OPT,
  LocalSearch,
  shuffle,
} from './local-search';
import { evaluateRoute, routeCost, type Penalties } from './penalties';
import { compileProblem, type Problem } from './problem';
import { buildRandomInstance } from './random-instance';
import { concatSegments, type Segment } from './segment';

const KINDS = [INTRA_RELOCATE_AFTER, INTRA_RELOCATE_BEFORE, INTRA_RELOCATE_PAIR_AFTER, INTRA_SWAP, INTRA_TWO_OPT];
const PENALTIES: Penalties = { capacity: 3, timeWarp: 2, duration: 1.5 };

/**
 * The route after an intra-route move of u = route[i] with v = route[j], built the obvious way (the slice
 * construction the local search used before the segment evaluation); null where the search does not try it.
 */
function movedByHand(route: number[], kind: number, i: number, j: number): number[] | null {
  const u = route[i]!;
  const v = route[j]!;
  const without = (from: number, count: number): number[] => [...route.slice(0, from), ...route.slice(from + count)];
  const insertAt = (rest: number[], at: number, inserted: number[]): number[] => [...rest.slice(0, at), ...inserted, ...rest.slice(at)];
  switch (kind) {
    case INTRA_RELOCATE_AFTER:
      return j === i - 1 ? null : insertAt(without(i, 1), without(i, 1).indexOf(v) + 1, [u]);
    case INTRA_RELOCATE_BEFORE:
      return j === i + 1 ? null : insertAt(without(i, 1), without(i, 1).indexOf(v), [u]);
    case INTRA_RELOCATE_PAIR_AFTER:
      if (i + 1 >= route.length || j === i + 1 || j === i - 1) return null;
      return insertAt(without(i, 2), without(i, 2).indexOf(v) + 1, [u, route[i + 1]!]);
    case INTRA_SWAP: {
      if (Math.abs(i - j) <= 1) return null;
      const swapped = [...route];
      swapped[i] = v;
      swapped[j] = u;
      return swapped;
    }
    default: {
      const a = Math.min(i, j);
      const b = Math.max(i, j);
      return [...route.slice(0, a + 1), ...route.slice(a + 1, b + 1).reverse(), ...route.slice(b + 1)];
    }
  }
}

/** Prefix and suffix segments of a route, as the local search keeps them. */
function prefixesAndSuffixes(problem: Problem, route: number[]): { prefix: Segment[]; suffix: Segment[] } {
  const prefix = [problem.depotSegment];
  for (const c of route) prefix.push(concatSegments(problem, prefix[prefix.length - 1]!, problem.nodeSegments[c]!));
  const suffix: Segment[] = new Array(route.length + 1);
  suffix[route.length] = problem.depotSegment;
  for (let k = route.length - 1; k >= 0; k--) suffix[k] = concatSegments(problem, problem.nodeSegments[route[k]!]!, suffix[k + 1]!);
  return { prefix, suffix };
}

/** Random routes (1 to 14 customers) over all customers: most break the capacity, the windows or the duration. */
function randomRoutes(problem: Problem, seed: number): number[][] {
  const random = createRandom(seed);
  const customers = Array.from({ length: problem.n - 1 }, (_, k) => k + 1);
  shuffle(customers, random);
  const routes: number[][] = [];
  for (let k = 0; k < customers.length;) {
    const length = random.nextInt(1, 15);
    routes.push(customers.slice(k, k + length));
    k += length;
  }
  return routes;
}

const relativeGap = (a: number, b: number): number => Math.abs(a - b) / (1 + Math.abs(b));

describe('LocalSearch intra-route moves under penalties', () => {
  // 40 customers, windows 30–120 wide, capacity 30 (≈ 5 customers), duration limit 250: penalised routes.
  const instance = buildRandomInstance({ customerCount: 40, seed: 17, capacity: 30, withTimeWindows: true, maxRouteDuration: 250 });
  const problem = compileProblem(instance, 'distance', 20);

  it('evaluates every relocate, swap and 2-opt from prefix/suffix segments exactly as the full route evaluation', () => {
    const plan = new Int32Array(INTRA_PLAN_LENGTH);
    const work: Segment = { ...problem.depotSegment };
    let moves = 0;
    let withTimeWarp = 0;
    let withDurationExcess = 0;
    let withLoadExcess = 0;
    for (const seed of [1, 2, 3]) {
      for (const route of randomRoutes(problem, seed)) {
        const { prefix, suffix } = prefixesAndSuffixes(problem, route);
        for (const kind of KINDS) {
          for (let i = 0; i < route.length; i++) {
            for (let j = 0; j < route.length; j++) {
              if (i === j) continue;
              const expected = movedByHand(route, kind, i, j);
              if (expected === null) continue;
              describeIntraRouteMove(kind, i, j, plan);
              expect(applyIntraRouteMove(route, plan)).toEqual(expected);
              const full = evaluateRoute(problem, expected);
              const cheap = foldIntraRouteMove(problem, route, prefix, suffix, plan, work);
              for (const field of ['duration', 'timeWarp', 'earliest', 'latest', 'load', 'distance'] as const) {
                expect(relativeGap(cheap[field], full[field])).toBeLessThan(1e-9);
              }
              expect(relativeGap(routeCost(problem, PENALTIES, cheap, false), routeCost(problem, PENALTIES, full, false))).toBeLessThan(1e-9);
              moves++;
              if (full.timeWarp > 0) withTimeWarp++;
              if (full.duration > problem.maxDuration) withDurationExcess++;
              if (full.load > problem.capacity) withLoadExcess++;
            }
          }
        }
      }
    }
    // The comparison covers penalised routes of every kind.
    expect(moves).toBeGreaterThan(3000);
    expect(withTimeWarp).toBeGreaterThan(moves / 2);
    expect(withDurationExcess).toBeGreaterThan(0);
    expect(withLoadExcess).toBeGreaterThan(0);
  });

  it('ends where no granular intra-route move improves the fully evaluated penalised cost', () => {
    for (const seed of [1, 2]) {
      const initial = randomRoutes(problem, seed);
      const routes = new LocalSearch(problem, createRandom(seed)).run(initial, PENALTIES, initial.length);
      expect(routes.flat().sort((a, b) => a - b)).toEqual(initial.flat().sort((a, b) => a - b));
      let penalisedRoutes = 0;
      for (const route of routes) {
        const full = evaluateRoute(problem, route);
        const cost = routeCost(problem, PENALTIES, full, false);
        if (full.timeWarp > 0 || full.load > problem.capacity || full.duration > problem.maxDuration) penalisedRoutes++;
        for (let i = 0; i < route.length; i++) {
          for (const v of problem.neighbours[route[i]!]!) {
            const j = route.indexOf(v);
            if (j < 0) continue;
            for (const kind of KINDS) {
              const moved = movedByHand(route, kind, i, j);
              if (moved === null) continue;
              expect(routeCost(problem, PENALTIES, evaluateRoute(problem, moved), false)).toBeGreaterThan(cost - 1e-6);
            }
          }
        }
      }
      // With these low prices the search keeps penalised routes: the check is made where the bound is weak.
      expect(penalisedRoutes).toBeGreaterThan(0);
    }
  });
});
