import { CoreError } from '../shared/core-error';

/**
 * Point and interval accuracy measures for one series (Hyndman & Koehler 2006, "Another look at
 * measures of forecast accuracy", IJF 22; M3/M4 conventions of Makridakis & Hibon 2000 and
 * Makridakis, Spiliotis & Assimakopoulos 2020). All percentages are in percent (0–200 for sMAPE).
 */

function checkPair(actual: readonly number[], forecast: readonly number[]): void {
  if (actual.length === 0) throw new CoreError('empty_input', 'no actual values to score', { path: 'actual' });
  if (actual.length !== forecast.length) {
    throw new CoreError('length_mismatch', `actual has ${actual.length} values, forecast ${forecast.length}`, { path: 'forecast' });
  }
  for (let i = 0; i < actual.length; i++) {
    if (!Number.isFinite(actual[i]!)) throw new CoreError('not_finite', `actual[${i}] is not a finite number`, { path: `actual[${i}]` });
    if (!Number.isFinite(forecast[i]!)) throw new CoreError('not_finite', `forecast[${i}] is not a finite number`, { path: `forecast[${i}]` });
  }
}

/**
 * Symmetric MAPE in percent: mean of 200·|y−f|/(|y|+|f|); a point with y = f = 0 scores 0.
 * Source: Makridakis & Hibon (2000), M4 guide. Example: y=[100], f=[110] → 200·10/210 = 9.5238.
 * Throws empty_input, length_mismatch, not_finite.
 */
export function computeSmape(actual: readonly number[], forecast: readonly number[]): number {
  checkPair(actual, forecast);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i]!;
    const f = forecast[i]!;
    const denominator = Math.abs(y) + Math.abs(f);
    if (denominator > 0) sum += (200 * Math.abs(y - f)) / denominator;
  }
  return sum / actual.length;
}

/**
 * MAPE in percent: mean of 100·|y−f|/|y| over points with y ≠ 0 (zeros skipped; NaN if all are zero).
 * Example: y=[100, 200], f=[110, 180] → (10 + 10)/2 = 10. Throws empty_input, length_mismatch, not_finite.
 */
export function computeMape(actual: readonly number[], forecast: readonly number[]): number {
  checkPair(actual, forecast);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i]!;
    if (y === 0) continue;
    sum += (100 * Math.abs(y - forecast[i]!)) / Math.abs(y);
    count++;
  }
  return count === 0 ? Number.NaN : sum / count;
}

/** Mean absolute error, units of the data: mean |y−f|. Example: y=[1,2], f=[2,4] → 1.5. */
export function computeMae(actual: readonly number[], forecast: readonly number[]): number {
  checkPair(actual, forecast);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(actual[i]! - forecast[i]!);
  return sum / actual.length;
}

/** Root mean squared error, units of the data: sqrt(mean (y−f)²). Example: y=[1,2], f=[2,4] → sqrt(2.5) = 1.5811. */
export function computeRmse(actual: readonly number[], forecast: readonly number[]): number {
  checkPair(actual, forecast);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += (actual[i]! - forecast[i]!) ** 2;
  return Math.sqrt(sum / actual.length);
}

/**
 * Weighted APE in percent: 100·Σ|y−f| / Σ|y| (NaN when Σ|y| = 0).
 * Example: y=[100, 0], f=[110, 10] → 100·20/100 = 20.
 */
export function computeWape(actual: readonly number[], forecast: readonly number[]): number {
  checkPair(actual, forecast);
  let error = 0;
  let total = 0;
  for (let i = 0; i < actual.length; i++) {
    error += Math.abs(actual[i]! - forecast[i]!);
    total += Math.abs(actual[i]!);
  }
  return total === 0 ? Number.NaN : (100 * error) / total;
}

/** Mean forecast error f−y in data units (positive = over-forecast). Example: y=[1,2], f=[2,4] → 1.5. */
export function computeBias(actual: readonly number[], forecast: readonly number[]): number {
  checkPair(actual, forecast);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += forecast[i]! - actual[i]!;
  return sum / actual.length;
}

/**
 * In-sample MASE scale: mean |y_t − y_{t−m}| over t = m+1..n (Hyndman & Koehler 2006).
 * Example: [1,3,2,5], m=1 → (2+1+3)/3 = 2. Throws out_of_range when the history is not longer than m.
 */
