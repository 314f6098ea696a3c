import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import Papa from 'papaparse';
import { runInWorkerPool } from '../parallel/worker-pool';
import { readForecastCsv, type ForecastCsvIssue } from './read-forecast-csv';
import { runForecastSeriesTask, type ForecastSeriesOutcome, type ForecastSeriesTask } from './forecast-series-task';

export type RunForecastCsvInput = {
  inputPath: string;
  /** Where to write the forecast CSV; omitted → the CSV text is returned only. */
  outputPath?: string;
  horizon: number;
  seasonLength: number;
  method: string;
  levels: number[];
  seed?: number;
  /** Worker threads; default all cores; 1 → in this thread (no workers). */
  threadCount?: number;
  onProgress?: (doneSeries: number, totalSeries: number) => void;
  signal?: AbortSignal;
};

export type RunForecastCsvResult =
  | { ok: false; issues: ForecastCsvIssue[] }
  | {
      ok: true;
      seriesCount: number;
      rowCount: number;
      failed: { seriesId: string; code: string; message: string }[];
      methods: Record<string, number>;
      notes: { seriesId: string; note: string }[];
      csv: string;
      seconds: number;
    };

/** Output columns: series_id, step, forecast, lower_L, upper_L for each level, method. */
export function forecastCsvColumns(levels: readonly number[]): string[] {
  return ['series_id', 'step', 'forecast', ...levels.flatMap((level) => [`lower_${level}`, `upper_${level}`]), 'method'];
}

/**
 * Reads a long CSV, forecasts every series with `method` on worker threads (batches of series per
 * task), and writes `series_id,step,forecast,lower_80,upper_80,lower_95,upper_95,method`.
 * Input problems come back as `{ ok: false, issues }` with line numbers; a series whose model
 * rejects its data is listed in `failed` and gets no rows.
 */
export async function runForecastCsv(input: RunForecastCsvInput): Promise<RunForecastCsvResult> {
  const started = performance.now();
  const text = await readFile(input.inputPath, 'utf8');
  const parsed = readForecastCsv(text);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const tasks: ForecastSeriesTask[] = parsed.series.map((s, index) => ({
    seriesId: s.seriesId,
    values: s.values,
    horizon: input.horizon,
    seasonLength: input.seasonLength,
    method: input.method,
    levels: input.levels,
    seed: (input.seed ?? 1) + index,
  }));
  const threadCount = Math.max(1, Math.min(input.threadCount ?? availableParallelism(), tasks.length));
  let outcomes: ForecastSeriesOutcome[];
  if (threadCount === 1) {
    outcomes = [];
    for (const task of tasks) {
      input.signal?.throwIfAborted();
      outcomes.push(runForecastSeriesTask(task));
      input.onProgress?.(outcomes.length, tasks.length);
    }
  } else {
    // Batches amortise message passing for short series; about 8 batches per thread balance the load.
    const batchSize = Math.max(1, Math.min(50, Math.ceil(tasks.length / (threadCount * 8))));
    const batches: ForecastSeriesTask[][] = [];
    for (let i = 0; i < tasks.length; i += batchSize) batches.push(tasks.slice(i, i + batchSize));
    const results = await runInWorkerPool<ForecastSeriesTask[], ForecastSeriesOutcome[]>({
      workerModuleUrl: new URL('./forecast-worker.ts', import.meta.url),
      tasks: batches,
      threadCount,
      signal: input.signal,
      onProgress: (done) => input.onProgress?.(Math.min(tasks.length, done * batchSize), tasks.length),
    });
    outcomes = results.flat();
  }
  const columns = forecastCsvColumns(input.levels);
  const rows: (string | number)[][] = [];
  const failed: { seriesId: string; code: string; message: string }[] = [];
  const methods: Record<string, number> = {};
  const notes: { seriesId: string; note: string }[] = [];
  for (const outcome of outcomes) {
    if (!outcome.ok) {
      failed.push({ seriesId: outcome.seriesId, code: outcome.code, message: outcome.message });
      continue;
    }
    methods[outcome.method] = (methods[outcome.method] ?? 0) + 1;
    for (const note of outcome.notes) notes.push({ seriesId: outcome.seriesId, note });
    outcome.mean.forEach((value, h) => {
      const row: (string | number)[] = [outcome.seriesId, h + 1, round(value)];
      for (const level of input.levels) {
        const interval = outcome.intervals.find((i) => i.level === level);
        row.push(round(interval?.lower[h] ?? value), round(interval?.upper[h] ?? value));
      }
      row.push(outcome.method);
      rows.push(row);
    });
  }
  const csv = Papa.unparse({ fields: columns, data: rows }, { newline: '\n' }) + '\n';
  if (input.outputPath) await writeFile(input.outputPath, csv, 'utf8');
  return { ok: true, seriesCount: tasks.length, rowCount: rows.length, failed, methods, notes, csv, seconds: (performance.now() - started) / 1000 };
}

/** One rounding policy for written forecasts: 10 significant digits. */
function round(value: number): number {
  return Number(value.toPrecision(10));
}
