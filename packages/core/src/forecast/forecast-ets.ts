import { CoreError } from '../shared/core-error';
import { createRandom } from '../shared/random';
import type { ForecastInput, ForecastModel, ForecastResult } from './types';
import { checkForecastInput, normalIntervals, simulatedIntervals } from './internal/forecast-input-check';
import { minimizeNelderMead } from './internal/nelder-mead';
import { filterEtsFast } from './internal/ets-fast-filter';
import { ETS_LOWER, ETS_UPPER, searchEtsQuasiNewton } from './internal/ets-quasi-newton';
import { createLinearSeedWorkspace, isLinearEts, solveLinearSeedState, type LinearSeedResult } from './internal/ets-seed-state';
import { classicalSeasonalIndices } from './internal/seasonality';
import {
  etsLabel,
  etsPointForecasts,
  runEts,
  type EtsFilterOutput,
  simulateEtsPaths,
  type EtsErrorType,
  type EtsParameters,
  type EtsSeasonType,
  type EtsSpec,
  type EtsState,
  type EtsTrendType,
} from './internal/ets-state-space';
import { forecastNaive } from './forecast-baselines';

export type { EtsSpec, EtsErrorType, EtsTrendType, EtsSeasonType };

export type EtsOptions = {
  /** 'auto' (default) selects by AICc among admissible models; or a spec such as 'MAdM', 'ANN', 'AAdA'. */
  model?: string;
  /** Sample paths for simulated intervals (non class-1 models). Default 2000. */
  simulationPaths?: number;
  /** Nelder–Mead iteration cap per model (R uses 2000; the quasi-Newton search caps at 200 per run). Default 2000. */
  maxIterations?: number;
  /** The likelihood search; see `EtsOptimizer`. Default 'auto'. */
  optimizer?: EtsOptimizer;
  /** How the seed (initial) state is estimated; see `EtsSeedEstimation`. Default 'search'. */
  seedEstimation?: EtsSeedEstimation;
  /**
   * 'aicc' (default, as R's ets()): the point forecast of the lowest-AICc model. 'akaike-weights':
   * the mean of all fitted models' point forecasts weighted by w_i ∝ exp(−ΔAICc_i / 2) (Burnham &
   * Anderson 2002; Kolassa 2011, "Combining exponential smoothing forecasts using Akaike
   * weights", IJF 27: more accurate than selection on M3); the intervals are the best model's,
   * shifted by the difference of the two point forecasts. Ignored when `model` names one form.
   */
  selection?: 'aicc' | 'akaike-weights';
};

/** One fitted form and its Akaike weight (selection 'aicc': the best form with weight 1). */
export type EtsEnsembleMember = { fit: EtsFit; weight: number };

/**
 * 'search' (default, as R's ets()): the seed state is searched by Nelder–Mead together with the
 * smoothing parameters, from R's heuristic initial states. 'least-squares': for the linear
 * seasonal models (A,N,A), (A,A,A), (A,Ad,A) the seed is solved exactly for each parameter value
 * (`internal/ets-seed-state.ts`) and the search runs over the 2–4 smoothing parameters from the
 * best point of a coarse (α, β, γ) grid; other forms as 'search'. It reaches a higher likelihood
 * (M3 monthly, 60 series: better AICc in 55–57 of 60 fits per form, mean −0.5 to −4.1; M4
 * hourly −40 to −113) but did not forecast better (M3 monthly, odd-positioned series: ETS sMAPE
 * 13.909 against 13.899), so it is not the default. bench/forecast/README.md has the runs.
 */
export type EtsSeedEstimation = 'search' | 'least-squares';

/**
 * 'quasi-newton': projected BFGS on the exact (adjoint) gradient of the likelihood, with a few
 * restarts against local optima (`internal/ets-quasi-newton.ts`): 1.5–4.4× less CPU time per fit
 * than Nelder–Mead and a lower AICc on most fits. 'nelder-mead': R's optimiser, with one restart.
 * 'auto' (default since 2026-11-25): quasi-Newton for the non-seasonal forms, Nelder–Mead for the
 * seasonal ones, whose better quasi-Newton optima forecast worse (M3 monthly ETS sMAPE 14.358 →
 * 14.562; non-seasonal forms only: M3 other 4.356 → 4.341). bench/forecast/README.md has the runs.
 * 'least-squares' seeds always use Nelder–Mead on the smoothing parameters.
 */
