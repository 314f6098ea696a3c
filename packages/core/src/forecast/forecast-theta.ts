import type { ForecastInput, ForecastModel, ForecastResult } from './types';
import { checkForecastInput, normalIntervals } from './internal/forecast-input-check';
import { classicalSeasonalIndices, isSeasonal, seasonalIndexAt } from './internal/seasonality';
import { fitSes, minimizeScalarOnGrid, runSes } from './internal/simple-exponential-smoothing';
import { refilterSeasonalIndices } from './internal/refilter-seasonal-indices';
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
  return forecastThetaWithFit(input).result;
}

/**
 * Parameters of a fitted Theta-family model (standard Theta: SES α and ℓ_0; OTM/DOTM: α, θ, ℓ_0)
 * and the seasonal indices it was fitted with (null: not seasonally adjusted), so that the same
 * model can be re-filtered on a prefix of the series (`forecastThetaFromFit`).
 */
export type ThetaFit = { variant: 'theta' | 'otm' | 'dotm'; alpha: number; theta: number; initialLevel: number; indices: readonly number[] | null };

/** forecastTheta, also returning the fit (null for the naive / flat fallbacks). */
export function forecastThetaWithFit(input: ForecastInput): { result: ForecastResult; fit: ThetaFit | null } {
  const m = checkForecastInput(input);
  const short = tooShort(input, 'theta');
  if (short) return { result: short, fit: null };
  const notes: string[] = [];
  const n = input.values.length;
  const adjusted = deseasonalise(input.values, m, notes);
  const ses = fitSes(adjusted.values);
  const alpha = Math.max(1e-10, ses.alpha);
  const path = standardThetaPath(adjusted.values, ses.alpha, ses.initialLevel, input.horizon);
  const sigma = Math.sqrt(path.sumSquaredErrors / Math.max(1, n - 3));
  const sd = path.mean.map((_, i) => sigma * Math.sqrt(1 + i * alpha * alpha));
  const out = reseasonalise({ mean: path.mean, sd }, adjusted.indices, n);
  const result: ForecastResult = {
    method: 'theta',
    mean: out.mean,
    intervals: normalIntervals(out.mean, out.sd, input.levels),
    parameters: { alpha, initialLevel: ses.initialLevel, drift: path.halfSlope, seasonal: adjusted.indices !== null },
    notes,
  };
  return { result, fit: { variant: 'theta', alpha: ses.alpha, theta: 2, initialLevel: ses.initialLevel, indices: adjusted.indices } };
}

/** Standard Theta on (seasonally adjusted) y with SES α and ℓ_0 given: SES_n + (b/2)(h − 1 + (1 − (1−α)^n)/α). */
function standardThetaPath(y: readonly number[], sesAlpha: number, initialLevel: number, horizon: number): { mean: number[]; halfSlope: number; sumSquaredErrors: number } {
  const n = y.length;
  const ses = runSes(y, sesAlpha, initialLevel);
  const alpha = Math.max(1e-10, sesAlpha);
  const halfSlope = olsSlope(y) / 2;
  const mean: number[] = [];
  for (let h = 1; h <= horizon; h++) mean.push(ses.level + halfSlope * (h - 1 + (1 - (1 - alpha) ** n) / alpha));
  return { mean, halfSlope, sumSquaredErrors: ses.sumSquaredErrors };
}

/**
 * Point forecasts of a fitted Theta-family model from `values`, without re-estimation: the series
 * is divided by seasonal indices (the fit's decision to adjust, the indices re-estimated on `values`:
 * refilterSeasonalIndices), the recursions are re-run with the fit's α, θ and ℓ_0 (the OLS / dynamic A and B follow the
 * data, as they do in the fit), and the forecasts are reseasonalised. Used by the `auto` backtest
 * on prefixes of the fitted history (like forecastEtsFromFit for ETS); on the fitted history itself
 * it gives the fit's own forecasts. Returns null when a forecast is not finite.
 * Example: a DOTM fit on 120 months, values = its first 96 → forecasts of months 97..96+h.
 */
