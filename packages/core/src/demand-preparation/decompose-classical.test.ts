import { describe, expect, it } from 'vitest';
import { decomposeClassical } from './decompose-classical';
import { detectSeasonLength } from './detect-season-length';
import { createRandom } from '../shared/random';

describe('decomposeClassical', () => {
  it('worked example: [1,3,1,3,1,3], m = 2 additive → indices [-1, 1], trend 2 inside', () => {
    const r = decomposeClassical({ values: [1, 3, 1, 3, 1, 3], seasonLength: 2, type: 'additive' });
    expect(r.seasonalIndices).toEqual([-1, 1]);
    expect(r.trend).toEqual([null, 2, 2, 2, 2, null]);
    expect(r.remainder.slice(1, 5)).toEqual([0, 0, 0, 0]);
  });

  it('multiplicative indices average 1 and recover a ×1.5 / ×0.5 pattern on a flat level', () => {
    const values = Array.from({ length: 24 }, (_, t) => 100 * (t % 4 === 0 ? 1.5 : t % 4 === 2 ? 0.5 : 1));
    const r = decomposeClassical({ values, seasonLength: 4, type: 'multiplicative' });
    expect(r.seasonalIndices.reduce((a, b) => a + b, 0) / 4).toBeCloseTo(1, 12);
    expect(r.seasonalIndices[0]).toBeCloseTo(1.5, 12);
    expect(r.seasonalIndices[2]).toBeCloseTo(0.5, 12);
  });

  it('refuses a multiplicative model on non-positive values with a clear error', () => {
    expect(() => decomposeClassical({ values: [1, 0, 2, 3, 1, 2], seasonLength: 2, type: 'multiplicative' })).toThrow(expect.objectContaining({ code: 'negative_value', path: 'values[1]' }));
  });
});

describe('detectSeasonLength', () => {
  it('finds 12 in a monthly sine with noise, and 1 in white noise', () => {
    const rnd = createRandom(6);
    const seasonal = Array.from({ length: 96 }, (_, t) => 50 + 10 * Math.sin((2 * Math.PI * t) / 12) + rnd.nextNormal());
    expect(detectSeasonLength({ values: seasonal }).seasonLength).toBe(12);
    expect(detectSeasonLength({ values: seasonal, candidates: [7, 12] }).seasonLength).toBe(12);
    const noise = Array.from({ length: 96 }, () => rnd.nextNormal());
    expect(detectSeasonLength({ values: noise, candidates: [4, 12] }).seasonLength).toBe(1);
    expect(detectSeasonLength({ values: new Array(40).fill(3) }).seasonLength).toBe(1);
  });

  it('skips candidates without three cycles', () => {
    const r = detectSeasonLength({ values: Array.from({ length: 30 }, (_, t) => t % 12), candidates: [12] });
    expect(r.tested).toHaveLength(0);
    expect(r.seasonLength).toBe(1);
  });
});
