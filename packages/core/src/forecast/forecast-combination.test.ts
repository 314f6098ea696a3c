import { describe, expect, it } from 'vitest';
import { forecastCombination } from './forecast-combination';
import { backtestRollingOrigin } from './backtest-rolling-origin';
import { forecastDrift, forecastNaive } from './forecast-baselines';
import type { ForecastModel } from './types';

function constantModel(name: string, value: number, halfWidth: number): ForecastModel {
  return {
    name,
    forecast: (input) => ({
      method: name,
      mean: new Array<number>(input.horizon).fill(value),
      intervals: input.levels.map((level) => ({ level, lower: new Array<number>(input.horizon).fill(value - halfWidth), upper: new Array<number>(input.horizon).fill(value + halfWidth) })),
      parameters: {},
      notes: [],
    }),
  };
}

describe('forecastCombination', () => {
  const members = [constantModel('a', 10, 1), constantModel('b', 12, 2), constantModel('c', 20, 6)];
  const input = { values: [1, 2, 3], horizon: 2, seasonLength: 1, levels: [80] };

  it('takes the median or the mean of the members, bound by bound', () => {
    const median = forecastCombination({ ...input, members });
    expect(median.mean).toEqual([12, 12]);
    expect(median.intervals[0]!.lower).toEqual([10, 10]);
    expect(median.intervals[0]!.upper).toEqual([14, 14]);
    const mean = forecastCombination({ ...input, members, combiner: 'mean' });
    expect(mean.mean).toEqual([14, 14]);
  });

  it('skips a failing member with a note and rethrows when all fail', () => {
    const failing: ForecastModel = { name: 'bad', forecast: () => { throw new Error('boom'); } };
    const r = forecastCombination({ ...input, members: [failing, ...members.slice(0, 2)], combiner: 'mean' });
    expect(r.mean).toEqual([11, 11]);
    expect(r.notes[0]).toMatch(/bad skipped: boom/);
    expect(() => forecastCombination({ ...input, members: [failing] })).toThrow('boom');
    expect(() => forecastCombination({ ...input, members: [] })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});

describe('backtestRollingOrigin (Tashman 2000)', () => {
  it('scores each model over rolling origins; drift is exact on a line, naive is not', () => {
    const line = Array.from({ length: 20 }, (_, t) => 5 + 3 * t);
    const [drift, naive] = backtestRollingOrigin({ values: line, horizon: 4, seasonLength: 1, origins: 3 }, [
      { name: 'drift', forecast: forecastDrift },
      { name: 'naive', forecast: forecastNaive },
    ]);
    expect(drift!.originCount).toBe(3);
    expect(drift!.smape).toBeCloseTo(0, 10);
    // Naive misses by 3, 6, 9, 12 at every origin: MAE 7.5; scale = mean |Δy| = 3 → MASE 2.5.
    expect(naive!.mae).toBeCloseTo(7.5, 10);
    expect(naive!.mase).toBeCloseTo(2.5, 10);
  });

  it('rejects a history too short for any origin', () => {
    expect(() => backtestRollingOrigin({ values: [1, 2, 3], horizon: 2, seasonLength: 1 }, [{ name: 'naive', forecast: forecastNaive }])).toThrow(expect.objectContaining({ code: 'out_of_range' }));
  });
});
