import type { Problem } from './problem';
import { concatSegments, type Segment } from './segment';

/** Penalty weights of the violated constraints (adapted during the search, Vidal 2012). */
export type Penalties = { capacity: number; timeWarp: number; duration: number };

/** Violation amounts of a route or a whole solution. */
export type Violations = { capacityExcess: number; timeWarp: number; durationExcess: number };

/** Penalised cost of a full route (depot ⊕ … ⊕ depot): fixed + c·distance + penalties; 0 when empty. */
export function routeCost(problem: Problem, penalties: Penalties, route: Segment, isEmpty: boolean): number {
  if (isEmpty) return 0;
  return (
    problem.searchFixedCost +
    problem.costPerDistance * route.distance +
    penalties.capacity * Math.max(0, route.load - problem.capacity) +
    penalties.timeWarp * route.timeWarp +
    penalties.duration * Math.max(0, route.duration - problem.maxDuration)
  );
}

/** depot ⊕ customers ⊕ depot, folded left to right. */
export function evaluateRoute(problem: Problem, customers: ArrayLike<number>): Segment {
  let segment = problem.depotSegment;
  for (let k = 0; k < customers.length; k++) segment = concatSegments(problem, segment, problem.nodeSegments[customers[k]!]!);
  return concatSegments(problem, segment, problem.depotSegment);
}
