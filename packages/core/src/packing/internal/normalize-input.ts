import { CoreError } from '../../shared/core-error';
import type { PackingBoxType, PackingInput } from '../types';

/** Internal view of a box type: index-based, with every allowed orientation as (x, y, z) extents. */
export type NormalizedBoxType = {
  index: number;
  id: string;
  quantity: number;
  weightKg: number;
  volumeCm3: number;
  stopSequence: number;
  stackable: boolean;
  orientations: [number, number, number][];
};

export type NormalizedProblem = {
  lengthCm: number;
  widthCm: number;
  heightCm: number;
  maxPayloadKg: number;
  types: NormalizedBoxType[];
  /** Distinct stop sequences, last delivery first (the loading order). */
  stopsInLoadingOrder: number[];
};

function checkPositive(value: unknown, path: string): number {
  if (typeof value !== 'number' || Number.isNaN(value)) throw new CoreError('invalid_input', `${path} must be a number`, { path });
  if (!Number.isFinite(value)) throw new CoreError('not_finite', `${path} must be finite`, { path });
  if (value <= 0) throw new CoreError('out_of_range', `${path} must be greater than 0, got ${value}`, { path });
  return value;
}

/**
 * Allowed orientations of a box as (x, y, z) extents. A dimension may be vertical only when its flag
 * is set; the two others then lie along x and y in either order. Duplicates (equal sides) are removed.
 */
export function listOrientations(box: Pick<PackingBoxType, 'lengthCm' | 'widthCm' | 'heightCm' | 'verticalAllowed'>): [number, number, number][] {
  const flags = box.verticalAllowed ?? { length: false, width: false, height: true };
  const l = box.lengthCm;
  const w = box.widthCm;
  const h = box.heightCm;
  const candidates: [number, number, number][] = [];
  if (flags.height) candidates.push([l, w, h], [w, l, h]);
  if (flags.width) candidates.push([l, h, w], [h, l, w]);
  if (flags.length) candidates.push([w, h, l], [h, w, l]);
  const seen = new Set<string>();
  const out: [number, number, number][] = [];
  for (const c of candidates) {
    const key = c.join('x');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
  }
  return out;
}

/** Validates a packing input and turns it into the internal model; throws CoreError with the bad field's path. */
export function normalizePackingInput(input: PackingInput): NormalizedProblem {
  if (input === null || typeof input !== 'object') throw new CoreError('invalid_input', 'input must be an object', { path: '' });
  const container = input.container;
  if (container === null || typeof container !== 'object') throw new CoreError('invalid_input', 'container is required', { path: 'container' });
  const lengthCm = checkPositive(container.lengthCm, 'container.lengthCm');
  const widthCm = checkPositive(container.widthCm, 'container.widthCm');
  const heightCm = checkPositive(container.heightCm, 'container.heightCm');
  let maxPayloadKg = Number.POSITIVE_INFINITY;
  if (container.maxPayloadKg !== undefined) maxPayloadKg = checkPositive(container.maxPayloadKg, 'container.maxPayloadKg');
  if (!Array.isArray(input.boxTypes)) throw new CoreError('invalid_input', 'boxTypes must be an array', { path: 'boxTypes' });
  if (input.boxTypes.length === 0) throw new CoreError('empty_input', 'boxTypes is empty', { path: 'boxTypes' });
  const ids = new Set<string>();
  const types: NormalizedBoxType[] = input.boxTypes.map((box, index) => {
    const path = `boxTypes[${index}]`;
    if (box === null || typeof box !== 'object') throw new CoreError('invalid_input', `${path} must be an object`, { path });
    if (typeof box.id !== 'string' || box.id.length === 0) throw new CoreError('invalid_input', `${path}.id must be a non-empty string`, { path: `${path}.id` });
    if (ids.has(box.id)) throw new CoreError('invalid_input', `duplicate box type id "${box.id}"`, { path: `${path}.id` });
    ids.add(box.id);
    const l = checkPositive(box.lengthCm, `${path}.lengthCm`);
    const w = checkPositive(box.widthCm, `${path}.widthCm`);
    const h = checkPositive(box.heightCm, `${path}.heightCm`);
    if (!Number.isInteger(box.quantity)) throw new CoreError('invalid_input', `${path}.quantity must be an integer`, { path: `${path}.quantity` });
    if (box.quantity < 0) throw new CoreError('negative_value', `${path}.quantity must not be negative`, { path: `${path}.quantity` });
    const weightKg = box.weightKg ?? 0;
    if (typeof weightKg !== 'number' || !Number.isFinite(weightKg)) throw new CoreError('not_finite', `${path}.weightKg must be a finite number`, { path: `${path}.weightKg` });
    if (weightKg < 0) throw new CoreError('negative_value', `${path}.weightKg must not be negative`, { path: `${path}.weightKg` });
    const stopSequence = box.stopSequence ?? 1;
    if (!Number.isInteger(stopSequence) || stopSequence < 1) throw new CoreError('out_of_range', `${path}.stopSequence must be an integer ≥ 1`, { path: `${path}.stopSequence` });
    const flags = box.verticalAllowed;
    if (flags !== undefined) {
      if (typeof flags !== 'object' || flags === null || ![flags.length, flags.width, flags.height].every((f) => typeof f === 'boolean')) {
        throw new CoreError('invalid_input', `${path}.verticalAllowed needs boolean length, width and height`, { path: `${path}.verticalAllowed` });
      }
      if (!flags.length && !flags.width && !flags.height) throw new CoreError('invalid_input', `${path}.verticalAllowed allows no orientation`, { path: `${path}.verticalAllowed` });
    }
    if (box.stackable !== undefined && typeof box.stackable !== 'boolean') throw new CoreError('invalid_input', `${path}.stackable must be a boolean`, { path: `${path}.stackable` });
    return {
      index,
      id: box.id,
      quantity: box.quantity,
      weightKg,
      volumeCm3: l * w * h,
      stopSequence,
      stackable: box.stackable ?? true,
      orientations: listOrientations({ lengthCm: l, widthCm: w, heightCm: h, verticalAllowed: flags }),
    };
  });
  const stopsInLoadingOrder = [...new Set(types.map((t) => t.stopSequence))].sort((a, b) => b - a);
  return { lengthCm, widthCm, heightCm, maxPayloadKg, types, stopsInLoadingOrder };
}
