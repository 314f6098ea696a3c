import type { ForecastInput, ForecastModel, ForecastResult } from './types';
import { checkForecastInput, normalIntervals } from './internal/forecast-input-check';
import { multiplicativeSeasonalAdjustment, seasonalIndexAt } from './internal/seasonality';

/**
 * Benchmark models of Hyndman & Athanasopoulos, Forecasting: Principles and Practice (3rd ed.,
 * §5.2 and §5.5): naive, seasonal naive, drift, moving average, and the M3/M4 Naive2
 * (naive on classically seasonally adjusted data). Intervals are normal with the h-step standard
 * deviations of FPP Table 5.2, σ estimated from the one-step in-sample residuals.
 */

function residualSd(residuals: number[], parameterCount = 0): number {
  const valid = residuals.filter((r) => Number.isFinite(r));
  const dof = valid.length - parameterCount;
  if (dof <= 0) return 0;
  return Math.sqrt(valid.reduce((s, r) => s + r * r, 0) / dof);
}

/**
 * Naive: ŷ_{n+h} = y_n, sd_h = σ·√h. Example: [1,2,4] → 4,4; σ = √((1+4)/2) = 1.5811.
 */
export function forecastNaive(input: ForecastInput): ForecastResult {
  checkForecastInput(input);
  const y = input.values;
  const n = y.length;
  const residuals = y.slice(1).map((v, i) => v - y[i]!);
  const sigma = residualSd(residuals);
  const mean = new Array<number>(input.horizon).fill(y[n - 1]!);
  const sd = mean.map((_, i) => sigma * Math.sqrt(i + 1));
  return {
    method: 'naive',
    mean,
    intervals: normalIntervals(mean, sd, input.levels),
    fitted: [Number.NaN, ...y.slice(0, n - 1)],
    parameters: { sigma },
    notes: n === 1 ? ['one observation: interval width is zero'] : [],
  };
}

/**
 * Seasonal naive: ŷ_{n+h} = y_{n+h−m(k+1)}, k = ⌊(h−1)/m⌋; sd_h = σ·√(k+1).
 * Falls back to naive when n < m. Example: m=2, [1,2,3,4] → 3,4,3,4.
 */
export function forecastSeasonalNaive(input: ForecastInput): ForecastResult {
  const m = checkForecastInput(input);
  const y = input.values;
  const n = y.length;
  if (m === 1 || n < m) {
    const fallback = forecastNaive(input);
    return { ...fallback, method: 'snaive', notes: m === 1 ? fallback.notes : [...fallback.notes, `fewer than ${m} observations: naive used`] };
  }
  const residuals: number[] = [];
  for (let t = m; t < n; t++) residuals.push(y[t]! - y[t - m]!);
  const sigma = residualSd(residuals);
  const mean: number[] = [];
  const sd: number[] = [];
  for (let h = 1; h <= input.horizon; h++) {
    const k = Math.floor((h - 1) / m);
    mean.push(y[n - m + ((h - 1) % m)]!);
    sd.push(sigma * Math.sqrt(k + 1));
  }
  return {
    method: 'snaive',
    mean,
    intervals: normalIntervals(mean, sd, input.levels),
    fitted: y.map((_, t) => (t >= m ? y[t - m]! : Number.NaN)),
    parameters: { sigma, seasonLength: m },
    notes: [],
  };
}

/**
 * Drift: ŷ_{n+h} = y_n + h·(y_n − y_1)/(n−1); sd_h = σ·√(h(1 + h/(n−1))) (FPP Table 5.2).
 * Example: [1,2,4] → slope 1.5 → 5.5, 7.
 */
