import { CoreError } from '../../shared/core-error';
import { computeCss, filterArmaExact } from './internal/arma-likelihood';
import { differenceSeries } from './internal/difference-series';
import { minimizeBfgs } from './internal/optimize-bfgs';
import { expandSeasonalAr, expandSeasonalInto, expandSeasonalMa, fromStationaryAr, hasRootsOutside, invertMaPolynomial, toStationaryAr, toStationaryArInPlace } from './internal/polynomial';
import type { ArimaEstimationMethod, ArimaFit, ArimaOrder } from './types';

export type FitArimaInput = {
  values: readonly number[];
  order: ArimaOrder;
  /** 'css-ml' (default): conditional sum of squares for starting values, then exact maximum likelihood. */
  method?: ArimaEstimationMethod;
};

type Layout = { p: number; q: number; P: number; Q: number; m: number; hasMean: boolean };

function split(params: readonly number[], l: Layout, transform: boolean) {
  let k = 0;
  const take = (count: number) => {
    const out = params.slice(k, k + count);
    k += count;
    return out;
  };
  let ar = take(l.p);
  const ma = take(l.q);
  let sar = take(l.P);
  const sma = take(l.Q);
  const meanU = l.hasMean ? params[k]! : 0;
  if (transform) {
    ar = toStationaryAr(ar);
    sar = toStationaryAr(sar);
  }
  return { ar, ma, sar, sma, meanU };
}

/**
 * Fits a seasonal ARIMA(p,d,q)(P,D,Q)[m] model to a series, in the units of the series.
 *
 * Formula: phi(B) Phi(B^m) (w_t - mu) = theta(B) Theta(B^m) e_t with w = (1-B)^d (1-B^m)^D x,
 * e_t ~ N(0, sigma^2). Estimation as R's arima(method = "CSS-ML"): conditional sum of squares
 * minimised by BFGS, then the exact Gaussian likelihood (Kalman filter) maximised by BFGS with AR
 * parts kept stationary through the partial-autocorrelation transform (Jones 1980).
 * AIC = -2 logL + 2k, AICc = AIC + 2k(k+1)/(n-k-1), BIC = -2 logL + k log n, with k the number of
 * coefficients + 1 (sigma^2) and n the number of differenced observations. The reported sigma^2 is
 * the sum of squared standardised innovations / (n - coefficients), as R forecast's Arima().
 *
 * Source: Box, Jenkins, Reinsel & Ljung (2015), Time Series Analysis, ch. 7; Hyndman & Khandakar
 * (2008), "Automatic time series forecasting: the forecast package for R", JSS 27(3).
 *
 * Example: AirPassengers with ARIMA(2,1,1)(0,1,0)[12] gives ar ≈ (0.596, 0.214), ma ≈ -0.982,
 * sigma^2 ≈ 132.3 and AIC ≈ 1017.85 (R 4.2 arima: 0.5960, 0.2143, -0.9819, 132.3, 1017.85).
 *
 * Throws CoreError: empty_input, not_finite, out_of_range (orders), invalid_input (too few
 * observations for the model).
 */
