import { CoreError } from '../../shared/core-error';

/** Throws not_finite / negative_value for a bad number at `path`. */
export function checkNonNegative(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new CoreError('not_finite', `${path} must be a finite number`, { path });
  }
  if (value < 0) throw new CoreError('negative_value', `${path} must be >= 0 (got ${value})`, { path });
  return value;
}

/** Throws unless `value` is undefined or a positive finite number. */
export function checkOptionalPositive(value: unknown, path: string): number | undefined {
  if (value === undefined) return undefined;
  const n = checkNonNegative(value, path);
  if (n === 0) throw new CoreError('out_of_range', `${path} must be > 0`, { path });
  return n;
}
