import { CoreError } from '../../shared/core-error';
import { LOGISTICS_COST_CATEGORIES, type LogisticsCostCategory } from '../types';

export function requireFinite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new CoreError('not_finite', `${path} must be a finite number`, { path });
  return value;
}

export function requireNonNegative(value: unknown, path: string): number {
  const number = requireFinite(value, path);
  if (number < 0) throw new CoreError('negative_value', `${path} must be ≥ 0, got ${number}`, { path });
  return number;
}

export function requireCategory(value: unknown, path: string): LogisticsCostCategory {
  if (!LOGISTICS_COST_CATEGORIES.includes(value as LogisticsCostCategory)) {
    throw new CoreError('invalid_input', `Unknown cost category ${JSON.stringify(value)}; expected ${LOGISTICS_COST_CATEGORIES.join(', ')}`, { path });
  }
  return value as LogisticsCostCategory;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])/;

/** `YYYY-MM` of an ISO date or month string. */
export function requireMonth(value: unknown, path: string): string {
  const match = typeof value === 'string' ? MONTH.exec(value) : null;
  if (!match) throw new CoreError('invalid_input', `${path} must be an ISO date or month (YYYY-MM…), got ${JSON.stringify(value)}`, { path });
  return `${match[1]}-${match[2]}`;
}
