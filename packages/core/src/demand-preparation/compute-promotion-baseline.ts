import { CoreError } from '../shared/core-error';
import { decomposeStl } from './decompose-stl';
import { checkSeasonLength, checkSeries } from './internal/check-series';
import { interpolateGaps } from './internal/interpolate-gaps';

export type PromotionBaselineInput = {
  /** Observed demand, oldest first, in demand units. */
  values: readonly number[];
  /** true where the period was under promotion (same length as values). */
  promotionFlags: readonly boolean[];
  /** Seasonal period m (1 = none). */
  seasonLength?: number;
};

export type PromotionPeriod = { index: number; original: number; baseline: number; uplift: number; upliftRatio: number | null };

export type PromotionBaselineResult = {
  /** Demand with promotional uplift removed: forecast this, then add planned uplift back. */
  baseline: number[];
  /** Observed minus baseline on promoted periods, 0 elsewhere. */
  uplift: number[];
  promotions: PromotionPeriod[];
  /** sum(observed) / sum(baseline) − 1 over promoted periods; null when there is none or the baseline is 0. */
  averageUpliftRatio: number | null;
  notes: string[];
};

/**
 * Separates promotional uplift from baseline demand, in demand units.
 *
 * Formula: promoted periods are treated as missing; the seasonal component s_t is estimated by
 * robust STL on the series with those periods linearly interpolated (when m > 1 and n ≥ 2m + 1);
 * baseline_t = interpolation of (y − s) between the nearest non-promoted neighbours + s_t
 * (floored at 0); uplift_t = y_t − baseline_t. Non-promoted periods keep their value.
 *
 * Source: the "baseline + lift" decomposition of promotional demand, e.g. Fildes, Goodwin &
 * Önkal (2019), "Use and misuse of information in supply chain forecasting of promotion effects",
 * IJF 35(1); Cleveland et al. (1990) for STL.
 *
 * Example: demand [10, 10, 30, 10] with a promotion in period 2 → baseline [10, 10, 10, 10],
 * uplift [0, 0, 20, 0], averageUpliftRatio 2.
 *
 * Throws CoreError: empty_input, not_finite, length_mismatch, out_of_range (seasonLength).
 */
export function computePromotionBaseline(input: PromotionBaselineInput): PromotionBaselineResult {
  const { values, promotionFlags } = input;
  checkSeries(values);
  let m = checkSeasonLength(input.seasonLength);
  if (promotionFlags.length !== values.length) {
    throw new CoreError('length_mismatch', `promotionFlags has ${promotionFlags.length} entries for ${values.length} values`, { path: 'promotionFlags' });
  }
  const n = values.length;
  const notes: string[] = [];
  const flags = promotionFlags.map((f) => f === true);
  const promotedCount = flags.filter(Boolean).length;
  if (promotedCount === n) {
    notes.push('every period is promoted: no baseline can be separated, observed demand kept');
    return { baseline: values.slice(), uplift: new Array<number>(n).fill(0), promotions: flags.map((_, i) => ({ index: i, original: values[i]!, baseline: values[i]!, uplift: 0, upliftRatio: 0 })), averageUpliftRatio: null, notes };
  }
  const nonNegative = values.every((v) => v >= 0);
  let seasonal = new Array<number>(n).fill(0);
  if (m > 1 && n >= 2 * m + 1) {
    const rough = interpolateGaps(values, flags)!;
    seasonal = decomposeStl({ values: rough, seasonLength: m, seasonalWindow: 7, robust: true }).seasonal;
  } else if (m > 1) {
    notes.push(`fewer than two seasons of ${m}: baseline interpolated without a seasonal component`);
    m = 1;
  }
  const adjusted = values.map((v, i) => v - seasonal[i]!);
  const filled = interpolateGaps(adjusted, flags)!;
  const baseline = values.map((v, i) => {
    if (!flags[i]) return v;
    const b = filled[i]! + seasonal[i]!;
    return nonNegative && b < 0 ? 0 : b;
  });
  const uplift = values.map((v, i) => (flags[i] ? v - baseline[i]! : 0));
  const promotions: PromotionPeriod[] = [];
  let sumObserved = 0;
  let sumBaseline = 0;
  for (let i = 0; i < n; i++) {
    if (!flags[i]) continue;
    sumObserved += values[i]!;
    sumBaseline += baseline[i]!;
    promotions.push({ index: i, original: values[i]!, baseline: baseline[i]!, uplift: uplift[i]!, upliftRatio: baseline[i]! > 0 ? values[i]! / baseline[i]! - 1 : null });
  }
  const averageUpliftRatio = promotions.length > 0 && sumBaseline > 0 ? sumObserved / sumBaseline - 1 : null;
  return { baseline, uplift, promotions, averageUpliftRatio, notes };
}

/**
 * Adds planned promotional uplift to a baseline forecast: forecast_h × (1 + upliftRatio) on
 * promoted steps, unchanged elsewhere (units of the forecast).
 *
 * Example: baseline [10, 10], flags [false, true], ratio 0.5 → [10, 15].
 *
 * Throws CoreError: length_mismatch, not_finite, negative_value (ratio below −1).
 */
export function applyPromotionUplift(baselineForecast: readonly number[], promotionFlags: readonly boolean[], upliftRatio: number): number[] {
  if (promotionFlags.length !== baselineForecast.length) throw new CoreError('length_mismatch', 'promotionFlags must match the forecast length', { path: 'promotionFlags' });
  if (!Number.isFinite(upliftRatio)) throw new CoreError('not_finite', 'upliftRatio must be finite', { path: 'upliftRatio' });
  if (upliftRatio < -1) throw new CoreError('negative_value', 'upliftRatio below -1 would make demand negative', { path: 'upliftRatio' });
  return baselineForecast.map((v, i) => (promotionFlags[i] ? v * (1 + upliftRatio) : v));
}
