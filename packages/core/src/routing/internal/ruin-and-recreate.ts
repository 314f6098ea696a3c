import type { RandomSource } from '../../shared/random';
import { buildRichRoute, findBestInsertion, insertGroup, type RichInsertion, type RichProblem, type RichRoute } from './rich-route-evaluation';

/** A plan of the search: its non-empty routes and the requests it does not serve yet. */
export type RichSolution = { routes: RichRoute[]; unserved: number[] };

export type RuinAndRecreateSettings = {
  random: RandomSource;
  /** Called before each iteration with the number done so far. */
  shouldStop: (iteration: number) => boolean;
  /** Share of the budget used (0–1; iterations or time, whichever is further): drives the temperature. */
  progress: (iteration: number) => number;
};

export type RuinAndRecreateResult = { best: RichSolution; iterations: number };

type Ruin = 'random' | 'related' | 'worst' | 'route';
type Recreate = 'greedy' | 'regret-2';
const RUINS: readonly Ruin[] = ['random', 'related', 'worst', 'route'];
const RECREATES: readonly Recreate[] = ['greedy', 'regret-2'];

// Ropke & Pisinger (2006): start temperature accepts a plan 5 % worse than the construction with probability
// 1/2; the temperature then falls geometrically with the budget used, to 1/500 of the start (their c = 0.99975 over
// 25 000 iterations ends at ~1/530). Shaw weights φ = 9 (distance), χ = 3 (time), ψ = 2 (quantity); determinism
// parameters p = 6 (related) and 3 (worst).
const START_WORSENING = 0.05;
const END_TEMPERATURE_RATIO = 1 / 500;
const RELATED_RANDOMNESS = 6;
const WORST_RANDOMNESS = 3;
/** Requests removed per iteration: uniform in [min(2, R), max(that, min(40, ⌈0.35 R⌉))]. */
const REMOVAL_SHARE = 0.35;
const REMOVAL_MAX = 40;

/**
 * Ruin and recreate (Schrimpf, Schneider, Stamm-Wilbrandt & Dueck 2000, J. Comput. Phys. 159(2)) in the large
 * neighbourhood search form of Ropke & Pisinger (2006, Transportation Science 40(4)) for pickups and deliveries:
 * each iteration removes a few REQUESTS (a pickup with its delivery, or one stop) by one of four ruins — random,
 * related (Shaw 1998: close in space, time and size), worst (largest cost saving) or a whole route — and puts
 * them back by greedy or regret-2 insertion (every feasible position pair, pickup before delivery, same route),
 * then accepts the new plan by simulated annealing. Routes open only while a vehicle of their type is left,
 * so the fleet size always holds; a request no route can take waits, priced above any plan.
 * The construction is regret-2 insertion into empty routes. Deterministic for a seed (all choices come from
 * `random`; ties go to the lower request and route index).
 */
export function runRuinAndRecreate(problem: RichProblem, settings: RuinAndRecreateSettings): RuinAndRecreateResult {
  const { random } = settings;
  const scratch = new Int32Array(problem.stopCount + 2);
  const emptyRoutes = problem.types.map((_, vehicle) => buildRichRoute(problem, vehicle, []));
  const initial = recreate(problem, { routes: [], unserved: problem.requests.map((_, r) => r) }, 'regret-2', emptyRoutes, scratch);
  let current = initial;
  let best = initial;
  const planCost = (solution: RichSolution): number => solution.routes.reduce((sum, route) => sum + route.cost, 0);
  const score = (solution: RichSolution): number => planCost(solution) + problem.vehicleWeight * solution.routes.length + problem.unservedWeight * solution.unserved.length;
  const startTemperature = (START_WORSENING * planCost(initial)) / Math.LN2;
  let iteration = 0;
  for (; !settings.shouldStop(iteration); iteration++) {
    const requestCount = problem.requests.length - current.unserved.length;
    if (requestCount === 0) break;
    const low = Math.min(2, requestCount);
    const high = Math.max(low, Math.min(REMOVAL_MAX, Math.ceil(REMOVAL_SHARE * requestCount)));
    const ruin = RUINS[random.nextInt(0, RUINS.length)]!;
    const removed = chooseRemoval(problem, current, ruin, random.nextInt(low, high + 1), random);
    const candidate = recreate(problem, removeRequests(problem, current, removed), RECREATES[random.nextInt(0, RECREATES.length)]!, emptyRoutes, scratch);
    const temperature = startTemperature * Math.pow(END_TEMPERATURE_RATIO, Math.min(1, settings.progress(iteration)));
    const worsening = score(candidate) - score(current);
    if (worsening < 0 || (temperature > 0 && random.next() < Math.exp(-worsening / temperature))) current = candidate;
    if (isBetter(problem, candidate, best)) best = candidate;
  }
  return { best: best.unserved.length > 0 ? forceInsert(problem, best, emptyRoutes) : best, iterations: iteration };
}

