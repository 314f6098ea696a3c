import type { EtsParameters, EtsSpec } from './ets-state-space';

/**
 * The ETS likelihood objective of `filterEts` (n·log Σe², + 2Σ log|ŷ| for multiplicative errors)
 * together with its exact gradient, by reverse-mode differentiation (the adjoint method) of the
 * state recursion: one forward pass that stores the states, one backward pass that carries the
 * adjoints of level, slope and the m seasonal states. The gradient costs about three filter
 * passes whatever the number of parameters (m + 6 for a seasonal form), where finite differences
 * would cost m + 6 passes. Used by the quasi-Newton ETS fit (`forecast-ets.ts`).
 *
 * Recursion (R forecast's error-free update form, as `filterEts`), r = β/α:
 *   q = l + φb, ŷ = q | q + s | q·s, a = y | y − s | y/s,
 *   l' = q + α(a − q), b' = φb + r(l' − q), s' = s + γ(y − q − s) | s + γ(y/q − s).
 */
export type EtsGradientWorkspace = {
  /** Level, slope and seasonal value entering step t. */
  level: Float64Array;
  slope: Float64Array;
  seasonValue: Float64Array;
  /** Running seasonal state (forward) and its adjoint (backward). */
  season: Float64Array;
  seasonAdjoint: Float64Array;
};

export function createEtsGradientWorkspace(n: number, m: number): EtsGradientWorkspace {
  return {
    level: new Float64Array(n),
    slope: new Float64Array(n),
    seasonValue: new Float64Array(n),
    season: new Float64Array(Math.max(1, m)),
    seasonAdjoint: new Float64Array(Math.max(1, m)),
  };
}

/** Layout of the gradient written by etsObjectiveGradient (length 6 + m; unused entries are 0). */
export const ETS_GRADIENT = { alpha: 0, beta: 1, gamma: 2, phi: 3, level: 4, slope: 5, season: 6 } as const;

/**
 * Returns the objective (same value as filterEtsFast up to rounding; +Infinity where the model
 * breaks down, then `gradient` is left unspecified) and writes d objective / d (α, β, γ, φ, l₀,
 * b₀, s₀[0..m)) into `gradient` (the seasonal seed entries are the free, unnormalised states).
 * `initialSeason` (length m) is not modified.
 */
