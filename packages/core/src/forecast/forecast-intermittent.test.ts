import { describe, expect, it } from 'vitest';
import { forecastAdida, forecastCroston, forecastImapa, forecastSba, forecastTsb } from './forecast-intermittent';
import { classifyDemand } from './classify-demand';
import { fitSes } from './internal/simple-exponential-smoothing';
import { expectValidForecast } from './internal/expect-valid-forecast';

const LUMPY = [0, 0, 6, 0, 1, 0, 0, 0, 14, 0, 0, 3, 0, 0, 0, 9, 0, 2, 0, 0, 0, 0, 20, 0];

describe('intermittent demand', () => {
  it('Croston and SBA (Croston 1972; Syntetos & Boylan 2005): hand-computed rates', () => {
    expect(forecastCroston({ values: [0, 0, 3, 0, 0, 3], horizon: 2, seasonLength: 1, levels: [80] }).mean).toEqual([1, 1]);
    const sba = forecastSba({ values: [0, 0, 3, 0, 0, 3], horizon: 2, seasonLength: 1, levels: [80] });
    expect(sba.mean[0]).toBeCloseTo(0.95, 12);
    // Intervals 2, then 4: p = 2 + 0.1·(4 − 2) = 2.2; sizes 2 then 5: z = 2.3 → 2.3 / 2.2.
    const r = forecastCroston({ values: [0, 2, 0, 0, 0, 5], horizon: 1, seasonLength: 1, levels: [] });
    expect(r.mean[0]).toBeCloseTo(2.3 / 2.2, 12);
  });

  it('TSB (Teunter, Syntetos & Babai 2011): probability × size, decays without demand', () => {
    expect(forecastTsb({ values: [4, 4, 4, 4], horizon: 1, seasonLength: 1, levels: [] }).mean[0]).toBeCloseTo(4, 12);
    // Start π = 2/4 = 0.5; updates 1,1,0,0 → 0.55, 0.595, 0.5355, 0.48195; z = 4 → 1.9278.
    expect(forecastTsb({ values: [4, 4, 0, 0], horizon: 1, seasonLength: 1, levels: [] }).mean[0]).toBeCloseTo(4 * 0.48195, 10);
  });

  it('ADIDA and IMAPA (Nikolopoulos et al. 2011; Petropoulos & Kourentzes 2015)', () => {
    const adida = forecastAdida({ values: [0, 2, 0, 2, 0, 2], horizon: 2, seasonLength: 1, levels: [80] });
    expect(adida.parameters.aggregationPeriods).toBe(2);
    expect(adida.mean[0]).toBeCloseTo(1, 6);
    const smooth = [5, 7, 6, 8, 7, 9, 8];
    expect(forecastImapa({ values: smooth, horizon: 1, seasonLength: 1, levels: [] }).mean[0]).toBeCloseTo(fitSes(smooth).level, 10);
  });

  it('intervals are bootstrap quantiles: non-negative, contain the rate, flat over the horizon, seeded', () => {
    for (const forecast of [forecastCroston, forecastSba, forecastTsb, forecastAdida, forecastImapa]) {
      const r = forecast({ values: LUMPY, horizon: 6, seasonLength: 1, levels: [80, 95], seed: 5 });
      expectValidForecast(r, { horizon: 6, nonNegative: true });
      expect(r.intervals[1]!.upper[0]).toBeGreaterThan(r.mean[0]!);
      expect(r.intervals[0]!.lower[0]).toBe(0);
      expect(forecast({ values: LUMPY, horizon: 6, seasonLength: 1, levels: [80, 95], seed: 5 })).toEqual(r);
    }
  });

  it('no demand gives zeros; negative demand is rejected with its position', () => {
    const zero = forecastSba({ values: [0, 0, 0], horizon: 2, seasonLength: 1, levels: [80] });
    expect(zero.mean).toEqual([0, 0]);
    expect(zero.intervals[0]!.upper).toEqual([0, 0]);
    expect(() => forecastCroston({ values: [0, -1, 2], horizon: 1, seasonLength: 1, levels: [] })).toThrow(expect.objectContaining({ code: 'negative_value', path: 'values[1]' }));
  });
});

describe('classifyDemand (Syntetos, Boylan & Croston 2005)', () => {
  it('places series in the four quadrants at ADI 1.32 and CV² 0.49', () => {
    const intermittent = classifyDemand([0, 0, 5, 0, 0, 5, 0, 0, 5]);
    expect(intermittent).toMatchObject({ demandClass: 'intermittent', averageDemandInterval: 3, squaredCoefficientOfVariation: 0 });
    expect(classifyDemand([10, 11, 9, 10]).demandClass).toBe('smooth');
    expect(classifyDemand([1, 30, 2, 25, 1, 40]).demandClass).toBe('erratic');
    expect(classifyDemand(LUMPY).demandClass).toBe('lumpy');
    expect(classifyDemand([0, 0]).demandClass).toBe('no_demand');
    expect(() => classifyDemand([])).toThrow(expect.objectContaining({ code: 'empty_input' }));
  });
});
