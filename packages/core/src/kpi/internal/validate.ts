import { CoreError } from '../../shared/core-error';
import type { KpiMeasurement } from '../types';

export function requireNonEmpty(records: readonly unknown[] | undefined, path: string): void {
  if (!Array.isArray(records)) throw new CoreError('invalid_input', `${path} must be an array`, { path });
  if (records.length === 0) throw new CoreError('empty_input', `${path} is empty: nothing to measure`, { path });
}

export function requireId(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new CoreError('invalid_input', `${path} must be a non-empty string`, { path });
  return value;
}

export function requireNonNegative(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new CoreError('not_finite', `${path} must be a finite number`, { path });
  if (value < 0) throw new CoreError('negative_value', `${path} must be ≥ 0, got ${value}`, { path });
  return value;
}

export function requireFraction(value: unknown, path: string): number {
  const number = requireNonNegative(value, path);
  if (number > 1) throw new CoreError('out_of_range', `${path} must be a fraction in 0–1, got ${number}`, { path });
  return number;
}

/** numerator / denominator, null when the denominator is zero. */
export function ratioOrNull(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

export function measurement(numerator: number, denominator: number, recordIds: string[], components?: Record<string, number | null>): KpiMeasurement {
  const result: KpiMeasurement = { value: ratioOrNull(numerator, denominator), numerator, denominator, recordIds };
  if (components) result.components = components;
  return result;
}
