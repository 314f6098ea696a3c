import { CoreError } from '../../shared/core-error';
import type { RoutingInstance, RoutingObjective, VehicleType } from '../types';
import type { Segment, SegmentMatrices } from './segment';

/**
 * The instance compiled for the search: node 0 is the depot, 1..n−1 the customers, dense typed matrices,
 * one vehicle type. Everything the search does not support is refused here with CoreError 'unsupported'.
 */
export type Problem = SegmentMatrices & {
  /** Instance node index of each problem node. */
  instanceIndex: Int32Array;
  demand: Float64Array;
  nodeSegments: Segment[];
  depotSegment: Segment;
  vehicleType: VehicleType;
  capacity: number;
  costPerDistance: number;
  /** Fixed cost per route used inside the search (plus a large constant for vehicles-then-distance). */
  searchFixedCost: number;
  objective: RoutingObjective;
  maxDuration: number;
  maxVehicles: number;
  hasTimeWindows: boolean;
  /** d(i,j) = d(j,i) for all pairs (2-opt may reverse a route part). */
  symmetric: boolean;
  neighbours: Int32Array[];
  angle: Float64Array | null;
  maxDistance: number;
  maxDemand: number;
  totalDemand: number;
};

export function compileProblem(instance: RoutingInstance, objective: RoutingObjective, granularNeighbourCount: number): Problem {
  const usable = instance.vehicleTypes.filter((type) => type.count === null || type.count > 0);
  if (usable.length === 0) throw new CoreError('empty_input', 'the instance has no vehicle', { path: 'vehicleTypes' });
  if (usable.length > 1) {
    throw new CoreError('unsupported', 'the search handles one vehicle type (homogeneous fleet); heterogeneous fleets are only checked, not optimised', { path: 'vehicleTypes' });
  }
  const vehicleType = usable[0]!;
  if (vehicleType.breaks.length > 0) throw new CoreError('unsupported', 'driver breaks are checked but not yet optimised', { path: `vehicleTypes.${vehicleType.id}.breaks` });
  const depots = instance.nodes.map((node, index) => ({ node, index })).filter(({ node }) => node.kind === 'depot');
  if (depots.length > 1) throw new CoreError('unsupported', 'multi-depot instances are checked but not yet optimised', { path: 'nodes' });
  const depot = depots.find(({ node }) => node.id === vehicleType.depotId);
  if (!depot) throw new CoreError('unknown_reference', `vehicle type ${vehicleType.id} starts at unknown depot ${vehicleType.depotId}`, { path: `vehicleTypes.${vehicleType.id}.depotId` });
  const customers: number[] = [];
  instance.nodes.forEach((node, index) => {
    if (node.kind !== 'customer') return;
    if ((node.pickupQuantity ?? 0) !== 0 || node.deliverToId !== undefined) {
      throw new CoreError('unsupported', 'pickup-and-delivery stops are checked but not yet optimised', { path: `nodes[${index}]` });
    }
    customers.push(index);
  });

  const order = [depot.index, ...customers];
  const n = order.length;
  const dist = new Float64Array(n * n);
  const time = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const rowDistance = instance.distanceMatrix[order[i]!]!;
    const rowTime = instance.travelTimeMatrix[order[i]!]!;
    for (let j = 0; j < n; j++) {
      dist[i * n + j] = rowDistance[order[j]!]!;
      time[i * n + j] = rowTime[order[j]!]!;
    }
  }
  const demand = new Float64Array(n);
  const nodeSegments: Segment[] = [];
  let hasTimeWindows = false;
  let maxDemand = 0;
  let totalDemand = 0;
  const depotNode = depot.node;
  for (let i = 0; i < n; i++) {
    const node = instance.nodes[order[i]!]!;
    demand[i] = i === 0 ? 0 : node.demand;
    maxDemand = Math.max(maxDemand, demand[i]!);
    totalDemand += demand[i]!;
    if (i > 0 && (node.timeWindowStart > depotNode.timeWindowStart || node.timeWindowEnd < depotNode.timeWindowEnd || node.serviceDuration > 0)) hasTimeWindows = true;
    nodeSegments.push({ first: i, last: i, duration: i === 0 ? 0 : node.serviceDuration, timeWarp: 0, earliest: node.timeWindowStart, latest: node.timeWindowEnd, load: demand[i]!, distance: 0 });
  }
  const maxDuration = vehicleType.maxRouteDuration ?? Number.POSITIVE_INFINITY;
  if (Number.isFinite(depotNode.timeWindowEnd) || Number.isFinite(maxDuration)) hasTimeWindows = true;
  let maxDistance = 0;
  for (let k = 0; k < n * n; k++) maxDistance = Math.max(maxDistance, dist[k]!);
  let symmetric = true;
  for (let i = 0; i < n && symmetric; i++) for (let j = i + 1; j < n; j++) if (dist[i * n + j] !== dist[j * n + i]) { symmetric = false; break; }

  let searchFixedCost = vehicleType.fixedCost;
  if (objective === 'vehicles-then-distance') {
    // A vehicle costs as much as the longest out-and-back trip: strong enough to drive routes out while
    // keeping penalties and distances on a comparable scale (solutions are then compared
    // lexicographically on (vehicles, cost) when the best is kept).
    let longestReturnTrip = 0;
    for (let i = 1; i < n; i++) longestReturnTrip = Math.max(longestReturnTrip, dist[i]! + dist[i * n]!);
    searchFixedCost += vehicleType.costPerDistance * longestReturnTrip;
  }

  const angle = computeAngles(instance, order);
  const neighbours = buildGranularNeighbours(n, dist, time, nodeSegments, Math.min(granularNeighbourCount, n - 2), hasTimeWindows);
  return {
    n,
    dist,
    time,
    instanceIndex: Int32Array.from(order),
    demand,
    nodeSegments,
    depotSegment: nodeSegments[0]!,
    vehicleType,
    capacity: vehicleType.capacity,
    costPerDistance: vehicleType.costPerDistance,
    searchFixedCost,
    objective,
    maxDuration,
    maxVehicles: vehicleType.count === null ? n - 1 : vehicleType.count,
    hasTimeWindows,
    symmetric,
    neighbours,
    angle,
    maxDistance,
    maxDemand,
    totalDemand,
  };
}

