import { CoreError } from '../shared/core-error';
import type { LocationType, PickPoint, WarehouseLayout, WarehouseLocation, WarehouseZone, WarehouseZoneKind } from './types';

export const WAREHOUSE_ZONE_KINDS: readonly WarehouseZoneKind[] = ['receiving', 'reserve', 'picking', 'shipping'];
const LOCATION_TYPES: readonly LocationType[] = ['pick-face', 'pallet-rack', 'shelf', 'floor', 'dock'];

export type BuildWarehouseLayoutInput = {
  name?: string;
  aisleCount: number;
  baysPerAisle: number;
  levelsPerBay: number;
  bayWidthM: number;
  aisleSpacingM: number;
  depotAisleIndex?: number;
  /** Capacity of one picking location (one bay, one level) in m³. */
  pickLocationCapacityM3: number;
  /** Extra zones and their locations (receiving docks, reserve racks, shipping lanes). */
  extraZones?: WarehouseZone[];
  extraLocations?: WarehouseLocation[];
};

/** Location id of a picking location: `A02-B07-L1` (aisle 1-based, bay, level). */
export function toPickLocationId(aisleIndex: number, bay: number, level: number): string {
  return `A${String(aisleIndex + 1).padStart(2, '0')}-B${String(bay).padStart(2, '0')}-L${level}`;
}

/**
 * Builds a layout whose picking zone is a grid of aisles × bays × levels (one location each), plus given zones.
 * Aisle length = baysPerAisle × bayWidthM; bay b (1-based) lies (b − 0.5) × bayWidthM from the front cross aisle.
 * Example: 2 aisles × 3 bays × 2 levels gives 12 picking locations `A01-B01-L1` … `A02-B03-L2`, aisles 3·1.2 = 3.6 m long.
 * Throws invalid_input / negative_value / out_of_range / unknown_reference (see validateWarehouseLayout).
 */
export function buildWarehouseLayout(input: BuildWarehouseLayoutInput): WarehouseLayout {
  const zones: WarehouseZone[] = [{ id: 'picking', kind: 'picking', name: 'Picking' }, ...(input.extraZones ?? [])];
  const locations: WarehouseLocation[] = [];
  for (let aisle = 0; aisle < input.aisleCount; aisle += 1) {
    for (let bay = 1; bay <= input.baysPerAisle; bay += 1) {
      for (let level = 1; level <= input.levelsPerBay; level += 1) {
        locations.push({ id: toPickLocationId(aisle, bay, level), zoneId: 'picking', type: 'pick-face', aisleIndex: aisle, bay, level, capacityM3: input.pickLocationCapacityM3 });
      }
    }
  }
  locations.push(...(input.extraLocations ?? []));
  const layout: WarehouseLayout = {
    ...(input.name === undefined ? {} : { name: input.name }),
    aisleCount: input.aisleCount,
    baysPerAisle: input.baysPerAisle,
    levelsPerBay: input.levelsPerBay,
    bayWidthM: input.bayWidthM,
    aisleSpacingM: input.aisleSpacingM,
    depotAisleIndex: input.depotAisleIndex ?? 0,
    zones,
    locations,
  };
  validateWarehouseLayout(layout);
  return layout;
}

