import { CoreError } from '../../shared/core-error';
import type { DriverBreak, RoutingInstance, RoutingObjective, VehicleType } from '../types';

/**
 * The instance compiled for the ruin-and-recreate search (driver breaks, pickups and deliveries, any fleet):
 * node indices are the instance's, matrices are dense typed arrays, and stops are grouped into requests.
 *
 * Load model (the checker's): a stop's `demand` is loaded at the depot and leaves at the stop; its
 * `pickupQuantity` is loaded at the stop and leaves at its `deliverToId` stop (or rides back to the depot when
 * it has none). So at each stop the load changes by `pickupAfter − demand`, with
 * `pickupAfter = pickupQuantity − Σ pickupQuantity of the stops delivering here`.
 */
export type RichProblem = {
  instance: RoutingInstance;
  objective: RoutingObjective;
  nodeCount: number;
  dist: Float64Array;
  time: Float64Array;
  demand: Float64Array;
  pickupAfter: Float64Array;
  service: Float64Array;
  windowStart: Float64Array;
  windowEnd: Float64Array;
  types: RichVehicleType[];
  /** Requests: one stop, a pickup and its delivery, or a group linked by `deliverToId`, members in precedence order. */
  requests: Int32Array[];
  /** Request of each node (−1 for depots). */
  requestOf: Int32Array;
  /** For each delivery stop: the pickups that must come earlier on the route. */
  mustFollow: Map<number, number[]>;
  stopCount: number;
  /** Added per vehicle used with `vehicles-then-distance`: larger than any plan's cost, so fewer vehicles always wins. */
  vehicleWeight: number;
  /** Added per request left unserved: larger than any plan's cost plus its vehicles. */
  unservedWeight: number;
};

export type RichVehicleType = {
  type: VehicleType;
  depot: number;
  /** Vehicles of this type available (Infinity when unlimited). */
  available: number;
  breaks: DriverBreak[];
  maxDuration: number;
  /** True when insertion must run the full evaluation (breaks or a duration limit): the O(1) filters are then only necessary conditions. */
  needsFullCheck: boolean;
};

/** Tolerance of the schedule decisions (when a break is taken), identical to the checker's so both build the same schedule. */
const SCHEDULE_EPSILON = 1e-6;
/** Tolerance of the search's feasibility judgements: stricter than the checker's, so what the search accepts the checker accepts. */
export const FEASIBILITY_EPSILON = 1e-9;

/** Breaks per vehicle type that the evaluation tracks (a bit mask). */
const MAX_BREAKS = 30;

/** True when the instance needs this search: a vehicle type with driver breaks, or a stop with a pickup or a delivery link. */
export function needsRichSearch(instance: RoutingInstance): boolean {
  if (instance.vehicleTypes.some((type) => (type.count === null || type.count > 0) && type.breaks.length > 0)) return true;
  return instance.nodes.some((node) => node.kind === 'customer' && ((node.pickupQuantity ?? 0) !== 0 || node.deliverToId !== undefined));
}