export type EtsOptimizer = 'auto' | 'quasi-newton' | 'nelder-mead';

export type EtsFit = {
  spec: EtsSpec;
  parameters: EtsParameters;
  initialState: EtsState;
  finalState: EtsState;
  /** R-compatible −2 log L (up to the same constant as R forecast 8.x). */
  minusTwoLogLikelihood: number;
  aic: number;
  aicc: number;
  bic: number;
  sigma2: number;
  parameterCount: number;
};

const LOWER = ETS_LOWER;
const UPPER = ETS_UPPER;

function parseSpec(text: string): EtsSpec {
  const match = /^([AM])(N|A|Ad)([NAM])$/.exec(text);
  if (!match) throw new CoreError('invalid_input', `unknown ETS model '${text}' (expected e.g. ANN, AAdA, MAdM)`, { path: 'model' });
  return { error: match[1] as EtsErrorType, trend: match[2] as EtsTrendType, season: match[3] as EtsSeasonType };
}

/** R forecast's initstate(): classical decomposition of the first 3m values, then a regression for level/slope. */
function initialStates(y: readonly number[], spec: EtsSpec, m: number): { level: number; slope: number; season: number[] } {
  const n = y.length;
  let season: number[] = [];
  let adjusted: number[] = y.slice();
  if (spec.season !== 'N') {
    const window = y.slice(0, Math.min(n, 3 * m));
    season = classicalSeasonalIndices(window, m, spec.season === 'A' ? 'additive' : 'multiplicative');
    if (spec.season === 'M') {
      season = season.map((s) => Math.max(s, 1e-2));
      const total = season.reduce((a, b) => a + b, 0);
      if (total > m) season = season.map((s) => (s * m) / total);
      adjusted = y.map((v, t) => v / season[t % m]!);
    } else {
      adjusted = y.map((v, t) => v - season[t % m]!);
    }
  }
  const maxN = Math.min(Math.max(10, 2 * m), n);
  if (spec.trend === 'N') {
    let sum = 0;
    for (let i = 0; i < maxN; i++) sum += adjusted[i]!;
    return { level: sum / maxN, slope: 0, season };
  }
  // Least squares of adjusted[0..maxN) on t = 1..maxN, level at t = 0.
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < maxN; i++) {
    const x = i + 1;
    sx += x;
    sy += adjusted[i]!;
    sxx += x * x;
    sxy += x * adjusted[i]!;
  }
  const denominator = maxN * sxx - sx * sx;
  let slope = denominator !== 0 ? (maxN * sxy - sx * sy) / denominator : 0;
  let level = (sy - slope * sx) / maxN;
  if (Math.abs(level + slope) < 1e-8) {
    level *= 1 + 1e-3;
    slope *= 1 + 1e-3;
  }
  return { level, slope, season };
}

function parameterCount(spec: EtsSpec, m: number): number {
  // Smoothing parameters + initial states (R counts m−1 free seasonal states), plus σ.
  let count = 2; // alpha, l0
  if (spec.trend !== 'N') count += 2; // beta, b0
  if (spec.trend === 'Ad') count += 1; // phi
  if (spec.season !== 'N') count += m; // gamma + (m−1) states
  return count;
}

/**
 * Fits one ETS model by maximum likelihood over smoothing parameters and initial states, within
 * R forecast's "usual" bounds (1e-4 ≤ β ≤ α ≤ 0.9999, γ ≤ 1−α, 0.8 ≤ φ ≤ 0.98), from R's
 * starting values: projected BFGS on the exact gradient or Nelder–Mead (`EtsOptimizer`; the
 * former falls back to the latter when it finds no finite point); Nelder–Mead evaluates the
 * likelihood by `filterEtsFast` (same results as `filterEts`). Returns null when the model
 * cannot be fitted (e.g. multiplicative with non-positive data).
 */