/** Fewer unserved requests, then (vehicles-then-distance) fewer vehicles, then lower cost. */
function isBetter(problem: RichProblem, a: RichSolution, b: RichSolution): boolean {
  if (a.unserved.length !== b.unserved.length) return a.unserved.length < b.unserved.length;
  if (problem.objective === 'vehicles-then-distance' && a.routes.length !== b.routes.length) return a.routes.length < b.routes.length;
  const cost = (solution: RichSolution): number => solution.routes.reduce((sum, route) => sum + route.cost, 0);
  return cost(a) < cost(b) - 1e-9;
}

/** Requests served, each with its route index. */
function servedRequests(problem: RichProblem, solution: RichSolution): { request: number; route: number }[] {
  const seen = new Set<number>();
  const served: { request: number; route: number }[] = [];
  solution.routes.forEach((route, index) => {
    for (const stop of route.stops) {
      const request = problem.requestOf[stop]!;
      if (!seen.has(request)) {
        seen.add(request);
        served.push({ request, route: index });
      }
    }
  });
  return served.sort((a, b) => a.request - b.request);
}

function chooseRemoval(problem: RichProblem, solution: RichSolution, ruin: Ruin, count: number, random: RandomSource): number[] {
  const served = servedRequests(problem, solution);
  if (ruin === 'route') {
    const route = solution.routes[random.nextInt(0, solution.routes.length)]!;
    return [...new Set(route.stops.map((stop) => problem.requestOf[stop]!))];
  }
  if (ruin === 'random') {
    const pool = served.map((entry) => entry.request);
    for (let k = 0; k < count; k++) {
      const pick = random.nextInt(k, pool.length);
      [pool[k], pool[pick]] = [pool[pick]!, pool[k]!];
    }
    return pool.slice(0, count);
  }
  if (ruin === 'worst') return chooseWorst(problem, solution, served, count, random);
  return chooseRelated(problem, solution, served, count, random);
}

/** Worst removal: requests whose removal saves the most distance cost, drawn with bias y^p towards the top. */
function chooseWorst(problem: RichProblem, solution: RichSolution, served: { request: number; route: number }[], count: number, random: RandomSource): number[] {
  const { dist, nodeCount: n } = problem;
  const ranked = served.map(({ request, route }) => {
    const owner = solution.routes[route]!;
    const vehicle = problem.types[owner.vehicle]!;
    const members = new Set(problem.requests[request]!);
    let previous = vehicle.depot;
    let distance = 0;
    for (const stop of owner.stops) {
      if (members.has(stop)) continue;
      distance += dist[previous * n + stop]!;
      previous = stop;
    }
    distance += dist[previous * n + vehicle.depot]!;
    const remainingStops = owner.stops.length - members.size;
    const saving = owner.cost - (remainingStops === 0 ? 0 : vehicle.type.fixedCost + vehicle.type.costPerDistance * distance);
    return { request, saving };
  }).sort((a, b) => b.saving - a.saving || a.request - b.request);
  const chosen: number[] = [];
  while (chosen.length < count && ranked.length > 0) {
    const pick = Math.floor(Math.pow(random.next(), WORST_RANDOMNESS) * ranked.length);
    chosen.push(ranked.splice(pick, 1)[0]!.request);
  }
  return chosen;
}

