import type { RandomSource } from '../../shared/random';
import { LocalSearch } from './local-search';
import { evaluateRoute, type Penalties } from './penalties';
import type { Problem } from './problem';
import { concatSegments, type Segment } from './segment';

export type RouteMinimisationSettings = {
  random: RandomSource;
  /** Steps allowed, one step = one customer taken from the ejection pool (deterministic budget). */
  maxSteps: number;
  /** True once the wall-clock share of this phase is spent (always false without a deadline). */
  timeIsUp: () => boolean;
  /** At most this many customers ejected from one route to make room (k_max, Nagata & Bräysy: 5). */
  maxEjected?: number;
  /** Random feasible moves after each ejection (I_rand; Nagata & Bräysy use 1000). */
  perturbationMoves?: number;
};

export type RouteMinimisationResult = {
  /** Feasible routes (problem indices), never more than the routes given. */
  routes: number[][];
  /** Steps used (customers taken from the ejection pool). */
  steps: number;
  /** Routes removed from the start. */
  removedRoutes: number;
};

const EPSILON = 1e-9;
const DEFAULT_MAX_EJECTED = 5;
const DEFAULT_PERTURBATION_MOVES = 300;
/** Bound on the nodes of one ejection search (deep routes on wide windows, e.g. Solomon R2). */
const MAX_EJECTION_NODES = 100_000;

/**
 * Route minimisation for the `vehicles-then-distance` objective, after Nagata & Bräysy (2009), "A powerful
 * route minimization heuristic for the vehicle routing problem with time windows", Operations Research
 * Letters 37(5): repeatedly delete a route and put its customers in an ejection pool (EP); take the last
 * customer of the pool and insert it (1) at a random feasible position, else (2) by *squeeze*: at the position
 * of least penalty (capacity excess + α · (time warp + duration excess)), then a penalty-only local search
 * (the HGS local search with distance priced 0) that must end feasible, else (3) by *ejection*: insert it
 * where ejecting at most k_max other customers makes the route feasible with the least Σ p[ejected] (p counts
 * how often a customer could not be inserted), the ejected customers joining the pool, followed by random
 * feasible moves (perturbation). A deletion succeeds when the pool empties; when the budget runs out first,
 * the last feasible plan is kept. Stops at the lower bound ⌈total demand / capacity⌉.
 * Input routes must be feasible; otherwise they are returned unchanged.
 */
export function minimiseRoutes(problem: Problem, initialRoutes: readonly number[][], settings: RouteMinimisationSettings): RouteMinimisationResult {
  const start = initialRoutes.filter((route) => route.length > 0).map((route) => [...route]);
  const minimiser = new RouteMinimiser(problem, settings);
  if (start.length <= 1 || !start.every((route) => minimiser.isFeasible(evaluateRoute(problem, route)))) {
    return { routes: start, steps: 0, removedRoutes: 0 };
  }
  const lowerBound = problem.capacity > 0 ? Math.max(1, Math.ceil(problem.totalDemand / problem.capacity - 1e-9)) : 1;
  let best = start;
  while (best.length > lowerBound && minimiser.steps < settings.maxSteps && !settings.timeIsUp()) {
    const reduced = minimiser.deleteOneRoute(best);
    if (reduced === null) break;
    best = reduced;
  }
  return { routes: best, steps: minimiser.steps, removedRoutes: start.length - best.length };
}

/**
 * The problem restricted to the depot and the customers of `routes` (the local search visits every customer
 * of its problem, and the pooled ones are in no route): node k of the copy is node global[k] of `problem`.
 */
function restrictToRouted(problem: Problem, routes: readonly number[][]): { problem: Problem; global: Int32Array } {
  const global = Int32Array.from([0, ...routes.flat()].sort((a, b) => a - b));
  const n = global.length;
  const local = new Int32Array(problem.n).fill(-1);
  global.forEach((g, k) => { local[g] = k; });
  const dist = new Float64Array(n * n);
  const time = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = global[i]! * problem.n;
    for (let j = 0; j < n; j++) {
      dist[i * n + j] = problem.dist[row + global[j]!]!;
      time[i * n + j] = problem.time[row + global[j]!]!;
    }
  }
  const nodeSegments = Array.from(global, (g, k) => ({ ...problem.nodeSegments[g]!, first: k, last: k }));
  const neighbours = Array.from(global, (g) => Int32Array.from(Array.from(problem.neighbours[g]!, (h) => local[h]!).filter((k) => k > 0)));
  const restricted: Problem = {
    ...problem,
    n,
    dist,
    time,
    instanceIndex: Int32Array.from(global, (g) => problem.instanceIndex[g]!),
    demand: Float64Array.from(global, (g) => problem.demand[g]!),
    nodeSegments,
    depotSegment: nodeSegments[0]!,
    neighbours,
    angle: problem.angle === null ? null : Float64Array.from(global, (g) => problem.angle![g]!),
  };
  return { problem: restricted, global };
}

