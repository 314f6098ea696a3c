import type { ForecastInput, ForecastModel, ForecastResult } from './types';
import { checkForecastInput, normalIntervals } from './internal/forecast-input-check';
import { minimizeNelderMead } from './internal/nelder-mead';
import { classicalSeasonalIndices, isSeasonal, seasonalIndexAt } from './internal/seasonality';
import { fitSes } from './internal/simple-exponential-smoothing';
import { forecastNaive } from './forecast-baselines';

/**
 * Theta family. Standard Theta (Assimakopoulos & Nikolopoulos 2000) in the form shown by Hyndman &
 * Billah (2003) to be SES with drift: ŷ_{n+h} = SES_n + (b/2)·(h − 1 + 1/α − (1−α)^n/α), b the OLS
 * slope of y on t. Optimised (OTM) and dynamic optimised (DOTM) Theta follow Fiorucci, Pellegrini,
 * Louzada, Petropoulos & Koehler (2016), IJF 32(4):1151–1161, with θ, α and ℓ_0 chosen by least
 * squares of the one-step errors. Seasonal data (90 % ACF test at lag m, n > 2m) are adjusted by
 * classical multiplicative decomposition first and reseasonalised after.
 */

type Deseasonalised = { values: number[]; indices: number[] | null };

function deseasonalise(values: readonly number[], m: number, notes: string[]): Deseasonalised {
  const n = values.length;
  if (m <= 1 || n <= 2 * m || values.every((v) => v === values[0])) return { values: values.slice(), indices: null };
  if (!isSeasonal(values, m, 1.645, 2)) return { values: values.slice(), indices: null };
  if (values.some((v) => v <= 0)) {
    notes.push('seasonal adjustment skipped: non-positive values');
    return { values: values.slice(), indices: null };
  }
  const indices = classicalSeasonalIndices(values, m, 'multiplicative');
  if (indices.some((s) => Math.abs(s) < 1e-4 || !Number.isFinite(s))) {
    notes.push('seasonal indices near zero: non-seasonal Theta used');
    return { values: values.slice(), indices: null };
  }
  return { values: values.map((v, t) => v / indices[t % m]!), indices };
}

function reseasonalise(result: { mean: number[]; sd: number[] }, indices: number[] | null, n: number): { mean: number[]; sd: number[] } {
  if (!indices) return result;
  return {
    mean: result.mean.map((v, i) => v * seasonalIndexAt(indices, n, i + 1)),
    sd: result.sd.map((v, i) => v * seasonalIndexAt(indices, n, i + 1)),
  };
}

function olsSlope(y: readonly number[]): number {
  const n = y.length;
  if (n < 2) return 0;
  const meanT = (n - 1) / 2;
  let meanY = 0;
  for (const v of y) meanY += v / n;
  let numerator = 0;
  let denominator = 0;
  for (let t = 0; t < n; t++) {
    numerator += (t - meanT) * (y[t]! - meanY);
    denominator += (t - meanT) ** 2;
  }
  return numerator / denominator;
}

function tooShort(input: ForecastInput, method: string): ForecastResult | null {
  const y = input.values;
  if (y.length >= 3 && !y.every((v) => v === y[0])) return null;
  const fallback = forecastNaive(input);
  return { ...fallback, method, notes: [...fallback.notes, y.length < 3 ? 'fewer than 3 observations: naive used' : 'constant series: flat forecast'] };
}

/**
 * Standard Theta method (θ = 0 and θ = 2 lines, equal weights), as R forecast's thetaf().
 * Formula above; sd_h = σ·√(1 + (h−1)α²) from the SES model (Hyndman & Billah 2003).
 * Example: M3 series N1500 (non-seasonal) → 2978.74, 2973.90, … (R forecast 8.20 thetaf; see the test).
 * On an exact line the forecast slope is b/2 (the θ = 0 line carries half the trend).
 */
export function forecastTheta(input: ForecastInput): ForecastResult {
  const m = checkForecastInput(input);
  const short = tooShort(input, 'theta');
  if (short) return short;
  const notes: string[] = [];
  const n = input.values.length;
  const adjusted = deseasonalise(input.values, m, notes);
  const ses = fitSes(adjusted.values);
  const alpha = Math.max(1e-10, ses.alpha);
  const halfSlope = olsSlope(adjusted.values) / 2;
  const sigma = Math.sqrt(ses.sumSquaredErrors / Math.max(1, n - 3));
  const mean: number[] = [];
  const sd: number[] = [];
  for (let h = 1; h <= input.horizon; h++) {
    mean.push(ses.level + halfSlope * (h - 1 + (1 - (1 - alpha) ** n) / alpha));
    sd.push(sigma * Math.sqrt(1 + (h - 1) * alpha * alpha));
  }
  const out = reseasonalise({ mean, sd }, adjusted.indices, n);
  return {
    method: 'theta',
    mean: out.mean,
    intervals: normalIntervals(out.mean, out.sd, input.levels),
    parameters: { alpha, initialLevel: ses.initialLevel, drift: halfSlope, seasonal: adjusted.indices !== null },
    notes,
  };
}

type ThetaRun = { mse: number; level: number; a: number; b: number; fitted?: number[] };

