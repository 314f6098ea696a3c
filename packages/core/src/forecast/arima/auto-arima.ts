import { CoreError } from '../../shared/core-error';
import type { ForecastInput, ForecastModel, ForecastResult } from '../types';
import { estimateDifferencingOrder, estimateSeasonalDifferencingOrder } from './estimate-differencing';
import { fitArima, isArimaFitAdmissible } from './fit-arima';
import { forecastArima, formatArimaName } from './forecast-arima';
import { differenceSeries } from './internal/difference-series';
import type { ArimaEstimationMethod, ArimaFit, ArimaOrder } from './types';

export type AutoArimaOptions = {
  maxP?: number;
  maxQ?: number;
  maxSeasonalP?: number;
  maxSeasonalQ?: number;
  maxD?: number;
  maxSeasonalD?: number;
  /** Fixed differencing orders (skip the tests). */
  d?: number;
  seasonalD?: number;
  /** Use CSS during the search and ML only for the chosen model. Default: when n > 150 or m > 12 (as R). */
  approximation?: boolean;
  /** Largest number of models the stepwise search may fit (R: 94). */
  maxModels?: number;
  /** Floor forecasts and bounds at 0. Default: true when no observation is negative (demand data). */
  floorAtZero?: boolean;
};

export type AutoArimaSelection = {
  fit: ArimaFit;
  /** Every model tried, in order, with its AICc (Infinity when rejected). */
  tried: { name: string; aicc: number }[];
  notes: string[];
};

type Candidate = { p: number; q: number; P: number; Q: number; constant: boolean };

const MIN_SEARCH_LENGTH = 5;

/**
 * Selects and fits a seasonal ARIMA by the Hyndman–Khandakar algorithm: D from the seasonal
 * strength test (> 0.64), d from repeated KPSS tests, then a stepwise search over (p, q, P, Q,
 * constant) that starts from (2,2,1,1), (0,0,0,0), (1,0,1,0), (0,1,0,1) and moves each order by ±1
 * while the AICc improves; models whose AR or MA roots lie within |z| < 1.01 are rejected.
 *
 * Source: Hyndman & Khandakar (2008), "Automatic time series forecasting: the forecast package for
 * R", Journal of Statistical Software 27(3), §3.2; defaults of R forecast 8.20 auto.arima().
 *
 * Example: AirPassengers (144 monthly values) selects ARIMA(2,1,1)(0,1,0)[12], as R does.
 *
 * Throws CoreError: empty_input, not_finite, invalid_input (fewer than 3 observations).
 */
