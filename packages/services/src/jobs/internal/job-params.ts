import { JobError } from '../job-error';

function invalid(field: string, detail: string): JobError {
  return new JobError('invalid_params', 'jobs.error.invalid_params', { field, detail }, `params.${field}: ${detail}`);
}

/** A whole number in [min, max], or the default when absent. */
export function integerParam(params: Record<string, unknown>, field: string, fallback: number, min: number, max: number): number {
  const value = params[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw invalid(field, `expected a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return value;
}

/** An ISO date YYYY-MM-DD, or the default when absent. */
export function dateParam(params: Record<string, unknown>, field: string, fallback: string): string {
  const value = params[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw invalid(field, `expected a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return value;
}

export function stringParam<T extends string>(params: Record<string, unknown>, field: string, fallback: T | undefined, allowed?: readonly T[]): T | undefined {
  const value = params[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string' || (allowed && !allowed.includes(value as T))) throw invalid(field, allowed ? `expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}` : `expected text, got ${JSON.stringify(value)}`);
  return value as T;
}

export function booleanParam(params: Record<string, unknown>, field: string, fallback: boolean): boolean {
  const value = params[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw invalid(field, `expected true or false, got ${JSON.stringify(value)}`);
  return value;
}

export function objectParam(params: Record<string, unknown>, field: string): Record<string, unknown> {
  const value = params[field];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid(field, 'expected an object');
  return value as Record<string, unknown>;
}

export function arrayParam(params: Record<string, unknown>, field: string, required: boolean): unknown[] | undefined {
  const value = params[field];
  if (value === undefined || value === null) {
    if (required) throw invalid(field, 'expected a non-empty list');
    return undefined;
  }
  if (!Array.isArray(value) || (required && value.length === 0)) throw invalid(field, 'expected a non-empty list');
  return value;
}

export { invalid as invalidJobParam };