/** One pass of the OTM/DOTM recursions (Fiorucci et al. 2016, eqs. 3–4 / 8–10). */
function runOptimisedTheta(y: readonly number[], alpha: number, theta: number, initialLevel: number, dynamic: boolean, fitted?: number[]): ThetaRun {
  const n = y.length;
  const weight = 1 - 1 / theta;
  // Static coefficients: OLS of the whole sample on t = 1..n.
  let staticA = 0;
  let staticB = 0;
  if (!dynamic) {
    let meanY = 0;
    let sumTY = 0;
    for (let t = 1; t <= n; t++) {
      meanY += y[t - 1]! / n;
      sumTY += t * y[t - 1]!;
    }
    staticB = (6 / (n * n - 1)) * ((2 / n) * sumTY - (1 + n) * meanY);
    staticA = meanY - ((n + 1) / 2) * staticB;
  }
  let level = initialLevel;
  let a = dynamic ? 0 : staticA;
  let b = dynamic ? 0 : staticB;
  let meanY = 0;
  let sse = 0;
  let decay = 1; // (1 − α)^{t−1}
  for (let t = 1; t <= n; t++) {
    const mu = level + weight * (decay * a + ((1 - decay * (1 - alpha)) / alpha) * b);
    if (fitted) fitted[t - 1] = mu;
    const value = y[t - 1]!;
    sse += (value - mu) ** 2;
    level = alpha * value + (1 - alpha) * level;
    if (dynamic) {
      const previousMean = meanY;
      meanY = ((t - 1) * meanY + value) / t;
      b = t === 1 ? 0 : ((t - 2) / (t + 1)) * b + (6 / (t + 1)) * ((value - previousMean) / t);
      a = meanY - ((t + 1) / 2) * b;
    }
    decay *= 1 - alpha;
  }
  return { mse: sse / n, level, a, b };
}

function forecastOptimisedThetaVariant(input: ForecastInput, dynamic: boolean): ForecastResult {
  const method = dynamic ? 'dotm' : 'otm';
  const m = checkForecastInput(input);
  const short = tooShort(input, method);
  if (short) return short;
  const notes: string[] = [];
  const n = input.values.length;
  const adjusted = deseasonalise(input.values, m, notes);
  const y = adjusted.values;
  const scale = Math.max(1e-8, Math.abs(y[0]!));
  const objective = (x: number[]): number => {
    const [alpha, theta, level0] = x as [number, number, number];
    if (alpha < 1e-3 || alpha > 0.999 || theta < 1 || theta > 50) return Number.POSITIVE_INFINITY;
    return runOptimisedTheta(y, alpha, theta, level0, dynamic).mse;
  };
  let best = { x: [0.5, 2, y[0]!], value: objective([0.5, 2, y[0]!]) };
  for (const start of [[0.5, 2, y[0]!], [0.2, 3, y[0]!]]) {
    const result = minimizeNelderMead(objective, start, { steps: [0.1, 0.5, 0.1 * scale], maxIterations: 600, tolerance: 1e-10 });
    if (result.value < best.value) best = result;
  }
  const [alpha, theta, level0] = best.x as [number, number, number];
  const fitted: number[] = new Array<number>(n);
  const run = runOptimisedTheta(y, alpha, theta, level0, dynamic, fitted);
  const sigma = Math.sqrt((run.mse * n) / Math.max(1, n - 3));
  const decayN = (1 - alpha) ** n;
  const weight = 1 - 1 / theta;
  const mean: number[] = [];
  const sd: number[] = [];
  for (let h = 1; h <= input.horizon; h++) {
    mean.push(run.level + weight * (decayN * run.a + (h - 1 + 1 / alpha - decayN / alpha) * run.b));
    sd.push(sigma * Math.sqrt(1 + (h - 1) * alpha * alpha));
  }
  const out = reseasonalise({ mean, sd }, adjusted.indices, n);
  return {
    method,
    mean: out.mean,
    intervals: normalIntervals(out.mean, out.sd, input.levels),
    fitted: adjusted.indices ? fitted.map((v, t) => v * adjusted.indices![t % m]!) : fitted,
    parameters: { alpha, theta, initialLevel: level0, seasonal: adjusted.indices !== null },
    notes,
  };
}

/**
 * Optimised Theta method (OTM, Fiorucci et al. 2016): ŷ_{n+h} = ℓ_n + (1 − 1/θ)[(1−α)^n A_n +
 * (h − 1 + 1/α − (1−α)^n/α) B_n], A_n, B_n the OLS intercept and slope; θ ≥ 1, α, ℓ_0 by MSE.
 * θ = 2 gives the standard Theta method. Example: see forecast-theta.test.ts.
 */
export function forecastOptimisedTheta(input: ForecastInput): ForecastResult {
  return forecastOptimisedThetaVariant(input, false);
}

/**
 * Dynamic optimised Theta (DOTM, Fiorucci et al. 2016): as OTM but A_t, B_t are re-estimated
 * recursively at each t (B_t = ((t−2)/(t+1))B_{t−1} + 6(y_t − ȳ_{t−1})/(t(t+1)), A_t = ȳ_t − (t+1)B_t/2).
 */
export function forecastDynamicOptimisedTheta(input: ForecastInput): ForecastResult {
  return forecastOptimisedThetaVariant(input, true);
}

export const thetaModel: ForecastModel = { name: 'theta', forecast: forecastTheta };
export const optimisedThetaModel: ForecastModel = { name: 'otm', forecast: forecastOptimisedTheta };
export const dynamicOptimisedThetaModel: ForecastModel = { name: 'dotm', forecast: forecastDynamicOptimisedTheta };
