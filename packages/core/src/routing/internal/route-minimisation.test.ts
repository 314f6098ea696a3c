import { describe, expect, it } from 'vitest';
import { createRandom } from '../../shared/random';
import { checkRoutingSolution } from '../check-routing-solution';
import { parseSolomon } from '../parse-solomon';
import { parseTsplibVrp } from '../parse-tsplib-vrp';
import { planRoutes } from '../plan-routes';
import type { RoutingInstance } from '../types';
import { runGeneticSearch } from './genetic-search';
import { compileProblem, type Problem } from './problem';
import { buildRandomInstance } from './random-instance';
import { minimiseRoutes, reduceFleetFirst } from './route-minimisation';
import { buildSavingsRoutes } from './savings';
import { A_N32_K5_VRP, R101_25_TXT } from './test-instances';

/** 40 customers with time windows, capacity 100 (total demand 220: at least 3 vehicles). */
const tightInstance = (): RoutingInstance => buildRandomInstance({ customerCount: 40, seed: 21, capacity: 100, withTimeWindows: true });

/** The independent checker on routes of problem indices: feasible, every customer exactly once. */
function expectFeasibleCover(instance: RoutingInstance, problem: Problem, routes: number[][]): void {
  const planned = routes.map((route) => ({ vehicleTypeId: problem.vehicleType.id, stopIds: route.map((c) => instance.nodes[problem.instanceIndex[c]!]!.id) }));
  const check = checkRoutingSolution(instance, planned);
  expect(check.issues).toEqual([]);
  expect(check.feasible).toBe(true);
  const served = planned.flatMap((route) => route.stopIds).sort();
  expect(served).toEqual(instance.nodes.filter((node) => node.kind === 'customer').map((node) => node.id).sort());
}

/** The HGS alone from the savings start, as planRoutes ran before the phase existed. */
function runSearchAlone(problem: Problem, seed: number, iterations: number) {
  return runGeneticSearch(problem, {
    random: createRandom(seed), shouldStop: (iteration) => iteration >= iterations, timeUsed: () => 0, timeIsUp: () => false,
    iterationsWithoutImprovementBeforeRestart: 20000, initialRoutes: [buildSavingsRoutes(problem)],
  });
}

describe('minimiseRoutes (Nagata & Bräysy 2009 route minimisation)', () => {
  it('removes routes from the savings plan and keeps every customer once, all constraints respected', () => {
    const instance = tightInstance();
    const problem = compileProblem(instance, 'vehicles-then-distance', 20);
    const savings = buildSavingsRoutes(problem);
    const result = minimiseRoutes(problem, savings, { random: createRandom(1), maxSteps: 100, timeIsUp: () => false });
    expectFeasibleCover(instance, problem, result.routes);
    // Savings: 9 routes; the lower bound ⌈220 / 100⌉ = 3 is reached (then the phase stops, budget left).
    expect(savings).toHaveLength(9);
    expect(result.routes).toHaveLength(3);
    expect(result.removedRoutes).toBe(6);
    expect(result.steps).toBeLessThan(100);
  });

  it('reaches 8 vehicles on Solomon R101 with 25 customers (the distance optimum of Kohl et al. 1999 uses 8)', () => {
    const instance = parseSolomon(R101_25_TXT);
    const problem = compileProblem(instance, 'vehicles-then-distance', 20);
    const savings = buildSavingsRoutes(problem);
    const result = minimiseRoutes(problem, savings, { random: createRandom(1), maxSteps: 60, timeIsUp: () => false });
    expectFeasibleCover(instance, problem, result.routes);
    expect(savings.length).toBeGreaterThan(8);
    expect(result.routes).toHaveLength(8);
  });

  it('is deterministic for a seed and changes nothing without budget, past the deadline, at the lower bound or from an infeasible start', () => {
    const instance = tightInstance();
    const problem = compileProblem(instance, 'vehicles-then-distance', 20);
    const savings = buildSavingsRoutes(problem);
    const run = (seed: number, maxSteps: number, timeIsUp = (): boolean => false) => minimiseRoutes(problem, savings, { random: createRandom(seed), maxSteps, timeIsUp });
    expect(run(4, 30)).toEqual(run(4, 30));
    expect(run(4, 0)).toEqual({ routes: savings, steps: 0, removedRoutes: 0 });
    expect(run(4, 100, () => true)).toEqual({ routes: savings, steps: 0, removedRoutes: 0 });
    // A-n32-k5: savings already uses ⌈410 / 100⌉ = 5 routes.
    const cvrp = compileProblem(parseTsplibVrp(A_N32_K5_VRP), 'vehicles-then-distance', 20);
    const cvrpSavings = buildSavingsRoutes(cvrp);
    expect(minimiseRoutes(cvrp, cvrpSavings, { random: createRandom(1), maxSteps: 50, timeIsUp: () => false }).steps).toBe(0);
    const overloaded = [savings.flat()];
    expect(run(1, 50).routes.length).toBeLessThan(savings.length);
    expect(minimiseRoutes(problem, overloaded, { random: createRandom(1), maxSteps: 50, timeIsUp: () => false })).toEqual({ routes: overloaded, steps: 0, removedRoutes: 0 });
  });

  it('stops its share of a time limit on the injected clock and caps the fleet of the search that follows', () => {
    const instance = tightInstance();
    const problem = compileProblem(instance, 'vehicles-then-distance', 20);
    let clockMs = 0;
    // 1 ms per reading, 10 s limit: the phase gets 40 % of the time left (4 s = 4000 readings at most).
    const reduced = reduceFleetFirst(problem, buildSavingsRoutes(problem), { random: createRandom(2), maxIterations: Number.POSITIVE_INFINITY, deadline: 10_000, now: () => clockMs++ });
    expect(clockMs).toBeLessThanOrEqual(4_002);
    expect(reduced.maxIterations).toBe(Number.POSITIVE_INFINITY);
    expect(reduced.problem.maxVehicles).toBe(reduced.routes.length);
    expectFeasibleCover(instance, problem, reduced.routes);
    // With an iteration budget: 40 % for the phase, the rest (minus the steps used) for the HGS.
    const byIterations = reduceFleetFirst(problem, buildSavingsRoutes(problem), { random: createRandom(2), maxIterations: 100, deadline: null, now: undefined });
    expect(byIterations.maxIterations).toBeGreaterThanOrEqual(60);
    expect(byIterations.maxIterations).toBeLessThan(100);
  });
});

