import type { EtsFilterOutput, EtsParameters, EtsSpec } from './ets-state-space';

/**
 * The likelihood filter of `filterEts` (same recursions, same arithmetic, same outputs) split
 * into one loop per error × season kind, for the optimiser's hot path. A single loop with the
 * kind tests inside runs 1.7–2.7× slower in V8 (measured on 1,000 points: 11 → 4 ns per point
 * for A,A,N; 13 → 7.6 for M,Ad,N), because the branches keep the state updates from being
 * scheduled as one dependency chain. No trend is run as a trend with φ = 0 and β/α = 0 (the slope
 * stays 0 and q = level exactly). Σ log|ŷ| of the multiplicative-error likelihood is taken as a
 * running product, logged only when it leaves [1e-100, 1e100].
 * `season` is updated in place (it ends as the final seasonal state); results go to `out`;
 * the objective is +Infinity when the model breaks down, as in `filterEts`.
 */
export function filterEtsFast(y: Float64Array, spec: EtsSpec, m: number, p: EtsParameters, initialLevel: number, initialSlope: number, season: Float64Array, out: EtsFilterOutput): void {
  const hasTrend = spec.trend !== 'N';
  const phi = !hasTrend ? 0 : spec.trend === 'Ad' ? p.phi : 1;
  const betaOverAlpha = hasTrend ? p.beta / p.alpha : 0;
  const slope = hasTrend ? initialSlope : 0;
  const multiplicative = spec.error === 'M';
  if (spec.season === 'N') {
    if (multiplicative) multiplicativeErrorNoSeason(y, p.alpha, betaOverAlpha, phi, initialLevel, slope, out);
    else additiveErrorNoSeason(y, p.alpha, betaOverAlpha, phi, initialLevel, slope, out);
  } else if (spec.season === 'A') {
    if (multiplicative) multiplicativeErrorAdditiveSeason(y, m, p.alpha, betaOverAlpha, p.gamma, phi, initialLevel, slope, season, out);
    else additiveErrorAdditiveSeason(y, m, p.alpha, betaOverAlpha, p.gamma, phi, initialLevel, slope, season, out);
  } else {
    multiplicativeSeason(y, m, multiplicative, p.alpha, betaOverAlpha, p.gamma, phi, initialLevel, slope, season, out);
  }
  if (!hasTrend) out.slope = initialSlope;
}

function finish(out: EtsFilterOutput, n: number, sumSquares: number, sumLogForecast: number, multiplicative: boolean): void {
  out.sumSquaredErrors = sumSquares;
  out.objective = sumSquares > 0 ? n * Math.log(sumSquares) + (multiplicative ? 2 * sumLogForecast : 0) : Number.NEGATIVE_INFINITY;
}

function broken(out: EtsFilterOutput, level: number, slope: number): void {
  out.level = level;
  out.slope = slope;
  out.objective = Number.POSITIVE_INFINITY;
  out.sumSquaredErrors = Number.POSITIVE_INFINITY;
}

function additiveErrorNoSeason(y: Float64Array, alpha: number, betaOverAlpha: number, phi: number, level: number, slope: number, out: EtsFilterOutput): void {
  const n = y.length;
  let sumSquares = 0;
  for (let t = 0; t < n; t++) {
    const phib = phi * slope;
    const q = level + phib;
    const value = y[t]!;
    const e = value - q;
    sumSquares += e * e;
    const previousLevel = level;
    level = q + alpha * (value - q);
    slope = phib + betaOverAlpha * (level - previousLevel - phib);
  }
  out.level = level;
  out.slope = slope;
  finish(out, n, sumSquares, 0, false);
}

function multiplicativeErrorNoSeason(y: Float64Array, alpha: number, betaOverAlpha: number, phi: number, level: number, slope: number, out: EtsFilterOutput): void {
  const n = y.length;
  let sumSquares = 0;
  let sumLogForecast = 0;
  let product = 1;
  for (let t = 0; t < n; t++) {
    const phib = phi * slope;
    const q = level + phib;
    if (!(Math.abs(q) > 1e-10)) return broken(out, level, slope);
    const value = y[t]!;
    const e = (value - q) / q;
    sumSquares += e * e;
    product *= q < 0 ? -q : q;
    if (product > 1e100 || product < 1e-100) {
      sumLogForecast += Math.log(product);
      product = 1;
    }
    const previousLevel = level;
    level = q + alpha * (value - q);
    slope = phib + betaOverAlpha * (level - previousLevel - phib);
    if (level <= 0) return broken(out, level, slope);
  }
  out.level = level;
  out.slope = slope;
  finish(out, n, sumSquares, sumLogForecast + Math.log(product), true);
}