function computeAngles(instance: RoutingInstance, order: number[]): Float64Array | null {
  const depot = instance.nodes[order[0]!]!;
  if (depot.x === undefined || depot.y === undefined) return null;
  const angle = new Float64Array(order.length);
  for (let i = 1; i < order.length; i++) {
    const node = instance.nodes[order[i]!]!;
    if (node.x === undefined || node.y === undefined) return null;
    angle[i] = Math.atan2(node.y - depot.y, node.x - depot.x);
  }
  return angle;
}

/**
 * Granular neighbourhoods (Toth & Vigo 2003; Vidal et al. 2013 correlation for time windows):
 * γ(i,j) = d_ij + 0.2·max(e_j − s_i − t_ij − l_i, 0) + 1.0·max(e_i + s_i + t_ij − l_j, 0).
 */
function buildGranularNeighbours(n: number, dist: Float64Array, time: Float64Array, segments: Segment[], count: number, hasTimeWindows: boolean): Int32Array[] {
  const neighbours: Int32Array[] = [new Int32Array(0)];
  const correlation = (i: number, j: number): number => {
    const d = dist[i * n + j]!;
    if (!hasTimeWindows) return d;
    const a = segments[i]!;
    const b = segments[j]!;
    const travel = time[i * n + j]!;
    return d + 0.2 * Math.max(b.earliest - a.duration - travel - a.latest, 0) + Math.max(a.earliest + a.duration + travel - b.latest, 0);
  };
  for (let i = 1; i < n; i++) {
    const candidates: { j: number; value: number }[] = [];
    for (let j = 1; j < n; j++) if (j !== i) candidates.push({ j, value: Math.min(correlation(i, j), correlation(j, i)) });
    candidates.sort((p, q) => p.value - q.value || p.j - q.j);
    neighbours.push(Int32Array.from(candidates.slice(0, Math.max(0, count)).map((c) => c.j)));
  }
  return neighbours;
}
