import { CoreError, assertNever } from '../shared/core-error';
import type { ForecastBucket } from './consume-forecast-by-orders';

export type ForecastOverride = {
  period: number;
  /** 'set' replaces the quantity, 'add' adds (may be negative), 'multiply' scales. */
  kind: 'set' | 'add' | 'multiply';
  value: number;
  /** Why the planner changed the number (required, kept in the result). */
  reason: string;
  /** Who changed it (required, kept in the result). */
  author: string;
  /** When it was entered, ISO timestamp supplied by the caller (core has no clock). */
  enteredAt?: string;
};

export type AppliedOverride = ForecastOverride & { quantityBefore: number; quantityAfter: number; clampedAtZero: boolean };

export type OverriddenPeriod = {
  period: number;
  statisticalQuantity: number;
  finalQuantity: number;
  /** Overrides applied to this period, in the order applied. */
  overrides: AppliedOverride[];
};

export type ApplyForecastOverridesResult = {
  periods: OverriddenPeriod[];
  /** sum(final) − sum(statistical). */
  totalAdjustment: number;
};

/**
 * Applies judgmental overrides to a statistical forecast and keeps the audit trail (demand units).
 *
 * Formula: overrides are applied in the given order (sort them by enteredAt beforehand): set → v,
 * add → q + v, multiply → q × v; results are floored at 0 (flagged clampedAtZero) unless
 * allowNegative. The statistical quantity is kept next to the final one so forecast value added
 * can be measured later.
 *
 * Source: Fildes, Goodwin, Lawrence & Nikolopoulos (2009), "Effective forecasting and judgmental
 * adjustments", IJF 25(1): record every adjustment with its reason to learn which ones add value.
 *
 * Example: statistical [100, 100]; override period 1 multiply 1.2 ('trade show', 'ana') then add
 * −30 ('late shipment', 'bob') → final [100, 90], totalAdjustment −10.
 *
 * Throws CoreError: invalid_input (blank reason or author, unknown kind, duplicate period),
 * unknown_reference (period not in the forecast), not_finite, negative_value (set below 0 or a
 * negative multiplier when negatives are not allowed).
 */
export function applyForecastOverrides(input: { forecast: readonly ForecastBucket[]; overrides: readonly ForecastOverride[]; allowNegative?: boolean }): ApplyForecastOverridesResult {
  const allowNegative = input.allowNegative ?? false;
  const byPeriod = new Map<number, OverriddenPeriod>();
  input.forecast.forEach((b, i) => {
    if (!Number.isInteger(b.period)) throw new CoreError('invalid_input', `forecast[${i}].period must be an integer`, { path: `forecast[${i}].period` });
    if (byPeriod.has(b.period)) throw new CoreError('invalid_input', `period ${b.period} appears twice in the forecast`, { path: `forecast[${i}].period` });
    if (!Number.isFinite(b.quantity)) throw new CoreError('not_finite', `forecast[${i}].quantity is not finite`, { path: `forecast[${i}].quantity` });
    byPeriod.set(b.period, { period: b.period, statisticalQuantity: b.quantity, finalQuantity: b.quantity, overrides: [] });
  });
  input.overrides.forEach((o, i) => {
    const path = `overrides[${i}]`;
    if (typeof o.reason !== 'string' || o.reason.trim() === '') throw new CoreError('invalid_input', `${path}.reason is required`, { path: `${path}.reason` });
    if (typeof o.author !== 'string' || o.author.trim() === '') throw new CoreError('invalid_input', `${path}.author is required`, { path: `${path}.author` });
    if (!Number.isFinite(o.value)) throw new CoreError('not_finite', `${path}.value is not finite`, { path: `${path}.value` });
    const target = byPeriod.get(o.period);
    if (!target) throw new CoreError('unknown_reference', `${path}.period ${o.period} is not in the forecast`, { path: `${path}.period` });
    const before = target.finalQuantity;
    let after: number;
    switch (o.kind) {
      case 'set':
        if (!allowNegative && o.value < 0) throw new CoreError('negative_value', `${path}.value sets a negative forecast`, { path: `${path}.value` });
        after = o.value;
        break;
      case 'add':
        after = before + o.value;
        break;
      case 'multiply':
        if (!allowNegative && o.value < 0) throw new CoreError('negative_value', `${path}.value is a negative multiplier`, { path: `${path}.value` });
        after = before * o.value;
        break;
      default:
        if (!['set', 'add', 'multiply'].includes((o as { kind: string }).kind)) throw new CoreError('invalid_input', `${path}.kind must be set, add or multiply`, { path: `${path}.kind` });
        return assertNever(o.kind, 'override kind');
    }
    const clampedAtZero = !allowNegative && after < 0;
    if (clampedAtZero) after = 0;
    target.finalQuantity = after;
    target.overrides.push({ ...o, quantityBefore: before, quantityAfter: after, clampedAtZero });
  });
  const periods = [...byPeriod.values()].sort((a, b) => a.period - b.period);
  const totalAdjustment = periods.reduce((acc, p) => acc + p.finalQuantity - p.statisticalQuantity, 0);
  return { periods, totalAdjustment };
}
