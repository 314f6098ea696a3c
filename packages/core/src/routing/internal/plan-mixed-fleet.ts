import { CoreError } from '../../shared/core-error';
import { checkRoutingSolution, type RouteToCheck } from '../check-routing-solution';
import type { PlanRoutesOptions, RoutingInstance, RoutingSolution, VehicleType } from '../types';

/** Plans one depot's customers with one vehicle type (the homogeneous search of planRoutes). */
export type PlanHomogeneous = (instance: RoutingInstance, options: PlanRoutesOptions) => RoutingSolution;

/** True when the instance has more than one usable vehicle type or more than one depot with vehicles. */
export function isMixedFleet(instance: RoutingInstance): boolean {
  const usable = instance.vehicleTypes.filter((type) => type.count === null || type.count > 0);
  return usable.length > 1 || instance.nodes.filter((node) => node.kind === 'depot').length > 1;
}

const capacityOf = (types: readonly VehicleType[]): number =>
  types.some((type) => type.count === null) ? Number.POSITIVE_INFINITY : types.reduce((sum, type) => sum + type.capacity * (type.count ?? 0), 0);

/**
 * Several depots and vehicle types by decomposition (cluster first, route second, then fleet assignment):
 * 1. each customer goes to the depot with vehicles that serves it cheapest, d(depot, c) + d(c, depot), among
 *    those with a type able to carry its demand; customers with the largest regret (second best − best) are placed
 *    first, and a depot whose fleet capacity Σ count × capacity is used up passes the next ones to their next depot;
 * 2. each depot's customers are routed by the homogeneous search with the depot's largest type (ties: lower fixed
 *    cost, id), as many vehicles as the depot has in all, and the time budget shared by customer count;
 * 3. the routes, heaviest first, each take the depot's type of least cost (fixed + per distance × distance) that
 *    carries the load within its route duration and still has a vehicle; a route no type can take keeps the largest
 *    (the checker then reports it).
 * The merged plan is checked on the whole instance, which recomputes its cost. A heuristic: the depot split and
 * the type assignment are not optimised jointly (Vidal et al. 2014 do so in one search; see README).
 * Example (test): depots D1 (x 0) and D2 (x 100), three customers near each → D1's by its two small vans, D2's
 * by its truck.
 */
export function planMixedFleet(instance: RoutingInstance, options: PlanRoutesOptions, planHomogeneous: PlanHomogeneous): RoutingSolution {
  const objective = options.objective ?? 'distance';
  const seed = options.seed ?? 1;
  const usable = instance.vehicleTypes.filter((type) => type.count === null || type.count > 0);
  if (usable.length === 0) throw new CoreError('empty_input', 'the instance has no vehicle', { path: 'vehicleTypes' });
  const indexById = new Map(instance.nodes.map((node, index) => [node.id, index]));
  const depotIds = [...new Set(usable.map((type) => type.depotId))].sort();
  const typesAt = new Map(depotIds.map((depotId) => [depotId, usable.filter((type) => type.depotId === depotId)]));
  const remaining = new Map(depotIds.map((depotId) => [depotId, capacityOf(typesAt.get(depotId)!)]));
  const d = instance.distanceMatrix;

  // 1. Customers to depots, largest regret first.
  const customers = instance.nodes.map((node, index) => ({ node, index })).filter(({ node }) => node.kind === 'customer');
  const ranked = customers.map(({ node, index }) => {
    const candidates = depotIds
      .filter((depotId) => typesAt.get(depotId)!.some((type) => type.capacity >= node.demand))
      .map((depotId) => {
        const depot = indexById.get(depotId)!;
        return { depotId, cost: d[depot]![index]! + d[index]![depot]! };
      })
      .sort((a, b) => a.cost - b.cost || (a.depotId < b.depotId ? -1 : 1));
    const regret = candidates.length > 1 ? candidates[1]!.cost - candidates[0]!.cost : Number.POSITIVE_INFINITY;
    return { node, index, options: candidates, regret };
  }).sort((a, b) => b.regret - a.regret || a.index - b.index);
  const assigned = new Map<string, number[]>(depotIds.map((depotId) => [depotId, []]));
  for (const customer of ranked) {
    // No type anywhere carries it: the largest type's depot takes it and the checker reports the overload.
    const fallback = [...usable].sort((a, b) => b.capacity - a.capacity || (a.id < b.id ? -1 : 1))[0]!.depotId;
    const choice = customer.options.find((option) => remaining.get(option.depotId)! >= customer.node.demand) ?? customer.options[0] ?? { depotId: fallback };
    remaining.set(choice.depotId, remaining.get(choice.depotId)! - customer.node.demand);
    assigned.get(choice.depotId)!.push(customer.index);
  }

  // 2. and 3. Route each depot, then give each route a vehicle type.
  const totalCustomers = Math.max(1, customers.length);
  const routes: RouteToCheck[] = [];
  let iterations = 0;
  for (const depotId of depotIds) {
    const members = assigned.get(depotId)!.sort((a, b) => a - b);
    if (members.length === 0) continue;
    const types = typesAt.get(depotId)!;
    const largest = [...types].sort((a, b) => b.capacity - a.capacity || a.fixedCost - b.fixedCost || (a.id < b.id ? -1 : 1))[0]!;
    const count = types.some((type) => type.count === null) ? null : types.reduce((sum, type) => sum + (type.count ?? 0), 0);
    const order = [indexById.get(depotId)!, ...members];
    const sub: RoutingInstance = {
      ...instance,
      name: `${instance.name}@${depotId}`,
      nodes: order.map((index) => instance.nodes[index]!),
      distanceMatrix: order.map((i) => order.map((j) => instance.distanceMatrix[i]![j]!)),
      travelTimeMatrix: order.map((i) => order.map((j) => instance.travelTimeMatrix[i]![j]!)),
      vehicleTypes: [{ ...largest, count }],
    };
    const share = members.length / totalCustomers;
    const solution = planHomogeneous(sub, {
      ...options,
      ...(options.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: Math.max(0.05, options.timeLimitSeconds * share) }),
    });
    iterations += solution.iterations;
    const left = new Map(types.map((type) => [type.id, type.count]));
    const byLoad = [...solution.routes].sort((a, b) => b.load - a.load || (a.stopIds[0]! < b.stopIds[0]! ? -1 : 1));
    for (const route of byLoad) {
      const fits = types
        .filter((type) => type.capacity >= route.load - 1e-9 && (type.maxRouteDuration === null || route.duration <= type.maxRouteDuration + 1e-9) && (left.get(type.id) === null || left.get(type.id)! > 0))
        .sort((a, b) => a.fixedCost + a.costPerDistance * route.distance - (b.fixedCost + b.costPerDistance * route.distance) || (a.id < b.id ? -1 : 1));
      const type = fits[0] ?? largest;
      const available = left.get(type.id);
      if (available !== null && available !== undefined) left.set(type.id, available - 1);
      routes.push({ vehicleTypeId: type.id, stopIds: route.stopIds });
    }
  }
  const check = checkRoutingSolution(instance, routes);
  return {
    status: check.feasible ? 'feasible' : 'infeasible', objective, cost: check.cost, distance: check.distance, vehicles: check.vehicles,
    routes: check.routes, exceptions: check.issues, iterations, seed,
  };
}
