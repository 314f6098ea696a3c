import { describe, expect, it } from 'vitest';
import { AIR_PASSENGERS } from '../forecast/arima/internal/test-series.fixture';
import { createRandom } from '../shared/random';
import { computeSeasonalStrength, decomposeStl } from './decompose-stl';

const IDX = [0, 1, 11, 50, 100, 143];

describe('decomposeStl', () => {
  // Reference: statsmodels 0.13.5 STL(AirPassengers, period=12, seasonal=7, seasonal_deg=0, trend_deg=1,
  // low_pass_deg=1, all jumps 1), fit(inner_iter=2, outer_iter=0) — the Fortran STL of Cleveland et al.
  // (1990) with R's stl defaults and loess evaluated at every point.
  it('matches the reference STL on AirPassengers (seasonal window 7, not robust) to 1e-5', () => {
    const r = decomposeStl({ values: AIR_PASSENGERS, seasonLength: 12, seasonalWindow: 7 });
    const trend = [122.551523, 123.23267, 130.52826, 219.324339, 362.546712, 495.972322];
    const seasonal = [-13.752275, -8.748155, -15.427853, 8.486901, -8.646235, -51.523727];
    IDX.forEach((i, k) => {
      expect(r.trend[i]).toBeCloseTo(trend[k]!, 5);
      expect(r.seasonal[i]).toBeCloseTo(seasonal[k]!, 5);
    });
    expect(r.parameters.trendWindow).toBe(23);
    expect(r.parameters.lowPassWindow).toBe(13);
  });

  it('matches the reference robust STL (inner 1, outer 15) to 1e-5', () => {
    const r = decomposeStl({ values: AIR_PASSENGERS, seasonLength: 12, seasonalWindow: 7, robust: true });
    const trend = [122.888895, 123.579181, 130.852388, 216.286569, 358.700956, 500.084815];
    const seasonal = [-13.322145, -7.849376, -15.673837, 6.098046, -5.124946, -38.887553];
    IDX.forEach((i, k) => {
      expect(r.trend[i]).toBeCloseTo(trend[k]!, 5);
      expect(r.seasonal[i]).toBeCloseTo(seasonal[k]!, 5);
    });
  });

  it('adds back up exactly and separates a line from a sine (periodic)', () => {
    const values = Array.from({ length: 60 }, (_, t) => 10 + 0.5 * t + 5 * Math.sin((2 * Math.PI * t) / 12));
    const r = decomposeStl({ values, seasonLength: 12 });
    values.forEach((v, i) => expect(r.trend[i]! + r.seasonal[i]! + r.remainder[i]!).toBeCloseTo(v, 10));
    // Two inner passes leave a small leakage between components (statsmodels' STL gives the same
    // -0.4124 for the seasonal at t = 12), so compare within 0.5 (10 % of the amplitude).
    for (let t = 12; t < 48; t++) {
      expect(Math.abs(r.trend[t]! - (10 + 0.5 * t))).toBeLessThan(0.5);
      expect(Math.abs(r.seasonal[t]! - 5 * Math.sin((2 * Math.PI * t) / 12))).toBeLessThan(0.5);
    }
    expect(r.seasonal[12]).toBeCloseTo(-0.4124, 4);
    for (let t = 12; t < 60; t++) expect(r.seasonal[t]).toBeCloseTo(r.seasonal[t - 12]!, 12);
  });

  it('robust fitting gives a spike a zero weight and keeps it out of the trend', () => {
    const rnd = createRandom(8);
    const values = Array.from({ length: 48 }, (_, t) => 100 + 10 * Math.sin((2 * Math.PI * t) / 12) + rnd.nextNormal());
    values[20] = 400;
    const r = decomposeStl({ values, seasonLength: 12, seasonalWindow: 7, robust: true });
    expect(r.robustnessWeights[20]).toBe(0);
    expect(Math.abs(r.trend[20]! - 100)).toBeLessThan(5);
    expect(r.remainder[20]).toBeGreaterThan(250);
  });

  it('seasonal strength: 1 for a pure sine, near 0 for noise', () => {
    const sine = Array.from({ length: 48 }, (_, t) => Math.sin((2 * Math.PI * t) / 12));
    expect(computeSeasonalStrength(sine, 12)).toBeGreaterThan(0.99);
    const rnd = createRandom(1);
    expect(computeSeasonalStrength(Array.from({ length: 96 }, () => rnd.nextNormal()), 12)).toBeLessThan(0.5);
  });

  it('rejects bad input', () => {
    expect(() => decomposeStl({ values: [], seasonLength: 12 })).toThrow(expect.objectContaining({ code: 'empty_input' }));
    expect(() => decomposeStl({ values: [1, 2, 3], seasonLength: 12 })).toThrow(expect.objectContaining({ code: 'out_of_range' }));
    expect(() => decomposeStl({ values: [1, 2, Number.NaN, 4], seasonLength: 2 })).toThrow(expect.objectContaining({ code: 'not_finite', path: 'values[2]' }));
    expect(() => decomposeStl({ values: [1, 2, 3, 4], seasonLength: 1 })).toThrow(expect.objectContaining({ code: 'out_of_range' }));
  });
});
