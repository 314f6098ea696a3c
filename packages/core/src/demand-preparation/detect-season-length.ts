import { CoreError } from '../shared/core-error';
import { checkSeries } from './internal/check-series';

export type DetectSeasonLengthInput = {
  values: readonly number[];
  /** Periods to test, e.g. [7, 52] for daily or [12] for monthly data. Default: every lag 2..floor(n/3). */
  candidates?: readonly number[];
  /** One-sided critical value of the ACF test. Default 1.645 (90 %, as in the M4 benchmark's seasonality test). */
  criticalValue?: number;
};

export type DetectSeasonLengthResult = {
  /** Detected period (1 = no significant seasonality). */
  seasonLength: number;
  /** Autocorrelation at the detected lag (null when none). */
  autocorrelation: number | null;
  /** Every candidate tested with its ACF, its limit and whether it passed. */
  tested: { lag: number; autocorrelation: number; limit: number; significant: boolean }[];
};

/**
 * Seasonality test and period detection from the autocorrelation function (dimensionless).
 *
 * Formula: r_k = sum (y_t − ȳ)(y_{t+k} − ȳ) / sum (y_t − ȳ)^2; lag m is significant when
 * r_m > z · sqrt((1 + 2 sum_{k<m} r_k^2) / n) (Bartlett's variance). Among significant candidates
 * that are local ACF peaks (r_m ≥ r_{m−1} and r_m ≥ r_{m+1}), the one with the largest r_m wins.
 * Each candidate needs at least 3 cycles (n ≥ 3m).
 *
 * Source: Makridakis, Spiliotis & Assimakopoulos (2020), "The M4 Competition", IJF 36(1), seasonality
 * test of the benchmarks; Box, Jenkins, Reinsel & Ljung (2015) §2.1.6 for Bartlett's formula.
 *
 * Example: a period-12 sine over 96 points → seasonLength 12; white noise → 1.
 *
 * Throws CoreError: empty_input, not_finite, out_of_range (a candidate below 2).
 */
export function detectSeasonLength(input: DetectSeasonLengthInput): DetectSeasonLengthResult {
  const { values } = input;
  checkSeries(values);
  const n = values.length;
  const z = input.criticalValue ?? 1.645;
  const candidates = (input.candidates ?? Array.from({ length: Math.max(0, Math.floor(n / 3) - 1) }, (_, i) => i + 2)).slice();
  candidates.forEach((c, i) => {
    if (!Number.isInteger(c) || c < 2) throw new CoreError('out_of_range', `candidate ${c} must be an integer >= 2`, { path: `candidates[${i}]` });
  });
  const usable = candidates.filter((c) => n >= 3 * c).sort((a, b) => a - b);
  const maxLag = usable.length > 0 ? usable[usable.length - 1]! + 1 : 0;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const denom = values.reduce((s, v) => s + (v - mean) * (v - mean), 0);
  const acf = new Array<number>(maxLag + 1).fill(0);
  if (denom > 0) {
    for (let k = 1; k <= Math.min(maxLag, n - 1); k++) {
      let s = 0;
      for (let t = 0; t + k < n; t++) s += (values[t]! - mean) * (values[t + k]! - mean);
      acf[k] = s / denom;
    }
  }
  const tested = usable.map((lag) => {
    let sumSq = 0;
    for (let k = 1; k < lag; k++) sumSq += acf[k]! * acf[k]!;
    const limit = z * Math.sqrt((1 + 2 * sumSq) / n);
    const r = acf[lag]!;
    const peak = r >= acf[lag - 1]! && (lag + 1 > maxLag || r >= acf[lag + 1]!);
    return { lag, autocorrelation: r, limit, significant: denom > 0 && r > limit && peak };
  });
  let best: (typeof tested)[number] | undefined;
  for (const t of tested) if (t.significant && (best === undefined || t.autocorrelation > best.autocorrelation)) best = t;
  return { seasonLength: best?.lag ?? 1, autocorrelation: best?.autocorrelation ?? null, tested };
}