export function computeMaseScale(history: readonly number[], seasonLength: number): number {
  const m = Math.max(1, Math.floor(seasonLength));
  if (history.length <= m) {
    throw new CoreError('out_of_range', `MASE needs more than ${m} in-sample values, got ${history.length}`, { path: 'history' });
  }
  let sum = 0;
  for (let t = m; t < history.length; t++) sum += Math.abs(history[t]! - history[t - m]!);
  return sum / (history.length - m);
}

/**
 * Mean absolute scaled error: MAE / computeMaseScale(history, m). Infinite when the scale is 0
 * (a constant history) and the forecast misses, 0 when it does not.
 * Example: history [1,3,2,5] (scale 2, m=1), y=[6], f=[5] → 0.5.
 */
export function computeMase(actual: readonly number[], forecast: readonly number[], history: readonly number[], seasonLength: number): number {
  const mae = computeMae(actual, forecast);
  const scale = computeMaseScale(history, seasonLength);
  if (scale === 0) return mae === 0 ? 0 : Number.POSITIVE_INFINITY;
  return mae / scale;
}

/**
 * Share of actuals inside [lower, upper] (a fraction 0–1). For a 95 % interval a well calibrated
 * model scores near 0.95. Example: y=[1,5], lower=[0,0], upper=[2,4] → 0.5.
 */
export function computeIntervalCoverage(actual: readonly number[], lower: readonly number[], upper: readonly number[]): number {
  checkPair(actual, lower);
  checkPair(actual, upper);
  let inside = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i]! >= lower[i]! && actual[i]! <= upper[i]!) inside++;
  return inside / actual.length;
}

/**
 * Overall weighted average of M4: OWA = ½(sMAPE/sMAPE_Naive2 + MASE/MASE_Naive2), on category
 * averages. Source: M4 competitor's guide (2018). Example: (12, 1.2) vs Naive2 (15, 1.5) → 0.8.
 */
export function computeOwa(smape: number, mase: number, naive2Smape: number, naive2Mase: number): number {
  if (!(naive2Smape > 0) || !(naive2Mase > 0)) {
    throw new CoreError('out_of_range', 'Naive2 sMAPE and MASE must be positive', { path: 'naive2Smape' });
  }
  return 0.5 * (smape / naive2Smape + mase / naive2Mase);
}

/**
 * Forecast value added in percent: how much a method lowers an error measure relative to a
 * benchmark (naive): 100·(benchmarkError − methodError)/benchmarkError. Positive is better.
 * Source: Gilliland (2010), The Business Forecasting Deal. Example: naive MAE 10, method MAE 8 → 20.
 */
export function computeForecastValueAdded(methodError: number, benchmarkError: number): number {
  if (!(benchmarkError > 0)) return methodError === 0 ? 0 : Number.NEGATIVE_INFINITY;
  return (100 * (benchmarkError - methodError)) / benchmarkError;
}

export type AccuracyReport = {
  mae: number;
  rmse: number;
  mape: number;
  smape: number;
  mase: number;
  wape: number;
  bias: number;
  /** Coverage fraction per interval level (percent key, e.g. "80"). */
  coverage: Record<string, number>;
};

/**
 * All point measures plus interval coverage for one forecast against its actuals.
 * Example: see accuracy-metrics.test.ts. Throws as the individual measures do.
 */
export function computeAccuracyReport(input: {
  actual: readonly number[];
  forecast: readonly number[];
  history: readonly number[];
  seasonLength: number;
  intervals?: readonly { level: number; lower: readonly number[]; upper: readonly number[] }[];
}): AccuracyReport {
  const { actual, forecast, history, seasonLength } = input;
  const m = history.length > seasonLength ? seasonLength : 1;
  const coverage: Record<string, number> = {};
  for (const interval of input.intervals ?? []) {
    coverage[String(interval.level)] = computeIntervalCoverage(actual, interval.lower, interval.upper);
  }
  return {
    mae: computeMae(actual, forecast),
    rmse: computeRmse(actual, forecast),
    mape: computeMape(actual, forecast),
    smape: computeSmape(actual, forecast),
    mase: history.length > m ? computeMase(actual, forecast, history, m) : Number.NaN,
    wape: computeWape(actual, forecast),
    bias: computeBias(actual, forecast),
    coverage,
  };
}