/** Checks a layout and throws the first problem as a CoreError with the path of the bad field. */
export function validateWarehouseLayout(layout: WarehouseLayout): void {
  const positiveInteger = (value: number, path: string): void => {
    if (!Number.isInteger(value) || value < 1) throw new CoreError('invalid_input', `${path} must be a positive integer`, { path });
  };
  positiveInteger(layout.aisleCount, 'aisleCount');
  positiveInteger(layout.baysPerAisle, 'baysPerAisle');
  positiveInteger(layout.levelsPerBay, 'levelsPerBay');
  for (const name of ['bayWidthM', 'aisleSpacingM'] as const) {
    if (!Number.isFinite(layout[name]) || layout[name] <= 0) throw new CoreError('negative_value', `${name} must be a positive number`, { path: name });
  }
  if (!Number.isInteger(layout.depotAisleIndex) || layout.depotAisleIndex < 0 || layout.depotAisleIndex >= layout.aisleCount) {
    throw new CoreError('out_of_range', 'depotAisleIndex must be an aisle index', { path: 'depotAisleIndex' });
  }
  const zoneIds = new Set<string>();
  layout.zones.forEach((zone, index) => {
    if (!WAREHOUSE_ZONE_KINDS.includes(zone.kind)) throw new CoreError('invalid_input', `zone kind must be one of ${WAREHOUSE_ZONE_KINDS.join(', ')}`, { path: `zones[${index}].kind` });
    if (zoneIds.has(zone.id)) throw new CoreError('invalid_input', `duplicate zone id ${zone.id}`, { path: `zones[${index}].id` });
    zoneIds.add(zone.id);
  });
  const locationIds = new Set<string>();
  layout.locations.forEach((location, index) => {
    const path = `locations[${index}]`;
    if (locationIds.has(location.id)) throw new CoreError('invalid_input', `duplicate location id ${location.id}`, { path: `${path}.id` });
    locationIds.add(location.id);
    if (!zoneIds.has(location.zoneId)) throw new CoreError('unknown_reference', `unknown zone ${location.zoneId}`, { path: `${path}.zoneId` });
    if (!LOCATION_TYPES.includes(location.type)) throw new CoreError('invalid_input', `location type must be one of ${LOCATION_TYPES.join(', ')}`, { path: `${path}.type` });
    if (!Number.isFinite(location.capacityM3) || location.capacityM3 < 0) throw new CoreError('negative_value', 'capacityM3 must be ≥ 0', { path: `${path}.capacityM3` });
    if (location.aisleIndex !== undefined && (!Number.isInteger(location.aisleIndex) || location.aisleIndex < 0 || location.aisleIndex >= layout.aisleCount)) {
      throw new CoreError('out_of_range', 'aisleIndex outside the block', { path: `${path}.aisleIndex` });
    }
    if (location.bay !== undefined && (!Number.isInteger(location.bay) || location.bay < 1 || location.bay > layout.baysPerAisle)) {
      throw new CoreError('out_of_range', `bay must be 1–${layout.baysPerAisle}`, { path: `${path}.bay` });
    }
  });
}

/** Position of a location in the picking block; undefined for locations outside the aisles (docks, floor). */
export function toPickPoint(layout: WarehouseLayout, location: WarehouseLocation, id = location.id): PickPoint | undefined {
  if (location.aisleIndex === undefined || location.bay === undefined) return undefined;
  return { id, aisleIndex: location.aisleIndex, positionM: (location.bay - 0.5) * layout.bayWidthM };
}

/** One-way walking distance in metres from the depot to a location: |x − x_depot| + distance into the aisle. */
export function computeDepotDistanceM(layout: WarehouseLayout, location: WarehouseLocation): number | undefined {
  const point = toPickPoint(layout, location);
  if (point === undefined) return undefined;
  return Math.abs(point.aisleIndex - layout.depotAisleIndex) * layout.aisleSpacingM + point.positionM;
}

export type WarehouseLayoutSummary = {
  aisleLengthM: number;
  zones: { id: string; kind: WarehouseZoneKind; locationCount: number; capacityM3: number }[];
  locationCount: number;
  capacityM3: number;
};

/** Counts locations and capacity per zone. Example: the 12-location grid above with 0.5 m³ each holds 6 m³. */
export function summarizeWarehouseLayout(layout: WarehouseLayout): WarehouseLayoutSummary {
  validateWarehouseLayout(layout);
  const zones = layout.zones.map((zone) => {
    const inZone = layout.locations.filter((location) => location.zoneId === zone.id);
    return { id: zone.id, kind: zone.kind, locationCount: inZone.length, capacityM3: inZone.reduce((sum, l) => sum + l.capacityM3, 0) };
  });
  return {
    aisleLengthM: layout.baysPerAisle * layout.bayWidthM,
    zones,
    locationCount: layout.locations.length,
    capacityM3: layout.locations.reduce((sum, l) => sum + l.capacityM3, 0),
  };
}
