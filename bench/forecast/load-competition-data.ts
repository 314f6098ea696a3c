import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import Papa from 'papaparse';

/** Competition series: training values, test values, horizon and seasonal period. */
export type CompetitionSeries = { id: string; train: number[]; test: number[]; horizon: number; seasonLength: number };

const here = path.dirname(fileURLToPath(import.meta.url));
/** Shared data folder (`../shared/data` relative to the repository root). */
export const dataRoot = path.resolve(here, '../../../shared/data');

function readText(file: string): string {
  const buffer = readFileSync(file);
  return file.endsWith('.gz') ? gunzipSync(buffer).toString('utf8') : buffer.toString('utf8');
}

function parseRows(file: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(readText(file), { header: true, skipEmptyLines: true });
  return parsed.data;
}

export type M3Category = 'monthly' | 'other';

/** Loads an M3 category (`m3_<category>_series.csv` + values). Series keep file order. */
export function loadM3(category: M3Category): CompetitionSeries[] {
  const info = parseRows(path.join(dataRoot, 'm3', `m3_${category}_series.csv`));
  const values = parseRows(path.join(dataRoot, 'm3', `m3_${category}_values.csv.gz`));
  const byId = new Map<string, { train: [number, number][]; test: [number, number][] }>();
  for (const row of values) {
    const entry = byId.get(row.series_id!) ?? { train: [], test: [] };
    byId.set(row.series_id!, entry);
    (row.split === 'train' ? entry.train : entry.test).push([Number(row.t), Number(row.value)]);
  }
  return info.map((row) => {
    const entry = byId.get(row.series_id!)!;
    const sortT = (a: [number, number], b: [number, number]): number => a[0] - b[0];
    return {
      id: row.series_id!,
      train: entry.train.sort(sortT).map((p) => p[1]),
      test: entry.test.sort(sortT).map((p) => p[1]),
      horizon: Number(row.h),
      seasonLength: Number(row.frequency),
    };
  });
}

/** Original M3 submissions: method → series id → forecasts. */
export function loadM3OriginalForecasts(category: M3Category): Map<string, Map<string, number[]>> {
  const rows = parseRows(path.join(dataRoot, 'm3', `m3_${category}_forecasts_original.csv.gz`));
  const result = new Map<string, Map<string, number[]>>();
  for (const row of rows) {
    const method = row.method!;
    const forecasts: number[] = [];
    for (let h = 1; `f${h}` in row; h++) {
      const text = row[`f${h}`];
      if (text !== undefined && text !== '' && text !== 'NA') forecasts.push(Number(text));
    }
    if (!result.has(method)) result.set(method, new Map());
    result.get(method)!.set(row.series_id!, forecasts);
  }
  return result;
}

/** Recomputed accuracy table of the original submissions (known answers). */
export function loadM3RecomputedAccuracy(category: M3Category): { method: string; smape: number; mase: number; nSeries: number }[] {
  return parseRows(path.join(dataRoot, 'm3', `m3_${category}_accuracy_recomputed.csv`)).map((row) => ({
    method: row.method!,
    smape: Number(row.smape),
    mase: Number(row.mase),
    nSeries: Number(row.n_series),
  }));
}

/** R forecast 8.20 reference accuracy rows (helper-computed, see the data README). */
export function loadM3ForecastPackageAccuracy(category: M3Category): { method: string; smape: number; mase: number }[] {
  return parseRows(path.join(dataRoot, 'm3', `m3_${category}_accuracy_forecastpkg.csv`)).map((row) => ({
    method: row.method!,
    smape: Number(row.smape),
    mase: Number(row.mase),
  }));
}

export type M4Category = 'hourly' | 'weekly';

function parseWide(file: string): Map<string, number[]> {
  const rows = Papa.parse<string[]>(readText(file), { header: false, skipEmptyLines: true }).data;
  const result = new Map<string, number[]>();
  for (const row of rows.slice(1)) {
    const values = row.slice(1).filter((v) => v !== '' && v !== 'NA').map(Number);
    result.set(row[0]!, values);
  }
  return result;
}

/** Loads an M4 category: hourly (h 48, m 24) or weekly (h 13, m 1 for MASE as in M4; 52 for models). */
export function loadM4(category: M4Category): CompetitionSeries[] {
  const train = parseWide(path.join(dataRoot, 'm4', `m4_${category}_train.csv.gz`));
  const test = parseWide(path.join(dataRoot, 'm4', `m4_${category}_test.csv.gz`));
  const horizon = category === 'hourly' ? 48 : 13;
  const seasonLength = category === 'hourly' ? 24 : 1;
  return [...train.entries()].map(([id, values]) => ({ id, train: values, test: test.get(id) ?? [], horizon, seasonLength }));
}

/** Official M4 accuracy rows by frequency (sMAPE, MASE, OWA) for one category. */
export function loadM4OfficialAccuracy(category: M4Category): { method: string; smape: number; mase: number; owa: number }[] {
  return parseRows(path.join(dataRoot, 'm4', 'm4_point_forecast_accuracy_by_frequency.csv')).map((row) => ({
    method: row.method_or_user_id!,
    smape: Number(row[`smape_${category}`]),
    mase: Number(row[`mase_${category}`]),
    owa: Number(row[`owa_${category}`]),
  }));
}

/** Evenly spaced subset (every k-th series) for quick development runs: `--limit N`. */
export function takeSubset<T>(items: readonly T[], limit: number | undefined): T[] {
  if (!limit || limit >= items.length) return items.slice();
  const step = items.length / limit;
  return Array.from({ length: limit }, (_, i) => items[Math.floor(i * step)]!);
}

/** The items at odd (1st, 3rd, …) or even (2nd, 4th, …) positions; all items when `half` is undefined. */
export function takeHalf<T>(items: readonly T[], half: 'odd' | 'even' | undefined): T[] {
  if (!half) return items.slice();
  return items.filter((_, i) => (half === 'odd' ? i % 2 === 0 : i % 2 === 1));
}
