import { describe, expect, it } from 'vitest';
import { forecastDampedTrend, forecastDampedTrendFromEtsFit, forecastDampedTrendFromFit, forecastDampedTrendWithFit } from './forecast-damped-trend';
import { forecastEts, forecastEtsWithFit } from './forecast-ets';
import { AIR_PASSENGERS, M3_N1500 } from './internal/test-series';
import { expectValidForecast } from './internal/expect-valid-forecast';
import { classicalSeasonalIndices } from './internal/seasonality';

describe('damped trend on seasonally adjusted data (M3 DAMPEN; Gardner & McKenzie 1985)', () => {
  it('equals ETS(A,Ad,N) when the series is not seasonal', () => {
    const damped = forecastDampedTrend({ values: M3_N1500, horizon: 6, seasonLength: 12, levels: [80, 95] });
    const ets = forecastEts({ values: M3_N1500, horizon: 6, seasonLength: 1, levels: [80, 95], model: 'AAdN' });
    expect(damped.parameters.seasonallyAdjusted).toBe(false);
    expect(damped.mean).toEqual(ets.mean);
    expectValidForecast(damped, { horizon: 6 });
  });

  it('reseasonalises on AirPassengers and damps the trend (φ ≤ 0.98)', () => {
    const r = forecastDampedTrend({ values: AIR_PASSENGERS, horizon: 24, seasonLength: 12, levels: [80, 95] });
    expect(r.method).toBe('damped');
    expect(r.parameters.seasonallyAdjusted).toBe(true);
    expect(r.parameters.phi as number).toBeLessThanOrEqual(0.98);
    expect(r.mean[6]!).toBeGreaterThan(r.mean[10]!);
    expectValidForecast(r, { horizon: 24, widenEvery: 12 });
  });
});

describe('damped trend re-filtered with fixed parameters (the auto backtest)', () => {
  it('re-filtering a fit on its own history gives its forecasts (seasonal and not, full and prefix)', () => {
    for (const values of [M3_N1500, AIR_PASSENGERS, AIR_PASSENGERS.slice(0, 108)]) {
      const { result, fit } = forecastDampedTrendWithFit({ values, horizon: 12, seasonLength: 12, levels: [] });
      const refiltered = forecastDampedTrendFromFit(fit!, values, 12)!;
      refiltered.forEach((v, i) => expect(v).toBeCloseTo(result.mean[i]!, 6));
    }
  });

  it('a prefix keeps the full-history ETS parameters and seasonal decision; indices are re-estimated on it', () => {
    const { fit } = forecastDampedTrendWithFit({ values: AIR_PASSENGERS, horizon: 12, seasonLength: 12, levels: [] });
    const prefix = AIR_PASSENGERS.slice(0, 120);
    const fixed = forecastDampedTrendFromFit(fit!, prefix, 12)!;
    const indices = classicalSeasonalIndices(prefix, 12, 'multiplicative');
    const adjusted = prefix.map((v, t) => v / indices[t % 12]!);
    const ets = forecastDampedTrendFromFit({ ets: fit!.ets, indices: null }, adjusted, 12)!;
    fixed.forEach((v, h) => expect(v).toBeCloseTo(ets[h]! * indices[(120 + h) % 12]!, 8));
    expect(fixed).not.toEqual(forecastDampedTrend({ values: prefix, horizon: 12, seasonLength: 12, levels: [] }).mean);
  });

  it('reuses an ETS(A,Ad,N) fit of the same values when not seasonally adjusted and no interval is asked', () => {
    const input = { values: M3_N1500, horizon: 6, seasonLength: 12, levels: [] };
    const { fit } = forecastEtsWithFit({ ...input, seasonLength: 1, model: 'AAdN' });
    const reused = forecastDampedTrendFromEtsFit(input, fit!)!;
    reused.result.mean.forEach((v, i) => expect(v).toBeCloseTo(forecastDampedTrend(input).mean[i]!, 6));
    expect(reused.result.method).toBe('damped');
    expect(forecastDampedTrendFromEtsFit({ ...input, levels: [80] }, fit!)).toBeNull();
    expect(forecastDampedTrendFromEtsFit({ values: AIR_PASSENGERS, horizon: 6, seasonLength: 12, levels: [] }, fit!)).toBeNull();
  });
});