export function fitEtsModel(values: readonly number[], spec: EtsSpec, seasonLength: number, maxIterations = 2000, seedEstimation: EtsSeedEstimation = 'search', optimizer: EtsOptimizer = 'auto'): EtsFit | null {
  const y = Float64Array.from(values);
  const n = y.length;
  const m = spec.season === 'N' ? 1 : seasonLength;
  if ((spec.error === 'M' || spec.season === 'M') && values.some((v) => v <= 0)) return null;
  if (spec.season !== 'N' && (m < 2 || n < 2 * m)) return null;
  const init = initialStates(values, spec, m);
  // Parameter vector: alpha, [beta], [gamma], [phi], l0, [b0], [s_1..s_{m-1}] (s_0 by normalisation).
  const hasTrend = spec.trend !== 'N';
  const hasSeason = spec.season !== 'N';
  const damped = spec.trend === 'Ad';
  let alpha0 = LOWER.alpha + (0.2 * (UPPER.alpha - LOWER.alpha)) / m;
  if (alpha0 > 1 || alpha0 < 0) alpha0 = LOWER.alpha + 2e-3;
  const beta0 = LOWER.beta + 0.1 * (Math.min(UPPER.beta, alpha0) - LOWER.beta);
  const gamma0 = LOWER.gamma + 0.05 * (Math.min(UPPER.gamma, 1 - alpha0) - LOWER.gamma);
  const phi0 = LOWER.phi + 0.99 * (UPPER.phi - LOWER.phi);
  const start: number[] = [alpha0];
  const steps: number[] = [0.1];
  if (hasTrend) { start.push(beta0); steps.push(0.02); }
  if (hasSeason) { start.push(gamma0); steps.push(0.02); }
  if (damped) { start.push(phi0); steps.push(0.02); }
  const scale = Math.max(1e-8, Math.abs(init.level));
  start.push(init.level); steps.push(0.1 * scale);
  if (hasTrend) { start.push(init.slope); steps.push(Math.max(0.1 * Math.abs(init.slope), 0.01 * scale)); }
  if (hasSeason) {
    for (let k = 1; k < m; k++) {
      start.push(init.season[k]!);
      steps.push(spec.season === 'M' ? 0.05 : Math.max(0.1 * Math.abs(init.season[k]!), 0.01 * scale));
    }
  }
  const season = new Float64Array(m);
  const params: EtsParameters = { alpha: 0, beta: 0, gamma: 0, phi: 1 };
  const out: EtsFilterOutput = { objective: 0, sumSquaredErrors: 0, level: 0, slope: 0 };
  const smoothingCount = 1 + (hasTrend ? 1 : 0) + (hasSeason ? 1 : 0) + (damped ? 1 : 0);
  // Writes the smoothing parameters x[0..smoothingCount) into params; false when they break the bounds.
  const unpackSmoothing = (x: readonly number[]): boolean => {
    let i = 0;
    const alpha = x[i++]!;
    const beta = hasTrend ? x[i++]! : 0;
    const gamma = hasSeason ? x[i++]! : 0;
    const phi = damped ? x[i++]! : 1;
    if (alpha < LOWER.alpha || alpha > UPPER.alpha) return false;
    if (hasTrend && (beta < LOWER.beta || beta > alpha)) return false;
    if (hasSeason && (gamma < LOWER.gamma || gamma > 1 - alpha)) return false;
    if (damped && (phi < LOWER.phi || phi > UPPER.phi)) return false;
    params.alpha = alpha;
    params.beta = beta;
    params.gamma = gamma;
    params.phi = phi;
    return true;
  };
  // Writes x into params/season (reused, no allocation); false when x breaks the bounds.
  const unpackInto = (x: readonly number[]): boolean => {
    if (!unpackSmoothing(x)) return false;
    let i = smoothingCount;
    out.level = x[i++]!;
    out.slope = hasTrend ? x[i++]! : 0;
    if (hasSeason) {
      let sum = 0;
      for (let k = 1; k < m; k++) {
        season[k] = x[i++]!;
        sum += season[k]!;
      }
      season[0] = spec.season === 'A' ? -sum : m - sum;
      if (spec.season === 'M') for (let k = 0; k < m; k++) if (!(season[k]! > 0)) return false;
    }
    return true;
  };
  const objective = (x: number[]): number => {
    if (!unpackInto(x)) return Number.POSITIVE_INFINITY;
    filterEtsFast(y, spec, m, params, out.level, out.slope, season, out);
    return Number.isNaN(out.objective) ? Number.POSITIVE_INFINITY : out.objective;
  };
  // seedEstimation 'least-squares', linear seasonal models: the seed state is solved by least
  // squares for each parameter value (ets-seed-state.ts), so the search is over 2–4 smoothing
  // parameters only; the filter is then re-run from that seed for the exact objective.
  const linear = seedEstimation === 'least-squares' && isLinearEts(spec) && hasSeason;
  const seedWork = linear ? createLinearSeedWorkspace(spec, m, n) : null;
  const seed: LinearSeedResult = { level: init.level, slope: init.slope, season: new Float64Array(m) };
  const unpackConcentrated = (x: readonly number[]): boolean => {
    if (!unpackSmoothing(x)) return false;
    if (solveLinearSeedState(y, params, seedWork!, seed)) {
      out.level = seed.level;
      out.slope = seed.slope;
      season.set(seed.season);
      return true;
    }
    // Singular normal equations (rare): the heuristic seed of initialStates().
    return unpackInto([...x.slice(0, smoothingCount), ...start.slice(smoothingCount)]);
  };
  const concentrated = (x: number[]): number => {
    if (!unpackConcentrated(x)) return Number.POSITIVE_INFINITY;
    filterEtsFast(y, spec, m, params, out.level, out.slope, season, out);
    return Number.isNaN(out.objective) ? Number.POSITIVE_INFINITY : out.objective;
  };
  const searchObjective = linear ? concentrated : objective;
  let searchStart = linear ? start.slice(0, smoothingCount) : start;
  if (linear) {
    // The concentrated likelihood has local optima at the bounds (e.g. γ → 0 while γ ≈ 0.7 is
    // far better): a coarse grid of (α, β, γ) is evaluated first and the search starts from its best
    // point (brute-force starting values, as statsmodels' ExponentialSmoothing.fit(use_brute=True)).
    let bestValue = concentrated(searchStart);
    const first = searchStart;
    for (const alpha of [0.1, 0.3, 0.6]) {
      for (const gammaFraction of [0.05, 0.3, 0.7]) {
        for (const betaFraction of hasTrend ? [0.05, 0.3] : [0]) {
          const trial = first.slice();
          trial[0] = alpha;
          if (hasTrend) trial[1] = betaFraction * alpha;
          trial[hasTrend ? 2 : 1] = gammaFraction * (1 - alpha);
          const value = concentrated(trial);
          if (value < bestValue) {
            bestValue = value;
            searchStart = trial;
          }
        }
      }
    }
  }
  const searchSteps = linear ? steps.slice(0, smoothingCount) : steps;
  let best: { x: number[]; value: number } = { x: start, value: Number.POSITIVE_INFINITY };
  const quasiNewton = optimizer === 'quasi-newton' || (optimizer === 'auto' && !hasSeason);
  if (!linear && quasiNewton) best = searchEtsQuasiNewton(y, spec, m, start, scale);
  // Nelder–Mead: when asked, for the concentrated search, or when the quasi-Newton search found
  // no finite point (its start breaks the model, e.g. a multiplicative level turning negative).
  if (!Number.isFinite(best.value) && best.value !== Number.NEGATIVE_INFINITY) {
    best = minimizeNelderMead(searchObjective, searchStart, { maxIterations, steps: searchSteps, tolerance: 1e-7 });
    // One restart from the optimum with a fresh simplex: Nelder–Mead often stalls on these surfaces.
    if (Number.isFinite(best.value)) {
      const again = minimizeNelderMead(searchObjective, best.x, { maxIterations: Math.ceil(maxIterations / 4), steps: searchSteps.map((s) => s * 0.5), tolerance: 1e-7 });
      if (again.value < best.value) best = again;
    }
  }
  if (!Number.isFinite(best.value) && best.value !== Number.NEGATIVE_INFINITY) return null;
  if (!(linear ? unpackConcentrated(best.x) : unpackInto(best.x))) return null;
  const bestParameters: EtsParameters = { ...params };
  const initialState: EtsState = { level: out.level, slope: out.slope, season: Float64Array.from(season) };
  const run = runEts(y, spec, m, bestParameters, initialState);
  const np = parameterCount(spec, m) + 1;
  const minusTwoLogLikelihood = run.objective;
  const aic = minusTwoLogLikelihood + 2 * np;
  const aicc = n - np - 1 > 0 ? aic + (2 * np * (np + 1)) / (n - np - 1) : Number.POSITIVE_INFINITY;
  const bic = minusTwoLogLikelihood + Math.log(n) * np;
  const sigma2 = run.sumSquaredErrors / Math.max(1, n - np);
  return { spec, parameters: bestParameters, initialState, finalState: run.finalState, minusTwoLogLikelihood, aic, aicc, bic, sigma2, parameterCount: np };
}

