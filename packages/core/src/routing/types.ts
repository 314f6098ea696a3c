/**
 * Vehicle routing data model (CVRP, VRPTW and their common extensions).
 *
 * Units: distances are in the instance's `distanceUnit` (km for haversine/JSON instances, abstract
 * "units" for CVRPLIB and Solomon files); times (service, time windows, route duration, breaks) are in
 * the instance's `timeUnit` (minutes for the project's JSON, abstract units for Solomon, where one unit of
 * distance takes one unit of time).
 */

/** What a node is: a depot where routes start and end, or a stop to serve. */
export type RoutingNodeKind = 'depot' | 'customer';

/** A depot or a customer stop. Index in `RoutingInstance.nodes` is its row/column in the matrices. */
export type RoutingNode = {
  /** Id as written in the source file (customer ids are reported with it). */
  id: string;
  kind: RoutingNodeKind;
  /** Coordinates when known (x/y plane or longitude/latitude in degrees): for pictures and neighbourhoods only. */
  x?: number;
  y?: number;
  /** Quantity delivered to the stop (units of vehicle capacity); 0 for depots. */
  demand: number;
  /** Quantity picked up at the stop and carried to `deliverToId` (pickup-and-delivery), or 0. */
  pickupQuantity?: number;
  /** For a pickup stop, the id of the stop where its load is delivered (must come later on the same route). */
  deliverToId?: string;
  /** Time spent at the stop (time unit). */
  serviceDuration: number;
  /** Earliest start of service (time unit); depots: earliest departure. */
  timeWindowStart: number;
  /** Latest start of service (time unit); depots: latest return. */
  timeWindowEnd: number;
};

/** A rest the driver must take: `duration` long, starting between `earliestStart` and `latestStart`. */
export type DriverBreak = { duration: number; earliestStart: number; latestStart: number };

/** A kind of vehicle and how many are available. */
export type VehicleType = {
  id: string;
  /** Number available; `null` means unlimited (CVRPLIB convention). */
  count: number | null;
  capacity: number;
  /** Cost paid once per vehicle used. */
  fixedCost: number;
  /** Cost per distance unit driven. */
  costPerDistance: number;
  /** Longest allowed route duration (return time − departure time, time unit); `null` = none. */
  maxRouteDuration: number | null;
  /** Depot where this vehicle starts and ends. */
  depotId: string;
  /** Breaks each driver of this type must take. */
  breaks: DriverBreak[];
};

/** How the distance matrix was built (kept so every number can be explained). */
export type DistanceConvention =
  | { kind: 'euclidean'; rounding: 'none' | 'nearest-integer' }
  | { kind: 'haversine'; roadFactor: number; speedKmPerHour: number }
  | { kind: 'matrix' };

/** A complete routing instance: nodes, dense matrices and the fleet. */
export type RoutingInstance = {
  name: string;
  distanceUnit: 'km' | 'unit';
  timeUnit: 'minute' | 'unit';
  distanceConvention: DistanceConvention;
  nodes: RoutingNode[];
  /** distanceMatrix[i][j]: distance from node i to node j. */
  distanceMatrix: number[][];
  /** travelTimeMatrix[i][j]: driving time from node i to node j (without service). */
  travelTimeMatrix: number[][];
  vehicleTypes: VehicleType[];
};

/** `distance`: minimise fixed + distance costs; `vehicles-then-distance`: fewest vehicles first, then cost. */
export type RoutingObjective = 'distance' | 'vehicles-then-distance';

/** Options of `planRoutes`. */
export type PlanRoutesOptions = {
  objective?: RoutingObjective;
  /** Seed of the search (same seed + same iteration limit → same answer). */
  seed?: number;
  /** Stops after this many genetic iterations (deterministic limit). */
  maxIterations?: number;
  /** Stops after this many seconds; needs `now`. */
  timeLimitSeconds?: number;
  /** Milliseconds clock injected by the caller (core has no clock of its own). */
  now?: () => number;
  /** Iterations without improvement before the population restarts (HGS: 20 000). */
  iterationsWithoutImprovementBeforeRestart?: number;
  /** Size of the granular neighbourhood (HGS: 20). */
  granularNeighbourCount?: number;
};

/** One vehicle's tour: stop ids in visiting order (depot excluded). */
export type PlannedRoute = {
  vehicleTypeId: string;
  depotId: string;
  stopIds: string[];
  distance: number;
  /** Return time − departure time, waiting included (time unit). */
  duration: number;
  /** Total delivered quantity. */
  load: number;
  /** fixedCost + costPerDistance × distance. */
  cost: number;
};

/** A broken rule found by the feasibility checker. */
export type RoutingIssueKind =
  | 'stop_missing'
  | 'stop_repeated'
  | 'unknown_stop'
  | 'capacity_exceeded'
  | 'time_window_violated'
  | 'depot_window_violated'
  | 'route_duration_exceeded'
  | 'fleet_exceeded'
  | 'break_not_scheduled'
  | 'pickup_after_delivery'
  | 'pickup_delivery_split'
  | 'cost_mismatch';

export type RoutingIssue = { kind: RoutingIssueKind; routeIndex: number | null; stopId: string | null; message: string; amount: number | null };

/** What `checkRoutingSolution` recomputes from scratch. */
export type RoutingCheckResult = {
  feasible: boolean;
  issues: RoutingIssue[];
  cost: number;
  distance: number;
  vehicles: number;
  routes: PlannedRoute[];
};

/** Result of `planRoutes`: plan problems are returned, not thrown. */
export type RoutingSolution = {
  status: 'feasible' | 'infeasible';
  objective: RoutingObjective;
  /** Sum of route costs (fixed + per distance), recomputed by the checker. */
  cost: number;
  distance: number;
  vehicles: number;
  routes: PlannedRoute[];
  exceptions: RoutingIssue[];
  iterations: number;
  seed: number;
};