export function selectAutoArima(values: readonly number[], seasonLength: number, options: AutoArimaOptions = {}): AutoArimaSelection {
  if (values.length === 0) throw new CoreError('empty_input', 'ARIMA needs observations', { path: 'values' });
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new CoreError('not_finite', `value ${i} is not a finite number`, { path: `values[${i}]` });
  });
  if (values.length < 3) throw new CoreError('invalid_input', 'ARIMA needs at least 3 observations', { path: 'values' });
  const notes: string[] = [];
  const n = values.length;
  let m = Number.isInteger(seasonLength) && seasonLength > 1 ? seasonLength : 1;
  if (m > 1 && n < 2 * m + 1) {
    notes.push(`seasonal terms skipped: ${n} observations is less than two seasons of ${m}`);
    m = 1;
  }
  const seasonalD = m > 1 ? Math.min(options.seasonalD ?? estimateSeasonalDifferencingOrder(values, m), options.maxSeasonalD ?? 1) : 0;
  const afterSeasonal = differenceSeries(values, 0, seasonalD, m);
  const d = options.d ?? estimateDifferencingOrder(afterSeasonal, options.maxD ?? 2);
  const dx = differenceSeries(values, d, seasonalD, m);
  let maxP = options.maxP ?? 5;
  let maxQ = options.maxQ ?? 5;
  let maxSP = m > 1 ? (options.maxSeasonalP ?? 2) : 0;
  let maxSQ = m > 1 ? (options.maxSeasonalQ ?? 2) : 0;
  if (m > 1) {
    if (maxSP > 0) maxP = Math.min(maxP, m - 1);
    if (maxSQ > 0) maxQ = Math.min(maxQ, m - 1);
  }
  // Keep every model estimable: the differenced series must exceed lags + parameters.
  const nw = dx.length;
  while (maxSP > 0 && maxSP * m + maxP + 3 >= nw) maxSP--;
  while (maxSQ > 0 && maxSQ * m + 3 >= nw) maxSQ--;
  maxP = Math.max(0, Math.min(maxP, Math.floor((nw - 3) / 3)));
  maxQ = Math.max(0, Math.min(maxQ, Math.floor((nw - 3) / 3)));
  const allowConstant = d + seasonalD <= 1;
  const approximation = options.approximation ?? (n > 150 || m > 12);
  const searchMethod: ArimaEstimationMethod = approximation ? 'css' : 'css-ml';
  const maxModels = options.maxModels ?? 94;

  const tried: { name: string; aicc: number }[] = [];
  const cache = new Map<string, { fit: ArimaFit | undefined; ic: number }>();
  const key = (c: Candidate) => `${c.p},${c.q},${c.P},${c.Q},${c.constant ? 1 : 0}`;
  const toOrder = (c: Candidate): ArimaOrder => ({ p: c.p, d, q: c.q, seasonalP: c.P, seasonalD, seasonalQ: c.Q, seasonLength: m, includeConstant: c.constant });
  const evaluate = (c: Candidate, method: ArimaEstimationMethod): { fit: ArimaFit | undefined; ic: number } => {
    const k = key(c);
    const cached = cache.get(k);
    if (cached) return cached;
    let result: { fit: ArimaFit | undefined; ic: number };
    try {
      const fit = fitArima({ values, order: toOrder(c), method });
      const ok = Number.isFinite(fit.aicc) && isArimaFitAdmissible(fit);
      result = { fit, ic: ok ? fit.aicc : Number.POSITIVE_INFINITY };
    } catch (error) {
      if (!(error instanceof CoreError)) throw error;
      result = { fit: undefined, ic: Number.POSITIVE_INFINITY };
    }
    cache.set(k, result);
    tried.push({ name: formatArimaName({ order: toOrder(c) }), aicc: result.ic });
    return result;
  };

  const isNew = (c: Candidate) => !cache.has(key(c));
  let current: Candidate = { p: Math.min(2, maxP), q: Math.min(2, maxQ), P: Math.min(1, maxSP), Q: Math.min(1, maxSQ), constant: allowConstant };
  if (n < 10) current = { p: Math.min(current.p, 1), q: Math.min(current.q, 1), P: 0, Q: 0, constant: allowConstant };
  let best = evaluate(current, searchMethod);
  const consider = (c: Candidate): boolean => {
    if (cache.size >= maxModels) return false;
    const r = evaluate(c, searchMethod);
    if (r.ic < best.ic) {
      best = r;
      current = c;
      return true;
    }
    return false;
  };
  consider({ p: 0, q: 0, P: 0, Q: 0, constant: allowConstant });
  if (maxP > 0 || maxSP > 0) consider({ p: maxP > 0 ? 1 : 0, q: 0, P: m > 1 && maxSP > 0 ? 1 : 0, Q: 0, constant: allowConstant });
  if (maxQ > 0 || maxSQ > 0) consider({ p: 0, q: maxQ > 0 ? 1 : 0, P: 0, Q: m > 1 && maxSQ > 0 ? 1 : 0, constant: allowConstant });
  if (allowConstant) consider({ p: 0, q: 0, P: 0, Q: 0, constant: false });

  let improved = true;
  while (improved && cache.size < maxModels) {
    improved = false;
    const c = current;
    const moves: Candidate[] = [];
    const add = (cond: boolean, p: number, q: number, P: number, Q: number, constant = c.constant) => {
      if (cond) moves.push({ p, q, P, Q, constant });
    };
    add(c.P > 0, c.p, c.q, c.P - 1, c.Q);
    add(c.Q > 0, c.p, c.q, c.P, c.Q - 1);
    add(c.P < maxSP, c.p, c.q, c.P + 1, c.Q);
    add(c.Q < maxSQ, c.p, c.q, c.P, c.Q + 1);
    add(c.Q > 0 && c.P > 0, c.p, c.q, c.P - 1, c.Q - 1);
    add(c.Q < maxSQ && c.P > 0, c.p, c.q, c.P - 1, c.Q + 1);
    add(c.Q > 0 && c.P < maxSP, c.p, c.q, c.P + 1, c.Q - 1);
    add(c.Q < maxSQ && c.P < maxSP, c.p, c.q, c.P + 1, c.Q + 1);
    add(c.p > 0, c.p - 1, c.q, c.P, c.Q);
    add(c.q > 0, c.p, c.q - 1, c.P, c.Q);
    add(c.p < maxP, c.p + 1, c.q, c.P, c.Q);
    add(c.q < maxQ, c.p, c.q + 1, c.P, c.Q);
    add(c.q > 0 && c.p > 0, c.p - 1, c.q - 1, c.P, c.Q);
    add(c.q < maxQ && c.p > 0, c.p - 1, c.q + 1, c.P, c.Q);
    add(c.q > 0 && c.p < maxP, c.p + 1, c.q - 1, c.P, c.Q);
    add(c.q < maxQ && c.p < maxP, c.p + 1, c.q + 1, c.P, c.Q);
    add(allowConstant, c.p, c.q, c.P, c.Q, !c.constant);
    for (const move of moves) {
      if (!isNew(move)) continue;
      if (consider(move)) {
        improved = true;
        break;
      }
    }
  }

  let chosen = best.fit;
  if (chosen === undefined) {
    // Nothing admissible: fall back to the plain differenced white-noise model (always estimable).
    notes.push('no admissible ARIMA found by the search; white-noise model on the differenced series used');
    chosen = fitArima({ values, order: toOrder({ p: 0, q: 0, P: 0, Q: 0, constant: allowConstant && nw > 2 }), method: 'css' });
  } else if (approximation && chosen.method === 'css') {
    // As R: refit the best models by exact likelihood in AICc order until one is admissible
    // (at most 2 tries here, to bound the cost); otherwise keep the CSS estimates.
    const ranked = [...cache.entries()].filter(([, r]) => r.fit !== undefined && Number.isFinite(r.ic)).sort((a, b) => a[1].ic - b[1].ic || (a[0] < b[0] ? -1 : 1));
    let refit: ArimaFit | undefined;
    for (const [, candidate] of ranked.slice(0, 2)) {
      refit = tryRefitMl(values, candidate.fit!.order);
      if (refit !== undefined) break;
    }
    if (refit !== undefined) chosen = refit;
    else notes.push('final model kept with conditional-sum-of-squares estimates');
  }
  return { fit: chosen, tried, notes };
}