export function compileRichProblem(instance: RoutingInstance, objective: RoutingObjective): RichProblem {
  const n = instance.nodes.length;
  const indexById = new Map(instance.nodes.map((node, index) => [node.id, index]));
  const dist = new Float64Array(n * n);
  const time = new Float64Array(n * n);
  let maxDistance = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      dist[i * n + j] = instance.distanceMatrix[i]![j]!;
      time[i * n + j] = instance.travelTimeMatrix[i]![j]!;
      maxDistance = Math.max(maxDistance, dist[i * n + j]!);
    }
  }
  const demand = new Float64Array(n);
  const pickupAfter = new Float64Array(n);
  const service = new Float64Array(n);
  const windowStart = new Float64Array(n);
  const windowEnd = new Float64Array(n);
  const deliverTo = new Int32Array(n).fill(-1);
  const customers: number[] = [];
  instance.nodes.forEach((node, index) => {
    windowStart[index] = node.timeWindowStart;
    windowEnd[index] = node.timeWindowEnd;
    if (node.kind !== 'customer') return;
    customers.push(index);
    demand[index] = node.demand;
    service[index] = node.serviceDuration;
    pickupAfter[index] = pickupAfter[index]! + (node.pickupQuantity ?? 0);
    if (node.deliverToId === undefined) return;
    const target = indexById.get(node.deliverToId);
    if (target === undefined) return;
    // The checker drops the load at the named node whatever it is; a depot or the stop itself ends no pair.
    pickupAfter[target] = pickupAfter[target]! - (node.pickupQuantity ?? 0);
    if (target !== index && instance.nodes[target]!.kind === 'customer') deliverTo[index] = target;
  });

  const types: RichVehicleType[] = instance.vehicleTypes
    .filter((type) => type.count === null || type.count > 0)
    .map((type) => {
      const depot = indexById.get(type.depotId);
      if (depot === undefined) throw new CoreError('unknown_reference', `vehicle type ${type.id} starts at unknown depot ${type.depotId}`, { path: `vehicleTypes.${type.id}.depotId` });
      const maxDuration = type.maxRouteDuration ?? Number.POSITIVE_INFINITY;
      return { type, depot, available: type.count ?? Number.POSITIVE_INFINITY, breaks: type.breaks, maxDuration, needsFullCheck: type.breaks.length > 0 || Number.isFinite(maxDuration) };
    });
  if (types.length === 0) throw new CoreError('empty_input', 'the instance has no vehicle', { path: 'vehicleTypes' });
  const crowded = types.find((t) => t.breaks.length > MAX_BREAKS);
  if (crowded) throw new CoreError('unsupported', `vehicle type ${crowded.type.id} has more than ${MAX_BREAKS} breaks`, { path: `vehicleTypes.${crowded.type.id}.breaks` });

  const { requests, mustFollow } = groupRequests(customers, deliverTo, n);
  const requestOf = new Int32Array(n).fill(-1);
  requests.forEach((members, r) => members.forEach((member) => (requestOf[member] = r)));

  // Any plan costs at most (fixed cost per request) + (every arc at most maxDistance, at most 2 arcs per stop).
  const maxFixed = Math.max(...types.map((t) => t.type.fixedCost));
  const maxPerDistance = Math.max(...types.map((t) => t.type.costPerDistance));
  const costBound = maxFixed * requests.length + maxPerDistance * maxDistance * 2 * customers.length + 1;
  const vehicleWeight = objective === 'vehicles-then-distance' ? costBound : 0;
  return {
    instance, objective, nodeCount: n, dist, time, demand, pickupAfter, service, windowStart, windowEnd, types, requests, requestOf, mustFollow,
    stopCount: customers.length, vehicleWeight, unservedWeight: costBound + vehicleWeight * (requests.length + 1),
  };
}

/** Connected groups of stops linked by pickup → delivery, each in a precedence (topological) order. */
function groupRequests(customers: number[], deliverTo: Int32Array, n: number): { requests: Int32Array[]; mustFollow: Map<number, number[]> } {
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (const c of customers) if (deliverTo[c]! >= 0) parent[find(c)] = find(deliverTo[c]!);
  const members = new Map<number, number[]>();
  for (const c of customers) {
    const root = find(c);
    const list = members.get(root) ?? [];
    list.push(c);
    members.set(root, list);
  }
  const requests: Int32Array[] = [];
  const mustFollow = new Map<number, number[]>();
  for (const c of customers) {
    const group = members.get(find(c))!;
    if (group[0] !== c) continue;
    if (group.length <= 2) {
      // A pair is stored pickup first.
      const members = group.length === 2 && deliverTo[group[1]!] === group[0] ? [group[1]!, group[0]!] : group;
      if (members.length === 2) mustFollow.set(members[1]!, [members[0]!]);
      requests.push(Int32Array.from(members));
      continue;
    }
    // Kahn's order on pickup → delivery; a cycle (never feasible) keeps the rest in index order for the checker to report.
    const indegree = new Map(group.map((m) => [m, 0]));
    for (const m of group) if (deliverTo[m]! >= 0) indegree.set(deliverTo[m]!, indegree.get(deliverTo[m]!)! + 1);
    const order: number[] = [];
    const ready = group.filter((m) => indegree.get(m) === 0);
    while (ready.length > 0) {
      const m = ready.shift()!;
      order.push(m);
      const target = deliverTo[m]!;
      if (target >= 0) {
        indegree.set(target, indegree.get(target)! - 1);
        if (indegree.get(target) === 0) ready.push(target);
      }
    }
    for (const m of group) if (!order.includes(m)) order.push(m);
    for (const m of group) {
      const target = deliverTo[m]!;
      if (target >= 0) mustFollow.set(target, [...(mustFollow.get(target) ?? []), m]);
    }
    requests.push(Int32Array.from(order));
  }
  return { requests, mustFollow };
}

