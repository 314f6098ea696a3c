import { CoreError } from '../shared/core-error';
import { checkSeries } from './internal/check-series';

export type ClassicalDecompositionInput = {
  values: readonly number[];
  /** Seasonal period m >= 2; at least two full seasons are needed. */
  seasonLength: number;
  /** 'additive' (y = T + S + R) or 'multiplicative' (y = T × S × R, positive values only). */
  type: 'additive' | 'multiplicative';
};

export type ClassicalDecompositionResult = {
  /** Centred moving average; null for the first and last floor(m/2) points. */
  trend: (number | null)[];
  seasonal: number[];
  remainder: (number | null)[];
  /** One seasonal index per position in the cycle (mean 0 additive, mean 1 multiplicative). */
  seasonalIndices: number[];
  type: 'additive' | 'multiplicative';
};

/**
 * Classical decomposition by moving averages (R's stats::decompose), in the units of the series
 * (multiplicative indices are ratios).
 *
 * Formula: trend = centred moving average of order m (2×m when m is even); seasonal index of
 * position j = mean over cycles of y − trend (or y / trend), normalised to mean 0 (or 1);
 * remainder = y − trend − seasonal (or y / (trend × seasonal)).
 *
 * Source: Hyndman & Athanasopoulos, FPP3 §3.4; Kendall & Stuart (1983).
 *
 * Example: [1, 3, 1, 3, 1, 3] with m = 2 additive → seasonal indices [−1, 1], trend 2 inside.
 *
 * Throws CoreError: empty_input, not_finite, out_of_range (m < 2 or fewer than two seasons),
 * negative_value (multiplicative with a value <= 0).
 */
export function decomposeClassical(input: ClassicalDecompositionInput): ClassicalDecompositionResult {
  const { values, seasonLength: m, type } = input;
  checkSeries(values);
  if (!Number.isInteger(m) || m < 2) throw new CoreError('out_of_range', 'seasonLength must be an integer >= 2', { path: 'seasonLength' });
  const n = values.length;
  if (n < 2 * m) throw new CoreError('out_of_range', `classical decomposition needs two full seasons (${2 * m} values), got ${n}`, { path: 'values' });
  if (type === 'multiplicative') {
    const bad = values.findIndex((v) => v <= 0);
    if (bad >= 0) throw new CoreError('negative_value', `multiplicative decomposition needs positive values; values[${bad}] = ${values[bad]}`, { path: `values[${bad}]` });
  }
  const trend: (number | null)[] = new Array<number | null>(n).fill(null);
  const half = Math.floor(m / 2);
  for (let t = half; t < n - half; t++) {
    let s = 0;
    if (m % 2 === 1) {
      for (let k = -half; k <= half; k++) s += values[t + k]!;
      trend[t] = s / m;
    } else {
      for (let k = -half + 1; k <= half - 1; k++) s += values[t + k]!;
      s += 0.5 * (values[t - half]! + values[t + half]!);
      trend[t] = s / m;
    }
  }
  const sums = new Array<number>(m).fill(0);
  const counts = new Array<number>(m).fill(0);
  for (let t = 0; t < n; t++) {
    const tr = trend[t];
    if (tr === null || tr === undefined) continue;
    sums[t % m]! += type === 'additive' ? values[t]! - tr : values[t]! / tr;
    counts[t % m]! += 1;
  }
  const raw = sums.map((s, j) => s / counts[j]!);
  const mean = raw.reduce((a, b) => a + b, 0) / m;
  const seasonalIndices = raw.map((v) => (type === 'additive' ? v - mean : v / mean));
  const seasonal = values.map((_, t) => seasonalIndices[t % m]!);
  const remainder = values.map((v, t) => {
    const tr = trend[t];
    if (tr === null || tr === undefined) return null;
    return type === 'additive' ? v - tr - seasonal[t]! : v / (tr * seasonal[t]!);
  });
  return { trend, seasonal, remainder, seasonalIndices, type };
}