function tryRefitMl(values: readonly number[], order: ArimaOrder): ArimaFit | undefined {
  // The exact likelihood costs O(r^2) per step with r up to p + mP: keep CSS for very large states.
  const r = Math.max(order.p + order.seasonalP * order.seasonLength, order.q + order.seasonalQ * order.seasonLength + 1);
  if (r > 40) return undefined;
  try {
    const fit = fitArima({ values, order, method: 'css-ml' });
    return isArimaFitAdmissible(fit) && Number.isFinite(fit.aicc) ? fit : undefined;
  } catch (error) {
    if (error instanceof CoreError) return undefined;
    throw error;
  }
}

/**
 * Automatic ARIMA forecast (Hyndman–Khandakar order selection, CSS-ML estimation, psi-weight
 * normal intervals) behind the shared ForecastModel interface.
 *
 * Example: AirPassengers, horizon 12, season 12: ARIMA(2,1,1)(0,1,0)[12] with forecasts 445.6,
 * 420.4, 449.2, … (R forecast 8.20: 445.63, 420.39, 449.20).
 *
 * Throws CoreError: empty_input, not_finite, out_of_range (horizon, levels). A series of fewer than
 * 5 points falls back to the naive forecast (noted), a constant series to a flat forecast. For
 * non-negative data (demand) forecasts and bounds are floored at 0 (noted) unless floorAtZero is false.
 */
