import { describe, expect, it } from 'vitest';
import { createRandom } from '../../shared/random';
import { fitArima, isArimaFitAdmissible, refilterArima } from './fit-arima';
import { forecastArima } from './forecast-arima';
import { AIR_PASSENGERS, LUTEINIZING_HORMONE } from './internal/test-series.fixture';
import type { ArimaOrder } from './types';

const order = (p: number, d: number, q: number, P = 0, D = 0, Q = 0, m = 1, includeConstant = false): ArimaOrder => ({
  p,
  d,
  q,
  seasonalP: P,
  seasonalD: D,
  seasonalQ: Q,
  seasonLength: m,
  includeConstant,
});

describe('fitArima', () => {
  // Known answers: R 4.x ?arima examples on datasets::lh (Diggle 1990), printed to 4 decimals.
  it('reproduces R arima(lh, order = c(1,0,0)): ar1 0.5739, intercept 2.4133, loglik -29.38, aic 64.76', () => {
    const fit = fitArima({ values: LUTEINIZING_HORMONE, order: order(1, 0, 0, 0, 0, 0, 1, true) });
    expect(fit.ar[0]).toBeCloseTo(0.5739, 3);
    expect(fit.constant).toBeCloseTo(2.4133, 3);
    expect(fit.logLikelihood).toBeCloseTo(-29.38, 2);
    expect(fit.aic).toBeCloseTo(64.76, 2);
  });

  it('reproduces R arima(lh, order = c(3,0,0)): ar 0.6448 -0.0634 -0.2198, aic 64.18', () => {
    const fit = fitArima({ values: LUTEINIZING_HORMONE, order: order(3, 0, 0, 0, 0, 0, 1, true) });
    expect(fit.ar[0]).toBeCloseTo(0.6448, 3);
    expect(fit.ar[1]).toBeCloseTo(-0.0634, 3);
    expect(fit.ar[2]).toBeCloseTo(-0.2198, 3);
    expect(fit.constant).toBeCloseTo(2.3931, 3);
    expect(fit.aic).toBeCloseTo(64.18, 2);
  });

  it('reproduces R arima(lh, order = c(1,0,1)): ar1 0.4522, ma1 0.1982, aic 65.52', () => {
    const fit = fitArima({ values: LUTEINIZING_HORMONE, order: order(1, 0, 1, 0, 0, 0, 1, true) });
    expect(fit.ar[0]).toBeCloseTo(0.4522, 3);
    expect(fit.ma[0]).toBeCloseTo(0.1982, 3);
    expect(fit.aic).toBeCloseTo(65.52, 2);
  });

  it('reproduces R on AirPassengers ARIMA(2,1,1)(0,1,0)[12]: ar 0.5960 0.2143, ma -0.9819, sigma2 132.3, AIC 1017.85', () => {
    // Source: R 4.2.2 forecast 8.20 auto.arima(AirPassengers) (team dependency trial, 2026-11-24).
    const fit = fitArima({ values: AIR_PASSENGERS, order: order(2, 1, 1, 0, 1, 0, 12) });
    expect(fit.method).toBe('ml');
    expect(fit.ar[0]).toBeCloseTo(0.596, 3);
    expect(fit.ar[1]).toBeCloseTo(0.2143, 3);
    expect(fit.ma[0]).toBeCloseTo(-0.9819, 3);
    expect(fit.sigma2).toBeCloseTo(132.3, 1);
    expect(fit.aic).toBeCloseTo(1017.85, 1);
    expect(fit.observationsUsed).toBe(131);
    expect(isArimaFitAdmissible(fit)).toBe(true);
  });

  it('recovers the coefficient of a simulated AR(1) with phi = 0.7 (500 points, seed 11)', () => {
    const rnd = createRandom(11);
    const x: number[] = [];
    let prev = 0;
    for (let t = 0; t < 600; t++) {
      prev = 0.7 * prev + rnd.nextNormal();
      if (t >= 100) x.push(10 + prev);
    }
    const fit = fitArima({ values: x, order: order(1, 0, 0, 0, 0, 0, 1, true) });
    expect(fit.ar[0]).toBeGreaterThan(0.62);
    expect(fit.ar[0]).toBeLessThan(0.78);
    expect(fit.constant).toBeGreaterThan(9.5);
    expect(fit.constant).toBeLessThan(10.5);
    expect(fit.sigma2).toBeGreaterThan(0.8);
    expect(fit.sigma2).toBeLessThan(1.2);
  });

  it('CSS estimates are close to ML ones on a long series', () => {
    const fitCss = fitArima({ values: LUTEINIZING_HORMONE, order: order(1, 0, 0, 0, 0, 0, 1, true), method: 'css' });
    expect(fitCss.method).toBe('css');
    expect(fitCss.ar[0]).toBeCloseTo(0.5739, 1);
  });

  it('is deterministic', () => {
    const a = fitArima({ values: AIR_PASSENGERS, order: order(1, 1, 1, 0, 1, 1, 12) });
    const b = fitArima({ values: AIR_PASSENGERS, order: order(1, 1, 1, 0, 1, 1, 12) });
    expect(a).toEqual(b);
  });

  it.each(['css-ml', 'css'] as const)('refilterArima (%s): same forecast on the full history, and on a prefix the one-step forecast is the full filter\'s fitted value', (method) => {
    // The filter is causal: the prediction of x_t from x_1..x_{t-1} does not depend on later values.
    const fit = fitArima({ values: AIR_PASSENGERS, order: order(1, 1, 1, 0, 1, 1, 12), method });
    const same = refilterArima(fit, AIR_PASSENGERS);
    expect(forecastArima(same, 6, []).mean).toEqual(forecastArima(fit, 6, []).mean);
    for (const length of [100, 120, 131]) {
      const oneStep = forecastArima(refilterArima(fit, AIR_PASSENGERS.slice(0, length)), 1, []).mean[0]!;
      expect(oneStep).toBeCloseTo(AIR_PASSENGERS[length]! - fit.residuals[length]!, 6);
    }
    expect(() => refilterArima(fit, AIR_PASSENGERS.slice(0, 13))).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('rejects bad input with CoreError codes', () => {
    expect(() => fitArima({ values: [1, Number.NaN, 3], order: order(0, 1, 0) })).toThrow(expect.objectContaining({ code: 'not_finite', path: 'values[1]' }));
    expect(() => fitArima({ values: [], order: order(0, 0, 0) })).toThrow(expect.objectContaining({ code: 'empty_input' }));
    expect(() => fitArima({ values: [1, 2, 3, 4], order: order(3, 0, 3) })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => fitArima({ values: [1, 2, 3, 4], order: order(0, 3, 0) })).toThrow(expect.objectContaining({ code: 'out_of_range' }));
    expect(() => fitArima({ values: [1, 2, 3, 4], order: order(0, 0, 0, 1, 0, 0, 1) })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});
