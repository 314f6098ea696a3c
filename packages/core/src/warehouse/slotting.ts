import { CoreError, assertNever } from '../shared/core-error';
import { computeDepotDistanceM, validateWarehouseLayout } from './warehouse-layout';
import type { WarehouseLayout } from './types';

export type SlottingMethod = 'abc' | 'cube-per-order';

export type SlottingItem = {
  id: string;
  /** Pick lines (visits to the location) per period. */
  picksPerPeriod: number;
  /** Orders that contain the item per period (Heskett's order frequency); defaults to picksPerPeriod. */
  ordersPerPeriod?: number;
  /** Storage space the item needs in its pick location, in m³. */
  storageM3: number;
};

export type SlottingInput = {
  layout: WarehouseLayout;
  items: SlottingItem[];
  method: SlottingMethod;
  /** Cumulative pick shares closing classes A and B (default 0.8 and 0.95). */
  abcThresholds?: { a: number; b: number };
  /** Zone whose locations are slotted (default: every location in the aisles). */
  zoneId?: string;
};

export type SlotAssignment = {
  itemId: string;
  locationId: string;
  rank: number;
  abcClass: 'A' | 'B' | 'C';
  /** Heskett's COI in m³ per order; null when the item has no orders. */
  cubePerOrderIndex: number | null;
  depotDistanceM: number;
};

export type SlottingResult = {
  method: SlottingMethod;
  status: 'complete' | 'partial';
  assignments: SlotAssignment[];
  /** Σ picks × 2 × one-way distance: expected walking per period if each pick were a separate round trip, in metres. */
  roundTripDistanceMPerPeriod: number;
  exceptions: { itemId: string; reason: 'no-location-with-capacity'; storageM3: number }[];
};

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Assigns items to pick locations, the most important first to the locations nearest the depot.
 * `abc`: rank by pick frequency (descending); classes by cumulative share of picks (A ≤ 80 %, B ≤ 95 %, C the rest).
 * `cube-per-order`: rank by COI = storageM3 / ordersPerPeriod ascending (Heskett 1963): small, often-ordered items first.
 * Each item takes the nearest free location whose capacityM3 ≥ its storageM3; an item that fits nowhere is an exception.
 * Sources: Heskett, J.L. (1963) "Cube-per-order index — a key to warehouse stock location", Transportation and
 * Distribution Management 3; Frazelle, World-Class Warehousing and Material Handling (2002), ch. 7.
 * Example: items X (100 picks, 25 orders, 0.5 m³ → COI 0.02) and Y (50 picks, 50 orders, 0.5 m³ → COI 0.01):
 * ABC puts X nearest the depot, COI puts Y nearest.
 * Throws invalid_input (duplicate ids, bad method), negative_value, not_finite.
 */
export function planSlotting(input: SlottingInput): SlottingResult {
  validateWarehouseLayout(input.layout);
  const thresholds = input.abcThresholds ?? { a: 0.8, b: 0.95 };
  if (!(thresholds.a > 0 && thresholds.a <= thresholds.b && thresholds.b <= 1)) {
    throw new CoreError('out_of_range', 'abcThresholds need 0 < a ≤ b ≤ 1', { path: 'abcThresholds' });
  }
  const seen = new Set<string>();
  input.items.forEach((item, index) => {
    const path = `items[${index}]`;
    if (seen.has(item.id)) throw new CoreError('invalid_input', `duplicate item id ${item.id}`, { path: `${path}.id` });
    seen.add(item.id);
    for (const field of ['picksPerPeriod', 'storageM3'] as const) {
      if (!Number.isFinite(item[field])) throw new CoreError('not_finite', `${field} must be finite`, { path: `${path}.${field}` });
      if (item[field] < 0) throw new CoreError('negative_value', `${field} must be ≥ 0`, { path: `${path}.${field}` });
    }
    if (item.ordersPerPeriod !== undefined && (!Number.isFinite(item.ordersPerPeriod) || item.ordersPerPeriod < 0)) {
      throw new CoreError('negative_value', 'ordersPerPeriod must be ≥ 0', { path: `${path}.ordersPerPeriod` });
    }
  });
  const totalPicks = input.items.reduce((sum, item) => sum + item.picksPerPeriod, 0);
  const byPicks = [...input.items].sort((a, b) => b.picksPerPeriod - a.picksPerPeriod || byId(a.id, b.id));
  const abcClass = new Map<string, 'A' | 'B' | 'C'>();
  let cumulative = 0;
  for (const item of byPicks) {
    // An item belongs to the class in which its cumulative share starts.
    const shareBefore = totalPicks === 0 ? 1 : cumulative / totalPicks;
    abcClass.set(item.id, shareBefore < thresholds.a ? 'A' : shareBefore < thresholds.b ? 'B' : 'C');
    cumulative += item.picksPerPeriod;
  }
  const coi = (item: SlottingItem): number => {
    const orders = item.ordersPerPeriod ?? item.picksPerPeriod;
    return orders > 0 ? item.storageM3 / orders : Infinity;
  };
  let ranked: SlottingItem[];
  switch (input.method) {
    case 'abc':
      ranked = byPicks;
      break;
    case 'cube-per-order':
      ranked = [...input.items].sort((a, b) => coi(a) - coi(b) || b.picksPerPeriod - a.picksPerPeriod || byId(a.id, b.id));
      break;
    default:
      return assertNever(input.method, 'slotting method');
  }
  const candidates = input.layout.locations
    .filter((location) => (input.zoneId === undefined ? true : location.zoneId === input.zoneId))
    .map((location) => ({ location, distanceM: computeDepotDistanceM(input.layout, location) }))
    .filter((entry): entry is { location: typeof entry.location; distanceM: number } => entry.distanceM !== undefined)
    .sort((a, b) => a.distanceM - b.distanceM || (a.location.level ?? 0) - (b.location.level ?? 0) || byId(a.location.id, b.location.id));
  const taken = new Set<string>();
  const assignments: SlotAssignment[] = [];
  const exceptions: SlottingResult['exceptions'] = [];
  let roundTrip = 0;
  ranked.forEach((item, rank) => {
    const slot = candidates.find((entry) => !taken.has(entry.location.id) && entry.location.capacityM3 >= item.storageM3);
    if (slot === undefined) {
      exceptions.push({ itemId: item.id, reason: 'no-location-with-capacity', storageM3: item.storageM3 });
      return;
    }
    taken.add(slot.location.id);
    roundTrip += item.picksPerPeriod * 2 * slot.distanceM;
    assignments.push({ itemId: item.id, locationId: slot.location.id, rank: rank + 1, abcClass: abcClass.get(item.id)!, cubePerOrderIndex: Number.isFinite(coi(item)) ? coi(item) : null, depotDistanceM: slot.distanceM });
  });
  return { method: input.method, status: exceptions.length === 0 ? 'complete' : 'partial', assignments, roundTripDistanceMPerPeriod: roundTrip, exceptions };
}
