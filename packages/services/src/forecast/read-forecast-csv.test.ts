import { describe, expect, it } from 'vitest';
import { readForecastCsv } from './read-forecast-csv';
import { runForecastSeriesTask } from './forecast-series-task';

describe('readForecastCsv', () => {
  it('reads series_id,t,value, sorts periods and keeps series order', () => {
    const r = readForecastCsv('series_id,t,value\nB,2,5\nA,1,1\nB,1,4\nA,2,2\n');
    expect(r).toEqual({ ok: true, periodColumn: 't', series: [{ seriesId: 'B', values: [4, 5], periods: ['1', '2'] }, { seriesId: 'A', values: [1, 2], periods: ['1', '2'] }] });
  });

  it('reads series_id,date,value with ISO dates', () => {
    const r = readForecastCsv('series_id,date,value\nX,2024-02-01,3\nX,2024-01-01,2\n');
    expect(r.ok && r.series[0]!.values).toEqual([2, 3]);
  });

  it('reports bad rows with their physical line numbers', () => {
    const r = readForecastCsv('series_id,t,value\nA,1,1\n\nA,2,abc\nA,x,3\n');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]).toMatchObject({ line: 4, column: 'value', value: 'abc' });
      expect(r.issues[1]).toMatchObject({ line: 5, column: 't', value: 'x' });
    }
  });

  it('reports missing columns, duplicates, gaps and empty files', () => {
    const missing = readForecastCsv('series_id,value\nA,1\n');
    expect(!missing.ok && missing.issues[0]!.message).toMatch(/missing column\(s\): t or date/);
    const duplicate = readForecastCsv('series_id,t,value\nA,1,1\nA,1,2\n');
    expect(!duplicate.ok && duplicate.issues[0]).toMatchObject({ line: 3, message: expect.stringMatching(/duplicate period/) });
    const gap = readForecastCsv('series_id,t,value\nA,1,1\nA,3,2\n');
    expect(!gap.ok && gap.issues[0]!.message).toMatch(/gap in series A/);
    expect(readForecastCsv('').ok).toBe(false);
    expect(readForecastCsv('series_id,t,value\n').ok).toBe(false);
  });
});

describe('runForecastSeriesTask', () => {
  it('returns a forecast, or the model error as data', () => {
    const ok = runForecastSeriesTask({ seriesId: 'A', values: [1, 2, 4], horizon: 2, seasonLength: 1, method: 'naive', levels: [80], seed: 1 });
    expect(ok.ok && ok.mean).toEqual([4, 4]);
    const bad = runForecastSeriesTask({ seriesId: 'B', values: [1, -2, 4], horizon: 2, seasonLength: 1, method: 'croston', levels: [80], seed: 1 });
    expect(bad).toMatchObject({ ok: false, seriesId: 'B', code: 'negative_value' });
  });
});
