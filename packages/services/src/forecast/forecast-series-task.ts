import { forecastByMethod } from '@flowpilot/core';

/** One series to forecast inside a worker thread (structured-cloneable). */
export type ForecastSeriesTask = {
  seriesId: string;
  values: number[];
  horizon: number;
  seasonLength: number;
  method: string;
  levels: number[];
  seed: number;
};

export type ForecastSeriesOutcome =
  | { seriesId: string; ok: true; method: string; mean: number[]; intervals: { level: number; lower: number[]; upper: number[] }[]; notes: string[]; parameters: Record<string, number | string | boolean | null> }
  | { ok: false; seriesId: string; code: string; message: string };

/**
 * Forecasts one series; a CoreError for this series (e.g. negative values with an intermittent
 * method) comes back as data so one bad series does not stop the others.
 */
export function runForecastSeriesTask(task: ForecastSeriesTask): ForecastSeriesOutcome {
  try {
    const result = forecastByMethod(task.method, { values: task.values, horizon: task.horizon, seasonLength: task.seasonLength, levels: task.levels, seed: task.seed });
    return { seriesId: task.seriesId, ok: true, method: result.method, mean: result.mean, intervals: result.intervals, notes: result.notes, parameters: result.parameters };
  } catch (error) {
    const code = error && typeof error === 'object' && 'code' in error ? String((error as { code: unknown }).code) : 'internal';
    return { ok: false, seriesId: task.seriesId, code, message: error instanceof Error ? error.message : String(error) };
  }
}
