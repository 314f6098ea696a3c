import { CoreError } from '../shared/core-error';
import { createRandom } from '../shared/random';
import { checkRoutingSolution } from './check-routing-solution';
import { runGeneticSearch } from './internal/genetic-search';
import { isMixedFleet, planMixedFleet } from './internal/plan-mixed-fleet';
import { planRichRoutes } from './internal/plan-rich-routes';
import { compileProblem } from './internal/problem';
import { needsRichSearch } from './internal/rich-route-evaluation';
import { buildSavingsRoutes } from './internal/savings';
import { reduceFleetFirst } from './internal/route-minimisation';
import { assertValidInstance } from './internal/validate-instance';
import type { PlanRoutesOptions, RoutingInstance, RoutingSolution } from './types';

const DEFAULT_MAX_ITERATIONS = 5000;

/**
 * Plans vehicle routes (CVRP, VRPTW, route duration limits, fixed and per-distance vehicle costs) with a
 * Hybrid Genetic Search seeded by Clarke–Wright savings, then checks the best solution independently.
 *
 * Cost = Σ routes (fixedCost + costPerDistance × distance). Objective `distance` minimises that cost;
 * `vehicles-then-distance` first minimises the number of vehicles: a route-minimisation phase (Nagata &
 * Bräysy 2009, internal/route-minimisation.ts) on the first 40 % of the budget, then the HGS with that fleet
 * as a hard cap and a vehicle cost inside the search. Sources: Vidal et al. (2012, 2013), Vidal (2022).
 * Stops at `maxIterations` (deterministic; default 5000 when no time limit) or at `timeLimitSeconds`
 * measured with the injected `now()` clock (milliseconds).
 * Example: CVRPLIB A-n32-k5 (31 customers, Q = 100) → cost 784, 5 vehicles, within a few seconds.
 * Several depots or vehicle types (heterogeneous fleet): decomposition by depot, the homogeneous search per
 * depot with its largest type, then each route given the cheapest type that can drive it (planMixedFleet).
 * Driver breaks or pickups and deliveries: a ruin-and-recreate search instead (Schrimpf et al. 2000; Ropke &
 * Pisinger 2006; internal/plan-rich-routes.ts), any fleet, its answer checked the same way.
 * Throws CoreError 'invalid_input' (time limit without clock) and the instance validation errors.
 * An infeasible plan is returned with status 'infeasible' and the checker's issues in `exceptions`.
 */
export function planRoutes(instance: RoutingInstance, options: PlanRoutesOptions = {}): RoutingSolution {
  assertValidInstance(instance);
  const objective = options.objective ?? 'distance';
  const seed = options.seed ?? 1;
  if (options.timeLimitSeconds !== undefined) {
    if (!(options.timeLimitSeconds > 0)) throw new CoreError('out_of_range', 'timeLimitSeconds must be > 0', { path: 'timeLimitSeconds' });
    if (!options.now) throw new CoreError('invalid_input', 'timeLimitSeconds needs a now() clock from the caller', { path: 'now' });
  }
  if (options.maxIterations !== undefined && !(Number.isInteger(options.maxIterations) && options.maxIterations >= 0)) {
    throw new CoreError('out_of_range', 'maxIterations must be a whole number ≥ 0', { path: 'maxIterations' });
  }
  // Breaks or pickups and deliveries: the HGS cannot keep pairs together; ruin and recreate handles them (any fleet).
  if (needsRichSearch(instance)) return planRichRoutes(instance, options);
  // Several depots or vehicle types: cluster by depot, route each with the homogeneous search, assign types.
  if (isMixedFleet(instance)) return planMixedFleet(instance, options, planRoutes);
  const problem = compileProblem(instance, objective, options.granularNeighbourCount ?? 20);
  const now = options.now;
  const deadline = options.timeLimitSeconds !== undefined && now ? now() + options.timeLimitSeconds * 1000 : null;
  const maxIterations = options.maxIterations ?? (deadline === null ? DEFAULT_MAX_ITERATIONS : Number.POSITIVE_INFINITY);
  const random = createRandom(seed);
  // vehicles-then-distance: a route-minimisation phase (Nagata & Bräysy 2009) on a share of the budget first,
  // then the HGS on the rest with the reduced fleet as a hard cap.
  const start = objective === 'vehicles-then-distance'
    ? reduceFleetFirst(problem, buildSavingsRoutes(problem), { random, maxIterations, deadline, now })
    : { problem, routes: buildSavingsRoutes(problem), maxIterations };
  const search = runGeneticSearch(start.problem, {
    random,
    shouldStop: (iteration) => iteration >= start.maxIterations || (deadline !== null && now !== undefined && now() >= deadline),
    timeUsed: () => (deadline !== null && now !== undefined && options.timeLimitSeconds !== undefined ? 1 - (deadline - now()) / (options.timeLimitSeconds * 1000) : 0),
    timeIsUp: () => deadline !== null && now !== undefined && now() >= deadline,
    iterationsWithoutImprovementBeforeRestart: options.iterationsWithoutImprovementBeforeRestart ?? 20000,
    initialRoutes: [start.routes],
  });
  const chosen = search.best ?? search.bestInfeasible;
  const routes = (chosen?.routes ?? []).map((route) => ({
    vehicleTypeId: problem.vehicleType.id,
    stopIds: route.map((c) => instance.nodes[problem.instanceIndex[c]!]!.id),
  }));
  const check = checkRoutingSolution(instance, routes);
  return {
    status: check.feasible ? 'feasible' : 'infeasible',
    objective,
    cost: check.cost,
    distance: check.distance,
    vehicles: check.vehicles,
    routes: check.routes,
    exceptions: check.issues,
    iterations: search.iterations,
    seed,
  };
}

/**
 * The constructive start alone: Clarke & Wright (1964) parallel savings, checked like planRoutes' answer
 * (status, recomputed cost, issues), with no search (iterations 0). Cheap (O(n² log n)): a caller whose
 * search ran out of time returns this plan rather than none.
 * Example: A-n32-k5 → feasible, 5 routes, cost 842 (7.4 % above the optimum 784), iterations 0.
 * Breaks or pickups and deliveries: the regret-2 insertion that starts the ruin-and-recreate search instead.
 * Throws the errors of planRoutes' instance checks (validation errors).
 */
export function planSavingsRoutes(instance: RoutingInstance, options: Pick<PlanRoutesOptions, 'objective' | 'seed'> = {}): RoutingSolution {
  assertValidInstance(instance);
  const objective = options.objective ?? 'distance';
  if (needsRichSearch(instance)) return planRichRoutes(instance, { objective, maxIterations: 0, ...(options.seed === undefined ? {} : { seed: options.seed }) });
  if (isMixedFleet(instance)) return planMixedFleet(instance, { objective, ...(options.seed === undefined ? {} : { seed: options.seed }) }, (sub, subOptions) => planSavingsRoutes(sub, subOptions));
  const problem = compileProblem(instance, objective, 1);
  const routes = buildSavingsRoutes(problem).filter((route) => route.length > 0).map((route) => ({
    vehicleTypeId: problem.vehicleType.id,
    stopIds: route.map((c) => instance.nodes[problem.instanceIndex[c]!]!.id),
  }));
  const check = checkRoutingSolution(instance, routes);
  return {
    status: check.feasible ? 'feasible' : 'infeasible', objective, cost: check.cost, distance: check.distance, vehicles: check.vehicles,
    routes: check.routes, exceptions: check.issues, iterations: 0, seed: options.seed ?? 1,
  };
}
