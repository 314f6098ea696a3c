import { describe, expect, it } from 'vitest';
import {
  computeForecastBias,
  computeMeanAbsolutePercentageError,
  computeMeanAbsoluteScaledError,
  computeNaiveMaeByItem,
  computeWeightedAbsolutePercentageError,
} from './forecast-accuracy';
import type { KpiForecastRecord } from './types';

const r = (id: string, periodDate: string, actualQuantity: number, forecastQuantity: number, itemId = 'I1'): KpiForecastRecord => ({ id, itemId, periodDate, actualQuantity, forecastQuantity });
// Hand-computed: (a, f) = (100, 90), (50, 60), (0, 5).
const three = [r('F1', '2026-01-01', 100, 90), r('F2', '2026-02-01', 50, 60), r('F3', '2026-03-01', 0, 5)];

describe('forecast accuracy (Hyndman & Athanasopoulos FPP3 §5.8; hand-computed)', () => {
  it('MAPE skips zero actuals: (0.1 + 0.2) / 2 = 0.15', () => {
    const result = computeMeanAbsolutePercentageError(three);
    expect(result.value).toBeCloseTo(0.15, 12);
    expect(result.components).toEqual({ zeroActuals: 1 });
    expect(result.recordIds).toEqual(['F1', 'F2']);
  });
  it('WAPE = 25 / 150', () => {
    expect(computeWeightedAbsolutePercentageError(three).value).toBeCloseTo(25 / 150, 12);
  });
  it('bias = (−10 + 10 + 5) / 150, positive when over-forecasting', () => {
    expect(computeForecastBias(three).value).toBeCloseTo(5 / 150, 12);
    expect(computeForecastBias([r('U', '2026-01-01', 10, 8)]).value).toBeCloseTo(-0.2, 12);
  });
  it('MASE: actuals 10,12,11,15 (naive MAE 7/3), errors 1,1,1,2 → 0.5357 (Hyndman & Koehler 2006 definition)', () => {
    const series = [r('a', '2026-01-01', 10, 11), r('b', '2026-02-01', 12, 11), r('c', '2026-03-01', 11, 12), r('d', '2026-04-01', 15, 13)];
    expect(computeNaiveMaeByItem(series)).toEqual({ I1: 7 / 3 });
    expect(computeMeanAbsoluteScaledError([...series].reverse()).value).toBeCloseTo(1.25 / (7 / 3), 12);
    expect(computeMeanAbsoluteScaledError(series, { naiveMaeByItemId: { I1: 2.5 } }).value).toBeCloseTo(0.5, 12);
  });
  it('a perfect forecast scores zero everywhere', () => {
    const perfect = [r('a', '2026-01-01', 10, 10), r('b', '2026-02-01', 20, 20)];
    expect(computeMeanAbsolutePercentageError(perfect).value).toBe(0);
    expect(computeWeightedAbsolutePercentageError(perfect).value).toBe(0);
    expect(computeMeanAbsoluteScaledError(perfect).value).toBe(0);
  });
  it('rejects empty and negative input', () => {
    expect(() => computeWeightedAbsolutePercentageError([])).toThrow(expect.objectContaining({ code: 'empty_input' }));
    expect(() => computeForecastBias([r('x', '2026-01-01', -1, 0)])).toThrow(expect.objectContaining({ code: 'negative_value' }));
    expect(() => computeMeanAbsoluteScaledError(three, { seasonalPeriod: 0 })).toThrow(expect.objectContaining({ code: 'out_of_range' }));
  });
});
