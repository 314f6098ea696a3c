import { describe, expect, it } from 'vitest';
import { createRefilteredMember, forecastAuto } from './forecast-auto';
import type { ForecastInput } from './types';
import { forecastDynamicOptimisedThetaWithFit, forecastThetaFromFit } from './forecast-theta';
import { FORECAST_METHODS, forecastByMethod, getForecastModel } from './forecast-by-method';
import { CoreError } from '../shared/core-error';
import { AIR_PASSENGERS } from './internal/test-series';
import { expectValidForecast } from './internal/expect-valid-forecast';

const LUMPY = [0, 0, 6, 0, 1, 0, 0, 0, 14, 0, 0, 3, 0, 0, 0, 9, 0, 2, 0, 0, 0, 0, 20, 0, 0, 4, 0, 0, 0, 7];

describe('forecastAuto', () => {
  it('uses an intermittent method for lumpy demand, chosen by backtest', () => {
    const r = forecastAuto({ values: LUMPY, horizon: 6, seasonLength: 1, levels: [80, 95] });
    expect(r.parameters.demandClass).toBe('lumpy');
    expect(['croston', 'sba', 'tsb', 'adida', 'imapa']).toContain(r.parameters.chosen);
    expect(r.method).toBe(`auto:${r.parameters.chosen}`);
    expect(typeof r.parameters.backtest_mae_sba).toBe('number');
    expectValidForecast(r, { horizon: 6, nonNegative: true });
  });

  it('uses the ETS/Theta family for smooth seasonal data and keeps the backtest scores', () => {
    const r = forecastAuto({ values: AIR_PASSENGERS.slice(0, 96), horizon: 12, seasonLength: 12, levels: [80, 95] });
    expect(r.parameters.demandClass).toBe('smooth');
    expect(['combination', 'ets', 'theta', 'dotm', 'damped', 'snaive']).toContain(r.parameters.chosen);
    expect(typeof r.parameters.backtest_smape_combination).toBe('number');
    expectValidForecast(r, { horizon: 12, widenEvery: 12 });
    // Forecast of 1957 from 1949–1956 within 15 % of the actuals on average.
    const actual = AIR_PASSENGERS.slice(96, 108);
    const ape = actual.reduce((s, y, i) => s + Math.abs(y - r.mean[i]!) / y, 0) / 12;
    expect(ape).toBeLessThan(0.15);
  });

  it('arimaMember adds auto-ARIMA as a weighted member, backtested by re-filtering the full-history model', () => {
    const input = { values: AIR_PASSENGERS.slice(0, 96), horizon: 12, seasonLength: 12, levels: [80, 95] };
    const r = forecastAuto({ ...input, arimaMember: true });
    expect(r.parameters.chosen).toBe('combination');
    expect(r.parameters.weight_arima).toBeGreaterThan(0);
    expect(String(r.parameters.members)).toMatch(/ARIMA\(/);
    expect(typeof r.parameters.backtest_smape_arima).toBe('number');
    expectValidForecast(r, { horizon: 12, widenEvery: 12 });
    const without = forecastAuto(input);
    expect(without.parameters.weight_arima).toBeUndefined();
    expect(forecastAuto({ ...input, arimaMember: true }).mean).toEqual(r.mean);
  });

  it('createRefilteredMember: one estimation on the full history, prefixes re-filtered, refit without a fit', () => {
    const input: ForecastInput = { values: AIR_PASSENGERS.slice(0, 96), horizon: 12, seasonLength: 12, levels: [] };
    let estimations = 0;
    const counting = (i: ForecastInput): ReturnType<typeof forecastDynamicOptimisedThetaWithFit> => {
      estimations++;
      return forecastDynamicOptimisedThetaWithFit(i);
    };
    const member = createRefilteredMember('dotm', input, counting, forecastThetaFromFit);
    const prefix = { ...input, values: input.values.slice(0, 72), horizon: 8 };
    const { fit, result } = forecastDynamicOptimisedThetaWithFit(input);
    expect(member.forecast(prefix).mean).toEqual(forecastThetaFromFit(fit!, prefix.values, 8));
    expect(member.forecast(input).mean).toEqual(result.mean);
    expect(estimations).toBe(1);
    const noFit = createRefilteredMember('dotm', input, (i) => ({ result: counting(i).result, fit: null }), forecastThetaFromFit);
    expect(noFit.forecast(prefix).mean).toEqual(forecastDynamicOptimisedThetaWithFit(prefix).result.mean);
    expect(estimations).toBe(3);
  });

  it('is deterministic: the same input gives the same combination twice', () => {
    const input = { values: AIR_PASSENGERS.slice(0, 96), horizon: 12, seasonLength: 12, levels: [80] };
    expect(forecastAuto(input)).toEqual(forecastAuto(input));
  });

  it('falls back without NaN: zeros, one point, negatives, short series', () => {
    const zero = forecastAuto({ values: [0, 0, 0, 0], horizon: 3, seasonLength: 1, levels: [80] });
    expect(zero.mean).toEqual([0, 0, 0]);
    expect(zero.method).toBe('auto:zero');
    expect(forecastAuto({ values: [9], horizon: 2, seasonLength: 12, levels: [80] }).mean).toEqual([9, 9]);
    const negative = forecastAuto({ values: [-3, -1, -4, -2, -5, -3, -6, -2, -4, -5], horizon: 4, seasonLength: 1, levels: [80, 95] });
    expectValidForecast(negative, { horizon: 4 });
    const short = forecastAuto({ values: [3, 5, 4, 6], horizon: 5, seasonLength: 12, levels: [80, 95] });
    expectValidForecast(short, { horizon: 5 });
  });
});

describe('forecastByMethod', () => {
  const cases: { name: string; values: number[]; seasonLength: number }[] = [
    { name: 'one point', values: [5], seasonLength: 1 },
    { name: 'two points', values: [5, 6], seasonLength: 12 },
    { name: 'all zeros', values: new Array<number>(30).fill(0), seasonLength: 12 },
    { name: 'constant', values: new Array<number>(30).fill(7), seasonLength: 12 },
    { name: 'negatives', values: AIR_PASSENGERS.slice(0, 40).map((v) => v - 150), seasonLength: 12 },
    { name: 'seasonal', values: AIR_PASSENGERS.slice(0, 40), seasonLength: 12 },
  ];
  for (const method of FORECAST_METHODS) {
    it(`${method}: finite output or a typed error on awkward series`, () => {
      for (const c of cases) {
        try {
          const r = forecastByMethod(method, { values: c.values, horizon: 4, seasonLength: c.seasonLength, levels: [80, 95], seed: 1 });
          for (const v of r.mean) expect(Number.isFinite(v), `${method} ${c.name}`).toBe(true);
          for (const i of r.intervals) for (const v of [...i.lower, ...i.upper]) expect(Number.isFinite(v), `${method} ${c.name}`).toBe(true);
        } catch (error) {
          // Only documented rejections: intermittent methods refuse negative demand.
          expect(error, `${method} ${c.name}`).toBeInstanceOf(CoreError);
          expect((error as CoreError).code).toBe('negative_value');
          expect(c.name).toBe('negatives');
        }
      }
    }, 60_000);
  }

  it('rejects an unknown method', () => {
    expect(() => forecastByMethod('prophet', { values: [1], horizon: 1, seasonLength: 1, levels: [] })).toThrow(expect.objectContaining({ code: 'invalid_input', path: 'method' }));
    expect(getForecastModel('naive').forecast({ values: [1, 2, 4], horizon: 2, seasonLength: 1, levels: [80] }).mean).toEqual([4, 4]);
  });
});
