/**
 * ETS state-space recursions (Hyndman, Koehler, Ord & Snyder 2008, "Forecasting with
 * Exponential Smoothing: the State Space Approach", Tables 2.2 and 2.3), written in the
 * error-free update form used by R's forecast package: the state updates are the same for additive
 * and multiplicative errors; only the likelihood differs.
 *
 * Seasonal state layout: `season[k]` holds the index for times t ≡ k (mod m), t counted from 0.
 */
export type EtsErrorType = 'A' | 'M';
export type EtsTrendType = 'N' | 'A' | 'Ad';
export type EtsSeasonType = 'N' | 'A' | 'M';
export type EtsSpec = { error: EtsErrorType; trend: EtsTrendType; season: EtsSeasonType };

export type EtsParameters = { alpha: number; beta: number; gamma: number; phi: number };
export type EtsState = { level: number; slope: number; season: Float64Array };

export type EtsRun = {
  /** −2·log-likelihood up to a constant, as R: n·log(Σe²) (+ 2Σlog|ŷ| for multiplicative error). */
  objective: number;
  /** Σe² of the model's own errors (absolute for A, relative for M). */
  sumSquaredErrors: number;
  finalState: EtsState;
};

export function etsLabel(spec: EtsSpec): string {
  return `ets(${spec.error},${spec.trend},${spec.season})`;
}

/** One-step forecast from a state for time index t (0-based, so season index t mod m). */
export function etsOneStep(spec: EtsSpec, p: EtsParameters, level: number, slope: number, seasonValue: number): { q: number; forecast: number } {
  const q = spec.trend === 'N' ? level : level + (spec.trend === 'Ad' ? p.phi : 1) * slope;
  const forecast = spec.season === 'N' ? q : spec.season === 'A' ? q + seasonValue : q * seasonValue;
  return { q, forecast };
}

/**
 * Runs the filter over y from an initial state. Returns Infinity as objective when the model
 * breaks down (non-positive multiplicative forecast or level).
 * When `fitted` is given, it receives the one-step forecasts.
 */
export function runEts(y: ArrayLike<number>, spec: EtsSpec, m: number, p: EtsParameters, initial: EtsState, fitted?: number[]): EtsRun {
  const season = Float64Array.from(initial.season);
  const out: EtsFilterOutput = { objective: 0, sumSquaredErrors: 0, level: 0, slope: 0 };
  filterEts(y, spec, m, p, initial.level, initial.slope, season, out, fitted);
  return { objective: out.objective, sumSquaredErrors: out.sumSquaredErrors, finalState: { level: out.level, slope: out.slope, season } };
}

/** What filterEts writes (reused across calls by the optimiser to avoid allocations). */
export type EtsFilterOutput = { objective: number; sumSquaredErrors: number; level: number; slope: number };

/**
 * The allocation-free core of runEts: `season` is updated in place and ends as the final seasonal
 * state; results go to `out`. Objective is Infinity when the model breaks down.
 */
