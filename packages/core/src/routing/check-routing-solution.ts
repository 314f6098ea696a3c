import { CoreError } from '../shared/core-error';
import type { PlannedRoute, RoutingCheckResult, RoutingInstance, RoutingIssue, VehicleType } from './types';

/** A route to check: which vehicle type drives it and its stop ids in order (depot excluded). */
export type RouteToCheck = { vehicleTypeId: string; stopIds: readonly string[] };

const EPSILON = 1e-6;

/**
 * Checks a routing solution from scratch and recomputes its cost (independent of the solver).
 *
 * Rules: every customer visited exactly once; per route the load never exceeds capacity (deliveries
 * leave the depot on board, pickups are added where collected); service starts in
 * [timeWindowStart, timeWindowEnd] (waiting allowed, arrival late is a violation); return to the depot
 * before its window closes; route duration (with the departure delayed as far as useful, Savelsbergh 1992
 * forward time slack) ≤ maxRouteDuration; vehicles of each type ≤ count; each driver break placed greedily
 * at the first stop where it can start; pickups before their deliveries on the same route.
 * Cost = Σ routes (fixedCost + costPerDistance × distance).
 * Example: CVRP with depot 0, customers 1,2 of demand 3 and capacity 5 → one route [1,2] reports
 * 'capacity_exceeded' by 1.
 * Throws CoreError 'unknown_reference' for an unknown vehicle type.
 */