/**
 * Related removal (Shaw 1998; Ropke & Pisinger 2006): R(a, b) = 9·(d(Pa,Pb) + d(Da,Db))/(2 d_max)
 * + 3·(|T_Pa − T_Pb| + |T_Da − T_Db|)/(2 T_span) + 2·|q_a − q_b|/q_max, with P and D the first and last stop of a
 * request (the same stop for a single one), T their service starts and q the quantity moved; the next request is
 * the one ranked ⌊y^6 · L⌋ by relatedness to a request already removed.
 */
function chooseRelated(problem: RichProblem, solution: RichSolution, served: { request: number; route: number }[], count: number, random: RandomSource): number[] {
  const { dist, nodeCount: n } = problem;
  const startOf = new Map<number, number>();
  for (const route of solution.routes) route.stops.forEach((stop, position) => startOf.set(stop, route.startTimes[position]!));
  const features = new Map(served.map(({ request }) => {
    const members = problem.requests[request]!;
    const first = members[0]!;
    const last = members[members.length - 1]!;
    let quantity = 0;
    for (const member of members) quantity += problem.demand[member]! + Math.max(0, problem.pickupAfter[member]!);
    return [request, { first, last, firstTime: startOf.get(first)!, lastTime: startOf.get(last)!, quantity }] as const;
  }));
  let maxDistance = 1e-9;
  for (let k = 0; k < n * n; k++) maxDistance = Math.max(maxDistance, dist[k]!);
  const times = [...startOf.values()];
  const timeSpan = Math.max(1e-9, Math.max(...times) - Math.min(...times));
  const maxQuantity = Math.max(1e-9, ...[...features.values()].map((f) => f.quantity));
  const relatedness = (a: number, b: number): number => {
    const p = features.get(a)!;
    const q = features.get(b)!;
    return (9 * (dist[p.first * n + q.first]! + dist[p.last * n + q.last]!)) / (2 * maxDistance)
      + (3 * (Math.abs(p.firstTime - q.firstTime) + Math.abs(p.lastTime - q.lastTime))) / (2 * timeSpan)
      + (2 * Math.abs(p.quantity - q.quantity)) / maxQuantity;
  };
  const remaining = served.map((entry) => entry.request);
  const chosen = [remaining.splice(random.nextInt(0, remaining.length), 1)[0]!];
  while (chosen.length < count && remaining.length > 0) {
    const anchor = chosen[random.nextInt(0, chosen.length)]!;
    const ranked = remaining.map((request) => ({ request, value: relatedness(anchor, request) })).sort((a, b) => a.value - b.value || a.request - b.request);
    const pick = ranked[Math.floor(Math.pow(random.next(), RELATED_RANDOMNESS) * ranked.length)]!.request;
    remaining.splice(remaining.indexOf(pick), 1);
    chosen.push(pick);
  }
  return chosen;
}

/**
 * Takes the requests out of their routes. Removing a stop can break a route that was feasible (the break that was
 * taken there now falls during the wait at a later stop and starts too late; travel times without the triangle
 * inequality): such a route is then emptied too, so every route the search keeps stays feasible.
 */
function removeRequests(problem: RichProblem, solution: RichSolution, requests: readonly number[]): RichSolution {
  const removed = new Set(requests);
  const unserved = [...solution.unserved, ...requests];
  const routes: RichRoute[] = [];
  for (const route of solution.routes) {
    if (!route.stops.some((stop) => removed.has(problem.requestOf[stop]!))) {
      routes.push(route);
      continue;
    }
    const stops = route.stops.filter((stop) => !removed.has(problem.requestOf[stop]!));
    if (stops.length === 0) continue;
    const shorter = buildRichRoute(problem, route.vehicle, stops);
    if (shorter.evaluation.violation === 0 || route.evaluation.violation > 0) {
      routes.push(shorter);
      continue;
    }
    for (const stop of stops) {
      const request = problem.requestOf[stop]!;
      if (!removed.has(request)) {
        removed.add(request);
        unserved.push(request);
      }
    }
  }
  return { routes, unserved };
}

/**
 * Greedy (cheapest insertion first) or regret-2 (largest gap between the best and second-best route first; a
 * request with one feasible route goes before any other) insertion of the unserved requests. The best insertion of
 * each request into each route is cached and recomputed only for the route that changed. Empty routes of a type
 * are offered while that type has a vehicle left.
 */