export function fitArima(input: FitArimaInput): ArimaFit {
  const { values, order } = input;
  validateOrder(order);
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new CoreError('not_finite', `value ${i} is not a finite number`, { path: `values[${i}]` });
  });
  if (values.length === 0) throw new CoreError('empty_input', 'ARIMA needs observations', { path: 'values' });
  const m = order.seasonLength;
  const w = differenceSeries(values, order.d, order.seasonalD, m);
  const layout: Layout = { p: order.p, q: order.q, P: order.seasonalP, Q: order.seasonalQ, m, hasMean: order.includeConstant };
  const nCoef = layout.p + layout.q + layout.P + layout.Q + (layout.hasMean ? 1 : 0);
  const conditioning = layout.p + layout.P * m;
  if (w.length - conditioning <= nCoef + 1) {
    throw new CoreError('invalid_input', `too few observations (${values.length}) for ${formatOrder(order)}`, { path: 'values' });
  }
  const method = input.method ?? 'css-ml';
  const n = w.length;
  const wMean = w.reduce((s, v) => s + v, 0) / n;
  const wSd = Math.sqrt(w.reduce((s, v) => s + (v - wMean) * (v - wMean), 0) / Math.max(1, n - 1)) || 1;
  const meanScale = wSd / Math.sqrt(n);
  const meanOf = (u: number) => (layout.hasMean ? wMean + u * meanScale : 0);
  const centred = new Float64Array(n);

  // Preallocated buffers: the objectives run thousands of times per fit.
  const arBuf = new Float64Array(layout.p);
  const maBuf = new Float64Array(layout.q);
  const sarBuf = new Float64Array(layout.P);
  const smaBuf = new Float64Array(layout.Q);
  const work = new Float64Array(Math.max(layout.p, layout.P));
  const phiBuf = new Float64Array(layout.p + layout.P * m);
  const thetaBuf = new Float64Array(layout.q + layout.Q * m);
  const cssResiduals = new Float64Array(n);
  /** Decodes params into phiBuf/thetaBuf (AR parts through the stationarity transform when asked) and centres w. */
  const load = (params: ArrayLike<number>, transform: boolean): void => {
    let k = 0;
    for (let i = 0; i < layout.p; i++) arBuf[i] = params[k++]!;
    for (let i = 0; i < layout.q; i++) maBuf[i] = params[k++]!;
    for (let i = 0; i < layout.P; i++) sarBuf[i] = params[k++]!;
    for (let i = 0; i < layout.Q; i++) smaBuf[i] = params[k++]!;
    if (transform) {
      toStationaryArInPlace(arBuf, work);
      toStationaryArInPlace(sarBuf, work);
    }
    expandSeasonalInto(phiBuf, arBuf, sarBuf, m, -1);
    expandSeasonalInto(thetaBuf, maBuf, smaBuf, m, 1);
    const mu = meanOf(layout.hasMean ? params[k]! : 0);
    for (let t = 0; t < n; t++) centred[t] = w[t]! - mu;
  };
  const cssObjective = (params: ArrayLike<number>): number => {
    load(params, false);
    const res = computeCss(centred, phiBuf, thetaBuf, conditioning, cssResiduals);
    const sigma2 = res.sumOfSquares / res.count;
    return Number.isFinite(sigma2) && sigma2 > 0 ? 0.5 * Math.log(sigma2) : Number.POSITIVE_INFINITY;
  };
  const mlObjective = (params: ArrayLike<number>): number => {
    load(params, true);
    const res = filterArmaExact(centred, phiBuf, thetaBuf, false);
    if (res === undefined) return Number.POSITIVE_INFINITY;
    const sigma2 = res.sumOfSquares / res.count;
    if (!(sigma2 > 0) || !Number.isFinite(sigma2)) return Number.POSITIVE_INFINITY;
    return 0.5 * Math.log(sigma2) + (0.5 * res.sumLogVariance) / res.count;
  };

  const start = new Array<number>(nCoef).fill(0);
  let params = start;
  let converged = true;
  if (method !== 'ml' && nCoef > 0) {
    const css = minimizeBfgs(cssObjective, start, { maxIterations: 100 });
    params = css.x;
    converged = css.converged;
  }
  let finalMethod: 'css' | 'ml' = 'css';
  if (method !== 'css') {
    const s = split(params, layout, false);
    const arOk = hasRootsOutside(s.ar) && Number.isFinite(s.ar.reduce((a, b) => a + b, 0));
    const sarOk = hasRootsOutside(s.sar);
    // Non-invertible MA starting values are reflected (same likelihood), as R's arima does.
    const ma0 = invertMaPolynomial(s.ma);
    const sma0 = invertMaPolynomial(s.sma);
    const maOk = ma0.every(Number.isFinite) && sma0.every(Number.isFinite);
    const init = [
      ...(arOk ? fromStationaryAr(s.ar) : new Array<number>(layout.p).fill(0)),
      ...(maOk ? ma0 : new Array<number>(layout.q).fill(0)),
      ...(sarOk ? fromStationaryAr(s.sar) : new Array<number>(layout.P).fill(0)),
      ...(maOk ? sma0 : new Array<number>(layout.Q).fill(0)),
      ...(layout.hasMean ? [s.meanU] : []),
    ];
    const ml = nCoef > 0 ? minimizeBfgs(mlObjective, init, { maxIterations: 100 }) : { x: init, value: mlObjective(init), converged: true, iterations: 0 };
    if (Number.isFinite(ml.value)) {
      const t = split(ml.x, layout, true);
      const ma = invertMaPolynomial(t.ma);
      const sma = invertMaPolynomial(t.sma);
      params = [...t.ar, ...(ma.every(Number.isFinite) ? ma : t.ma), ...t.sar, ...(sma.every(Number.isFinite) ? sma : t.sma), ...(layout.hasMean ? [t.meanU] : [])];
      converged = ml.converged;
      finalMethod = 'ml';
    } else if (method === 'ml') {
      throw new CoreError('infeasible', 'exact likelihood could not be evaluated for this model', { path: 'order' });
    }
  }

  const s = split(params, layout, false);
  const phi = expandSeasonalAr(s.ar, s.sar, m);
  const theta = expandSeasonalMa(s.ma, s.sma, m);
  const mu = meanOf(s.meanU);
  for (let t = 0; t < n; t++) centred[t] = w[t]! - mu;
  const k = nCoef + 1;
  let sigma2: number;
  let minus2LogLik: number;
  let innovations: Float64Array;
  let finalState: number[];
  if (finalMethod === 'ml') {
    const res = filterArmaExact(centred, phi, theta)!;
    const sigma2Ml = res.sumOfSquares / res.count;
    minus2LogLik = res.count * Math.log(2 * Math.PI * sigma2Ml) + res.count + res.sumLogVariance;
    // Reported variance corrected for the coefficients estimated, as R forecast's Arima().
    sigma2 = res.sumOfSquares / Math.max(1, res.count - nCoef);
    innovations = res.innovations;
    finalState = Array.from(res.finalState);
  } else {
    const res = computeCss(centred, phi, theta, conditioning);
    const sigma2Css = res.sumOfSquares / res.count;
    minus2LogLik = n * (Math.log(2 * Math.PI * sigma2Css) + 1);
    sigma2 = res.sumOfSquares / Math.max(1, res.count - nCoef);
    innovations = res.residuals;
    finalState = Array.from(res.residuals.slice(Math.max(0, n - theta.length)));
  }
  const aic = minus2LogLik + 2 * k;
  const aicc = n - k - 1 > 0 ? aic + (2 * k * (k + 1)) / (n - k - 1) : Number.POSITIVE_INFINITY;
  const bic = minus2LogLik + k * Math.log(n);
  const offset = values.length - n;
  const residuals = values.map((_, i) => (i < offset ? 0 : innovations[i - offset]!));
  return {
    order: { ...order },
    ar: s.ar,
    ma: s.ma,
    seasonalAr: s.sar,
    seasonalMa: s.sma,
    constant: mu,
    sigma2,
    logLikelihood: -minus2LogLik / 2,
    aic,
    aicc,
    bic,
    method: finalMethod,
    observationsUsed: n,
    converged,
    residuals,
    values: values.slice(),
    finalState,
  };
}

