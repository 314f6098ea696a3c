import { CoreError } from '../shared/core-error';
import { decomposeStl } from './decompose-stl';
import { checkSeasonLength, checkSeries } from './internal/check-series';
import { interpolateGaps, quantileType7 } from './internal/interpolate-gaps';
import { smoothNonSeasonal } from './internal/smooth-nonseasonal';

export type DetectDemandOutliersInput = {
  /** Observations, oldest first, equally spaced, in demand units. */
  values: readonly number[];
  /** Seasonal period m (1 = none). Seasonal decomposition needs at least two full seasons. */
  seasonLength?: number;
  /** Fence width in interquartile ranges of the remainder. Default 3 (R forecast::tsoutliers). */
  iqrMultiplier?: number;
  /** Periods never flagged (e.g. known promotions, handled by computePromotionBaseline). */
  excludedIndices?: readonly number[];
  /** Floor replacements at zero. Default: true when no value is negative (demand counts). */
  nonNegative?: boolean;
};

export type DemandOutlier = {
  index: number;
  direction: 'high' | 'low';
  original: number;
  replacement: number;
  /** Remainder (value − trend − seasonal) that triggered the flag. */
  remainder: number;
  lowerFence: number;
  upperFence: number;
  /** Plain-language explanation with the numbers behind the flag. */
  reason: string;
};

export type DetectDemandOutliersResult = {
  /** Series with every outlier replaced (same length as values). */
  cleaned: number[];
  outliers: DemandOutlier[];
  decomposition: 'stl_robust' | 'loess_robust';
  /** Seasonal component used (zeros for non-seasonal series). */
  seasonal: number[];
  trend: number[];
  parameters: { seasonLength: number; iqrMultiplier: number; q1: number; q3: number; lowerFence: number; upperFence: number };
};

/**
 * Flags demand outliers on the remainder of a robust decomposition and proposes replacements,
 * in demand units.
 *
 * Formula: remainder r_t = y_t − trend_t − seasonal_t from robust STL (seasonal window 7, 15
 * robustness passes) when m > 1 and n ≥ 2m, otherwise from a robust loess trend; with Q1, Q3 the
 * quartiles of r, y_t is an outlier when r_t < Q1 − k·IQR or r_t > Q3 + k·IQR (k = 3). The
 * replacement is the linear interpolation of the seasonally adjusted series between the nearest
 * non-outlying neighbours, plus the seasonal component, floored at zero for demand counts.
 *
 * Source: Hyndman & Athanasopoulos, FPP2 §12.5 and R forecast::tsoutliers (Hyndman 2024);
 * Cleveland et al. (1990) for robust STL; Tukey (1977) fences.
 *
 * Example: 24 months of demand 100 with a spike of 400 at month 10 → one 'high' outlier at index
 * 10, replacement 100.
 *
 * Throws CoreError: empty_input, not_finite, out_of_range (seasonLength, iqrMultiplier).
 */
export function detectDemandOutliers(input: DetectDemandOutliersInput): DetectDemandOutliersResult {
  const { values } = input;
  checkSeries(values);
  let m = checkSeasonLength(input.seasonLength);
  const k = input.iqrMultiplier ?? 3;
  if (!(k > 0) || !Number.isFinite(k)) throw new CoreError('out_of_range', 'iqrMultiplier must be a positive number', { path: 'iqrMultiplier' });
  const n = values.length;
  const nonNegative = input.nonNegative ?? values.every((v) => v >= 0);
  const excluded = new Set(input.excludedIndices ?? []);
  if (m > 1 && n < 2 * m + 1) m = 1;
  let trend: number[];
  let seasonal: number[];
  let decomposition: DetectDemandOutliersResult['decomposition'];
  if (n < 4) {
    trend = values.slice();
    seasonal = new Array<number>(n).fill(0);
    decomposition = 'loess_robust';
  } else if (m > 1) {
    const stl = decomposeStl({ values, seasonLength: m, seasonalWindow: 7, robust: true });
    trend = stl.trend;
    seasonal = stl.seasonal;
    decomposition = 'stl_robust';
  } else {
    trend = smoothNonSeasonal(values).trend;
    seasonal = new Array<number>(n).fill(0);
    decomposition = 'loess_robust';
  }
  const remainder = values.map((v, i) => v - trend[i]! - seasonal[i]!);
  const sorted = remainder.slice().sort((a, b) => a - b);
  const q1 = quantileType7(sorted, 0.25);
  const q3 = quantileType7(sorted, 0.75);
  const iqr = q3 - q1;
  const lowerFence = q1 - k * iqr;
  const upperFence = q3 + k * iqr;
  const flagged = remainder.map((r, i) => !excluded.has(i) && iqr > 0 && (r < lowerFence || r > upperFence));
  const adjusted = values.map((v, i) => v - seasonal[i]!);
  const filled = interpolateGaps(adjusted, flagged) ?? adjusted;
  const cleaned = values.slice();
  const outliers: DemandOutlier[] = [];
  const round = (x: number) => Math.round(x * 1000) / 1000;
  for (let i = 0; i < n; i++) {
    if (!flagged[i]) continue;
    let replacement = filled[i]! + seasonal[i]!;
    if (nonNegative && replacement < 0) replacement = 0;
    cleaned[i] = replacement;
    const r = remainder[i]!;
    const direction = r > upperFence ? 'high' : 'low';
    const fence = direction === 'high' ? `above the upper fence ${round(upperFence)} (Q3 + ${k}·IQR)` : `below the lower fence ${round(lowerFence)} (Q1 − ${k}·IQR)`;
    outliers.push({
      index: i,
      direction,
      original: values[i]!,
      replacement,
      remainder: r,
      lowerFence,
      upperFence,
      reason: `value ${round(values[i]!)} leaves a remainder of ${round(r)} after trend ${round(trend[i]!)}${m > 1 ? ` and seasonal ${round(seasonal[i]!)}` : ''}, ${fence}; replaced by ${round(replacement)} interpolated from its neighbours`,
    });
  }
  return { cleaned, outliers, decomposition, seasonal, trend, parameters: { seasonLength: m, iqrMultiplier: k, q1, q3, lowerFence, upperFence } };
}