type Ejection = { psum: number; count: number; route: number; position: number; ejected: number[] };

class RouteMinimiser {
  steps = 0;
  private readonly problem: Problem;
  private readonly settings: RouteMinimisationSettings;
  private readonly random: RandomSource;
  private readonly maxEjected: number;
  private readonly perturbationMoves: number;
  private readonly squeezeProblem: Problem;
  private readonly insertionFailures: Int32Array;
  private readonly routeOf: Int32Array;
  private routes: number[][] = [];
  private prefix: Segment[][] = [];
  private suffix: Segment[][] = [];
  private alpha = 1;

  constructor(problem: Problem, settings: RouteMinimisationSettings) {
    this.problem = problem;
    this.settings = settings;
    this.random = settings.random;
    this.maxEjected = settings.maxEjected ?? DEFAULT_MAX_EJECTED;
    this.perturbationMoves = settings.perturbationMoves ?? DEFAULT_PERTURBATION_MOVES;
    // Squeeze: the HGS local search on penalties alone (distance and vehicles priced 0), so that it only
    // moves customers out of or within the routes that break a constraint.
    this.squeezeProblem = { ...problem, costPerDistance: 0, searchFixedCost: 0 };
    this.insertionFailures = new Int32Array(problem.n);
    this.routeOf = new Int32Array(problem.n);
  }

  isFeasible(segment: Segment): boolean {
    return segment.timeWarp < EPSILON && segment.load <= this.problem.capacity + EPSILON && segment.duration <= this.problem.maxDuration + EPSILON;
  }

  /** One DeleteRoute call: the plan with one route fewer (or fewer still), or null when the budget ran out. */
  deleteOneRoute(plan: readonly number[][]): number[][] | null {
    const removed = this.random.nextInt(0, plan.length);
    this.setRoutes(plan.filter((_, index) => index !== removed).map((route) => [...route]));
    const pool = [...plan[removed]!];
    this.insertionFailures.fill(1);
    while (pool.length > 0) {
      if (this.steps >= this.settings.maxSteps || this.settings.timeIsUp()) return null;
      this.steps++;
      const customer = pool.pop()!;
      if (this.insertFeasibly(customer) || this.squeeze(customer)) continue;
      this.insertionFailures[customer]!++;
      const ejected = this.insertByEjection(customer);
      if (ejected === null) return null;
      // Ejected customers go back on the pool in route order, the last of them taken first.
      pool.push(...ejected);
      this.perturb();
    }
    return this.routes.filter((route) => route.length > 0).map((route) => [...route]);
  }

  private setRoutes(routes: number[][]): void {
    this.routes = routes;
    this.prefix = new Array(routes.length);
    this.suffix = new Array(routes.length);
    this.routeOf.fill(-1);
    for (let r = 0; r < routes.length; r++) this.updateRoute(r);
  }

  private updateRoute(r: number): void {
    const p = this.problem;
    const route = this.routes[r]!;
    const prefix: Segment[] = [p.depotSegment];
    for (let k = 0; k < route.length; k++) {
      this.routeOf[route[k]!] = r;
      prefix.push(concatSegments(p, prefix[k]!, p.nodeSegments[route[k]!]!));
    }
    const suffix: Segment[] = new Array(route.length + 1);
    suffix[route.length] = p.depotSegment;
    for (let k = route.length - 1; k >= 0; k--) suffix[k] = concatSegments(p, p.nodeSegments[route[k]!]!, suffix[k + 1]!);
    this.prefix[r] = prefix;
    this.suffix[r] = suffix;
  }

  private insertionSegment(r: number, position: number, customer: number): Segment {
    const p = this.problem;
    return concatSegments(p, concatSegments(p, this.prefix[r]![position]!, p.nodeSegments[customer]!), this.suffix[r]![position]!);
  }

  private insertAt(r: number, position: number, customer: number): void {
    this.routes[r]!.splice(position, 0, customer);
    this.updateRoute(r);
  }

  /** N_insert^fe: a random one of the feasible insertion positions. */
  private insertFeasibly(customer: number): boolean {
    const feasible: [number, number][] = [];
    for (let r = 0; r < this.routes.length; r++) {
      for (let position = 0; position <= this.routes[r]!.length; position++) {
        if (this.isFeasible(this.insertionSegment(r, position, customer))) feasible.push([r, position]);
      }
    }
    if (feasible.length === 0) return false;
    const [r, position] = feasible[this.random.nextInt(0, feasible.length)]!;
    this.insertAt(r, position, customer);
    return true;
  }

