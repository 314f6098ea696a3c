import { CoreError } from '../../shared/core-error';
import type { PickPoint, PickRouteInput, Waypoint } from '../types';

export type ValidatedPickInput = {
  aisleCount: number;
  aisleLengthM: number;
  aisleSpacingM: number;
  depotAisleIndex: number;
  /** Picks per aisle, sorted by position then id. */
  picksByAisle: Map<number, PickPoint[]>;
};

export function validatePickInput(input: PickRouteInput): ValidatedPickInput {
  const { aisleCount, aisleLengthM, aisleSpacingM } = input;
  const depotAisleIndex = input.depotAisleIndex ?? 0;
  if (!Number.isInteger(aisleCount) || aisleCount < 1) throw new CoreError('invalid_input', 'aisleCount must be a positive integer', { path: 'aisleCount' });
  for (const [name, value] of [['aisleLengthM', aisleLengthM], ['aisleSpacingM', aisleSpacingM]] as const) {
    if (!Number.isFinite(value)) throw new CoreError('not_finite', `${name} must be a finite number`, { path: name });
    if (value <= 0) throw new CoreError('negative_value', `${name} must be positive`, { path: name });
  }
  if (!Number.isInteger(depotAisleIndex) || depotAisleIndex < 0 || depotAisleIndex >= aisleCount) {
    throw new CoreError('out_of_range', `depotAisleIndex must be an aisle index 0–${aisleCount - 1}`, { path: 'depotAisleIndex' });
  }
  if (!Array.isArray(input.picks)) throw new CoreError('invalid_input', 'picks must be an array', { path: 'picks' });
  const seen = new Set<string>();
  const picksByAisle = new Map<number, PickPoint[]>();
  input.picks.forEach((pick, index) => {
    const path = `picks[${index}]`;
    if (typeof pick.id !== 'string' || pick.id === '') throw new CoreError('invalid_input', 'pick id must be a non-empty string', { path: `${path}.id` });
    if (seen.has(pick.id)) throw new CoreError('invalid_input', `duplicate pick id ${pick.id}`, { path: `${path}.id` });
    seen.add(pick.id);
    if (!Number.isInteger(pick.aisleIndex) || pick.aisleIndex < 0 || pick.aisleIndex >= aisleCount) {
      throw new CoreError('out_of_range', `aisleIndex must be 0–${aisleCount - 1}`, { path: `${path}.aisleIndex` });
    }
    if (!Number.isFinite(pick.positionM)) throw new CoreError('not_finite', 'positionM must be finite', { path: `${path}.positionM` });
    if (pick.positionM < 0 || pick.positionM > aisleLengthM) {
      throw new CoreError('out_of_range', `positionM must lie in 0–${aisleLengthM} m`, { path: `${path}.positionM` });
    }
    const list = picksByAisle.get(pick.aisleIndex) ?? [];
    list.push({ id: pick.id, aisleIndex: pick.aisleIndex, positionM: pick.positionM });
    picksByAisle.set(pick.aisleIndex, list);
  });
  for (const list of picksByAisle.values()) list.sort((a, b) => a.positionM - b.positionM || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { aisleCount, aisleLengthM, aisleSpacingM, depotAisleIndex, picksByAisle };
}

/** Length of an axis-parallel polyline in metres. */
export function polylineLengthM(waypoints: readonly Waypoint[]): number {
  let total = 0;
  for (let i = 1; i < waypoints.length; i += 1) {
    const a = waypoints[i - 1]!;
    const b = waypoints[i]!;
    total += Math.abs(a.xM - b.xM) + Math.abs(a.yM - b.yM);
  }
  return total;
}

/** Drops consecutive repeated points so the polyline reads cleanly. */
export function compactWaypoints(waypoints: readonly Waypoint[]): Waypoint[] {
  const out: Waypoint[] = [];
  for (const point of waypoints) {
    const last = out[out.length - 1];
    if (last !== undefined && last.xM === point.xM && last.yM === point.yM) continue;
    out.push(point);
  }
  return out;
}