describe('planRoutes with vehicles-then-distance runs the route-minimisation phase', () => {
  it('uses fewer vehicles than the HGS alone with the same iterations (3 against 5 on a 40-customer VRPTW)', () => {
    const instance = tightInstance();
    const problem = compileProblem(instance, 'vehicles-then-distance', 20);
    const alone = runSearchAlone(problem, 1, 100);
    const solution = planRoutes(instance, { objective: 'vehicles-then-distance', seed: 1, maxIterations: 100 });
    const check = checkRoutingSolution(instance, solution.routes, solution.cost);
    expect(check.issues).toEqual([]);
    expect(solution.status).toBe('feasible');
    expect(solution.routes.flatMap((route) => route.stopIds).sort()).toEqual(instance.nodes.filter((node) => node.kind === 'customer').map((node) => node.id).sort());
    expect(alone.best!.routeCount).toBe(5);
    expect(solution.vehicles).toBe(3);
    expect(planRoutes(instance, { objective: 'vehicles-then-distance', seed: 1, maxIterations: 100 })).toEqual(solution);
  });

  it('keeps to a time limit measured on the injected clock, phase and search together', () => {
    const instance = tightInstance();
    let clockMs = 0;
    // Every reading of the clock advances it by 1 ms: 1.5 s = 1500 readings, phase and HGS together.
    const solution = planRoutes(instance, { objective: 'vehicles-then-distance', seed: 2, timeLimitSeconds: 1.5, now: () => clockMs++ });
    expect(solution.status).toBe('feasible');
    expect(checkRoutingSolution(instance, solution.routes, solution.cost).issues).toEqual([]);
    expect(clockMs).toBeGreaterThanOrEqual(1500);
    expect(clockMs).toBeLessThan(1520);
  });

  it('leaves the distance objective to the HGS alone (same plan as without the phase)', () => {
    const instance = tightInstance();
    const problem = compileProblem(instance, 'distance', 20);
    const alone = runSearchAlone(problem, 3, 40);
    const solution = planRoutes(instance, { objective: 'distance', seed: 3, maxIterations: 40 });
    expect(solution.routes.map((route) => route.stopIds)).toEqual(alone.best!.routes.map((route) => route.map((c) => instance.nodes[problem.instanceIndex[c]!]!.id)));
  });
});