/** The candidate set of R's ets() defaults: no multiplicative trend, no additive-error/multiplicative-season mix. */
export function listEtsCandidates(values: readonly number[], seasonLength: number): EtsSpec[] {
  const positive = values.every((v) => v > 0);
  const seasonal = seasonLength > 1 && seasonLength <= 24 && values.length >= 2 * seasonLength;
  const specs: EtsSpec[] = [];
  for (const error of ['A', 'M'] as const) {
    if (error === 'M' && !positive) continue;
    for (const trend of ['N', 'A', 'Ad'] as const) {
      for (const season of (seasonal ? ['N', 'A', 'M'] : ['N']) as EtsSeasonType[]) {
        if (season === 'M' && (error === 'A' || !positive)) continue;
        specs.push({ error, trend, season });
      }
    }
  }
  return specs;
}

/** Class-1 (linear homoscedastic) models get exact variances (Hyndman et al. 2008, Table 6.1). */
function classOneVariances(fit: EtsFit, m: number, horizon: number): number[] | null {
  const { spec, parameters: p, sigma2 } = fit;
  if (spec.error !== 'A' || spec.season === 'M') return null;
  const variances: number[] = [];
  let sum = 0;
  let phiPower = 1;
  let phiSum = 0;
  for (let h = 1; h <= horizon; h++) {
    variances.push(sigma2 * (1 + sum));
    // c_h for the next step: α + β·φ_h + γ·[h mod m = 0], φ_h = φ + … + φ^h.
    phiPower *= spec.trend === 'Ad' ? p.phi : 1;
    phiSum += phiPower;
    let c = p.alpha;
    if (spec.trend !== 'N') c += p.beta * phiSum;
    if (spec.season === 'A' && h % m === 0) c += p.gamma;
    sum += c * c;
  }
  return variances;
}