function validateOrder(order: ArimaOrder): void {
  const check = (name: keyof ArimaOrder, max: number) => {
    const v = order[name] as number;
    if (!Number.isInteger(v) || v < 0 || v > max) throw new CoreError('out_of_range', `${name} must be an integer in [0, ${max}], got ${v}`, { path: `order.${name}` });
  };
  check('p', 20);
  check('d', 2);
  check('q', 20);
  check('seasonalP', 4);
  check('seasonalD', 1);
  check('seasonalQ', 4);
  if (!Number.isInteger(order.seasonLength) || order.seasonLength < 1) throw new CoreError('out_of_range', 'seasonLength must be an integer >= 1', { path: 'order.seasonLength' });
  if (order.seasonLength === 1 && (order.seasonalP > 0 || order.seasonalD > 0 || order.seasonalQ > 0)) {
    throw new CoreError('invalid_input', 'seasonal orders need seasonLength >= 2', { path: 'order.seasonLength' });
  }
}

/** True when the AR and MA polynomials (seasonal parts expanded) have all roots outside |z| = 1.01, R's auto.arima check. */
export function isArimaFitAdmissible(fit: ArimaFit): boolean {
  const m = fit.order.seasonLength;
  const phi = expandSeasonalAr(fit.ar, fit.seasonalAr, m);
  const theta = expandSeasonalMa(fit.ma, fit.seasonalMa, m);
  return hasRootsOutside(phi, 1.01) && hasRootsOutside(theta.map((v) => -v), 1.01);
}

/**
 * The same model (orders and coefficients, no re-estimation) applied to another series, typically a
 * prefix of the history in a rolling-origin backtest: the differenced series is filtered again
 * (Kalman filter for ML fits, the CSS recursion for CSS fits) so that forecastArima projects from
 * the end of `values`. Like R forecast's Arima(y, model = fit). The criteria (AIC…) and sigma^2
 * stay those of the original fit.
 *
 * Example: refilterArima(fit, values.slice(0, n - 12)) then forecastArima(…, 12, []) gives the
 * forecast the fitted model would have made 12 periods earlier.
 *
 * Throws CoreError: not_finite, invalid_input (fewer values than the differencing and AR lags need),
 * infeasible (the exact likelihood cannot be evaluated).
 */
export function refilterArima(fit: ArimaFit, values: readonly number[]): ArimaFit {
  const o = fit.order;
  const m = o.seasonLength;
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new CoreError('not_finite', `value ${i} is not a finite number`, { path: `values[${i}]` });
  });
  const w = differenceSeries(values, o.d, o.seasonalD, m);
  const phi = expandSeasonalAr(fit.ar, fit.seasonalAr, m);
  const theta = expandSeasonalMa(fit.ma, fit.seasonalMa, m);
  const n = w.length;
  if (n <= o.p + o.seasonalP * m + 1) throw new CoreError('invalid_input', `too few observations (${values.length}) to filter ${formatOrder(o)}`, { path: 'values' });
  const centred = w.map((v) => v - fit.constant);
  let innovations: Float64Array;
  let finalState: number[];
  if (fit.method === 'ml') {
    const res = filterArmaExact(centred, phi, theta);
    if (res === undefined) throw new CoreError('infeasible', 'exact likelihood could not be evaluated for this model', { path: 'fit' });
    innovations = res.innovations;
    finalState = Array.from(res.finalState);
  } else {
    innovations = computeCss(centred, phi, theta, o.p + o.seasonalP * m).residuals;
    finalState = Array.from(innovations.slice(Math.max(0, n - theta.length)));
  }
  const offset = values.length - n;
  const residuals = values.map((_, i) => (i < offset ? 0 : innovations[i - offset]!));
  return { ...fit, order: { ...o }, observationsUsed: n, residuals, values: values.slice(), finalState };
}

const formatOrder = (o: ArimaOrder): string => `ARIMA(${o.p},${o.d},${o.q})(${o.seasonalP},${o.seasonalD},${o.seasonalQ})[${o.seasonLength}]`;
