import { CoreError } from '../shared/core-error';
import { loessEstimate, loessSmooth } from './internal/loess-estimate';

export type StlInput = {
  /** Observations, oldest first, equally spaced; at least two full seasons. */
  values: readonly number[];
  /** Seasonal period m in observations (>= 2). */
  seasonLength: number;
  /** Seasonal smoothing window in periods (odd, >= 3) or 'periodic' (identical seasonal pattern every cycle). Default 'periodic'. */
  seasonalWindow?: number | 'periodic';
  /** Trend window in observations (odd). Default nextOdd(ceil(1.5 m / (1 - 1.5 / seasonalWindow))). */
  trendWindow?: number;
  /** Low-pass window (odd). Default nextOdd(m). */
  lowPassWindow?: number;
  /** Robust fitting (bisquare weights from the remainder, 15 outer passes). Default false. */
  robust?: boolean;
  /** Inner loop passes. Default 2, or 1 when robust. */
  innerIterations?: number;
  /** Outer (robustness) passes. Default 0, or 15 when robust. */
  outerIterations?: number;
};

export type StlResult = {
  trend: number[];
  seasonal: number[];
  remainder: number[];
  /** Final robustness weights in [0, 1] (all 1 when not robust): a low weight marks an unusual observation. */
  robustnessWeights: number[];
  parameters: { seasonLength: number; seasonalWindow: number | 'periodic'; trendWindow: number; lowPassWindow: number; innerIterations: number; outerIterations: number };
};

const nextOdd = (x: number): number => {
  const r = Math.round(x);
  return r % 2 === 0 ? r + 1 : r;
};

/**
 * Seasonal-trend decomposition by loess (STL): values = trend + seasonal + remainder, additive,
 * in the units of the input.
 *
 * Formula: the inner loop alternates (1) cycle-subseries loess of the detrended series (window
 * seasonalWindow, degree 0), (2) a low-pass filter (moving averages m, m, 3 then loess) removed from
 * it to give the seasonal, (3) loess of the deseasonalised series (window trendWindow, degree 1) to
 * give the trend; the outer loop reweights by bisquare(|remainder| / (6 · median |remainder|)).
 * Defaults follow R's stats::stl; neighbourhoods are evaluated at every point (no jump interpolation).
 *
 * Source: Cleveland, Cleveland, McRae & Terpenning (1990), "STL: A seasonal-trend decomposition
 * procedure based on loess", Journal of Official Statistics 6(1), 3–73.
 *
 * Example: a pure sine of period 12 plus the line 10 + 0.5 t over 60 points splits back into the
 * line (trend, within 1e-6 inside the series) and the sine (seasonal).
 *
 * Throws CoreError: empty_input, not_finite, out_of_range (seasonLength < 2 or fewer than two seasons).
 */