  private penaltyOf(segment: Segment): { capacity: number; time: number } {
    return { capacity: Math.max(0, segment.load - this.problem.capacity), time: segment.timeWarp + Math.max(0, segment.duration - this.problem.maxDuration) };
  }

  /** Squeeze: least-penalty insertion, then the penalty-only local search; kept only when feasible. */
  private squeeze(customer: number): boolean {
    let best: { r: number; position: number; value: number; distance: number } | null = null;
    for (let r = 0; r < this.routes.length; r++) {
      for (let position = 0; position <= this.routes[r]!.length; position++) {
        const segment = this.insertionSegment(r, position, customer);
        const penalty = this.penaltyOf(segment);
        const value = penalty.capacity + this.alpha * penalty.time;
        if (best === null || value < best.value - EPSILON || (value < best.value + EPSILON && segment.distance < best.distance - EPSILON)) {
          best = { r, position, value, distance: segment.distance };
        }
      }
    }
    if (best === null) return false;
    const trial = this.routes.map((route) => [...route]);
    trial[best.r]!.splice(best.position, 0, customer);
    const penalties: Penalties = { capacity: 1, timeWarp: this.alpha, duration: this.alpha };
    const { problem: routed, global } = restrictToRouted(this.squeezeProblem, trial);
    const local = new Int32Array(this.problem.n);
    global.forEach((g, k) => { local[g] = k; });
    const squeezed = new LocalSearch(routed, this.random)
      .run(trial.map((route) => route.map((c) => local[c]!)), penalties, trial.length, this.settings.timeIsUp)
      .map((route) => route.map((k) => global[k]!));
    let capacityExcess = 0;
    let timeExcess = 0;
    for (const route of squeezed) {
      const penalty = this.penaltyOf(evaluateRoute(this.problem, route));
      capacityExcess += penalty.capacity;
      timeExcess += penalty.time;
    }
    if (capacityExcess < EPSILON && timeExcess < EPSILON) {
      this.setRoutes(squeezed);
      return true;
    }
    // Nagata & Bräysy's adaptation of α: weigh more the violation that remained larger.
    this.alpha = timeExcess > capacityExcess ? Math.min(this.alpha / 0.99, 1e6) : Math.max(this.alpha * 0.99, 1e-6);
    return false;
  }

  /**
   * N_EJ: over every route and insertion position, the ejection of at most k_max other customers that makes
   * the route feasible with the least Σ p (then the fewest customers); depth-first in route order, pruned when
   * the kept prefix already breaks a window, the capacity or the duration, or cannot beat the best Σ p.
   * Applies it and returns the ejected customers, or null when no ejection of k_max customers works.
   */
  private insertByEjection(customer: number): number[] | null {
    const p = this.problem;
    const failures = this.insertionFailures;
    let best: Ejection | null = null;
    let nodes = 0;
    const offset = this.random.nextInt(0, this.routes.length);
    for (let step = 0; step < this.routes.length; step++) {
      const r = (offset + step) % this.routes.length;
      const route = this.routes[r]!;
      for (let position = 0; position <= route.length; position++) {
        const sequence = [...route.slice(0, position), customer, ...route.slice(position)];
        const length = sequence.length;
        const suffix: Segment[] = new Array(length + 1);
        suffix[length] = p.depotSegment;
        for (let k = length - 1; k >= 0; k--) suffix[k] = concatSegments(p, p.nodeSegments[sequence[k]!]!, suffix[k + 1]!);
        const ejected: number[] = [];
        const explore = (index: number, kept: Segment, psum: number): void => {
          if (++nodes > MAX_EJECTION_NODES) return;
          if (this.isFeasible(concatSegments(p, kept, suffix[index]!))) {
            // Ejecting more only adds to Σ p: the best completion of this branch.
            if (best === null || psum < best.psum || (psum === best.psum && ejected.length < best.count)) {
              best = { psum, count: ejected.length, route: r, position, ejected: [...ejected] };
            }
            return;
          }
          if (index === length) return;
          const c = sequence[index]!;
          const withC = concatSegments(p, kept, p.nodeSegments[c]!);
          if (withC.timeWarp < EPSILON && withC.load <= p.capacity + EPSILON && withC.duration <= p.maxDuration + EPSILON) explore(index + 1, withC, psum);
          if (c === customer || ejected.length >= this.maxEjected) return;
          const nextPsum = psum + failures[c]!;
          if (best !== null && (nextPsum > best.psum || (nextPsum === best.psum && ejected.length + 1 >= best.count))) return;
          ejected.push(c);
          explore(index + 1, kept, nextPsum);
          ejected.pop();
        };
        explore(0, p.depotSegment, 0);
      }
    }
    if (best === null) return null;
    const chosen: Ejection = best;
    const removed = new Set(chosen.ejected);
    const route = this.routes[chosen.route]!;
    const next = [...route.slice(0, chosen.position), customer, ...route.slice(chosen.position)].filter((c) => !removed.has(c));
    this.routes[chosen.route] = next;
    for (const c of chosen.ejected) this.routeOf[c] = -1;
    this.updateRoute(chosen.route);
    return chosen.ejected;
  }

