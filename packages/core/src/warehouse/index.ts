// Public surface of the warehouse module: named re-exports only.
export type {
  LocationType,
  PickBlock,
  PickPoint,
  PickRouteInput,
  PickRouteMethod,
  PickRouteResult,
  WarehouseLayout,
  WarehouseLocation,
  WarehouseZone,
  WarehouseZoneKind,
  Waypoint,
} from './types';
export { PICK_ROUTE_METHODS, planPickRoute } from './pick-route';
export {
  WAREHOUSE_ZONE_KINDS,
  buildWarehouseLayout,
  computeDepotDistanceM,
  summarizeWarehouseLayout,
  toPickLocationId,
  toPickPoint,
  validateWarehouseLayout,
  type BuildWarehouseLayoutInput,
  type WarehouseLayoutSummary,
} from './warehouse-layout';
export { planSlotting, type SlotAssignment, type SlottingInput, type SlottingItem, type SlottingMethod, type SlottingResult } from './slotting';
export {
  planOrderBatches,
  type BatchingMethod,
  type OrderBatch,
  type OrderBatchingInput,
  type OrderBatchingResult,
  type PickListLine,
  type PickOrder,
  type PickOrderLine,
} from './order-batching';
export { computeDistributionBudget, type DistributionBudgetInput, type DistributionBudgetResult } from './distribution-budget';
export { toWarehouseSvg, type WarehouseSvgInput } from './warehouse-svg';