export function etsObjectiveGradient(
  y: Float64Array,
  spec: EtsSpec,
  m: number,
  p: EtsParameters,
  initialLevel: number,
  initialSlope: number,
  initialSeason: Float64Array,
  work: EtsGradientWorkspace,
  gradient: Float64Array,
): number {
  const n = y.length;
  const hasTrend = spec.trend !== 'N';
  const phi = !hasTrend ? 0 : spec.trend === 'Ad' ? p.phi : 1;
  const alpha = p.alpha;
  const r = hasTrend ? p.beta / alpha : 0;
  const gamma = p.gamma;
  const seasonKind = spec.season === 'N' ? 0 : spec.season === 'A' ? 1 : 2;
  const multiplicativeError = spec.error === 'M';
  if (seasonKind === 0) {
    // The hot case (long non-seasonal series such as M4 weekly): branch-free loops.
    const gradients = { alpha: 0, ratio: 0, phi: 0, level: 0, slope: 0 };
    const objective = multiplicativeError
      ? multiplicativeNoSeasonGradient(y, alpha, r, phi, initialLevel, hasTrend ? initialSlope : 0, work, gradients)
      : additiveNoSeasonGradient(y, alpha, r, phi, initialLevel, hasTrend ? initialSlope : 0, work, gradients);
    if (!Number.isFinite(objective)) return objective;
    gradient.fill(0);
    gradient[ETS_GRADIENT.alpha] = gradients.alpha - (hasTrend ? (gradients.ratio * p.beta) / (alpha * alpha) : 0);
    gradient[ETS_GRADIENT.beta] = hasTrend ? gradients.ratio / alpha : 0;
    gradient[ETS_GRADIENT.phi] = spec.trend === 'Ad' ? gradients.phi : 0;
    gradient[ETS_GRADIENT.level] = gradients.level;
    gradient[ETS_GRADIENT.slope] = hasTrend ? gradients.slope : 0;
    return objective;
  }
  const needsPositiveLevel = multiplicativeError || seasonKind === 2;
  const { level: levels, slope: slopes, seasonValue: seasonValues, season, seasonAdjoint } = work;
  // Seasonal forms from here (1 additive, 2 multiplicative season).
  const period = m;
  for (let k = 0; k < period; k++) season[k] = initialSeason[k]!;
  let level = initialLevel;
  let slope = hasTrend ? initialSlope : 0;
  let sumSquares = 0;
  let sumLogForecast = 0;
  let product = 1;
  let k = 0;
  for (let t = 0; t < n; t++) {
    const s = season[k]!;
    levels[t] = level;
    slopes[t] = slope;
    seasonValues[t] = s;
    const phib = phi * slope;
    const q = level + phib;
    const forecast = seasonKind === 1 ? q + s : q * s;
    const value = y[t]!;
    if (multiplicativeError) {
      if (!(Math.abs(forecast) > 1e-10)) return Number.POSITIVE_INFINITY;
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
    let adjusted: number;
    if (seasonKind === 1) adjusted = value - s;
    else {
      if (Math.abs(s) < 1e-10 || Math.abs(q) < 1e-10) return Number.POSITIVE_INFINITY;
      adjusted = value / s;
    }
    const next = q + alpha * (adjusted - q);
    slope = phib + r * (next - q);
    level = next;
    if (seasonKind === 1) season[k] = s + gamma * (value - q - s);
    else season[k] = s + gamma * (value / q - s);
    if (needsPositiveLevel && level <= 0) return Number.POSITIVE_INFINITY;
    if (++k === period) k = 0;
  }
  if (!(sumSquares > 0) || !Number.isFinite(sumSquares)) return sumSquares > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  const objective = n * Math.log(sumSquares) + (multiplicativeError ? 2 * (sumLogForecast + Math.log(product)) : 0);
  // Backward pass: adjoints of the state entering step t+1, walked back to t = 0.
  const weight = (2 * n) / sumSquares;
  let levelAdjoint = 0;
  let slopeAdjoint = 0;
  seasonAdjoint.fill(0);
  let gAlpha = 0;
  let gRatio = 0;
  let gGamma = 0;
  let gPhi = 0;
  k = (n - 1) % period;
  for (let t = n - 1; t >= 0; t--) {
    const l = levels[t]!;
    const b = slopes[t]!;
    const s = seasonValues[t]!;
    const value = y[t]!;
    const q = l + phi * b;
    const adjusted = seasonKind === 1 ? value - s : value / s;
    const next = q + alpha * (adjusted - q);
    let qAdjoint = 0;
    let phibAdjoint = 0;
    let sAdjoint = 0;
    // b' = φb + r(l' − q)
    let nextAdjoint = levelAdjoint;
    if (hasTrend) {
      phibAdjoint += slopeAdjoint;
      gRatio += slopeAdjoint * (next - q);
      nextAdjoint += slopeAdjoint * r;
      qAdjoint -= slopeAdjoint * r;
    }
    // l' = q + α(a − q)
    qAdjoint += nextAdjoint * (1 - alpha);
    const adjustedAdjoint = nextAdjoint * alpha;
    gAlpha += nextAdjoint * (adjusted - q);
    const newSeasonAdjoint = seasonAdjoint[k]!;
    sAdjoint += newSeasonAdjoint * (1 - gamma);
    if (seasonKind === 1) {
      qAdjoint -= newSeasonAdjoint * gamma;
      gGamma += newSeasonAdjoint * (value - q - s);
      sAdjoint -= adjustedAdjoint;
    } else {
      qAdjoint -= (newSeasonAdjoint * gamma * value) / (q * q);
      gGamma += newSeasonAdjoint * (value / q - s);
      sAdjoint -= (adjustedAdjoint * value) / (s * s);
    }
    // Loss terms of step t: weight·e²/2 (+ 2 log|ŷ|).
    const forecast = seasonKind === 1 ? q + s : q * s;
    let forecastAdjoint: number;
    if (multiplicativeError) {
      const e = (value - forecast) / forecast;
      forecastAdjoint = (-weight * e * value) / (forecast * forecast) + 2 / forecast;
    } else {
      forecastAdjoint = -weight * (value - forecast);
    }
    if (seasonKind === 2) {
      qAdjoint += forecastAdjoint * s;
      sAdjoint += forecastAdjoint * q;
    } else {
      qAdjoint += forecastAdjoint;
      sAdjoint += forecastAdjoint;
    }
    // q = l + φb
    levelAdjoint = qAdjoint;
    phibAdjoint += qAdjoint;
    slopeAdjoint = phibAdjoint * phi;
    gPhi += phibAdjoint * b;
    seasonAdjoint[k] = sAdjoint;
    if (--k < 0) k = period - 1;
  }
  gradient.fill(0);
  gradient[ETS_GRADIENT.alpha] = gAlpha - (hasTrend ? (gRatio * p.beta) / (alpha * alpha) : 0);
  gradient[ETS_GRADIENT.beta] = hasTrend ? gRatio / alpha : 0;
  gradient[ETS_GRADIENT.gamma] = gGamma;
  gradient[ETS_GRADIENT.phi] = spec.trend === 'Ad' ? gPhi : 0;
  gradient[ETS_GRADIENT.level] = levelAdjoint;
  gradient[ETS_GRADIENT.slope] = hasTrend ? slopeAdjoint : 0;
  for (let j = 0; j < m; j++) gradient[ETS_GRADIENT.season + j] = seasonAdjoint[j]!;
  return objective;
}

type NoSeasonGradients = { alpha: number; ratio: number; phi: number; level: number; slope: number };

/**
 * Shared backward pass of the non-seasonal forms (the adjoint recursion of etsObjectiveGradient
 * with s ≡ 0); `weight` = 2n / Σe².
 */
function noSeasonBackward(y: Float64Array, alpha: number, r: number, phi: number, work: EtsGradientWorkspace, weight: number, multiplicative: boolean, out: NoSeasonGradients): void {
  const { level: levels, slope: slopes } = work;
  let levelAdjoint = 0;
  let slopeAdjoint = 0;
  let gAlpha = 0;
  let gRatio = 0;
  let gPhi = 0;
  for (let t = y.length - 1; t >= 0; t--) {
    const b = slopes[t]!;
    const q = levels[t]! + phi * b;
    const value = y[t]!;
    const next = q + alpha * (value - q);
    gRatio += slopeAdjoint * (next - q);
    const nextAdjoint = levelAdjoint + slopeAdjoint * r;
    gAlpha += nextAdjoint * (value - q);
    const forecastAdjoint = multiplicative ? (-weight * (value - q) * value) / (q * q * q) + 2 / q : -weight * (value - q);
    const qAdjoint = nextAdjoint * (1 - alpha) - slopeAdjoint * r + forecastAdjoint;
    const phibAdjoint = slopeAdjoint + qAdjoint;
    levelAdjoint = qAdjoint;
    slopeAdjoint = phibAdjoint * phi;
    gPhi += phibAdjoint * b;
  }
  out.alpha = gAlpha;
  out.ratio = gRatio;
  out.phi = gPhi;
  out.level = levelAdjoint;
  out.slope = slopeAdjoint;
}

function additiveNoSeasonGradient(y: Float64Array, alpha: number, r: number, phi: number, level: number, slope: number, work: EtsGradientWorkspace, out: NoSeasonGradients): number {
  const n = y.length;
  const { level: levels, slope: slopes } = work;
  let sumSquares = 0;
  for (let t = 0; t < n; t++) {
    levels[t] = level;
    slopes[t] = slope;
    const phib = phi * slope;
    const q = level + phib;
    const e = y[t]! - q;
    sumSquares += e * e;
    const next = q + alpha * e;
    slope = phib + r * (next - q);
    level = next;
  }
  if (!(sumSquares > 0) || !Number.isFinite(sumSquares)) return sumSquares > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  noSeasonBackward(y, alpha, r, phi, work, (2 * n) / sumSquares, false, out);
  return n * Math.log(sumSquares);
}

function multiplicativeNoSeasonGradient(y: Float64Array, alpha: number, r: number, phi: number, level: number, slope: number, work: EtsGradientWorkspace, out: NoSeasonGradients): number {
  const n = y.length;
  const { level: levels, slope: slopes } = work;
  let sumSquares = 0;
  let sumLogForecast = 0;
  let product = 1;
  for (let t = 0; t < n; t++) {
    levels[t] = level;
    slopes[t] = slope;
    const phib = phi * slope;
    const q = level + phib;
    if (!(Math.abs(q) > 1e-10)) return Number.POSITIVE_INFINITY;
    const value = y[t]!;
    const e = (value - q) / q;
    sumSquares += e * e;
    product *= q < 0 ? -q : q;
    if (product > 1e100 || product < 1e-100) {
      sumLogForecast += Math.log(product);
      product = 1;
    }
    const next = q + alpha * (value - q);
    slope = phib + r * (next - q);
    level = next;
    if (level <= 0) return Number.POSITIVE_INFINITY;
  }
  if (!(sumSquares > 0) || !Number.isFinite(sumSquares)) return sumSquares > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  noSeasonBackward(y, alpha, r, phi, work, (2 * n) / sumSquares, true, out);
  return n * Math.log(sumSquares) + 2 * (sumLogForecast + Math.log(product));
}
