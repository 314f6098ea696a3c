/** Zones of a warehouse, from the receiving dock to the shipping dock. */
export type WarehouseZoneKind = 'receiving' | 'reserve' | 'picking' | 'shipping';

/** Kinds of storage locations. */
export type LocationType = 'pick-face' | 'pallet-rack' | 'shelf' | 'floor' | 'dock';

export type WarehouseZone = { id: string; kind: WarehouseZoneKind; name?: string };

/** One storage location. Picking-zone locations sit in a parallel aisle (0-based) at a bay (1-based) and level (1-based). */
export type WarehouseLocation = {
  id: string;
  zoneId: string;
  type: LocationType;
  aisleIndex?: number;
  bay?: number;
  level?: number;
  capacityM3: number;
  capacityUnits?: number;
};

/**
 * A single-block, parallel-aisle warehouse: `aisleCount` aisles of `baysPerAisle` bays of `bayWidthM`, aisle
 * centres `aisleSpacingM` apart, cross aisles at the front (y = 0) and back (y = aisle length), and the depot
 * (pick-up/drop-off point) on the front cross aisle in front of `depotAisleIndex`.
 */
export type WarehouseLayout = {
  name?: string;
  aisleCount: number;
  baysPerAisle: number;
  levelsPerBay: number;
  bayWidthM: number;
  aisleSpacingM: number;
  depotAisleIndex: number;
  zones: WarehouseZone[];
  locations: WarehouseLocation[];
};

/** A pick in the block: aisle index (0-based, left to right) and distance from the front cross aisle in metres. */
export type PickPoint = { id: string; aisleIndex: number; positionM: number };

export type PickRouteMethod = 's-shape' | 'largest-gap' | 'optimal';

/** Geometry of the picking block for routing. */
export type PickBlock = {
  aisleCount: number;
  /** Length of each aisle between the front and the back cross aisle, in metres. */
  aisleLengthM: number;
  /** Distance between the centre lines of two neighbouring aisles, in metres. */
  aisleSpacingM: number;
  /** The depot is on the front cross aisle in front of this aisle (default 0). */
  depotAisleIndex?: number;
};

export type PickRouteInput = PickBlock & { picks: PickPoint[] };

export type Waypoint = { xM: number; yM: number };

export type PickRouteResult = {
  method: PickRouteMethod;
  /** Walked distance from the depot back to the depot, in metres. */
  distanceM: number;
  /** Pick ids in the order they are reached. */
  sequence: string[];
  /** The walked polyline, starting and ending at the depot; each leg is parallel to an axis. */
  waypoints: Waypoint[];
  aislesEntered: number;
};