export function forecastAutoArima(input: ForecastInput, options: AutoArimaOptions = {}): ForecastResult {
  return forecastAutoArimaWithFit(input, options).result;
}

/**
 * forecastAutoArima that also returns the selected fit (undefined for the short/constant
 * fallbacks), e.g. to re-filter it on prefixes of the history in a backtest (refilterArima).
 */
export function forecastAutoArimaWithFit(input: ForecastInput, options: AutoArimaOptions = {}): { result: ForecastResult; fit: ArimaFit | undefined } {
  const { values, horizon, levels } = input;
  if (!Number.isInteger(horizon) || horizon < 1) throw new CoreError('out_of_range', 'horizon must be an integer >= 1', { path: 'horizon' });
  if (values.length === 0) throw new CoreError('empty_input', 'ARIMA needs observations', { path: 'values' });
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new CoreError('not_finite', `value ${i} is not a finite number`, { path: `values[${i}]` });
  });
  if (values.length < MIN_SEARCH_LENGTH || values.every((v) => v === values[0])) {
    // Too short or constant: ARIMA(0,1,0) without drift (random walk) is the only sensible model
    // (with fewer than 5 points even a mean model has no finite AICc).
    const fit = fitArimaFallback(values);
    const result = forecastArima(fit, horizon, levels);
    result.notes.push(values.length < MIN_SEARCH_LENGTH ? `fewer than ${MIN_SEARCH_LENGTH} observations: random-walk forecast` : 'constant series: flat forecast');
    return { result, fit: undefined };
  }
  const selection = selectAutoArima(values, input.seasonLength, options);
  const result = forecastArima(selection.fit, horizon, levels);
  result.parameters['modelsTried'] = selection.tried.length;
  result.notes.push(...selection.notes);
  if (options.floorAtZero ?? values.every((v) => v >= 0)) floorResultAtZero(result);
  return { result, fit: selection.fit };
}

function floorResultAtZero(result: ForecastResult): void {
  let clipped = 0;
  const floor = (arr: number[]) => {
    for (let h = 0; h < arr.length; h++) {
      if (arr[h]! < 0) {
        arr[h] = 0;
        clipped++;
      }
    }
  };
  const meanClipped = result.mean.some((v) => v < 0);
  floor(result.mean);
  for (const interval of result.intervals) {
    floor(interval.lower);
    floor(interval.upper);
  }
  if (clipped > 0) result.notes.push(`non-negative data: ${meanClipped ? 'forecasts and ' : ''}interval bounds below 0 set to 0`);
}

function fitArimaFallback(values: readonly number[]): ArimaFit {
  const diffs = values.slice(1).map((v, i) => v - values[i]!);
  const sigma2 = diffs.length > 0 ? diffs.reduce((s, v) => s + v * v, 0) / diffs.length : 0;
  return {
    order: { p: 0, d: 1, q: 0, seasonalP: 0, seasonalD: 0, seasonalQ: 0, seasonLength: 1, includeConstant: false },
    ar: [],
    ma: [],
    seasonalAr: [],
    seasonalMa: [],
    constant: 0,
    sigma2,
    logLikelihood: Number.NaN,
    aic: Number.NaN,
    aicc: Number.NaN,
    bic: Number.NaN,
    method: 'css',
    observationsUsed: diffs.length,
    converged: true,
    residuals: values.map((v, i) => (i === 0 ? 0 : v - values[i - 1]!)),
    values: values.slice(),
    finalState: [],
  };
}

/** Creates the automatic ARIMA model for the shared ForecastModel interface (name 'arima'). */
export function createAutoArimaModel(options: AutoArimaOptions = {}): ForecastModel {
  return { name: 'arima', forecast: (input) => forecastAutoArima(input, options) };
}

/** The automatic ARIMA model with R forecast's defaults. */
export const arimaModel: ForecastModel = createAutoArimaModel();
