import { CoreError } from '../shared/core-error';
import type { SegmentationItem } from './types';

export type XyzClassBound = { label: string; maximumCoefficientOfVariation: number };

export const DEFAULT_XYZ_CLASSES: XyzClassBound[] = [
  { label: 'X', maximumCoefficientOfVariation: 0.5 },
  { label: 'Y', maximumCoefficientOfVariation: 1 },
  { label: 'Z', maximumCoefficientOfVariation: Number.POSITIVE_INFINITY },
];

export type XyzItemResult = { itemId: string; meanPerPeriod: number; standardDeviationPerPeriod: number; coefficientOfVariation: number; xyzClass: string };

/**
 * XYZ classification by the coefficient of variation of per-period demand.
 * Formula: CV = s / mean with s the sample standard deviation (n - 1); CV <= 0.5 -> X, <= 1 -> Y, else Z
 * (bounds configurable). Zero mean demand gives CV = Infinity (last class).
 * Source: Scholz-Reiter et al., Procedia CIRP 3 (2012) (ABC-XYZ analysis); Silver, Pyke & Thomas (2017), ch. 3.
 * Example: [10, 12, 8, 10] -> mean 10, s = 1.633, CV 0.163 -> X.
 * Throws: empty_input (history shorter than 2), negative_value, not_finite, invalid_input (bounds not ascending).
 */
export function classifyXyz(input: { items: SegmentationItem[]; classes?: XyzClassBound[] }): XyzItemResult[] {
  const classes = input.classes ?? DEFAULT_XYZ_CLASSES;
  if (!Array.isArray(classes) || classes.length === 0) throw new CoreError('empty_input', 'at least one XYZ class is needed', { path: 'classes' });
  classes.forEach((bound, index) => {
    if (index > 0 && !(bound.maximumCoefficientOfVariation > classes[index - 1]!.maximumCoefficientOfVariation)) throw new CoreError('invalid_input', 'XYZ bounds must be strictly ascending', { path: `classes[${index}]` });
  });
  return input.items.map((item, index) => {
    const history = item.demandHistory;
    if (!Array.isArray(history) || history.length < 2) throw new CoreError('empty_input', 'XYZ needs at least two periods of demand history', { path: `items[${index}].demandHistory` });
    history.forEach((value, period) => {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new CoreError('not_finite', `expected a number, got ${JSON.stringify(value)}`, { path: `items[${index}].demandHistory[${period}]` });
      if (value < 0) throw new CoreError('negative_value', `demand must be >= 0, got ${value}`, { path: `items[${index}].demandHistory[${period}]` });
    });
    const mean = history.reduce((sum, value) => sum + value, 0) / history.length;
    const sd = Math.sqrt(history.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (history.length - 1));
    const cv = mean > 0 ? sd / mean : Number.POSITIVE_INFINITY;
    const found = classes.find((bound) => cv <= bound.maximumCoefficientOfVariation);
    return { itemId: item.itemId, meanPerPeriod: mean, standardDeviationPerPeriod: sd, coefficientOfVariation: cv, xyzClass: (found ?? classes[classes.length - 1]!).label };
  });
}