export function forecastDrift(input: ForecastInput): ForecastResult {
  checkForecastInput(input);
  const y = input.values;
  const n = y.length;
  if (n < 2) {
    const fallback = forecastNaive(input);
    return { ...fallback, method: 'drift', notes: [...fallback.notes, 'one observation: drift is zero'] };
  }
  const slope = (y[n - 1]! - y[0]!) / (n - 1);
  const residuals = y.slice(1).map((v, i) => v - y[i]! - slope);
  const sigma = residualSd(residuals, 1);
  const mean: number[] = [];
  const sd: number[] = [];
  for (let h = 1; h <= input.horizon; h++) {
    mean.push(y[n - 1]! + h * slope);
    sd.push(sigma * Math.sqrt(h * (1 + h / (n - 1))));
  }
  return {
    method: 'drift',
    mean,
    intervals: normalIntervals(mean, sd, input.levels),
    fitted: [Number.NaN, ...y.slice(0, n - 1).map((v) => v + slope)],
    parameters: { slope, sigma },
    notes: [],
  };
}

/**
 * Moving average of the last k values: ŷ_{n+h} = (1/k)Σ_{i<k} y_{n−i}, k = window (default
 * max(m, 3), capped at n). Interval: the moving average behaves like simple exponential smoothing
 * with α = 2/(k+1) (Brown 1963), so sd_h = σ·√(1 + (h−1)α²). Example: [1,2,3,6], k=3 → 11/3.
 */
export function forecastMovingAverage(input: ForecastInput & { window?: number }): ForecastResult {
  const m = checkForecastInput(input);
  const y = input.values;
  const n = y.length;
  const k = Math.max(1, Math.min(n, Math.floor(input.window ?? Math.max(m, 3))));
  let sum = 0;
  for (let i = n - k; i < n; i++) sum += y[i]!;
  const level = sum / k;
  const fitted: number[] = new Array<number>(n).fill(Number.NaN);
  const residuals: number[] = [];
  let running = 0;
  for (let t = 0; t < n; t++) {
    if (t >= k) {
      fitted[t] = running / k;
      residuals.push(y[t]! - fitted[t]!);
      running -= y[t - k]!;
    }
    running += y[t]!;
  }
  const sigma = residualSd(residuals);
  const alpha = 2 / (k + 1);
  const mean = new Array<number>(input.horizon).fill(level);
  const sd = mean.map((_, i) => sigma * Math.sqrt(1 + i * alpha * alpha));
  return {
    method: 'moving_average',
    mean,
    intervals: normalIntervals(mean, sd, input.levels),
    fitted,
    parameters: { window: k, sigma },
    notes: residuals.length === 0 ? ['history not longer than the window: interval width is zero'] : [],
  };
}

/**
 * Naive2 (M3/M4 benchmark): naive on data seasonally adjusted by classical multiplicative
 * decomposition when the 90 % ACF test finds seasonality, then reseasonalised.
 * Example: a non-seasonal series gives the same forecast as naive.
 */
export function forecastNaive2(input: ForecastInput): ForecastResult {
  const m = checkForecastInput(input);
  const adjustment = multiplicativeSeasonalAdjustment(input.values, m);
  if (!adjustment) return { ...forecastNaive(input), method: 'naive2' };
  const base = forecastNaive({ ...input, values: adjustment.adjusted });
  const n = input.values.length;
  const factor = (h: number): number => seasonalIndexAt(adjustment.indices, n, h);
  return {
    method: 'naive2',
    mean: base.mean.map((v, i) => v * factor(i + 1)),
    intervals: base.intervals.map((interval) => ({
      level: interval.level,
      lower: interval.lower.map((v, i) => v * factor(i + 1)),
      upper: interval.upper.map((v, i) => v * factor(i + 1)),
    })),
    parameters: { ...base.parameters, seasonallyAdjusted: true },
    notes: base.notes,
  };
}

export const naiveModel: ForecastModel = { name: 'naive', forecast: forecastNaive };
export const seasonalNaiveModel: ForecastModel = { name: 'snaive', forecast: forecastSeasonalNaive };
export const driftModel: ForecastModel = { name: 'drift', forecast: forecastDrift };
export const movingAverageModel: ForecastModel = { name: 'moving_average', forecast: forecastMovingAverage };
export const naive2Model: ForecastModel = { name: 'naive2', forecast: forecastNaive2 };