/**
 * ETS forecast (Hyndman, Koehler, Ord & Snyder 2008): fits the admissible error/trend/season
 * models by maximum likelihood and keeps the lowest AICc, like R forecast's ets(). Point forecasts
 * follow the state recursion with zero errors; intervals are analytic for class-1 models
 * (σ²[1 + Σ_{j<h} c_j²]) and empirical quantiles of seeded simulated paths otherwise.
 * Example: AirPassengers 1949–1960 gives ETS(M,Ad,M) with 12-step forecast ≈ 441.8, 434.1, 496.6…
 * (R forecast 8.20; see forecast-ets.test.ts). Throws invalid_input for an unknown model string.
 * Fallbacks (in notes): constant series → flat forecast; fewer than 3 points → naive.
 */
export function forecastEts(input: ForecastInput & EtsOptions): ForecastResult {
  return forecastEtsWithFit(input).result;
}

/**
 * Point forecasts of an already fitted ETS model from a prefix of the series it was fitted on,
 * without re-estimation: the filter is re-run from the fit's initial state with its parameters
 * over `values` (as R forecast's `ets(y, model = fit)`), then projected h steps. Used by the
 * `auto` backtest, where refitting at every origin would cost one ETS fit per origin.
 * Example: a fit on 120 months, values = its first 96 → forecasts of months 97..96+h.
 * Returns null when the model breaks down on the prefix (non-finite forecast).
 */