export function decomposeStl(input: StlInput): StlResult {
  const { values, seasonLength: np } = input;
  const n = values.length;
  if (n === 0) throw new CoreError('empty_input', 'STL needs observations', { path: 'values' });
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new CoreError('not_finite', `value ${i} is not a finite number`, { path: `values[${i}]` });
  });
  if (!Number.isInteger(np) || np < 2) throw new CoreError('out_of_range', 'seasonLength must be an integer >= 2', { path: 'seasonLength' });
  if (n < 2 * np) throw new CoreError('out_of_range', `STL needs at least two full seasons (${2 * np} values), got ${n}`, { path: 'values' });
  const periodic = input.seasonalWindow === undefined || input.seasonalWindow === 'periodic';
  const robust = input.robust ?? false;
  let ns = periodic ? 10 * n + 1 : nextOdd(Math.max(3, input.seasonalWindow as number));
  const isdeg: 0 | 1 = 0;
  let nt = input.trendWindow ?? nextOdd(Math.ceil((1.5 * np) / (1 - 1.5 / ns)));
  let nl = input.lowPassWindow ?? nextOdd(np);
  nt = nextOdd(Math.max(3, nt));
  nl = nextOdd(Math.max(3, nl));
  ns = Math.max(3, ns);
  const inner = input.innerIterations ?? (robust ? 1 : 2);
  const outer = input.outerIterations ?? (robust ? 15 : 0);

  const y = Float64Array.from(values);
  const trend = new Float64Array(n);
  const seasonal = new Float64Array(n);
  const rw = new Float64Array(n).fill(1);
  const work = new Float64Array(n + 2 * np);
  const cycle = new Float64Array(n + 2 * np);
  const low = new Float64Array(n + 2 * np);
  const tmp = new Float64Array(n + 2 * np);
  const scratch = new Float64Array(n + 2 * np);
  const sub = new Float64Array(Math.ceil(n / np) + 2);
  const subW = new Float64Array(Math.ceil(n / np) + 2);
  const subOut = new Float64Array(Math.ceil(n / np) + 2);
  const subScratch = new Float64Array(Math.ceil(n / np) + 2);
  let useWeights = false;

  for (let pass = 0; pass <= outer; pass++) {
    for (let it = 0; it < inner; it++) {
      for (let i = 0; i < n; i++) work[i] = y[i]! - trend[i]!;
      // Step 2: cycle-subseries smoothing with one extrapolated value at each end.
      for (let j = 0; j < np; j++) {
        const k = Math.floor((n - j - 1) / np) + 1;
        for (let i = 0; i < k; i++) {
          sub[i] = work[i * np + j]!;
          subW[i] = rw[i * np + j]!;
        }
        const weights = useWeights ? subW : undefined;
        loessSmooth(sub, k, ns, isdeg, weights, subOut, subScratch);
        const q = Math.min(ns, k);
        const first = loessEstimate(sub, k, ns, isdeg, 0, 1, q, weights, subScratch);
        const last = loessEstimate(sub, k, ns, isdeg, k + 1, Math.max(1, k - q + 1), k, weights, subScratch);
        cycle[j] = first === undefined ? subOut[0]! : first;
        for (let i = 0; i < k; i++) cycle[(i + 1) * np + j] = subOut[i]!;
        cycle[(k + 1) * np + j] = last === undefined ? subOut[k - 1]! : last;
      }
      // Step 3: low-pass filter of the cycle-subseries: MA(np), MA(np), MA(3), loess(nl).
      const total = n + 2 * np;
      movingAverage(cycle, total, np, tmp);
      movingAverage(tmp, total - np + 1, np, low);
      movingAverage(low, total - 2 * np + 2, 3, tmp);
      loessSmooth(tmp, n, nl, 1, undefined, low, scratch);
      // Step 4-5: seasonal = cycle - low-pass, deseasonalise.
      for (let i = 0; i < n; i++) {
        seasonal[i] = cycle[np + i]! - low[i]!;
        work[i] = y[i]! - seasonal[i]!;
      }
      // Step 6: trend smoothing.
      loessSmooth(work, n, nt, 1, useWeights ? rw : undefined, trend, scratch);
    }
    if (pass < outer) {
      computeRobustnessWeights(y, trend, seasonal, rw);
      useWeights = true;
    }
  }
  if (periodic) {
    const means = new Float64Array(np);
    const counts = new Float64Array(np);
    for (let i = 0; i < n; i++) {
      means[i % np] = means[i % np]! + seasonal[i]!;
      counts[i % np] = counts[i % np]! + 1;
    }
    for (let i = 0; i < n; i++) seasonal[i] = means[i % np]! / counts[i % np]!;
  }
  const remainder = Array.from(y, (v, i) => v - seasonal[i]! - trend[i]!);
  if (!useWeights) rw.fill(1);
  return {
    trend: Array.from(trend),
    seasonal: Array.from(seasonal),
    remainder,
    robustnessWeights: Array.from(rw),
    parameters: { seasonLength: np, seasonalWindow: periodic ? 'periodic' : ns, trendWindow: nt, lowPassWindow: nl, innerIterations: inner, outerIterations: outer },
  };
}

function movingAverage(x: Float64Array, length: number, window: number, out: Float64Array): void {
  let sum = 0;
  for (let i = 0; i < window; i++) sum += x[i]!;
  out[0] = sum / window;
  for (let i = 1; i <= length - window; i++) {
    sum += x[i + window - 1]! - x[i - 1]!;
    out[i] = sum / window;
  }
}

function computeRobustnessWeights(y: Float64Array, trend: Float64Array, seasonal: Float64Array, rw: Float64Array): void {
  const n = y.length;
  const abs = new Float64Array(n);
  for (let i = 0; i < n; i++) abs[i] = Math.abs(y[i]! - trend[i]! - seasonal[i]!);
  const sorted = Float64Array.from(abs).sort();
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const h = 6 * median;
  const c9 = 0.999 * h;
  const c1 = 0.001 * h;
  for (let i = 0; i < n; i++) {
    const r = abs[i]!;
    if (r <= c1) rw[i] = 1;
    else if (r <= c9) {
      const u = r / h;
      rw[i] = (1 - u * u) * (1 - u * u);
    } else rw[i] = 0;
  }
}

/**
 * Strength of seasonality in [0, 1]: max(0, 1 − Var(remainder) / Var(seasonal + remainder)) from an
 * STL fit with seasonal window 11 (R forecast's mstl defaults).
 *
 * Source: Wang, Smith & Hyndman (2006), "Characteristic-based clustering for time series data",
 * Data Mining and Knowledge Discovery 13(3); Hyndman & Athanasopoulos, FPP3 §4.3. The forecast
 * package differences seasonally when this exceeds 0.64.
 *
 * Example: a noiseless sine of period 12 has strength 1; white noise has strength near 0.
 *
 * Throws CoreError like decomposeStl.
 */
export function computeSeasonalStrength(values: readonly number[], seasonLength: number): number {
  const fit = decomposeStl({ values, seasonLength, seasonalWindow: 11 });
  const varRem = variance(fit.remainder);
  const varSum = variance(fit.remainder.map((r, i) => r + fit.seasonal[i]!));
  if (varSum <= 0) return 0;
  return Math.max(0, Math.min(1, 1 - varRem / varSum));
}

function variance(x: readonly number[]): number {
  const n = x.length;
  if (n < 2) return 0;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  return x.reduce((s, v) => s + (v - mean) * (v - mean), 0) / (n - 1);
}