function recreate(problem: RichProblem, solution: RichSolution, method: Recreate, emptyRoutes: RichRoute[], scratch: Int32Array): RichSolution {
  const slots: RichRoute[] = [...solution.routes];
  const used = problem.types.map(() => 0);
  for (const route of slots) used[route.vehicle]!++;
  problem.types.forEach((vehicle, index) => {
    if (used[index]! < vehicle.available) slots.push(emptyRoutes[index]!);
  });
  const pending = [...solution.unserved].sort((a, b) => a - b);
  const columns: (RichInsertion | null)[][] = slots.map((slot) => pending.map((request) => findBestInsertion(problem, slot, request, scratch)));
  const open = pending.map(() => true);
  for (let left = pending.length; left > 0; left--) {
    let chosen = -1;
    let chosenSlot = -1;
    let chosenKey = Number.NEGATIVE_INFINITY;
    let chosenDelta = Number.POSITIVE_INFINITY;
    for (let u = 0; u < pending.length; u++) {
      if (!open[u]) continue;
      let first = Number.POSITIVE_INFINITY;
      let second = Number.POSITIVE_INFINITY;
      let firstSlot = -1;
      for (let s = 0; s < slots.length; s++) {
        const insertion = columns[s]![u];
        if (!insertion) continue;
        if (insertion.delta < first) {
          second = first;
          first = insertion.delta;
          firstSlot = s;
        } else if (insertion.delta < second) second = insertion.delta;
      }
      if (firstSlot < 0) continue;
      const key = method === 'greedy' ? -first : second - first;
      if (key > chosenKey || (key === chosenKey && first < chosenDelta)) {
        chosen = u;
        chosenSlot = firstSlot;
        chosenKey = key;
        chosenDelta = first;
      }
    }
    if (chosen < 0) break;
    open[chosen] = false;
    const slot = slots[chosenSlot]!;
    const wasEmpty = slot.stops.length === 0;
    const route = buildRichRoute(problem, slot.vehicle, columns[chosenSlot]![chosen]!.stops);
    if (wasEmpty) {
      used[slot.vehicle]!++;
      // Another empty route of the same type, while one is left: its insertions are those of the one just used.
      if (used[slot.vehicle]! < problem.types[slot.vehicle]!.available) {
        slots.push(slot);
        columns.push([...columns[chosenSlot]!]);
      }
    }
    slots[chosenSlot] = route;
    columns[chosenSlot] = pending.map((request, u) => (open[u] ? findBestInsertion(problem, route, request, scratch) : null));
  }
  return { routes: slots.filter((route) => route.stops.length > 0), unserved: pending.filter((_, u) => open[u]) };
}

/**
 * Last resort for requests no route could take feasibly: each goes where it breaks the rules least (then costs
 * least), in a new route while a vehicle is left, so the checker reports the real cause rather than a missing stop.
 */
function forceInsert(problem: RichProblem, solution: RichSolution, emptyRoutes: RichRoute[]): RichSolution {
  const routes = [...solution.routes];
  for (const request of [...solution.unserved].sort((a, b) => a - b)) {
    const used = problem.types.map((_, index) => routes.filter((route) => route.vehicle === index).length);
    const candidates = [...routes, ...emptyRoutes.filter((route) => used[route.vehicle]! < problem.types[route.vehicle]!.available)];
    let best: { index: number; route: RichRoute; violation: number; delta: number } | null = null;
    candidates.forEach((candidate, index) => {
      const insertion = insertGroup(problem, candidate, problem.requests[request]!, true)!;
      const route = buildRichRoute(problem, candidate.vehicle, insertion.stops);
      const violation = route.evaluation.violation - candidate.evaluation.violation;
      if (!best || violation < best.violation - 1e-9 || (violation <= best.violation + 1e-9 && insertion.delta < best.delta)) best = { index, route, violation, delta: insertion.delta };
    });
    const chosen = best as { index: number; route: RichRoute } | null;
    if (!chosen) continue;
    if (chosen.index < routes.length) routes[chosen.index] = chosen.route;
    else routes.push(chosen.route);
  }
  return { routes, unserved: [] };
}
