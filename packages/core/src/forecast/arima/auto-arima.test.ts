import { describe, expect, it } from 'vitest';
import { createRandom } from '../../shared/random';
import { arimaModel, forecastAutoArima, selectAutoArima } from './auto-arima';
import { AIR_PASSENGERS } from './internal/test-series.fixture';

// R 4.2.2, forecast 8.20: forecast(auto.arima(AirPassengers), h = 12) (team dependency trial 2026-11-24;
// interval bounds for January 1961 as printed by R: 430.89 460.38 (80 %), 423.09 468.18 (95 %)).
const R_AIR_FORECAST = [445.63, 420.39, 449.2, 491.84, 503.39, 566.86, 654.26, 638.6, 540.88, 494.13, 423.33, 465.51];

describe('auto ARIMA (Hyndman–Khandakar)', () => {
  it('selects ARIMA(2,1,1)(0,1,0)[12] on AirPassengers and matches R forecasts within 0.05', () => {
    // Tolerance: R prints 2 decimals (±0.005) and both optimisers stop at a relative tolerance of 1e-8.
    const result = forecastAutoArima({ values: AIR_PASSENGERS, horizon: 12, seasonLength: 12, levels: [80, 95] });
    expect(result.method).toBe('ARIMA(2,1,1)(0,1,0)[12]');
    result.mean.forEach((v, h) => expect(Math.abs(v - R_AIR_FORECAST[h]!)).toBeLessThan(0.05));
    const i80 = result.intervals.find((i) => i.level === 80)!;
    const i95 = result.intervals.find((i) => i.level === 95)!;
    expect(i80.lower[0]).toBeCloseTo(430.89, 1);
    expect(i80.upper[0]).toBeCloseTo(460.38, 1);
    expect(i95.lower[0]).toBeCloseTo(423.09, 1);
    expect(i95.upper[0]).toBeCloseTo(468.18, 1);
  });

  it('finds d = 1, D = 1 for AirPassengers and tries fewer than 94 models', () => {
    const selection = selectAutoArima(AIR_PASSENGERS, 12);
    expect(selection.fit.order.d).toBe(1);
    expect(selection.fit.order.seasonalD).toBe(1);
    expect(selection.tried.length).toBeLessThan(94);
    expect(selection.tried.length).toBeGreaterThan(5);
  });

  it('keeps invariants: finite, intervals nested and widening with the horizon', () => {
    const result = arimaModel.forecast({ values: AIR_PASSENGERS.slice(0, 120), horizon: 24, seasonLength: 12, levels: [80, 95] });
    expect(result.mean).toHaveLength(24);
    expect(result.fitted).toHaveLength(120);
    const [i80, i95] = result.intervals;
    for (let h = 0; h < 24; h++) {
      expect(Number.isFinite(result.mean[h]!)).toBe(true);
      expect(i95!.lower[h]!).toBeLessThanOrEqual(i80!.lower[h]!);
      expect(i80!.lower[h]!).toBeLessThanOrEqual(result.mean[h]!);
      expect(i80!.upper[h]!).toBeGreaterThanOrEqual(result.mean[h]!);
      expect(i95!.upper[h]!).toBeGreaterThanOrEqual(i80!.upper[h]!);
      if (h > 0) expect(i95!.upper[h]! - i95!.lower[h]!).toBeGreaterThanOrEqual(i95!.upper[h - 1]! - i95!.lower[h - 1]! - 1e-9);
    }
  });

  it('picks a stationary model with a mean for white noise and forecasts near the mean', () => {
    const rnd = createRandom(5);
    const x = Array.from({ length: 120 }, () => 50 + 3 * rnd.nextNormal());
    const result = forecastAutoArima({ values: x, horizon: 6, seasonLength: 1, levels: [95] });
    expect(result.parameters['d']).toBe(0);
    result.mean.forEach((v) => expect(Math.abs(v - 50)).toBeLessThan(2));
  });

  it('differences a random walk with drift once and extrapolates the drift', () => {
    const rnd = createRandom(9);
    let level = 100;
    const x = Array.from({ length: 200 }, () => (level += 2 + rnd.nextNormal()));
    const result = forecastAutoArima({ values: x, horizon: 10, seasonLength: 1, levels: [80] });
    expect(result.parameters['d']).toBe(1);
    const slope = (result.mean[9]! - result.mean[0]!) / 9;
    expect(slope).toBeGreaterThan(1.5);
    expect(slope).toBeLessThan(2.5);
  });

  it('uses the CSS approximation for long series and still gives a sensible weekly-seasonal forecast', () => {
    const rnd = createRandom(3);
    const x = Array.from({ length: 3 * 52 + 10 }, (_, t) => 100 + 20 * Math.sin((2 * Math.PI * t) / 52) + 2 * rnd.nextNormal());
    const result = forecastAutoArima({ values: x, horizon: 52, seasonLength: 52, levels: [95] });
    expect(result.mean.every(Number.isFinite)).toBe(true);
    const n = x.length;
    for (let h = 0; h < 52; h += 13) {
      const truth = 100 + 20 * Math.sin((2 * Math.PI * (n + h)) / 52);
      expect(Math.abs(result.mean[h]! - truth)).toBeLessThan(12);
    }
  });

  it('falls back on tiny and constant series without NaN', () => {
    const one = forecastAutoArima({ values: [7], horizon: 3, seasonLength: 12, levels: [80, 95] });
    expect(one.mean).toEqual([7, 7, 7]);
    expect(one.notes.join(' ')).toMatch(/random-walk/);
    const flat = forecastAutoArima({ values: new Array(30).fill(0), horizon: 4, seasonLength: 1, levels: [95] });
    expect(flat.mean).toEqual([0, 0, 0, 0]);
    expect(flat.intervals[0]!.lower.every(Number.isFinite)).toBe(true);
    const three = forecastAutoArima({ values: [5, 7, 6], horizon: 2, seasonLength: 12, levels: [95] });
    expect(three.mean).toEqual([6, 6]);
    const short = forecastAutoArima({ values: [3, 5, 4, 6, 5], horizon: 2, seasonLength: 12, levels: [95] });
    expect(short.mean.every(Number.isFinite)).toBe(true);
    expect(short.notes.join(' ')).toMatch(/seasonal terms skipped/);
  });

  it('floors forecasts of non-negative (demand) data at zero, but not of signed data', () => {
    const falling = Array.from({ length: 40 }, (_, t) => 170 - 4 * t + (t % 3));
    const result = forecastAutoArima({ values: falling, horizon: 20, seasonLength: 1, levels: [95] });
    expect(result.mean.every((v) => v >= 0)).toBe(true);
    expect(result.intervals[0]!.lower.every((v) => v >= 0)).toBe(true);
    const signed = falling.map((v) => v - 100);
    const free = forecastAutoArima({ values: signed, horizon: 20, seasonLength: 1, levels: [95] });
    expect(free.mean.some((v) => v < -100)).toBe(true);
  });

  it('throws CoreError on bad input', () => {
    expect(() => forecastAutoArima({ values: [1, 2, Number.POSITIVE_INFINITY], horizon: 2, seasonLength: 1, levels: [95] })).toThrow(expect.objectContaining({ code: 'not_finite' }));
    expect(() => forecastAutoArima({ values: [], horizon: 2, seasonLength: 1, levels: [95] })).toThrow(expect.objectContaining({ code: 'empty_input' }));
    expect(() => forecastAutoArima({ values: [1, 2, 3], horizon: 0, seasonLength: 1, levels: [95] })).toThrow(expect.objectContaining({ code: 'out_of_range' }));
    expect(() => forecastAutoArima({ values: [1, 2, 3], horizon: 2, seasonLength: 1, levels: [100] })).toThrow(expect.objectContaining({ code: 'out_of_range' }));
  });
});