/** What one route costs and breaks, recomputed from scratch. */
export type RichRouteEvaluation = {
  distance: number;
  /** Return − departure; with breaks the departure is the depot's opening, without them it is delayed as far as useful. */
  duration: number;
  peakLoad: number;
  capacityExcess: number;
  /** Σ (service start − window end) over late stops and a late return. */
  lateness: number;
  /** Σ (break start − latest start) over breaks taken late or never taken. */
  breakLateness: number;
  durationExcess: number;
  /** Sum of the excesses above: 0 when the route is feasible. */
  violation: number;
};

/**
 * Evaluates one route in O(length), forward, as `checkRoutingSolution` does: load on board (deliveries loaded at
 * the depot, pickups carried to their delivery), leave the depot at its opening, wait when early, and take each
 * driver break by this rule:
 *   a break is taken at the depot or at a stop after its service, before driving on — never while driving and
 *   never during service; it is taken at the first such moment when its `earliestStart` has come, or earlier
 *   still (waiting there until `earliestStart`) when service at the next stop could not start before the break's
 *   `latestStart` (arrival, or the stop's window opening when later: the wait there is used for the break);
 *   so each break starts at the earliest feasible moment of [earliestStart, latestStart] that lies between stops.
 * Breaks are considered in the vehicle type's order. Route duration: return − departure, with the departure
 * delayed by Savelsbergh's (1992) forward time slack when there is no break (the checker's convention).
 * `startTimes`, when given, receives each stop's service start.
 */
export function evaluateRichRoute(problem: RichProblem, vehicle: RichVehicleType, stops: ArrayLike<number>, length: number, startTimes?: Float64Array): RichRouteEvaluation {
  const { dist, time: travelTime, nodeCount: n, demand, pickupAfter } = problem;
  let load = 0;
  for (let k = 0; k < length; k++) load += demand[stops[k]!]!;
  let peakLoad = load;
  for (let k = 0; k < length; k++) {
    const stop = stops[k]!;
    load += pickupAfter[stop]! - demand[stop]!;
    if (load > peakLoad) peakLoad = load;
  }
  const depot = vehicle.depot;
  const breaks = vehicle.breaks;
  const departure = problem.windowStart[depot]!;
  let now = departure;
  let distance = 0;
  let previous = depot;
  let cumulativeWaiting = 0;
  let forwardSlack = Number.POSITIVE_INFINITY;
  let lateness = 0;
  let breakLateness = 0;
  let takenMask = 0;
  for (let k = 0; k <= length; k++) {
    const next = k < length ? stops[k]! : depot;
    const travel = travelTime[previous * n + next]!;
    for (let b = 0; b < breaks.length; b++) {
      if (takenMask & (1 << b)) continue;
      const rest = breaks[b]!;
      if (now + SCHEDULE_EPSILON >= rest.earliestStart || Math.max(now + travel, problem.windowStart[next]!) > rest.latestStart + SCHEDULE_EPSILON) {
        const start = Math.max(now, rest.earliestStart);
        if (start > rest.latestStart + FEASIBILITY_EPSILON) breakLateness += start - rest.latestStart;
        now = start + rest.duration;
        takenMask |= 1 << b;
      }
    }
    distance += dist[previous * n + next]!;
    const arrival = now + travel;
    const windowStart = k < length ? problem.windowStart[next]! : Number.NEGATIVE_INFINITY;
    const windowEnd = problem.windowEnd[next]!;
    const start = Math.max(arrival, windowStart);
    cumulativeWaiting += start - arrival;
    if (start > windowEnd + FEASIBILITY_EPSILON) lateness += start - windowEnd;
    forwardSlack = Math.min(forwardSlack, cumulativeWaiting + Math.max(0, windowEnd - start));
    if (startTimes && k < length) startTimes[k] = start;
    now = start + (k < length ? problem.service[next]! : 0);
    previous = next;
  }
  for (let b = 0; b < breaks.length; b++) {
    if (!(takenMask & (1 << b)) && now > breaks[b]!.latestStart + FEASIBILITY_EPSILON) breakLateness += now - breaks[b]!.latestStart;
  }
  const delay = breaks.length > 0 ? 0 : Math.max(0, Math.min(forwardSlack, cumulativeWaiting));
  const duration = now - departure - delay;
  const durationExcess = duration > vehicle.maxDuration + FEASIBILITY_EPSILON ? duration - vehicle.maxDuration : 0;
  const capacityExcess = peakLoad > vehicle.type.capacity + FEASIBILITY_EPSILON ? peakLoad - vehicle.type.capacity : 0;
  return { distance, duration, peakLoad, capacityExcess, lateness, breakLateness, durationExcess, violation: capacityExcess + lateness + breakLateness + durationExcess };
}

