/**
 * Seasonality helpers shared by Theta, the naive benchmarks and ETS initialisation:
 * autocorrelation, the 90 % ACF seasonality test of the M3/M4 benchmarks, and classical
 * (moving-average) decomposition (Makridakis, Wheelwright & Hyndman 1998, ch. 3).
 */

/** Sample autocorrelations r_1..r_maxLag (r_k = Σ(y_t−ȳ)(y_{t+k}−ȳ) / Σ(y_t−ȳ)²). */
export function autocorrelations(values: readonly number[], maxLag: number): number[] {
  const n = values.length;
  let mean = 0;
  for (const v of values) mean += v / n;
  let denominator = 0;
  for (const v of values) denominator += (v - mean) ** 2;
  const result: number[] = [];
  for (let k = 1; k <= maxLag; k++) {
    if (denominator === 0 || k >= n) {
      result.push(0);
      continue;
    }
    let numerator = 0;
    for (let t = 0; t + k < n; t++) numerator += (values[t]! - mean) * (values[t + k]! - mean);
    result.push(numerator / denominator);
  }
  return result;
}

/**
 * M4 benchmark seasonality test: seasonal when |r_m| > z·sqrt((1 + 2·Σ_{k<m} r_k²)/n), z = 1.645 (90 %).
 * Needs n ≥ 3m; m ≤ 1 is never seasonal.
 */
export function isSeasonal(values: readonly number[], seasonLength: number, z = 1.645, minimumCycles = 3): boolean {
  const m = Math.floor(seasonLength);
  const n = values.length;
  // M4 benchmarks need n ≥ 3m; R's thetaf needs n > 2m (minimumCycles = 2).
  if (m <= 1 || (minimumCycles === 3 ? n < 3 * m : n <= minimumCycles * m)) return false;
  const r = autocorrelations(values, m);
  let sumSquares = 0;
  for (let k = 0; k < m - 1; k++) sumSquares += r[k]! ** 2;
  const limit = z * Math.sqrt((1 + 2 * sumSquares) / n);
  return Math.abs(r[m - 1]!) > limit;
}

/**
 * Classical decomposition seasonal indices (length m, index i for positions t ≡ i mod m):
 * centred moving average of order m (2×m for even m), then mean ratio (or difference) per
 * position, normalised to mean 1 (or 0). Same as R's decompose().
 */
export function classicalSeasonalIndices(values: readonly number[], seasonLength: number, type: 'multiplicative' | 'additive'): number[] {
  const m = Math.floor(seasonLength);
  const n = values.length;
  const trend = new Array<number>(n).fill(Number.NaN);
  const half = Math.floor(m / 2);
  if (m % 2 === 0) {
    for (let t = half; t < n - half; t++) {
      let sum = 0.5 * values[t - half]! + 0.5 * values[t + half]!;
      for (let j = t - half + 1; j < t + half; j++) sum += values[j]!;
      trend[t] = sum / m;
    }
  } else {
    for (let t = half; t < n - half; t++) {
      let sum = 0;
      for (let j = t - half; j <= t + half; j++) sum += values[j]!;
      trend[t] = sum / m;
    }
  }
  const sums = new Array<number>(m).fill(0);
  const counts = new Array<number>(m).fill(0);
  for (let t = 0; t < n; t++) {
    const c = trend[t]!;
    if (Number.isNaN(c)) continue;
    const detrended = type === 'multiplicative' ? values[t]! / c : values[t]! - c;
    if (!Number.isFinite(detrended)) continue;
    sums[t % m]! += detrended;
    counts[t % m]!++;
  }
  const raw = sums.map((s, i) => (counts[i]! > 0 ? s / counts[i]! : type === 'multiplicative' ? 1 : 0));
  const mean = raw.reduce((a, b) => a + b, 0) / m;
  return type === 'multiplicative' ? raw.map((v) => (mean !== 0 ? v / mean : 1)) : raw.map((v) => v - mean);
}

/**
 * Multiplicative seasonal adjustment used by the Theta and Naive2 benchmarks: when the series is
 * positive and passes isSeasonal, returns y/s and the indices (aligned to t mod m); otherwise null.
 */
export function multiplicativeSeasonalAdjustment(values: readonly number[], seasonLength: number): { adjusted: number[]; indices: number[] } | null {
  const m = Math.floor(seasonLength);
  if (m <= 1 || values.some((v) => v <= 0) || !isSeasonal(values, m)) return null;
  const indices = classicalSeasonalIndices(values, m, 'multiplicative');
  if (indices.some((s) => !(s > 0) || !Number.isFinite(s))) return null;
  return { adjusted: values.map((v, t) => v / indices[t % m]!), indices };
}

/** Seasonal index for forecast step h (1-based) after n observations. */
export function seasonalIndexAt(indices: readonly number[], n: number, step: number): number {
  return indices[(n + step - 1) % indices.length]!;
}