export function forecastEtsFromFit(fit: EtsFit, values: readonly number[], seasonLength: number, horizon: number): number[] | null {
  const m = fit.spec.season === 'N' ? 1 : seasonLength;
  const run = runEts(Float64Array.from(values), fit.spec, m, fit.parameters, fit.initialState);
  const mean = etsPointForecasts(fit.spec, m, fit.parameters, run.finalState, values.length, horizon);
  return mean.every((v) => Number.isFinite(v)) ? mean : null;
}

/** forecastEts, also returning the selected fit (null for the naive fallbacks). */
export function forecastEtsWithFit(input: ForecastInput & EtsOptions): { result: ForecastResult; fit: EtsFit | null; ensemble: EtsEnsembleMember[] } {
  const wrap = (result: ForecastResult): { result: ForecastResult; fit: EtsFit | null; ensemble: EtsEnsembleMember[] } => ({ result, fit: null, ensemble: [] });
  const m = checkForecastInput(input);
  const y = input.values;
  const n = y.length;
  const requested = input.model && input.model !== 'auto' && input.model !== 'ZZZ' ? parseSpec(input.model) : null;
  const notes: string[] = [];
  if (n < 3 || y.every((v) => v === y[0])) {
    const fallback = forecastNaive(input);
    return wrap({ ...fallback, method: 'ets(naive)', notes: [...fallback.notes, n < 3 ? 'fewer than 3 observations: naive used' : 'constant series: flat forecast'] });
  }
  let candidates: EtsSpec[];
  if (requested) {
    candidates = [requested];
  } else {
    candidates = listEtsCandidates(y, m);
    if (!y.every((v) => v > 0)) notes.push('multiplicative models skipped: non-positive values');
    if (m > 24) notes.push(`season length ${m} > 24: non-seasonal ETS models only`);
    // Like R: drop models with too many parameters for the data (n ≤ parameters + 4).
    const fitsData = candidates.filter((spec) => n > parameterCount(spec, spec.season === 'N' ? 1 : m) + 4);
    if (fitsData.length > 0) candidates = fitsData;
    else candidates = [{ error: 'A', trend: 'N', season: 'N' }];
  }
  let best: EtsFit | null = null;
  const fits: EtsFit[] = [];
  for (const spec of candidates) {
    const fit = fitEtsModel(y, spec, m, input.maxIterations ?? 2000, input.seedEstimation ?? 'search', input.optimizer ?? 'auto');
    if (!fit || !Number.isFinite(fit.aicc)) continue;
    fits.push(fit);
    if (!best || fit.aicc < best.aicc) best = fit;
  }
  if (!best && requested) {
    throw new CoreError('unsupported', `ETS(${input.model}) cannot be fitted to these data (non-positive values with a multiplicative component, or too short for the season)`, { path: 'model' });
  }
  if (!best) {
    const fallback = forecastNaive(input);
    return wrap({ ...fallback, method: 'ets(naive)', notes: [...notes, ...fallback.notes, 'no ETS model could be fitted: naive used'] });
  }
  const mSeason = best.spec.season === 'N' ? 1 : m;
  const bestMean = etsPointForecasts(best.spec, mSeason, best.parameters, best.finalState, n, input.horizon);
  const ensemble = !requested && input.selection === 'akaike-weights' ? akaikeWeights(fits) : [{ fit: best, weight: 1 }];
  const ensembleMean = ensemble.length > 1 ? ensembleForecasts(ensemble, null, m, n, input.horizon) : null;
  const mean = ensembleMean ?? bestMean;
  const fitted: number[] = new Array<number>(n);
  runEts(Float64Array.from(y), best.spec, mSeason, best.parameters, best.initialState, fitted);
  const variances = classOneVariances(best, mSeason, input.horizon);
  let intervals: ForecastResult['intervals'];
  if (input.levels.length === 0) {
    // Point forecasts only (e.g. the auto backtest, or a benchmark run like R's PI = FALSE): no simulation.
    intervals = [];
  } else if (variances) {
    intervals = normalIntervals(bestMean, variances.map((v) => Math.sqrt(v)), input.levels);
  } else {
    const random = createRandom(input.seed ?? 1);
    const paths = simulateEtsPaths(best.spec, mSeason, best.parameters, best.finalState, n, input.horizon, Math.sqrt(best.sigma2), input.simulationPaths ?? 2000, random.nextNormal);
    intervals = simulatedIntervals(bestMean, paths, input.levels);
  }
  if (ensembleMean) {
    // The best model's intervals, moved with the point forecast.
    intervals = intervals.map((interval) => ({
      level: interval.level,
      lower: interval.lower.map((v, h) => v + mean[h]! - bestMean[h]!),
      upper: interval.upper.map((v, h) => v + mean[h]! - bestMean[h]!),
    }));
  }
  if (mean.some((v) => !Number.isFinite(v))) {
    const fallback = forecastNaive(input);
    return wrap({ ...fallback, method: 'ets(naive)', notes: [...notes, 'ETS forecast not finite: naive used'] });
  }
  const result: ForecastResult = {
    method: etsLabel(best.spec),
    mean,
    intervals,
    fitted,
    parameters: {
      alpha: best.parameters.alpha,
      beta: best.spec.trend === 'N' ? null : best.parameters.beta,
      gamma: best.spec.season === 'N' ? null : best.parameters.gamma,
      phi: best.spec.trend === 'Ad' ? best.parameters.phi : null,
      aic: best.aic,
      aicc: best.aicc,
      bic: best.bic,
      sigma2: best.sigma2,
      intervalMethod: variances ? 'analytic' : 'simulation',
      ...(ensembleMean ? { akaikeWeightOfBest: ensemble.find((e) => e.fit === best)?.weight ?? null, akaikeWeightedModels: ensemble.length } : {}),
    },
    notes: ensembleMean ? [...notes, `Akaike-weighted mean of ${ensemble.length} ETS models (best ${etsLabel(best.spec)})`] : notes,
  };
  return { result, fit: best, ensemble };
}

