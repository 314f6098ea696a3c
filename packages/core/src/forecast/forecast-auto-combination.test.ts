import { describe, expect, it } from 'vitest';
import { autoBacktestOrigins, chooseAutoCombination, forecastAuto } from './forecast-auto';
import { fitEtsModel, forecastEts, forecastEtsEnsembleFromFits, forecastEtsFromFit, forecastEtsWithFit } from './forecast-ets';
import { computeSmape } from './accuracy-metrics';
import { AIR_PASSENGERS } from './internal/test-series';
import { expectValidForecast } from './internal/expect-valid-forecast';

const MEMBERS = ['ets', 'theta', 'dotm', 'damped'];

/** An origin whose actuals are all 100 and where each named candidate forecasts a constant. */
function origin(levels: Record<string, number>): { actual: number[]; forecasts: Record<string, number[]> } {
  const forecasts: Record<string, number[]> = {};
  for (const [name, value] of Object.entries(levels)) forecasts[name] = [value, value];
  return { actual: [100, 100], forecasts };
}

describe('chooseAutoCombination (inverse squared sMAPE weights, Bates & Granger 1969; seasonal naive benchmark)', () => {
  it('weights members by 1/sMAPE²: errors 5, 10, 10, 20 → 0.64, 0.16, 0.16, 0.04 (worked by hand)', () => {
    // sMAPE of a constant forecast f against 100 is 200|100 − f|/(100 + f); pick f for 5, 10, 10, 20 %.
    const f = (smape: number): number => (100 * (200 - smape)) / (200 + smape);
    const o = origin({ ets: f(5), theta: f(10), dotm: f(10), damped: f(20) });
    expect(computeSmape(o.actual, o.forecasts.ets!)).toBeCloseTo(5, 10);
    const choice = chooseAutoCombination([o, o], MEMBERS);
    expect(choice.chosen).toBe('combination');
    expect(choice.weights.map((w) => Number(w.toFixed(10)))).toEqual([0.64, 0.16, 0.16, 0.04]);
    expect(choice.backtestSmape.theta).toBeCloseTo(10, 10);
    expect(choice.originCount).toBe(2);
  });

  it('no origin or no usable member → equal weights; a member that failed at an origin gets weight 0', () => {
    expect(chooseAutoCombination([], MEMBERS).weights).toEqual([0.25, 0.25, 0.25, 0.25]);
    const partial = origin({ ets: 90, theta: 95, damped: 80 });
    const choice = chooseAutoCombination([partial], MEMBERS);
    expect(choice.weights[2]).toBe(0);
    expect(choice.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('seasonal naive replaces the combination only when it wins at ≥ 3/4 of the origins and by more than the margin on average', () => {
    const members = { ets: 80, theta: 80, dotm: 80, damped: 80 };
    const good = origin({ ...members, snaive: 99 });
    const bad = origin({ ...members, snaive: 50 });
    // Wins 3 of 4 origins by far, loses one: mean sMAPE 0.5·3/4 + 66.7/4 ≈ 17.1 vs 22.2 → chosen.
    expect(chooseAutoCombination([good, good, good, bad], MEMBERS).chosen).toBe('snaive');
    // Wins 2 of 4 only: kept out even though its mean error is lower.
    const twoOfFour = chooseAutoCombination([good, good, origin({ ...members, snaive: 79 }), origin({ ...members, snaive: 79 })], MEMBERS);
    expect(twoOfFour.backtestSmape.snaive!).toBeLessThan(twoOfFour.backtestSmape.combination!);
    expect(twoOfFour.benchmarkWins).toBe(2);
    expect(twoOfFour.chosen).toBe('combination');
    // Wins everywhere but by less than 5 % → combination kept.
    const close = origin({ ...members, snaive: 80.5 });
    expect(chooseAutoCombination([close, close, close, close], MEMBERS).chosen).toBe('combination');
  });
});

describe('autoBacktestOrigins', () => {
  it('steps by one season when 1 < m ≤ H, else by ⌈H/3⌉, keeping max(m + 2, 6) training values', () => {
    expect(autoBacktestOrigins(240, 48, 24)).toEqual([192, 168, 144, 120]);
    expect(autoBacktestOrigins(60, 8, 1)).toEqual([52, 49, 46, 43]);
    expect(autoBacktestOrigins(48, 12, 12)).toEqual([36, 24]);
    expect(autoBacktestOrigins(100, 13, 52)).toEqual([87, 82, 77, 72]);
    expect(autoBacktestOrigins(10, 5, 1)).toEqual([]);
  });
});

describe('forecastEtsFromFit (ETS re-filtered without re-estimation, as R ets(y, model = fit))', () => {
  it('on the fitted series itself reproduces the fit’s own forecast; on a prefix it forecasts the next values', () => {
    const { result, fit } = forecastEtsWithFit({ values: AIR_PASSENGERS, horizon: 12, seasonLength: 12, levels: [] });
    expect(fit).not.toBeNull();
    const again = forecastEtsFromFit(fit!, AIR_PASSENGERS, 12, 12)!;
    again.forEach((v, i) => expect(v).toBeCloseTo(result.mean[i]!, 8));
    // Forecast of 1960 from 1949–1959 with the parameters of the full fit: within 10 % sMAPE.
    const prefix = forecastEtsFromFit(fit!, AIR_PASSENGERS.slice(0, 132), 12, 12)!;
    expect(computeSmape(AIR_PASSENGERS.slice(132), prefix)).toBeLessThan(10);
  });

  it('returns the same model as forecastEts and no fit for the naive fallbacks', () => {
    const fit = fitEtsModel(AIR_PASSENGERS, { error: 'M', trend: 'A', season: 'M' }, 12)!;
    expect(forecastEtsFromFit(fit, AIR_PASSENGERS.slice(0, 60), 12, 3)!.length).toBe(3);
    expect(forecastEtsWithFit({ values: [5, 5, 5, 5], horizon: 2, seasonLength: 1, levels: [] }).fit).toBeNull();
    expect(forecastEtsWithFit({ values: AIR_PASSENGERS, horizon: 2, seasonLength: 12, levels: [] }).result.method).toBe(forecastEts({ values: AIR_PASSENGERS, horizon: 2, seasonLength: 12, levels: [] }).method);
  });
});

describe('forecastEtsEnsembleFromFits (Akaike-weighted ETS forms re-filtered, Kolassa 2011)', () => {
  it('equals the weighted mean of forecastEtsFromFit of each form, and the full-series ensemble forecast on the whole series', () => {
    const { result, ensemble } = forecastEtsWithFit({ values: AIR_PASSENGERS, horizon: 12, seasonLength: 12, levels: [], selection: 'akaike-weights' });
    expect(ensemble.length).toBeGreaterThan(1);
    const prefix = AIR_PASSENGERS.slice(0, 120);
    const combined = forecastEtsEnsembleFromFits(ensemble, prefix, 12, 12)!;
    const byHand = Array.from({ length: 12 }, (_, h) => ensemble.reduce((a, e) => a + e.weight * forecastEtsFromFit(e.fit, prefix, 12, 12)![h]!, 0));
    combined.forEach((v, h) => expect(v).toBeCloseTo(byHand[h]!, 8));
    forecastEtsEnsembleFromFits(ensemble, AIR_PASSENGERS, 12, 12)!.forEach((v, h) => expect(v).toBeCloseTo(result.mean[h]!, 8));
  });

  it("auto's ETS member is the Akaike-weighted mean by default, the lowest-AICc form with etsSelection 'aicc'", () => {
    const input = { values: AIR_PASSENGERS.slice(0, 120), horizon: 12, seasonLength: 12, levels: [80] };
    const weighted = forecastAuto(input);
    const selected = forecastAuto({ ...input, etsSelection: 'aicc' });
    expect(weighted.notes.some((note) => note.startsWith('ets: Akaike-weighted mean of'))).toBe(true);
    expect(selected.notes.some((note) => note.includes('Akaike'))).toBe(false);
    expect(weighted.mean).not.toEqual(selected.mean);
    expectValidForecast(weighted, { horizon: 12, widenEvery: 12 });
  });
});

describe('forecastAuto, smooth demand', () => {
  it('returns a weighted combination with weights that sum to 1 and the backtest behind them', () => {
    const r = forecastAuto({ values: AIR_PASSENGERS.slice(0, 120), horizon: 12, seasonLength: 12, levels: [80, 95] });
    expect(r.parameters.chosen).toBe('combination');
    const weights = Object.entries(r.parameters).filter(([k]) => k.startsWith('weight_')).map(([, v]) => v as number);
    expect(weights.length).toBe(4);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    expect(r.parameters.backtestOrigins).toBe(4);
    expect(typeof r.parameters.backtest_smape_snaive).toBe('number');
    expectValidForecast(r, { horizon: 12, widenEvery: 12 });
    // 1959 from 1949–1958: a sanity bound (seasonal naive scores 11.6 % here, the combination ≈ 10 %).
    expect(computeSmape(AIR_PASSENGERS.slice(120, 132), r.mean)).toBeLessThan(11);
  });

  it('picks seasonal naive for a noisy fixed daily profile (no trend, level shifts the models chase)', () => {
    // Exact repeating 24-hour profile plus rare one-off spikes: seasonal naive is exact at every origin.
    const profile = Array.from({ length: 24 }, (_, h) => 100 + 60 * Math.sin((2 * Math.PI * h) / 24) + (h % 5) * 7);
    const values = Array.from({ length: 24 * 12 }, (_, t) => profile[t % 24]! + (t % 97 === 50 ? 80 : 0));
    const r = forecastAuto({ values, horizon: 48, seasonLength: 24, levels: [80] });
    expect(r.parameters.chosen).toBe('snaive');
    expect(r.method).toBe('auto:snaive');
    expectValidForecast(r, { horizon: 48 });
  });
});