export function checkRoutingSolution(instance: RoutingInstance, routesToCheck: readonly RouteToCheck[], claimedCost?: number): RoutingCheckResult {
  const issues: RoutingIssue[] = [];
  const indexById = new Map<string, number>();
  instance.nodes.forEach((node, index) => indexById.set(node.id, index));
  const typeById = new Map<string, VehicleType>(instance.vehicleTypes.map((type) => [type.id, type]));
  const visitCount = new Map<string, number>();
  const routeOfStop = new Map<string, { route: number; position: number }>();
  const usedByType = new Map<string, number>();
  const routes: PlannedRoute[] = [];
  // Paired pickups leave the vehicle at their delivery stop; unpaired pickups ride back to the depot.
  const droppedAt = new Map<string, number>();
  for (const node of instance.nodes) {
    if (node.deliverToId !== undefined) droppedAt.set(node.deliverToId, (droppedAt.get(node.deliverToId) ?? 0) + (node.pickupQuantity ?? 0));
  }
  let totalCost = 0;
  let totalDistance = 0;
  let vehicles = 0;

  routesToCheck.forEach((route, routeIndex) => {
    const type = typeById.get(route.vehicleTypeId);
    if (!type) throw new CoreError('unknown_reference', `unknown vehicle type ${route.vehicleTypeId}`, { path: `routes[${routeIndex}].vehicleTypeId` });
    if (route.stopIds.length === 0) return;
    const depotIndex = indexById.get(type.depotId);
    if (depotIndex === undefined) throw new CoreError('unknown_reference', `unknown depot ${type.depotId}`, { path: `vehicleTypes.${type.id}.depotId` });
    const depot = instance.nodes[depotIndex]!;
    usedByType.set(type.id, (usedByType.get(type.id) ?? 0) + 1);
    vehicles++;

    const sequence: number[] = [];
    for (const [position, stopId] of route.stopIds.entries()) {
      const index = indexById.get(stopId);
      if (index === undefined || instance.nodes[index]!.kind !== 'customer') {
        issues.push({ kind: 'unknown_stop', routeIndex, stopId, message: `stop ${stopId} is not a customer of the instance`, amount: null });
        continue;
      }
      visitCount.set(stopId, (visitCount.get(stopId) ?? 0) + 1);
      routeOfStop.set(stopId, { route: routeIndex, position });
      sequence.push(index);
    }

    // Load profile: deliveries are on board at departure, pickups are added at their stop.
    let load = 0;
    for (const index of sequence) load += instance.nodes[index]!.demand;
    const deliveredLoad = load;
    let peakLoad = load;
    for (const index of sequence) {
      const node = instance.nodes[index]!;
      load += (node.pickupQuantity ?? 0) - node.demand - (droppedAt.get(node.id) ?? 0);
      peakLoad = Math.max(peakLoad, load);
    }
    if (peakLoad > type.capacity + EPSILON) {
      issues.push({ kind: 'capacity_exceeded', routeIndex, stopId: null, message: `route ${routeIndex} carries ${peakLoad} > capacity ${type.capacity}`, amount: peakLoad - type.capacity });
    }

    // Schedule: leave at the depot's opening, wait when early, greedy breaks.
    const departure = depot.timeWindowStart;
    let time = departure;
    let distance = 0;
    let previous = depotIndex;
    let cumulativeWaiting = 0;
    let forwardSlack = Number.POSITIVE_INFINITY;
    const breaksTaken = type.breaks.map(() => false);
    const visitNext = (next: number, stopId: string | null, windowStart: number, windowEnd: number, service: number): void => {
      const travel = instance.travelTimeMatrix[previous]![next]!;
      type.breaks.forEach((rest, breakIndex) => {
        if (breaksTaken[breakIndex]) return;
        if (time + EPSILON >= rest.earliestStart || Math.max(time + travel, windowStart) > rest.latestStart + EPSILON) {
          const start = Math.max(time, rest.earliestStart);
          if (start > rest.latestStart + EPSILON) {
            issues.push({ kind: 'break_not_scheduled', routeIndex, stopId, message: `break ${breakIndex} cannot start before ${rest.latestStart}`, amount: start - rest.latestStart });
          }
          time = start + rest.duration;
          breaksTaken[breakIndex] = true;
        }
      });
      distance += instance.distanceMatrix[previous]![next]!;
      const arrival = time + travel;
      const start = Math.max(arrival, windowStart);
      cumulativeWaiting += start - arrival;
      if (start > windowEnd + EPSILON) {
        issues.push({
          kind: stopId === null ? 'depot_window_violated' : 'time_window_violated',
          routeIndex,
          stopId,
          message: stopId === null ? `route ${routeIndex} returns at ${round6(start)} after the depot closes at ${windowEnd}` : `stop ${stopId} served at ${round6(start)} after ${windowEnd}`,
          amount: start - windowEnd,
        });
      }
      forwardSlack = Math.min(forwardSlack, cumulativeWaiting + Math.max(0, windowEnd - start));
      time = start + service;
      previous = next;
    };
    for (const index of sequence) {
      const node = instance.nodes[index]!;
      visitNext(index, node.id, node.timeWindowStart, node.timeWindowEnd, node.serviceDuration);
    }
    visitNext(depotIndex, null, Number.NEGATIVE_INFINITY, depot.timeWindowEnd, 0);
    type.breaks.forEach((rest, breakIndex) => {
      if (!breaksTaken[breakIndex] && time > rest.latestStart + EPSILON) {
        issues.push({ kind: 'break_not_scheduled', routeIndex, stopId: null, message: `break ${breakIndex} is never taken`, amount: time - rest.latestStart });
      }
    });
    // Delaying the departure absorbs waiting (Savelsbergh's forward time slack); breaks keep the plain duration.
    const delay = type.breaks.length > 0 ? 0 : Math.max(0, Math.min(forwardSlack, cumulativeWaiting));
    const duration = time - departure - delay;
    if (type.maxRouteDuration !== null && duration > type.maxRouteDuration + EPSILON) {
      issues.push({ kind: 'route_duration_exceeded', routeIndex, stopId: null, message: `route ${routeIndex} lasts ${round6(duration)} > ${type.maxRouteDuration}`, amount: duration - type.maxRouteDuration });
    }
    const cost = type.fixedCost + type.costPerDistance * distance;
    totalCost += cost;
    totalDistance += distance;
    routes.push({ vehicleTypeId: type.id, depotId: depot.id, stopIds: [...route.stopIds], distance, duration, load: deliveredLoad, cost });
  });

  for (const node of instance.nodes) {
    if (node.kind !== 'customer') continue;
    const count = visitCount.get(node.id) ?? 0;
    if (count === 0) issues.push({ kind: 'stop_missing', routeIndex: null, stopId: node.id, message: `stop ${node.id} is not visited`, amount: null });
    if (count > 1) issues.push({ kind: 'stop_repeated', routeIndex: null, stopId: node.id, message: `stop ${node.id} is visited ${count} times`, amount: count - 1 });
    if (node.deliverToId !== undefined) {
      const pickup = routeOfStop.get(node.id);
      const delivery = routeOfStop.get(node.deliverToId);
      if (pickup && delivery) {
        if (pickup.route !== delivery.route) {
          issues.push({ kind: 'pickup_delivery_split', routeIndex: pickup.route, stopId: node.id, message: `pickup ${node.id} and delivery ${node.deliverToId} are on different routes`, amount: null });
        } else if (pickup.position > delivery.position) {
          issues.push({ kind: 'pickup_after_delivery', routeIndex: pickup.route, stopId: node.id, message: `pickup ${node.id} comes after its delivery ${node.deliverToId}`, amount: null });
        }
      }
    }
  }
  for (const type of instance.vehicleTypes) {
    const used = usedByType.get(type.id) ?? 0;
    if (type.count !== null && used > type.count) {
      issues.push({ kind: 'fleet_exceeded', routeIndex: null, stopId: null, message: `${used} vehicles of type ${type.id} used, ${type.count} available`, amount: used - type.count });
    }
  }
  if (claimedCost !== undefined && Math.abs(claimedCost - totalCost) > 1e-6 * Math.max(1, Math.abs(totalCost))) {
    issues.push({ kind: 'cost_mismatch', routeIndex: null, stopId: null, message: `claimed cost ${claimedCost} differs from recomputed ${totalCost}`, amount: claimedCost - totalCost });
  }
  return { feasible: issues.length === 0, issues, cost: totalCost, distance: totalDistance, vehicles, routes };
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