/**
 * A route of the search with what the O(1) insertion filters need (immutable: a change builds a new one).
 * Positions: `load[0]` is the load leaving the depot, `load[k + 1]` after stop k; `serviceEnd[k]` and
 * `latestStart[k]` come from the schedule without breaks (breaks only delay, so it bounds the real one from below);
 * `latestStart[length]` is the depot's closing.
 */
export type RichRoute = {
  vehicle: number;
  stops: readonly number[];
  evaluation: RichRouteEvaluation;
  /** fixedCost + costPerDistance × distance (0 for an empty route). */
  cost: number;
  load: Float64Array;
  prefixMaxLoad: Float64Array;
  suffixMaxLoad: Float64Array;
  serviceEnd: Float64Array;
  latestStart: Float64Array;
  /** Service starts with breaks (for relatedness). */
  startTimes: Float64Array;
};

export function buildRichRoute(problem: RichProblem, vehicleIndex: number, stops: readonly number[]): RichRoute {
  const vehicle = problem.types[vehicleIndex]!;
  const length = stops.length;
  const { demand, pickupAfter, time: travelTime, nodeCount: n } = problem;
  const startTimes = new Float64Array(length);
  const evaluation = evaluateRichRoute(problem, vehicle, stops, length, startTimes);
  const load = new Float64Array(length + 1);
  let loadedAtDepot = 0;
  for (let k = 0; k < length; k++) loadedAtDepot += demand[stops[k]!]!;
  load[0] = loadedAtDepot;
  for (let k = 0; k < length; k++) load[k + 1] = load[k]! + pickupAfter[stops[k]!]! - demand[stops[k]!]!;
  const prefixMaxLoad = new Float64Array(length + 1);
  const suffixMaxLoad = new Float64Array(length + 2).fill(Number.NEGATIVE_INFINITY);
  for (let k = 0; k <= length; k++) prefixMaxLoad[k] = Math.max(k > 0 ? prefixMaxLoad[k - 1]! : Number.NEGATIVE_INFINITY, load[k]!);
  for (let k = length; k >= 0; k--) suffixMaxLoad[k] = Math.max(suffixMaxLoad[k + 1]!, load[k]!);
  const serviceEnd = new Float64Array(length);
  let now = problem.windowStart[vehicle.depot]!;
  let previous = vehicle.depot;
  for (let k = 0; k < length; k++) {
    const stop = stops[k]!;
    now = Math.max(now + travelTime[previous * n + stop]!, problem.windowStart[stop]!) + problem.service[stop]!;
    serviceEnd[k] = now;
    previous = stop;
  }
  const latestStart = new Float64Array(length + 1);
  latestStart[length] = problem.windowEnd[vehicle.depot]!;
  for (let k = length - 1; k >= 0; k--) {
    const stop = stops[k]!;
    const next = k + 1 < length ? stops[k + 1]! : vehicle.depot;
    latestStart[k] = Math.min(problem.windowEnd[stop]!, latestStart[k + 1]! - problem.service[stop]! - travelTime[stop * n + next]!);
  }
  const cost = length === 0 ? 0 : vehicle.type.fixedCost + vehicle.type.costPerDistance * evaluation.distance;
  return { vehicle: vehicleIndex, stops, evaluation, cost, load, prefixMaxLoad, suffixMaxLoad, serviceEnd, latestStart, startTimes };
}

/** A feasible way to add one request to one route: the cost increase and the new stop sequence. */
export type RichInsertion = { delta: number; stops: number[] };

/**
 * The cheapest feasible insertion of a request into a route, or null. One stop: every position; a pickup and its
 * delivery: every pair of positions, delivery after pickup (O(length²) with O(1) filters); larger groups: member
 * by member after the members it must follow. The delta counts the vehicle's fixed cost (and, for
 * `vehicles-then-distance`, the vehicle weight) when the route was empty.
 * Filters, each exact for its rule: distance delta against the best so far; load by prefix/suffix maxima; time
 * windows by the schedule without breaks (serviceEnd, latestStart). With breaks or a duration limit a candidate that
 * passes is then evaluated in full (O(length)).
 */
