import { CoreError } from '../../shared/core-error';
import type { ForecastResult } from '../types';
import { differenceSeries, differencingPolynomial } from './internal/difference-series';
import { normalQuantile } from './internal/normal-quantile';
import { expandSeasonalAr, expandSeasonalMa } from './internal/polynomial';
import type { ArimaFit } from './types';

/** Name of a fit in R's style, e.g. 'ARIMA(2,1,1)(0,1,0)[12]' or 'ARIMA(0,1,1) with drift'. */
export function formatArimaName(fit: Pick<ArimaFit, 'order'>): string {
  const o = fit.order;
  const seasonal = o.seasonLength > 1 && o.seasonalP + o.seasonalD + o.seasonalQ > 0 ? `(${o.seasonalP},${o.seasonalD},${o.seasonalQ})[${o.seasonLength}]` : '';
  const diffs = o.d + o.seasonalD;
  const constant = o.includeConstant ? (diffs === 0 ? ' with non-zero mean' : ' with drift') : '';
  return `ARIMA(${o.p},${o.d},${o.q})${seasonal}${constant}`;
}

/**
 * Forecasts h steps from a fitted ARIMA, point forecasts and normal prediction intervals in the
 * units of the series.
 *
 * Formula: the ARMA part of the differenced series is projected from the final Kalman state
 * (w_{n+h} = mu + Z T^h a_{n|n}) and integrated back with x_t = w_t + sum delta_i x_{t-i}; the
 * h-step variance is sigma^2 sum_{j<h} psi_j^2 with psi the MA(inf) weights of
 * theta(B)Theta(B^m) / [phi(B)Phi(B^m)(1-B)^d(1-B^m)^D]; bounds are mean ± z_{(1+level)/2} sd.
 *
 * Source: Box, Jenkins, Reinsel & Ljung (2015), §5.1–5.2; Hyndman & Athanasopoulos, FPP3 §9.8.
 *
 * Example: AirPassengers, ARIMA(2,1,1)(0,1,0)[12], first step ≈ 445.6 (R: 445.63), 95 % interval
 * ≈ 445.6 ± 1.96·11.5.
 *
 * Throws CoreError out_of_range when horizon < 1 or a level is outside (0, 100).
 */
export function forecastArima(fit: ArimaFit, horizon: number, levels: readonly number[]): ForecastResult {
  if (!Number.isInteger(horizon) || horizon < 1) throw new CoreError('out_of_range', 'horizon must be an integer >= 1', { path: 'horizon' });
  levels.forEach((level, i) => {
    if (!(level > 0 && level < 100)) throw new CoreError('out_of_range', `level ${level} must be in (0, 100)`, { path: `levels[${i}]` });
  });
  const o = fit.order;
  const m = o.seasonLength;
  const phi = expandSeasonalAr(fit.ar, fit.seasonalAr, m);
  const theta = expandSeasonalMa(fit.ma, fit.seasonalMa, m);
  const w = differenceSeries(fit.values, o.d, o.seasonalD, m);
  const n = w.length;
  const wFuture = new Array<number>(horizon);
  if (fit.method === 'ml') {
    const r = Math.max(phi.length, theta.length + 1);
    let a = fit.finalState.slice();
    for (let h = 0; h < horizon; h++) {
      const next = new Array<number>(r);
      for (let i = 0; i < r; i++) next[i] = (phi[i] ?? 0) * a[0]! + (i < r - 1 ? a[i + 1]! : 0);
      a = next;
      wFuture[h] = fit.constant + a[0]!;
    }
  } else {
    // CSS fit: ARMA recursion with the last residuals, future shocks zero.
    const centred = w.map((v) => v - fit.constant);
    const resid = fit.finalState;
    const q = theta.length;
    for (let h = 0; h < horizon; h++) {
      let v = 0;
      for (let i = 0; i < phi.length; i++) {
        const idx = n + h - i - 1;
        const past = idx >= n ? wFuture[idx - n]! - fit.constant : idx >= 0 ? centred[idx]! : 0;
        v += phi[i]! * past;
      }
      for (let j = h; j < q; j++) {
        // shock at time n + h - j - 1 (< n): index into the stored tail of residuals.
        const back = j - h; // 0 = last residual
        const value = resid[resid.length - 1 - back];
        if (value !== undefined) v += theta[j]! * value;
      }
      wFuture[h] = fit.constant + v;
    }
  }
  // Integrate.
  const delta = differencingPolynomial(o.d, o.seasonalD, m);
  const x = fit.values.slice();
  const mean = new Array<number>(horizon);
  for (let h = 0; h < horizon; h++) {
    let v = wFuture[h]!;
    for (let i = 0; i < delta.length; i++) v += delta[i]! * x[x.length - 1 - i]!;
    x.push(v);
    mean[h] = v;
  }
  // psi weights of the full (integrated) model.
  const phiFull = fullAr(phi, delta);
  const psi = new Array<number>(horizon).fill(0);
  psi[0] = 1;
  for (let j = 1; j < horizon; j++) {
    let v = theta[j - 1] ?? 0;
    for (let i = 1; i <= Math.min(j, phiFull.length); i++) v += phiFull[i - 1]! * psi[j - i]!;
    psi[j] = v;
  }
  const sd = new Array<number>(horizon);
  let acc = 0;
  for (let h = 0; h < horizon; h++) {
    acc += psi[h]! * psi[h]!;
    sd[h] = Math.sqrt(fit.sigma2 * acc);
  }
  const intervals = levels.map((level) => {
    const z = normalQuantile(0.5 + level / 200);
    return { level, lower: mean.map((v, h) => v - z * sd[h]!), upper: mean.map((v, h) => v + z * sd[h]!) };
  });
  const fitted = fit.values.map((v, i) => v - fit.residuals[i]!);
  const parameters: Record<string, number | string | boolean | null> = {
    p: o.p,
    d: o.d,
    q: o.q,
    seasonalP: o.seasonalP,
    seasonalD: o.seasonalD,
    seasonalQ: o.seasonalQ,
    seasonLength: m,
    sigma2: fit.sigma2,
    logLikelihood: finiteOrNull(fit.logLikelihood),
    aic: finiteOrNull(fit.aic),
    aicc: finiteOrNull(fit.aicc),
    bic: finiteOrNull(fit.bic),
    estimation: fit.method,
  };
  fit.ar.forEach((v, i) => (parameters[`ar${i + 1}`] = v));
  fit.ma.forEach((v, i) => (parameters[`ma${i + 1}`] = v));
  fit.seasonalAr.forEach((v, i) => (parameters[`sar${i + 1}`] = v));
  fit.seasonalMa.forEach((v, i) => (parameters[`sma${i + 1}`] = v));
  if (o.includeConstant) {
    const diffs = o.d + o.seasonalD;
    if (diffs === 0) parameters['mean'] = fit.constant;
    else parameters['drift'] = o.seasonalD === 1 ? fit.constant / m : fit.constant;
  }
  return { method: formatArimaName(fit), mean, intervals, fitted, parameters, notes: [] };
}

function fullAr(phi: readonly number[], delta: readonly number[]): number[] {
  // (1 - sum phi B^i)(1 - sum delta B^i) = 1 - sum full B^i
  const a = [1, ...phi.map((v) => -v)];
  const b = [1, ...delta.map((v) => -v)];
  const out = new Array<number>(a.length + b.length - 1).fill(0);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) out[i + j]! += a[i]! * b[j]!;
  return out.slice(1).map((v) => -v);
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);
