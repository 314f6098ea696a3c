import { routeCost, type Penalties } from './penalties';
import type { Problem } from './problem';
import { concatSegments } from './segment';

/**
 * Split (Prins 2004; Vidal 2016 "Split algorithm in O(n) for the capacitated vehicle routing problem"):
 * cuts a giant tour into routes at minimum penalised cost by a shortest path over the tour positions.
 * Here the simple O(n·L) Bellman version with capacity excess up to 1.5·Q and time warp penalised;
 * if the unlimited split uses more routes than vehicles, a route-indexed version O(K·n·L) is used.
 */
export function splitTour(problem: Problem, penalties: Penalties, tour: ArrayLike<number>): number[][] {
  const length = tour.length;
  if (length === 0) return [];
  const best = new Float64Array(length + 1).fill(Number.POSITIVE_INFINITY);
  const cut = new Int32Array(length + 1);
  best[0] = 0;
  const loadLimit = 1.5 * problem.capacity;
  for (let i = 0; i < length; i++) {
    const start = best[i]!;
    if (!Number.isFinite(start)) continue;
    let segment = problem.depotSegment;
    for (let j = i; j < length; j++) {
      segment = concatSegments(problem, segment, problem.nodeSegments[tour[j]!]!);
      if (j > i && segment.load > loadLimit) break;
      const value = start + routeCost(problem, penalties, concatSegments(problem, segment, problem.depotSegment), false);
      if (value < best[j + 1]!) {
        best[j + 1] = value;
        cut[j + 1] = i;
      }
    }
  }
  const routes = collect(tour, (end) => cut[end]!, length);
  if (routes.length <= problem.maxVehicles) return routes;
  return splitWithFleetLimit(problem, penalties, tour) ?? routes;
}

function collect(tour: ArrayLike<number>, previousCut: (end: number) => number, length: number): number[][] {
  const routes: number[][] = [];
  for (let end = length; end > 0;) {
    const start = previousCut(end);
    const route: number[] = [];
    for (let k = start; k < end; k++) route.push(tour[k]!);
    routes.push(route);
    end = start;
  }
  return routes.reverse();
}

function splitWithFleetLimit(problem: Problem, penalties: Penalties, tour: ArrayLike<number>): number[][] | null {
  const length = tour.length;
  const maxRoutes = problem.maxVehicles;
  const best: Float64Array[] = [];
  const cut: Int32Array[] = [];
  for (let k = 0; k <= maxRoutes; k++) {
    best.push(new Float64Array(length + 1).fill(Number.POSITIVE_INFINITY));
    cut.push(new Int32Array(length + 1));
  }
  best[0]![0] = 0;
  const loadLimit = 1.5 * problem.capacity;
  for (let k = 0; k < maxRoutes; k++) {
    for (let i = k; i < length; i++) {
      const start = best[k]![i]!;
      if (!Number.isFinite(start)) continue;
      let segment = problem.depotSegment;
      for (let j = i; j < length; j++) {
        segment = concatSegments(problem, segment, problem.nodeSegments[tour[j]!]!);
        // Beyond 1.5 Q only the last route may go (so that a solution always exists).
        if (j > i && segment.load > loadLimit && k + 1 < maxRoutes) break;
        const value = start + routeCost(problem, penalties, concatSegments(problem, segment, problem.depotSegment), false);
        if (value < best[k + 1]![j + 1]!) {
          best[k + 1]![j + 1] = value;
          cut[k + 1]![j + 1] = i;
        }
      }
    }
  }
  let bestRoutes = -1;
  for (let k = 1; k <= maxRoutes; k++) {
    if (best[k]![length]! < (bestRoutes < 0 ? Number.POSITIVE_INFINITY : best[bestRoutes]![length]!)) bestRoutes = k;
  }
  if (bestRoutes < 0) return null;
  const routes: number[][] = [];
  for (let k = bestRoutes, end = length; k > 0; k--) {
    const start = cut[k]![end]!;
    const route: number[] = [];
    for (let q = start; q < end; q++) route.push(tour[q]!);
    routes.push(route);
    end = start;
  }
  return routes.reverse();
}