export function findBestInsertion(problem: RichProblem, route: RichRoute, request: number, scratch: Int32Array): RichInsertion | null {
  const members = problem.requests[request]!;
  const vehicle = problem.types[route.vehicle]!;
  const openingCost = route.stops.length === 0 ? vehicle.type.fixedCost + problem.vehicleWeight : 0;
  if (members.length === 1) return insertOne(problem, route, vehicle, members[0]!, openingCost, scratch);
  if (members.length === 2) return insertPair(problem, route, vehicle, members[0]!, members[1]!, openingCost, scratch);
  return insertGroup(problem, route, members, false);
}

function insertOne(problem: RichProblem, route: RichRoute, vehicle: RichVehicleType, stop: number, openingCost: number, scratch: Int32Array): RichInsertion | null {
  const { dist, time, nodeCount: n } = problem;
  const { stops, load, prefixMaxLoad, suffixMaxLoad, serviceEnd, latestStart } = route;
  const length = stops.length;
  const capacity = vehicle.type.capacity + FEASIBILITY_EPSILON;
  const perDistance = vehicle.type.costPerDistance;
  const depot = vehicle.depot;
  const stopDemand = problem.demand[stop]!;
  const stopAfter = problem.pickupAfter[stop]!;
  let best = Number.POSITIVE_INFINITY;
  let bestPosition = -1;
  for (let i = 0; i <= length; i++) {
    const previous = i === 0 ? depot : stops[i - 1]!;
    const next = i === length ? depot : stops[i]!;
    const delta = perDistance * (dist[previous * n + stop]! + dist[stop * n + next]! - dist[previous * n + next]!);
    if (delta >= best) continue;
    if (prefixMaxLoad[i]! + stopDemand > capacity || load[i]! + stopAfter > capacity || suffixMaxLoad[i + 1]! + stopAfter > capacity) continue;
    const leave = i === 0 ? problem.windowStart[depot]! : serviceEnd[i - 1]!;
    const start = Math.max(leave + time[previous * n + stop]!, problem.windowStart[stop]!);
    if (start > problem.windowEnd[stop]! + FEASIBILITY_EPSILON) continue;
    const arrivalNext = start + problem.service[stop]! + time[stop * n + next]!;
    const startNext = i === length ? arrivalNext : Math.max(arrivalNext, problem.windowStart[next]!);
    if (startNext > latestStart[i]! + FEASIBILITY_EPSILON) continue;
    if (vehicle.needsFullCheck) {
      const size = fill(scratch, stops, [[i, stop]]);
      if (evaluateRichRoute(problem, vehicle, scratch, size).violation > 0) continue;
    }
    best = delta;
    bestPosition = i;
  }
  if (bestPosition < 0) return null;
  const result = [...stops];
  result.splice(bestPosition, 0, stop);
  return { delta: best + openingCost, stops: result };
}