  /** Random feasible moves (relocate, swap, 2-opt*) between granular neighbours: diversification only. */
  private perturb(): void {
    const p = this.problem;
    for (let attempt = 0; attempt < this.perturbationMoves; attempt++) {
      const u = this.random.nextInt(1, p.n);
      const neighbours = p.neighbours[u]!;
      if (neighbours.length === 0) continue;
      const v = neighbours[this.random.nextInt(0, neighbours.length)]!;
      const ru = this.routeOf[u]!;
      const rv = this.routeOf[v]!;
      const kind = this.random.nextInt(0, 3);
      if (ru < 0 || rv < 0 || ru === rv) continue;
      const RU = this.routes[ru]!;
      const RV = this.routes[rv]!;
      const i = RU.indexOf(u);
      const j = RV.indexOf(v);
      let newU: number[];
      let newV: number[];
      if (kind === 0) {
        newU = [...RU.slice(0, i), ...RU.slice(i + 1)];
        newV = [...RV.slice(0, j + 1), u, ...RV.slice(j + 1)];
      } else if (kind === 1) {
        newU = [...RU.slice(0, i), v, ...RU.slice(i + 1)];
        newV = [...RV.slice(0, j), u, ...RV.slice(j + 1)];
      } else {
        newU = [...RU.slice(0, i + 1), ...RV.slice(j + 1)];
        newV = [...RV.slice(0, j + 1), ...RU.slice(i + 1)];
      }
      if (newU.length === 0 || newV.length === 0) continue;
      if (!this.isFeasible(evaluateRoute(p, newU)) || !this.isFeasible(evaluateRoute(p, newV))) continue;
      this.routes[ru] = newU;
      this.routes[rv] = newV;
      this.updateRoute(ru);
      this.updateRoute(rv);
    }
  }
}

/** Share of the budget (iterations or time) given to route minimisation before the HGS. */
export const ROUTE_MINIMISATION_SHARE = 0.4;
/** Route-minimisation steps counted as one HGS iteration when the budget is `maxIterations`. */
export const STEPS_PER_ITERATION = 1;

export type FleetReductionBudget = {
  random: RandomSource;
  /** HGS iterations of the whole run (Infinity with a time limit only). */
  maxIterations: number;
  /** Absolute deadline in ms of the injected clock, or null. */
  deadline: number | null;
  now: (() => number) | undefined;
};

/**
 * The route-minimisation phase of `vehicles-then-distance`: the first ROUTE_MINIMISATION_SHARE of the budget
 * (iterations × STEPS_PER_ITERATION steps, or of the time left) reduces the fleet from the start routes; the
 * HGS then gets the rest of the iterations and, when routes were removed, the reduced fleet as a hard cap (a
 * copy of the problem with maxVehicles = routes found), its feasible start being the reduced plan.
 */
export function reduceFleetFirst(problem: Problem, startRoutes: number[][], budget: FleetReductionBudget): { problem: Problem; routes: number[][]; maxIterations: number } {
  const { now, deadline } = budget;
  const startedAt = deadline !== null && now !== undefined ? now() : 0;
  const phaseDeadline = deadline !== null ? startedAt + ROUTE_MINIMISATION_SHARE * Math.max(0, deadline - startedAt) : null;
  const maxSteps = Number.isFinite(budget.maxIterations) ? Math.ceil(ROUTE_MINIMISATION_SHARE * budget.maxIterations * STEPS_PER_ITERATION) : Number.POSITIVE_INFINITY;
  const result = minimiseRoutes(problem, startRoutes, {
    random: budget.random,
    maxSteps,
    timeIsUp: () => phaseDeadline !== null && now !== undefined && now() >= phaseDeadline,
  });
  const maxIterations = Number.isFinite(budget.maxIterations) ? Math.max(0, budget.maxIterations - Math.ceil(result.steps / STEPS_PER_ITERATION)) : budget.maxIterations;
  // The cap only when routes were removed: a start already at its smallest fleet (e.g. at ⌈demand / capacity⌉)
  // stays there under the vehicle cost alone, and a capped Split on long routes is slow (C204: 8× per iteration).
  const fleet = Math.min(problem.maxVehicles, result.routes.length);
  const capped = result.removedRoutes > 0 && fleet < problem.maxVehicles;
  return { problem: capped ? { ...problem, maxVehicles: fleet } : problem, routes: result.routes, maxIterations };
}