export function filterEts(y: ArrayLike<number>, spec: EtsSpec, m: number, p: EtsParameters, initialLevel: number, initialSlope: number, season: Float64Array, out: EtsFilterOutput, fitted?: number[]): void {
  const n = y.length;
  let level = initialLevel;
  let slope = initialSlope;
  const phiFactor = spec.trend === 'Ad' ? p.phi : 1;
  const hasTrend = spec.trend !== 'N';
  const multiplicativeError = spec.error === 'M';
  // 0 none, 1 additive, 2 multiplicative: hoisted out of the hot loop.
  const seasonKind = spec.season === 'N' ? 0 : spec.season === 'A' ? 1 : 2;
  const needsPositiveLevel = multiplicativeError || seasonKind === 2;
  const alpha = p.alpha;
  const gamma = p.gamma;
  const betaOverAlpha = p.beta / p.alpha;
  let sumSquares = 0;
  // Σ log|ŷ| is accumulated as a running product, taken to the log only when it leaves
  // [1e-100, 1e100] (one Math.log per ~10–100 steps instead of one per step).
  let sumLogForecast = 0;
  let forecastProduct = 1;
  let broken = false;
  let k = 0;
  for (let t = 0; t < n; t++) {
    const seasonValue = seasonKind === 0 ? 0 : season[k]!;
    const phib = hasTrend ? phiFactor * slope : 0;
    const q = level + phib;
    const forecast = seasonKind === 0 ? q : seasonKind === 1 ? q + seasonValue : q * seasonValue;
    if (fitted) fitted[t] = forecast;
    const value = y[t]!;
    if (multiplicativeError) {
      if (!(Math.abs(forecast) > 1e-10)) { broken = true; break; }
      const e = (value - forecast) / forecast;
      sumSquares += e * e;
      forecastProduct *= forecast < 0 ? -forecast : forecast;
      if (forecastProduct > 1e100 || forecastProduct < 1e-100) {
        sumLogForecast += Math.log(forecastProduct);
        forecastProduct = 1;
      }
    } else {
      const e = value - forecast;
      sumSquares += e * e;
    }
    // Level update from the seasonally adjusted observation.
    let adjusted: number;
    if (seasonKind === 0) adjusted = value;
    else if (seasonKind === 1) adjusted = value - seasonValue;
    else {
      if (Math.abs(seasonValue) < 1e-10) { broken = true; break; }
      adjusted = value / seasonValue;
    }
    const previousLevel = level;
    level = q + alpha * (adjusted - q);
    if (hasTrend) slope = phib + betaOverAlpha * (level - previousLevel - phib);
    if (seasonKind === 1) season[k] = seasonValue + gamma * (value - q - seasonValue);
    else if (seasonKind === 2) {
      if (Math.abs(q) < 1e-10) { broken = true; break; }
      season[k] = seasonValue + gamma * (value / q - seasonValue);
    }
    // R's ets keeps multiplicative models on positive levels (HUGEN otherwise).
    if (needsPositiveLevel && level <= 0) { broken = true; break; }
    if (m > 1 && ++k === m) k = 0;
  }
  out.level = level;
  out.slope = slope;
  if (broken) {
    out.objective = Number.POSITIVE_INFINITY;
    out.sumSquaredErrors = Number.POSITIVE_INFINITY;
    return;
  }
  sumLogForecast += Math.log(forecastProduct);
  out.sumSquaredErrors = sumSquares;
  out.objective = sumSquares > 0 ? n * Math.log(sumSquares) + (multiplicativeError ? 2 * sumLogForecast : 0) : Number.NEGATIVE_INFINITY;
}

/** Deterministic point forecasts (zero future errors) for steps 1..h after n observations. */
export function etsPointForecasts(spec: EtsSpec, m: number, p: EtsParameters, state: EtsState, n: number, horizon: number): number[] {
  const result: number[] = [];
  let dampSum = 0;
  let phiPower = 1;
  for (let h = 1; h <= horizon; h++) {
    phiPower *= spec.trend === 'Ad' ? p.phi : 1;
    dampSum += phiPower;
    const q = spec.trend === 'N' ? state.level : state.level + dampSum * state.slope;
    const k = m > 1 ? (n + h - 1) % m : 0;
    const seasonValue = state.season[k] ?? 0;
    result.push(spec.season === 'N' ? q : spec.season === 'A' ? q + seasonValue : q * seasonValue);
  }
  return result;
}

/**
 * Simulated future sample paths (e ~ N(0, σ²), y = ŷ + e or ŷ(1 + e)), each of length h,
 * using the same update equations as runEts.
 */
export function simulateEtsPaths(spec: EtsSpec, m: number, p: EtsParameters, state: EtsState, n: number, horizon: number, sigma: number, pathCount: number, nextNormal: () => number): Float64Array[] {
  const paths: Float64Array[] = [];
  const phiFactor = spec.trend === 'Ad' ? p.phi : 1;
  const hasTrend = spec.trend !== 'N';
  const betaOverAlpha = p.beta / p.alpha;
  const season = new Float64Array(state.season.length);
  for (let path = 0; path < pathCount; path++) {
    season.set(state.season);
    let level = state.level;
    let slope = state.slope;
    const out = new Float64Array(horizon);
    for (let h = 0; h < horizon; h++) {
      const k = m > 1 ? (n + h) % m : 0;
      const seasonValue = spec.season === 'N' ? 0 : season[k]!;
      const phib = hasTrend ? phiFactor * slope : 0;
      const q = level + phib;
      const forecast = spec.season === 'N' ? q : spec.season === 'A' ? q + seasonValue : q * seasonValue;
      const e = sigma * nextNormal();
      const value = spec.error === 'A' ? forecast + e : forecast * (1 + e);
      out[h] = value;
      const adjusted = spec.season === 'N' ? value : spec.season === 'A' ? value - seasonValue : value / seasonValue;
      const previousLevel = level;
      level = q + p.alpha * (adjusted - q);
      if (hasTrend) slope = phib + betaOverAlpha * (level - previousLevel - phib);
      if (spec.season === 'A') season[k] = seasonValue + p.gamma * (value - q - seasonValue);
      else if (spec.season === 'M') season[k] = seasonValue + p.gamma * (value / q - seasonValue);
    }
    paths.push(out);
  }
  return paths;
}
