import { describe, expect, it } from 'vitest';
import { forecastDrift, forecastMovingAverage, forecastNaive, forecastNaive2, forecastSeasonalNaive } from './forecast-baselines';
import type { ForecastResult } from './types';
import { AIR_PASSENGERS } from './internal/test-series';
import { expectValidForecast } from './internal/expect-valid-forecast';

function expectWidening(result: ForecastResult): void {
  expectValidForecast(result, { horizon: result.mean.length });
}

describe('benchmark models (Hyndman & Athanasopoulos, FPP3 §5.2, §5.5)', () => {
  it('naive: last value, sd σ√h', () => {
    const r = forecastNaive({ values: [1, 2, 4], horizon: 2, seasonLength: 1, levels: [95] });
    expect(r.mean).toEqual([4, 4]);
    expect(r.parameters.sigma).toBeCloseTo(Math.sqrt(2.5), 10);
    // 95 % half-width at h = 2: 1.96·σ·√2.
    expect(r.intervals[0]!.upper[1]! - 4).toBeCloseTo(1.959964 * Math.sqrt(2.5) * Math.SQRT2, 4);
    expectWidening(r);
  });

  it('seasonal naive repeats the last season and widens every m steps', () => {
    const r = forecastSeasonalNaive({ values: [1, 2, 3, 4], horizon: 4, seasonLength: 2, levels: [80] });
    expect(r.mean).toEqual([3, 4, 3, 4]);
    expectWidening(r);
    const ap = forecastSeasonalNaive({ values: AIR_PASSENGERS, horizon: 24, seasonLength: 12, levels: [80, 95] });
    expect(ap.mean.slice(0, 12)).toEqual(AIR_PASSENGERS.slice(-12));
    expectWidening(ap);
  });

  it('drift extends the line through the first and last values', () => {
    const r = forecastDrift({ values: [1, 2, 4], horizon: 2, seasonLength: 1, levels: [80, 95] });
    expect(r.mean).toEqual([5.5, 7]);
    expectWidening(r);
  });

  it('moving average of the last k values', () => {
    const r = forecastMovingAverage({ values: [1, 2, 3, 6], horizon: 3, seasonLength: 1, levels: [80, 95], window: 3 });
    expect(r.mean[0]).toBeCloseTo(11 / 3, 12);
    expectWidening(r);
  });

  it('Naive2 reseasonalises a naive forecast of the adjusted series', () => {
    const r = forecastNaive2({ values: AIR_PASSENGERS, horizon: 12, seasonLength: 12, levels: [80] });
    expect(r.parameters.seasonallyAdjusted).toBe(true);
    // July above November, as in the data.
    expect(r.mean[6]!).toBeGreaterThan(r.mean[10]!);
    expect(forecastNaive2({ values: [1, 2, 4], horizon: 2, seasonLength: 12, levels: [] }).mean).toEqual([4, 4]);
  });

  it('handles one point and rejects bad input', () => {
    const one = forecastNaive({ values: [7], horizon: 3, seasonLength: 1, levels: [80] });
    expect(one.mean).toEqual([7, 7, 7]);
    expect(one.intervals[0]!.lower).toEqual([7, 7, 7]);
    expect(forecastDrift({ values: [7], horizon: 2, seasonLength: 1, levels: [80] }).mean).toEqual([7, 7]);
    expect(() => forecastNaive({ values: [], horizon: 1, seasonLength: 1, levels: [] })).toThrow(expect.objectContaining({ code: 'empty_input' }));
    expect(() => forecastNaive({ values: [1, Number.NaN], horizon: 1, seasonLength: 1, levels: [] })).toThrow(expect.objectContaining({ code: 'not_finite' }));
    expect(() => forecastNaive({ values: [1], horizon: 0, seasonLength: 1, levels: [] })).toThrow(expect.objectContaining({ code: 'out_of_range' }));
    expect(() => forecastNaive({ values: [1], horizon: 1, seasonLength: 1, levels: [100] })).toThrow(expect.objectContaining({ code: 'out_of_range' }));
  });
});
