import { CoreError } from './core-error';

// Input checks and rounding shared by the planning modules (S&OP, MPS, capacity, allocation).

/** Throws `not_finite` / `negative_value` unless `value` is a finite number ≥ 0. */
export function requireNonNegative(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new CoreError('not_finite', `expected a finite number, got ${String(value)}`, { path });
  if (value < 0) throw new CoreError('negative_value', `expected a value ≥ 0, got ${value}`, { path });
  return value;
}

/** Same as requireNonNegative but `undefined` gives `fallback`. */
export function optionalNonNegative(value: unknown, path: string, fallback: number): number {
  return value === undefined || value === null ? fallback : requireNonNegative(value, path);
}

/** Throws unless `values` is a non-empty array of finite numbers ≥ 0. */
export function requireNonNegativeArray(values: unknown, path: string): number[] {
  if (!Array.isArray(values)) throw new CoreError('invalid_input', 'expected an array of numbers', { path });
  if (values.length === 0) throw new CoreError('empty_input', 'expected at least one value', { path });
  return values.map((value, index) => requireNonNegative(value, `${path}[${index}]`));
}

/** A number, or one number per period: returns one value per period. */
export function perPeriod(value: unknown, periodCount: number, path: string, fallback: number): number[] {
  if (value === undefined || value === null) return new Array<number>(periodCount).fill(fallback);
  if (Array.isArray(value)) {
    if (value.length !== periodCount) throw new CoreError('length_mismatch', `expected ${periodCount} values, got ${value.length}`, { path });
    return value.map((entry, index) => requireNonNegative(entry, `${path}[${index}]`));
  }
  return new Array<number>(periodCount).fill(requireNonNegative(value, path));
}

/** Rounds solver noise away (1e-6) so plans print cleanly; -0 becomes 0. */
export function clean(value: number): number {
  const rounded = Math.round(value * 1e6) / 1e6;
  return rounded === 0 ? 0 : rounded;
}

/** Rounds a money amount to 1e-3 (solver noise times large cost coefficients stays below that). */
export function cleanMoney(value: number): number {
  const rounded = Math.round(value * 1e3) / 1e3;
  return rounded === 0 ? 0 : rounded;
}