function additiveErrorAdditiveSeason(y: Float64Array, m: number, alpha: number, betaOverAlpha: number, gamma: number, phi: number, level: number, slope: number, season: Float64Array, out: EtsFilterOutput): void {
  const n = y.length;
  let sumSquares = 0;
  let k = 0;
  for (let t = 0; t < n; t++) {
    const seasonValue = season[k]!;
    const phib = phi * slope;
    const q = level + phib;
    const value = y[t]!;
    const e = value - (q + seasonValue);
    sumSquares += e * e;
    const previousLevel = level;
    level = q + alpha * (value - seasonValue - q);
    slope = phib + betaOverAlpha * (level - previousLevel - phib);
    season[k] = seasonValue + gamma * (value - q - seasonValue);
    if (++k === m) k = 0;
  }
  out.level = level;
  out.slope = slope;
  finish(out, n, sumSquares, 0, false);
}

function multiplicativeErrorAdditiveSeason(y: Float64Array, m: number, alpha: number, betaOverAlpha: number, gamma: number, phi: number, level: number, slope: number, season: Float64Array, out: EtsFilterOutput): void {
  const n = y.length;
  let sumSquares = 0;
  let sumLogForecast = 0;
  let product = 1;
  let k = 0;
  for (let t = 0; t < n; t++) {
    const seasonValue = season[k]!;
    const phib = phi * slope;
    const q = level + phib;
    const forecast = q + seasonValue;
    if (!(Math.abs(forecast) > 1e-10)) return broken(out, level, slope);
    const value = y[t]!;
    const e = (value - forecast) / forecast;
    sumSquares += e * e;
    product *= forecast < 0 ? -forecast : forecast;
    if (product > 1e100 || product < 1e-100) {
      sumLogForecast += Math.log(product);
      product = 1;
    }
    const previousLevel = level;
    level = q + alpha * (value - seasonValue - q);
    slope = phib + betaOverAlpha * (level - previousLevel - phib);
    season[k] = seasonValue + gamma * (value - q - seasonValue);
    if (level <= 0) return broken(out, level, slope);
    if (++k === m) k = 0;
  }
  out.level = level;
  out.slope = slope;
  finish(out, n, sumSquares, sumLogForecast + Math.log(product), true);
}

function multiplicativeSeason(y: Float64Array, m: number, multiplicativeError: boolean, alpha: number, betaOverAlpha: number, gamma: number, phi: number, level: number, slope: number, season: Float64Array, out: EtsFilterOutput): void {
  const n = y.length;
  let sumSquares = 0;
  let sumLogForecast = 0;
  let product = 1;
  let k = 0;
  for (let t = 0; t < n; t++) {
    const seasonValue = season[k]!;
    const phib = phi * slope;
    const q = level + phib;
    const forecast = q * seasonValue;
    const value = y[t]!;
    if (multiplicativeError) {
      if (!(Math.abs(forecast) > 1e-10)) return broken(out, level, slope);
      const e = (value - forecast) / forecast;
      sumSquares += e * e;
      product *= forecast < 0 ? -forecast : forecast;
      if (product > 1e100 || product < 1e-100) {
        sumLogForecast += Math.log(product);
        product = 1;
      }
    } else {
      const e = value - forecast;
      sumSquares += e * e;
    }
    if (Math.abs(seasonValue) < 1e-10 || Math.abs(q) < 1e-10) return broken(out, level, slope);
    const previousLevel = level;
    level = q + alpha * (value / seasonValue - q);
    slope = phib + betaOverAlpha * (level - previousLevel - phib);
    season[k] = seasonValue + gamma * (value / q - seasonValue);
    if (level <= 0) return broken(out, level, slope);
    if (++k === m) k = 0;
  }
  out.level = level;
  out.slope = slope;
  finish(out, n, sumSquares, sumLogForecast + Math.log(product), multiplicativeError);
}
