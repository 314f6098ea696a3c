// Public surface of the routing module: named re-exports only.
export type {
  DistanceConvention,
  DriverBreak,
  PlannedRoute,
  PlanRoutesOptions,
  RoutingCheckResult,
  RoutingInstance,
  RoutingIssue,
  RoutingIssueKind,
  RoutingNode,
  RoutingNodeKind,
  RoutingObjective,
  RoutingSolution,
  VehicleType,
} from './types';
export { planRoutes, planSavingsRoutes } from './plan-routes';
export { checkRoutingSolution, type RouteToCheck } from './check-routing-solution';
export { parseTsplibVrp } from './parse-tsplib-vrp';
export { parseSolomon } from './parse-solomon';
export { parseRoutingJson } from './parse-routing-json';
export { parseRoutingInstance, type RoutingFileFormat } from './parse-routing-instance';
export { computeHaversineKm, computeEuclideanDistance, EARTH_RADIUS_KM } from './compute-distance';
