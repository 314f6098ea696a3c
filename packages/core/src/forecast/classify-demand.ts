import { CoreError } from '../shared/core-error';

/** Syntetos–Boylan demand classes. */
export type DemandClass = 'smooth' | 'erratic' | 'intermittent' | 'lumpy' | 'no_demand';

export type DemandClassification = {
  demandClass: DemandClass;
  /** Average demand interval in periods: n / (number of periods with demand > 0). */
  averageDemandInterval: number;
  /** Squared coefficient of variation of the non-zero demand sizes (population variance / mean²). */
  squaredCoefficientOfVariation: number;
  nonZeroCount: number;
};

/**
 * Syntetos–Boylan–Croston classification (Syntetos, Boylan & Croston 2005, JORS 56:495–503):
 * ADI < 1.32 and CV² < 0.49 → smooth; ADI < 1.32, CV² ≥ 0.49 → erratic; ADI ≥ 1.32, CV² < 0.49 →
 * intermittent; both above → lumpy. A series with no positive demand is 'no_demand'.
 * Example: [0,0,5,0,0,5,0,0,5] → ADI 3, CV² 0 → intermittent.
 * Throws empty_input, not_finite.
 */
export function classifyDemand(values: readonly number[], thresholds: { averageDemandInterval?: number; squaredCoefficientOfVariation?: number } = {}): DemandClassification {
  if (values.length === 0) throw new CoreError('empty_input', 'no demand values to classify', { path: 'values' });
  const sizes: number[] = [];
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new CoreError('not_finite', `values[${i}] is not a finite number`, { path: `values[${i}]` });
    if (v > 0) sizes.push(v);
  });
  if (sizes.length === 0) return { demandClass: 'no_demand', averageDemandInterval: Number.POSITIVE_INFINITY, squaredCoefficientOfVariation: 0, nonZeroCount: 0 };
  const adi = values.length / sizes.length;
  const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
  const variance = sizes.reduce((a, b) => a + (b - mean) ** 2, 0) / sizes.length;
  const cv2 = variance / (mean * mean);
  const adiCut = thresholds.averageDemandInterval ?? 1.32;
  const cv2Cut = thresholds.squaredCoefficientOfVariation ?? 0.49;
  const demandClass: DemandClass = adi < adiCut ? (cv2 < cv2Cut ? 'smooth' : 'erratic') : cv2 < cv2Cut ? 'intermittent' : 'lumpy';
  return { demandClass, averageDemandInterval: adi, squaredCoefficientOfVariation: cv2, nonZeroCount: sizes.length };
}