export function forecastThetaFromFit(fit: ThetaFit, values: readonly number[], horizon: number): number[] | null {
  const indices = refilterSeasonalIndices(values, fit.indices);
  const y = indices ? values.map((v, t) => v / indices[t % indices.length]!) : values;
  const mean = fit.variant === 'theta' ? standardThetaPath(y, fit.alpha, fit.initialLevel, horizon).mean : optimisedThetaPath(y, fit.alpha, fit.theta, fit.initialLevel, fit.variant === 'dotm', horizon).mean;
  const out = indices ? mean.map((v, i) => v * seasonalIndexAt(indices, values.length, i + 1)) : mean;
  return out.every(Number.isFinite) ? out : null;
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

/**
 * A_t and B_t as used at step t of runOptimisedTheta (before the update with y_t): the OLS
 * intercept and slope of the whole sample (OTM), or the recursive ones (DOTM). They depend on the
 * data only, not on α, θ or ℓ_0, so the search computes them once.
 */
function thetaCoefficients(y: readonly number[], dynamic: boolean): { a: Float64Array; b: Float64Array } {
  const n = y.length;
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  if (!dynamic) {
    const run = runOptimisedTheta(y, 0.5, 2, 0, false);
    a.fill(run.a);
    b.fill(run.b);
    return { a, b };
  }
  let meanY = 0;
  let currentA = 0;
  let currentB = 0;
  for (let t = 1; t <= n; t++) {
    a[t - 1] = currentA;
    b[t - 1] = currentB;
    const value = y[t - 1]!;
    const previousMean = meanY;
    meanY = ((t - 1) * meanY + value) / t;
    currentB = t === 1 ? 0 : ((t - 2) / (t + 1)) * currentB + (6 / (t + 1)) * ((value - previousMean) / t);
    currentA = meanY - ((t + 1) / 2) * currentB;
  }
  return { a, b };
}

const THETA_MAX = 50;
const THETA_ALPHA_GRID = [1e-3, 0.01, 0.03, 0.06, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.999];

/**
 * For a fixed α the one-step errors of OTM/DOTM are linear in ℓ_0 and in w = 1 − 1/θ:
 * e_t = r_t − ℓ_0·(1−α)^{t−1} − w·g_t, with r_t = y_t − (SES level from 0) and g_t the A/B term,
 * so the MSE is minimised over ℓ_0 and w ∈ [0, 1 − 1/50] (θ ∈ [1, 50]) by a 2 × 2 least-squares
 * solve (w clamped to its box: the profile in w is convex). Returns that minimum.
 */
function profileOptimisedTheta(y: readonly number[], a: Float64Array, b: Float64Array, alpha: number): { mse: number; level0: number; weight: number } {
  const n = y.length;
  let decay = 1;
  let ses = 0;
  let sdd = 0;
  let sdg = 0;
  let sgg = 0;
  let srd = 0;
  let srg = 0;
  let srr = 0;
  for (let t = 0; t < n; t++) {
    const g = decay * a[t]! + ((1 - decay * (1 - alpha)) / alpha) * b[t]!;
    const value = y[t]!;
    const r = value - ses;
    sdd += decay * decay;
    sdg += decay * g;
    sgg += g * g;
    srd += r * decay;
    srg += r * g;
    srr += r * r;
    ses = alpha * value + (1 - alpha) * ses;
    decay *= 1 - alpha;
  }
  const maxWeight = 1 - 1 / THETA_MAX;
  const det = sdd * sgg - sdg * sdg;
  let weight = det > 1e-12 * sdd * sgg ? (sdd * srg - sdg * srd) / det : 0.5;
  weight = Math.min(maxWeight, Math.max(0, weight));
  const level0 = (srd - weight * sdg) / sdd;
  const sse = srr - 2 * level0 * srd - 2 * weight * srg + level0 * level0 * sdd + 2 * level0 * weight * sdg + weight * weight * sgg;
  return { mse: Math.max(0, sse) / n, level0, weight };
}

/**
 * Least-squares α, θ, ℓ_0 of OTM/DOTM (Fiorucci et al. 2016): ℓ_0 and θ are solved exactly for each
 * α (profileOptimisedTheta), α by a grid on [0.001, 0.999] then golden-section search between the
 * best grid point's neighbours. Deterministic; about 60 passes over the data.
 */
function searchOptimisedTheta(y: readonly number[], dynamic: boolean): { alpha: number; theta: number; level0: number } {
  const { a, b } = thetaCoefficients(y, dynamic);
  const alpha = minimizeScalarOnGrid((x) => profileOptimisedTheta(y, a, b, x).mse, THETA_ALPHA_GRID);
  const best = profileOptimisedTheta(y, a, b, alpha);
  return { alpha, theta: 1 / (1 - best.weight), level0: best.level0 };
}

/** OTM/DOTM forecasts on (seasonally adjusted) y for given α, θ, ℓ_0, with the run's MSE. */
function optimisedThetaPath(y: readonly number[], alpha: number, theta: number, level0: number, dynamic: boolean, horizon: number, fitted?: number[]): { mean: number[]; mse: number } {
  const n = y.length;
  const run = runOptimisedTheta(y, alpha, theta, level0, dynamic, fitted);
  const decayN = (1 - alpha) ** n;
  const weight = 1 - 1 / theta;
  const mean: number[] = [];
  for (let h = 1; h <= horizon; h++) mean.push(run.level + weight * (decayN * run.a + (h - 1 + 1 / alpha - decayN / alpha) * run.b));
  return { mean, mse: run.mse };
}

function forecastOptimisedThetaVariant(input: ForecastInput, dynamic: boolean): { result: ForecastResult; fit: ThetaFit | null } {
  const method = dynamic ? 'dotm' : 'otm';
  const m = checkForecastInput(input);
  const short = tooShort(input, method);
  if (short) return { result: short, fit: null };
  const notes: string[] = [];
  const n = input.values.length;
  const adjusted = deseasonalise(input.values, m, notes);
  const y = adjusted.values;
  const { alpha, theta, level0 } = searchOptimisedTheta(y, dynamic);
  const fitted: number[] = new Array<number>(n);
  const path = optimisedThetaPath(y, alpha, theta, level0, dynamic, input.horizon, fitted);
  const sigma = Math.sqrt((path.mse * n) / Math.max(1, n - 3));
  const sd = path.mean.map((_, i) => sigma * Math.sqrt(1 + i * alpha * alpha));
  const out = reseasonalise({ mean: path.mean, sd }, adjusted.indices, n);
  const result: ForecastResult = {
    method,
    mean: out.mean,
    intervals: normalIntervals(out.mean, out.sd, input.levels),
    fitted: adjusted.indices ? fitted.map((v, t) => v * adjusted.indices![t % m]!) : fitted,
    parameters: { alpha, theta, initialLevel: level0, seasonal: adjusted.indices !== null },
    notes,
  };
  return { result, fit: { variant: method, alpha, theta, initialLevel: level0, indices: adjusted.indices } };
}

/**
 * Optimised Theta method (OTM, Fiorucci et al. 2016): ŷ_{n+h} = ℓ_n + (1 − 1/θ)[(1−α)^n A_n +
 * (h − 1 + 1/α − (1−α)^n/α) B_n], A_n, B_n the OLS intercept and slope; θ ≥ 1, α, ℓ_0 by MSE.
 * θ = 2 gives the standard Theta method. Example: see forecast-theta.test.ts.
 */
export function forecastOptimisedTheta(input: ForecastInput): ForecastResult {
  return forecastOptimisedThetaVariant(input, false).result;
}

/**
 * Dynamic optimised Theta (DOTM, Fiorucci et al. 2016): as OTM but A_t, B_t are re-estimated
 * recursively at each t (B_t = ((t−2)/(t+1))B_{t−1} + 6(y_t − ȳ_{t−1})/(t(t+1)), A_t = ȳ_t − (t+1)B_t/2).
 */
export function forecastDynamicOptimisedTheta(input: ForecastInput): ForecastResult {
  return forecastOptimisedThetaVariant(input, true).result;
}

/** forecastDynamicOptimisedTheta, also returning the fit (null for the naive / flat fallbacks). */
export function forecastDynamicOptimisedThetaWithFit(input: ForecastInput): { result: ForecastResult; fit: ThetaFit | null } {
  return forecastOptimisedThetaVariant(input, true);
}

export const thetaModel: ForecastModel = { name: 'theta', forecast: forecastTheta };
export const optimisedThetaModel: ForecastModel = { name: 'otm', forecast: forecastOptimisedTheta };
export const dynamicOptimisedThetaModel: ForecastModel = { name: 'dotm', forecast: forecastDynamicOptimisedTheta };
