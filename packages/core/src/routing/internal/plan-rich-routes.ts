import { createRandom } from '../../shared/random';
import { checkRoutingSolution } from '../check-routing-solution';
import type { PlanRoutesOptions, RoutingInstance, RoutingSolution } from '../types';
import { compileRichProblem } from './rich-route-evaluation';
import { runRuinAndRecreate } from './ruin-and-recreate';

const DEFAULT_MAX_ITERATIONS = 5000;

/**
 * planRoutes for instances with driver breaks or pickups and deliveries (any fleet: several types and depots are
 * handled natively, each route by one vehicle of one type): regret-2 insertion, then ruin and recreate
 * (internal/ruin-and-recreate.ts) until `maxIterations` (default 5000 without a time limit; 0 = the construction
 * alone) or `timeLimitSeconds` on the injected clock. The best plan is checked by `checkRoutingSolution`, whose
 * cost and issues are returned. Options are validated by the caller (planRoutes).
 * Example (test): one van, pickups at 1 and 2 on a line delivered at 3 and 4 → route 1 2 3 4, distance 8.
 */
export function planRichRoutes(instance: RoutingInstance, options: PlanRoutesOptions): RoutingSolution {
  const objective = options.objective ?? 'distance';
  const seed = options.seed ?? 1;
  const problem = compileRichProblem(instance, objective);
  const now = options.now;
  const limitMs = options.timeLimitSeconds !== undefined && now ? options.timeLimitSeconds * 1000 : null;
  const started = limitMs === null || !now ? 0 : now();
  const maxIterations = options.maxIterations ?? (limitMs === null ? DEFAULT_MAX_ITERATIONS : Number.POSITIVE_INFINITY);
  // One clock reading per iteration: the stop test reads it, the temperature reuses it.
  let timeUsed = 0;
  const search = runRuinAndRecreate(problem, {
    random: createRandom(seed),
    shouldStop: (iteration) => {
      if (limitMs !== null && now) timeUsed = (now() - started) / limitMs;
      return iteration >= maxIterations || timeUsed >= 1;
    },
    progress: (iteration) => Math.max(Number.isFinite(maxIterations) ? iteration / Math.max(1, maxIterations) : 0, timeUsed),
  });
  const routes = search.best.routes.map((route) => ({
    vehicleTypeId: problem.types[route.vehicle]!.type.id,
    stopIds: route.stops.map((stop) => instance.nodes[stop]!.id),
  }));
  const { feasible, cost, distance, vehicles, routes: checked, issues } = checkRoutingSolution(instance, routes);
  return { status: feasible ? 'feasible' : 'infeasible', objective, cost, distance, vehicles, routes: checked, exceptions: issues, iterations: search.iterations, seed };
}
