import { CoreError } from '../../shared/core-error';
import type { ForecastInput, PredictionInterval } from '../types';
import { zForLevel } from './normal-quantile';

/** Validates the shared input; returns the season length as an integer ≥ 1. */
export function checkForecastInput(input: ForecastInput, minimumLength = 1): number {
  if (!Array.isArray(input.values) && !ArrayBuffer.isView(input.values)) {
    throw new CoreError('invalid_input', 'values must be an array of numbers', { path: 'values' });
  }
  if (input.values.length < minimumLength) {
    throw new CoreError(input.values.length === 0 ? 'empty_input' : 'out_of_range', `need at least ${minimumLength} observation(s), got ${input.values.length}`, { path: 'values' });
  }
  for (let i = 0; i < input.values.length; i++) {
    if (typeof input.values[i] !== 'number' || !Number.isFinite(input.values[i])) {
      throw new CoreError('not_finite', `values[${i}] is not a finite number`, { path: `values[${i}]` });
    }
  }
  if (!Number.isInteger(input.horizon) || input.horizon < 1) {
    throw new CoreError('out_of_range', `horizon must be an integer ≥ 1, got ${input.horizon}`, { path: 'horizon' });
  }
  if (!Number.isInteger(input.seasonLength) || input.seasonLength < 1) {
    throw new CoreError('out_of_range', `seasonLength must be an integer ≥ 1, got ${input.seasonLength}`, { path: 'seasonLength' });
  }
  input.levels.forEach((level, i) => {
    if (!(level > 0 && level < 100)) throw new CoreError('out_of_range', `levels[${i}] must be in (0, 100), got ${level}`, { path: `levels[${i}]` });
  });
  return input.seasonLength;
}

/** Normal intervals mean ± z·sd per step; sd must be finite and ≥ 0 (NaN/∞ become 0 and are noted by callers). */
export function normalIntervals(mean: readonly number[], sd: readonly number[], levels: readonly number[], floorAtZero = false): PredictionInterval[] {
  return levels.map((level) => {
    const z = zForLevel(level);
    const lower = mean.map((m, i) => {
      const s = Number.isFinite(sd[i]!) ? sd[i]! : 0;
      const value = m - z * s;
      return floorAtZero ? Math.max(0, value) : value;
    });
    const upper = mean.map((m, i) => m + z * (Number.isFinite(sd[i]!) ? sd[i]! : 0));
    return { level, lower, upper };
  });
}

/**
 * Intervals from simulated sample paths: paths[p][h]; the level-L interval is the
 * (50 − L/2, 50 + L/2) % empirical quantiles (type-7 interpolation), widened to contain the mean.
 */
export function simulatedIntervals(mean: readonly number[], paths: readonly Float64Array[], levels: readonly number[]): PredictionInterval[] {
  const horizon = mean.length;
  const sortedByStep: Float64Array[] = [];
  for (let h = 0; h < horizon; h++) {
    const column = new Float64Array(paths.length);
    for (let p = 0; p < paths.length; p++) column[p] = paths[p]![h]!;
    column.sort();
    sortedByStep.push(column);
  }
  const quantile = (column: Float64Array, q: number): number => {
    const position = q * (column.length - 1);
    const low = Math.floor(position);
    const high = Math.min(column.length - 1, low + 1);
    return column[low]! + (position - low) * (column[high]! - column[low]!);
  };
  return levels.map((level) => {
    const lower = sortedByStep.map((column, h) => Math.min(mean[h]!, quantile(column, 0.5 - level / 200)));
    const upper = sortedByStep.map((column, h) => Math.max(mean[h]!, quantile(column, 0.5 + level / 200)));
    return { level, lower, upper };
  });
}

/** Replaces any non-finite number by a fallback (used as the last guard before returning). */
export function finiteOr(values: number[], fallback: number): number[] {
  return values.map((v) => (Number.isFinite(v) ? v : fallback));
}
