import { describe, expect, it } from 'vitest';
import {
  computeAccuracyReport,
  computeBias,
  computeForecastValueAdded,
  computeIntervalCoverage,
  computeMae,
  computeMape,
  computeMase,
  computeMaseScale,
  computeOwa,
  computeRmse,
  computeSmape,
  computeWape,
} from './accuracy-metrics';

describe('accuracy metrics (doc-comment examples)', () => {
  it('computes sMAPE, MAPE, MAE, RMSE, WAPE and bias', () => {
    expect(computeSmape([100], [110])).toBeCloseTo(9.5238, 4);
    expect(computeSmape([0, 0], [0, 0])).toBe(0);
    expect(computeMape([100, 200], [110, 180])).toBeCloseTo(10, 10);
    expect(computeMae([1, 2], [2, 4])).toBe(1.5);
    expect(computeRmse([1, 2], [2, 4])).toBeCloseTo(1.5811, 4);
    expect(computeWape([100, 0], [110, 10])).toBeCloseTo(20, 10);
    expect(computeBias([1, 2], [2, 4])).toBe(1.5);
  });

  it('computes the MASE scale and MASE (Hyndman & Koehler 2006)', () => {
    expect(computeMaseScale([1, 3, 2, 5], 1)).toBe(2);
    expect(computeMase([6], [5], [1, 3, 2, 5], 1)).toBe(0.5);
    // Seasonal scale: m = 2 → |2−1|, |5−3| → 1.5.
    expect(computeMaseScale([1, 3, 2, 5], 2)).toBe(1.5);
  });

  it('computes the M4 OWA, coverage and forecast value added', () => {
    expect(computeOwa(12, 1.2, 15, 1.5)).toBeCloseTo(0.8, 12);
    // Naive2 against itself is 1 by definition (M4 guide).
    expect(computeOwa(18.383, 2.395, 18.383, 2.395)).toBe(1);
    expect(computeIntervalCoverage([1, 5], [0, 0], [2, 4])).toBe(0.5);
    expect(computeForecastValueAdded(8, 10)).toBeCloseTo(20, 12);
  });

  it('bundles all measures in one report', () => {
    const report = computeAccuracyReport({ actual: [6], forecast: [5], history: [1, 3, 2, 5], seasonLength: 1, intervals: [{ level: 80, lower: [4], upper: [7] }] });
    expect(report.mase).toBe(0.5);
    expect(report.coverage['80']).toBe(1);
    expect(report.smape).toBeCloseTo((200 * 1) / 11, 10);
  });

  it('rejects mismatched, empty and non-finite input with typed errors', () => {
    expect(() => computeMae([1, 2], [1])).toThrow(expect.objectContaining({ code: 'length_mismatch' }));
    expect(() => computeMae([], [])).toThrow(expect.objectContaining({ code: 'empty_input' }));
    expect(() => computeSmape([1, Number.NaN], [1, 2])).toThrow(expect.objectContaining({ code: 'not_finite', path: 'actual[1]' }));
    expect(() => computeMaseScale([1, 2], 12)).toThrow(expect.objectContaining({ code: 'out_of_range' }));
  });
});