/** Akaike weights w_i ∝ exp(−(AICc_i − AICc_min)/2), members below 1e-4 dropped, renormalised. */
function akaikeWeights(fits: readonly EtsFit[]): EtsEnsembleMember[] {
  const minimum = Math.min(...fits.map((f) => f.aicc));
  const raw = fits.map((fit) => ({ fit, weight: Math.exp(-(fit.aicc - minimum) / 2) }));
  const total = raw.reduce((a, r) => a + r.weight, 0);
  const kept = raw.filter((r) => r.weight / total >= 1e-4);
  const keptTotal = kept.reduce((a, r) => a + r.weight, 0);
  return kept.map((r) => ({ fit: r.fit, weight: r.weight / keptTotal }));
}

/**
 * Weighted point forecasts of an ensemble, from each fit's final state (`values` null) or
 * re-filtered on `values` (a prefix of the fitted series, as forecastEtsFromFit). Members whose
 * forecast is not finite are left out and the weights renormalised; null when none is left.
 */
function ensembleForecasts(ensemble: readonly EtsEnsembleMember[], values: readonly number[] | null, seasonLength: number, n: number, horizon: number): number[] | null {
  const sum = new Array<number>(horizon).fill(0);
  let total = 0;
  for (const { fit, weight } of ensemble) {
    const m = fit.spec.season === 'N' ? 1 : seasonLength;
    const member = values ? forecastEtsFromFit(fit, values, seasonLength, horizon) : etsPointForecasts(fit.spec, m, fit.parameters, fit.finalState, n, horizon);
    if (!member || !member.every(Number.isFinite)) continue;
    for (let h = 0; h < horizon; h++) sum[h] = sum[h]! + weight * member[h]!;
    total += weight;
  }
  return total > 0 ? sum.map((v) => v / total) : null;
}

/**
 * Point forecasts of an ensemble (`forecastEtsWithFit(...).ensemble`) re-filtered on a prefix of
 * the series it was fitted on, without re-estimation (forecastEtsFromFit for each member, Akaike
 * weights kept). Used by the `auto` backtest. Null when no member gives a finite forecast.
 */
export function forecastEtsEnsembleFromFits(ensemble: readonly EtsEnsembleMember[], values: readonly number[], seasonLength: number, horizon: number): number[] | null {
  return ensembleForecasts(ensemble, values, seasonLength, values.length, horizon);
}

export const etsModel: ForecastModel = { name: 'ets', forecast: (input) => forecastEts(input) };
