import { describe, expect, it } from 'vitest';
import { forecastDampedTrend } from './forecast-damped-trend';
import { forecastEts } from './forecast-ets';
import { AIR_PASSENGERS, M3_N1500 } from './internal/test-series';
import { expectValidForecast } from './internal/expect-valid-forecast';

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
