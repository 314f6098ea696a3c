import { describe, expect, it } from 'vitest';
import { forecastDynamicOptimisedTheta, forecastDynamicOptimisedThetaWithFit, forecastOptimisedTheta, forecastTheta, forecastThetaFromFit, forecastThetaWithFit } from './forecast-theta';
import { fitSes, runSes } from './internal/simple-exponential-smoothing';
import { minimizeNelderMead } from './internal/nelder-mead';
import { classicalSeasonalIndices } from './internal/seasonality';
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

describe('Theta re-filtering with fixed parameters (the auto backtest)', () => {
  const cases = [
    { name: 'N1500, not seasonal', values: M3_N1500, m: 12 },
    { name: 'AirPassengers, seasonal', values: AIR_PASSENGERS, m: 12 },
  ];
  for (const { name, values, m } of cases) {
    it(`${name}: re-filtering a fit on its own history gives the fit's forecasts, for a prefix too`, () => {
      for (const fitWith of [forecastThetaWithFit, forecastDynamicOptimisedThetaWithFit]) {
        for (const history of [values, values.slice(0, values.length - 18)]) {
          const { result, fit } = fitWith({ values: history, horizon: 18, seasonLength: m, levels: [] });
          const refiltered = forecastThetaFromFit(fit!, history, 18)!;
          refiltered.forEach((v, i) => expect(v).toBeCloseTo(result.mean[i]!, 8));
        }
      }
    });
  }

  it('a prefix keeps the full-history α, θ, ℓ0 and seasonal decision; indices are re-estimated on it', () => {
    const { fit } = forecastDynamicOptimisedThetaWithFit({ values: AIR_PASSENGERS, horizon: 12, seasonLength: 12, levels: [] });
    const prefix = AIR_PASSENGERS.slice(0, 120);
    const fixed = forecastThetaFromFit(fit!, prefix, 12)!;
    const refit = forecastDynamicOptimisedTheta({ values: prefix, horizon: 12, seasonLength: 12, levels: [] }).mean;
    expect(fixed).not.toEqual(refit);
    // θ = 1 removes the trend term: the forecast is the SES level of the adjusted prefix, reseasonalised.
    const flat = forecastThetaFromFit({ ...fit!, theta: 1 }, prefix, 12)!;
    const indices = classicalSeasonalIndices(prefix, 12, 'multiplicative');
    const adjusted = prefix.map((v, t) => v / indices[t % 12]!);
    const level = runSes(adjusted, fit!.alpha, fit!.initialLevel).level;
    flat.forEach((v, h) => expect(v).toBeCloseTo(level * indices[(120 + h) % 12]!, 8));
  });

  it('DOTM recovers α, θ and ℓ0 of a series generated without noise by its own recursion', () => {
    // y_t = μ_t of Fiorucci et al. (2016) eqs. 8–10 with α 0.3, θ 3, ℓ0 100 (errors all zero).
    const alpha = 0.3, theta = 3, level0 = 100;
    const y: number[] = [];
    let level = level0, a = 0, b = 0, meanY = 0;
    for (let t = 1; t <= 40; t++) {
      const decay = (1 - alpha) ** (t - 1);
      const value = level + (1 - 1 / theta) * (decay * a + ((1 - decay * (1 - alpha)) / alpha) * b);
      y.push(value);
      level = alpha * value + (1 - alpha) * level;
      const previousMean = meanY;
      meanY = ((t - 1) * meanY + value) / t;
      b = t === 1 ? 0 : ((t - 2) / (t + 1)) * b + (6 / (t + 1)) * ((value - previousMean) / t);
      a = meanY - ((t + 1) / 2) * b;
    }
    const { fit } = forecastDynamicOptimisedThetaWithFit({ values: y, horizon: 4, seasonLength: 1, levels: [] });
    expect(fit!.alpha).toBeCloseTo(alpha, 4);
    expect(fit!.theta).toBeCloseTo(theta, 3);
    expect(fit!.initialLevel).toBeCloseTo(level0, 2);
  });

  it('SES least squares: α and ℓ0 at least as good as a Nelder–Mead search of both (M3 N1500)', () => {
    const fit = fitSes(M3_N1500);
    const nm = minimizeNelderMead((x) => (x[0]! < 1e-4 || x[0]! > 0.9999 ? Number.POSITIVE_INFINITY : runSes(M3_N1500, x[0]!, x[1]!).sumSquaredErrors), [0.5, M3_N1500[0]!], { maxIterations: 2000, tolerance: 1e-12 });
    expect(fit.sumSquaredErrors).toBeLessThanOrEqual(nm.value * (1 + 1e-9));
    expect(fitSes(M3_N1500)).toEqual(fit);
  });
});
