import { CoreError } from '../shared/core-error';
import type { ForecastInput, ForecastModel, ForecastResult, PredictionInterval } from './types';
import { checkForecastInput } from './internal/forecast-input-check';

export type CombinationOptions = {
  /** Models to combine (at least one). */
  members: readonly ForecastModel[];
  /** 'median' (default, robust to one bad member) or 'mean'. */
  combiner?: 'median' | 'mean';
};

function combine(values: number[], combiner: 'median' | 'mean'): number {
  if (combiner === 'mean') return values.reduce((a, b) => a + b, 0) / values.length;
  const sorted = values.slice().sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Forecast combination: the median (or mean) of the members' point forecasts at each step, and of
 * their interval bounds level by level (a simple, widely used approximation; the combined
 * interval is then the median member interval). Sources: Bates & Granger (1969); Makridakis &
 * Hibon (2000) on combinations in M3; Hyndman's ETS+ARIMA+Theta comparisons on M3.
 * Members that throw are skipped and noted; if all fail, the first error is rethrown.
 * Example: members forecasting 10, 12 and 20 → median 12, mean 14.
 */
export function forecastCombination(input: ForecastInput & CombinationOptions): ForecastResult {
  checkForecastInput(input);
  if (input.members.length === 0) throw new CoreError('invalid_input', 'a combination needs at least one member model', { path: 'members' });
  const combiner = input.combiner ?? 'median';
  const results: ForecastResult[] = [];
  const notes: string[] = [];
  let firstError: unknown;
  for (const member of input.members) {
    try {
      const result = member.forecast({ values: input.values, horizon: input.horizon, seasonLength: input.seasonLength, levels: input.levels, seed: input.seed });
      if (result.mean.every((v) => Number.isFinite(v))) results.push(result);
      else notes.push(`${member.name} skipped: non-finite forecast`);
    } catch (error) {
      firstError ??= error;
      notes.push(`${member.name} skipped: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (results.length === 0) throw firstError ?? new CoreError('infeasible', 'no member model produced a forecast');
  const mean = Array.from({ length: input.horizon }, (_, h) => combine(results.map((r) => r.mean[h]!), combiner));
  const intervals: PredictionInterval[] = input.levels.map((level) => {
    const lower: number[] = [];
    const upper: number[] = [];
    for (let h = 0; h < input.horizon; h++) {
      const lows = results.map((r) => r.intervals.find((i) => i.level === level)?.lower[h] ?? r.mean[h]!);
      const highs = results.map((r) => r.intervals.find((i) => i.level === level)?.upper[h] ?? r.mean[h]!);
      lower.push(Math.min(mean[h]!, combine(lows, combiner)));
      upper.push(Math.max(mean[h]!, combine(highs, combiner)));
    }
    return { level, lower, upper };
  });
  const parameters: ForecastResult['parameters'] = { combiner, members: results.map((r) => r.method).join('+') };
  return { method: `combination(${combiner}:${results.map((r) => r.method).join(',')})`, mean, intervals, parameters, notes: [...notes, ...results.flatMap((r) => r.notes.map((n) => `${r.method}: ${n}`))] };
}

/** A combination packaged as a ForecastModel (name 'combination'). */
export function createCombinationModel(members: readonly ForecastModel[], combiner: 'median' | 'mean' = 'median'): ForecastModel {
  return { name: 'combination', forecast: (input) => forecastCombination({ ...input, members, combiner }) };
}