function insertPair(problem: RichProblem, route: RichRoute, vehicle: RichVehicleType, pickup: number, delivery: number, openingCost: number, scratch: Int32Array): RichInsertion | null {
  const { dist, time, nodeCount: n, windowStart, windowEnd, service } = problem;
  const { stops, load, prefixMaxLoad, suffixMaxLoad, serviceEnd, latestStart } = route;
  const length = stops.length;
  const capacity = vehicle.type.capacity + FEASIBILITY_EPSILON;
  const perDistance = vehicle.type.costPerDistance;
  const depot = vehicle.depot;
  const demandBoth = problem.demand[pickup]! + problem.demand[delivery]!;
  const carried = problem.demand[delivery]! + problem.pickupAfter[pickup]!;
  const afterBoth = problem.pickupAfter[pickup]! + problem.pickupAfter[delivery]!;
  let best = Number.POSITIVE_INFINITY;
  let bestI = -1;
  let bestJ = -1;
  const d = (a: number, b: number): number => dist[a * n + b]!;
  for (let i = 0; i <= length; i++) {
    const before = i === 0 ? depot : stops[i - 1]!;
    const after = i === length ? depot : stops[i]!;
    if (prefixMaxLoad[i]! + demandBoth > capacity || load[i]! + carried > capacity) continue;
    const leave = i === 0 ? windowStart[depot]! : serviceEnd[i - 1]!;
    const startPickup = Math.max(leave + time[before * n + pickup]!, windowStart[pickup]!);
    if (startPickup > windowEnd[pickup]! + FEASIBILITY_EPSILON) continue;
    const pickupDelta = perDistance * (d(before, pickup) + d(pickup, after) - d(before, after));
    // Walk the delivery position j from i: `now` is the service end of the node before it, `previous` that node.
    let now = startPickup + service[pickup]!;
    let previous = pickup;
    for (let j = i; j <= length; j++) {
      if (j > i) {
        const stop = stops[j - 1]!;
        const start = Math.max(now + time[previous * n + stop]!, windowStart[stop]!);
        if (start > windowEnd[stop]! + FEASIBILITY_EPSILON) break;
        if (load[j]! + carried > capacity) break;
        now = start + service[stop]!;
        previous = stop;
      }
      const next = j === length ? depot : stops[j]!;
      const delta = j === i
        ? perDistance * (d(before, pickup) + d(pickup, delivery) + d(delivery, after) - d(before, after))
        : pickupDelta + perDistance * (d(previous, delivery) + d(delivery, next) - d(previous, next));
      if (delta >= best) continue;
      if (load[j]! + afterBoth > capacity || suffixMaxLoad[j + 1]! + afterBoth > capacity) continue;
      const startDelivery = Math.max(now + time[previous * n + delivery]!, windowStart[delivery]!);
      if (startDelivery > windowEnd[delivery]! + FEASIBILITY_EPSILON) continue;
      const arrivalNext = startDelivery + service[delivery]! + time[delivery * n + next]!;
      const startNext = j === length ? arrivalNext : Math.max(arrivalNext, windowStart[next]!);
      if (startNext > latestStart[j]! + FEASIBILITY_EPSILON) continue;
      if (vehicle.needsFullCheck) {
        const size = fill(scratch, stops, [[i, pickup], [j, delivery]]);
        if (evaluateRichRoute(problem, vehicle, scratch, size).violation > 0) continue;
      }
      best = delta;
      bestI = i;
      bestJ = j;
    }
  }
  if (bestI < 0) return null;
  const result = [...stops];
  result.splice(bestJ, 0, delivery);
  result.splice(bestI, 0, pickup);
  return { delta: best + openingCost, stops: result };
}

/** Copies `stops` into `scratch` with `inserts` ([position in stops, node], positions ascending) put before those positions. */
function fill(scratch: Int32Array, stops: readonly number[], inserts: readonly (readonly [number, number])[]): number {
  let size = 0;
  let next = 0;
  for (let k = 0; k <= stops.length; k++) {
    while (next < inserts.length && inserts[next]![0] === k) scratch[size++] = inserts[next++]![1];
    if (k < stops.length) scratch[size++] = stops[k]!;
  }
  return size;
}

/**
 * Inserts a request member by member (precedence order), each at the position of least (violation, cost) after the
 * members it must follow. With `allowViolation` false the result must be feasible (groups of 3 or more stops);
 * with true it always returns a sequence (the last resort for requests no route can take: the checker then names
 * the broken rule instead of a missing stop).
 */
export function insertGroup(problem: RichProblem, route: RichRoute, members: Int32Array, allowViolation: boolean): RichInsertion | null {
  const vehicle = problem.types[route.vehicle]!;
  const openingCost = route.stops.length === 0 ? vehicle.type.fixedCost + problem.vehicleWeight : 0;
  let sequence = [...route.stops];
  let evaluation = route.evaluation;
  for (const member of members) {
    const predecessors = problem.mustFollow.get(member) ?? [];
    let earliest = 0;
    for (const p of predecessors) earliest = Math.max(earliest, sequence.indexOf(p) + 1);
    let bestSequence: number[] | null = null;
    let bestEvaluation: RichRouteEvaluation | null = null;
    for (let position = earliest; position <= sequence.length; position++) {
      const candidate = [...sequence.slice(0, position), member, ...sequence.slice(position)];
      const candidateEvaluation = evaluateRichRoute(problem, vehicle, candidate, candidate.length);
      if (!bestEvaluation || candidateEvaluation.violation < bestEvaluation.violation - FEASIBILITY_EPSILON
        || (candidateEvaluation.violation <= bestEvaluation.violation + FEASIBILITY_EPSILON && candidateEvaluation.distance < bestEvaluation.distance)) {
        bestSequence = candidate;
        bestEvaluation = candidateEvaluation;
      }
    }
    sequence = bestSequence!;
    evaluation = bestEvaluation!;
  }
  if (!allowViolation && evaluation.violation > 0) return null;
  const perDistance = vehicle.type.costPerDistance;
  return { delta: perDistance * (evaluation.distance - route.evaluation.distance) + openingCost, stops: sequence };
}
