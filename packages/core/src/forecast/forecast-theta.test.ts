import { describe, expect, it } from 'vitest';
import { forecastDynamicOptimisedTheta, forecastOptimisedTheta, forecastTheta } from './forecast-theta';
import { AIR_PASSENGERS, M3_N1500 } from './internal/test-series';
import { expectValidForecast } from './internal/expect-valid-forecast';

// R forecast 8.20 thetaf() on M3 N1500 (../shared/data/m3/m3_monthly_forecasts_forecastpkg.csv.gz).
const R_THETAF_N1500 = [2978.7422, 2973.8969, 2969.0517, 2964.2064, 2959.3612, 2954.5159, 2949.6707, 2944.8254, 2939.9802, 2935.1349, 2930.2897, 2925.4444, 2920.5992, 2915.7539, 2910.9087, 2906.0635, 2901.2182, 2896.373];

describe('Theta methods', () => {
  it('standard Theta reproduces R thetaf on M3 N1500 to 0.01 %', () => {
    const r = forecastTheta({ values: M3_N1500, horizon: 18, seasonLength: 12, levels: [80, 95] });
    expect(r.parameters.seasonal).toBe(false);
    r.mean.forEach((v, i) => expect(Math.abs(v / R_THETAF_N1500[i]! - 1)).toBeLessThan(1e-4));
    expectValidForecast(r, { horizon: 18 });
  });

  it('standard Theta carries half the slope of an exact line (Hyndman & Billah 2003: SES with drift b/2)', () => {
    const line = Array.from({ length: 30 }, (_, t) => 10 + 2 * t);
    const r = forecastTheta({ values: line, horizon: 5, seasonLength: 1, levels: [80] });
    expect(r.parameters.drift as number).toBeCloseTo(1, 8);
    expect(r.mean[4]! - r.mean[3]!).toBeCloseTo(1, 6);
  });

  it('optimised Theta learns θ > 2 on an exact line and recovers most of the slope (Fiorucci et al. 2016)', () => {
    const line = Array.from({ length: 30 }, (_, t) => 10 + 2 * t);
    for (const r of [forecastOptimisedTheta({ values: line, horizon: 5, seasonLength: 1, levels: [80] }), forecastDynamicOptimisedTheta({ values: line, horizon: 5, seasonLength: 1, levels: [80] })]) {
      expect(r.parameters.theta as number).toBeGreaterThan(2);
      expect(r.mean[4]! - r.mean[3]!).toBeGreaterThan(1.8);
      expect(r.mean[0]!).toBeGreaterThan(line[29]!);
    }
  });

  it('seasonal data are decomposed (90 % ACF test) and reseasonalised', () => {
    for (const forecast of [forecastTheta, forecastOptimisedTheta, forecastDynamicOptimisedTheta]) {
      const r = forecast({ values: AIR_PASSENGERS, horizon: 24, seasonLength: 12, levels: [80, 95] });
      expect(r.parameters.seasonal).toBe(true);
      expect(r.mean[6]!).toBeGreaterThan(r.mean[10]!); // July above November, as in the data
      expectValidForecast(r, { horizon: 24, widenEvery: 12 });
    }
  });

  it('edge cases: constant, one point, non-positive seasonal data', () => {
    expect(forecastTheta({ values: [4, 4, 4, 4], horizon: 2, seasonLength: 1, levels: [80] }).mean).toEqual([4, 4]);
    expect(forecastDynamicOptimisedTheta({ values: [4], horizon: 2, seasonLength: 1, levels: [80] }).mean).toEqual([4, 4]);
    const shifted = AIR_PASSENGERS.map((v) => v - 300);
    const r = forecastTheta({ values: shifted, horizon: 12, seasonLength: 12, levels: [80] });
    expect(r.notes.join(' ')).toMatch(/non-positive/);
    expectValidForecast(r, { horizon: 12 });
  });
});
