import { describe, expect, it } from 'vitest';
import { createRandom } from '../shared/random';
import { detectDemandOutliers } from './detect-demand-outliers';
import { applyPromotionUplift, computePromotionBaseline } from './compute-promotion-baseline';

describe('detectDemandOutliers', () => {
  it('worked example: flat demand 100 with a spike of 400 at month 10 → one high outlier replaced by 100', () => {
    const values = new Array(24).fill(100);
    values[10] = 400;
    // a little noise so the IQR is not zero
    const rnd = createRandom(3);
    const noisy = values.map((v, i) => (i === 10 ? v : v + Math.round(rnd.nextNormal() * 2)));
    const r = detectDemandOutliers({ values: noisy, seasonLength: 1 });
    expect(r.outliers).toHaveLength(1);
    const o = r.outliers[0]!;
    expect(o.index).toBe(10);
    expect(o.direction).toBe('high');
    expect(o.original).toBe(400);
    expect(Math.abs(o.replacement - 100)).toBeLessThan(4);
    expect(r.cleaned[10]).toBe(o.replacement);
    expect(o.reason).toMatch(/upper fence/);
    noisy.forEach((v, i) => {
      if (i !== 10) expect(r.cleaned[i]).toBe(v);
    });
  });

  it('uses robust STL on seasonal data and keeps the seasonal shape in the replacement', () => {
    const rnd = createRandom(4);
    const values = Array.from({ length: 48 }, (_, t) => 200 + 50 * Math.sin((2 * Math.PI * t) / 12) + 3 * rnd.nextNormal());
    const truth = values[27]!;
    values[27] = 20; // a stock-out-like drop
    const r = detectDemandOutliers({ values, seasonLength: 12 });
    expect(r.decomposition).toBe('stl_robust');
    expect(r.outliers.map((o) => o.index)).toEqual([27]);
    expect(r.outliers[0]!.direction).toBe('low');
    expect(Math.abs(r.cleaned[27]! - truth)).toBeLessThan(15);
  });

  it('never flags excluded periods and never makes demand negative', () => {
    const values = [5, 6, 5, 0, 0, 0, 5, 6, 90, 5, 6, 5];
    const r = detectDemandOutliers({ values, excludedIndices: [8] });
    expect(r.outliers.some((o) => o.index === 8)).toBe(false);
    expect(r.cleaned.every((v) => v >= 0)).toBe(true);
  });

  it('leaves clean data untouched and handles short or constant series', () => {
    expect(detectDemandOutliers({ values: [3, 4, 5, 6, 7, 8, 9, 10] }).outliers).toHaveLength(0);
    expect(detectDemandOutliers({ values: [7] }).cleaned).toEqual([7]);
    expect(detectDemandOutliers({ values: new Array(10).fill(0) }).outliers).toHaveLength(0);
  });

  it('rejects bad input', () => {
    expect(() => detectDemandOutliers({ values: [] })).toThrow(expect.objectContaining({ code: 'empty_input' }));
    expect(() => detectDemandOutliers({ values: [1, Number.NaN] })).toThrow(expect.objectContaining({ code: 'not_finite' }));
    expect(() => detectDemandOutliers({ values: [1, 2], iqrMultiplier: 0 })).toThrow(expect.objectContaining({ code: 'out_of_range' }));
  });
});

describe('computePromotionBaseline', () => {
  it('worked example: [10, 10, 30, 10] with a promotion in period 2 → baseline 10, uplift 20, ratio 2', () => {
    const r = computePromotionBaseline({ values: [10, 10, 30, 10], promotionFlags: [false, false, true, false] });
    expect(r.baseline).toEqual([10, 10, 10, 10]);
    expect(r.uplift).toEqual([0, 0, 20, 0]);
    expect(r.averageUpliftRatio).toBe(2);
    expect(r.promotions).toEqual([{ index: 2, original: 30, baseline: 10, uplift: 20, upliftRatio: 2 }]);
  });

  it('keeps the seasonal shape in the baseline of a seasonal series', () => {
    const base = Array.from({ length: 36 }, (_, t) => 100 + 30 * Math.sin((2 * Math.PI * t) / 12));
    const flags = base.map((_, t) => t === 15 || t === 16);
    const values = base.map((v, t) => (flags[t] ? v * 1.5 : v));
    const r = computePromotionBaseline({ values, promotionFlags: flags, seasonLength: 12 });
    expect(Math.abs(r.baseline[15]! - base[15]!)).toBeLessThan(5);
    expect(Math.abs(r.baseline[16]! - base[16]!)).toBeLessThan(5);
    expect(r.averageUpliftRatio!).toBeGreaterThan(0.4);
    expect(r.averageUpliftRatio!).toBeLessThan(0.6);
  });

  it('applies a planned uplift to a baseline forecast', () => {
    expect(applyPromotionUplift([10, 10], [false, true], 0.5)).toEqual([10, 15]);
    expect(() => applyPromotionUplift([10], [true, false], 0.5)).toThrow(expect.objectContaining({ code: 'length_mismatch' }));
  });

  it('handles all-promoted and mismatched input', () => {
    const r = computePromotionBaseline({ values: [5, 6], promotionFlags: [true, true] });
    expect(r.baseline).toEqual([5, 6]);
    expect(r.notes[0]).toMatch(/every period is promoted/);
    expect(() => computePromotionBaseline({ values: [5, 6], promotionFlags: [true] })).toThrow(expect.objectContaining({ code: 'length_mismatch' }));
  });
});
