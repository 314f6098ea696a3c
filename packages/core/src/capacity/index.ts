export type {
  CapacityException,
  CapacityInput,
  CapacityLevellingResult,
  CapacityLoadResult,
  CapacityOrder,
  OrderMove as CapacityOrderMove,
  Routing as CapacityRouting,
  RoutingOperation as CapacityRoutingOperation,
  WorkCenter as CapacityWorkCenter,
  WorkCenterLoad as CapacityWorkCenterLoad,
} from './types';
export { computeCapacityLoad } from './compute-capacity-load';
export { levelCapacity } from './level-capacity';
