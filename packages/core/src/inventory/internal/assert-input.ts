import { CoreError } from '../../shared/core-error';

/** Throws not_finite unless value is a finite number. */
export function assertFinite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new CoreError('not_finite', `expected a finite number, got ${JSON.stringify(value)}`, { path });
  }
  return value;
}

/** Throws unless value is a finite number >= 0. */
export function assertNonNegative(value: unknown, path: string): number {
  const number = assertFinite(value, path);
  if (number < 0) throw new CoreError('negative_value', `must be >= 0, got ${number}`, { path });
  return number;
}

/** Throws unless value is a finite number > 0. */
export function assertPositive(value: unknown, path: string): number {
  const number = assertFinite(value, path);
  if (number <= 0) throw new CoreError('out_of_range', `must be > 0, got ${number}`, { path });
  return number;
}

/** Throws unless value is strictly between 0 and 1. */
export function assertOpenFraction(value: unknown, path: string): number {
  const number = assertFinite(value, path);
  if (!(number > 0 && number < 1)) throw new CoreError('out_of_range', `must be strictly between 0 and 1, got ${number}`, { path });
  return number;
}

/** Throws unless value is a non-negative integer. */
export function assertNonNegativeInteger(value: unknown, path: string): number {
  const number = assertNonNegative(value, path);
  if (!Number.isInteger(number)) throw new CoreError('invalid_input', `must be a whole number, got ${number}`, { path });
  return number;
}
