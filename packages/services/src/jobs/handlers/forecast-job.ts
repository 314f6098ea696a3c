import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { createWeeklyBuckets } from '../../planning-cycle/weekly-buckets';
import { hashInputs, insertRows, startPlanningRun } from '../../planning-cycle/planning-run-store';
import { FORECAST_MODEL_COLUMNS, FORECAST_VALUE_COLUMNS, forecastSeries, type WeekOverride } from '../../planning-cycle/forecast-series';
import { loadActiveForecastOverrides } from '../../planning-cycle/forecast-overrides';
import type { JobHandler } from '../job-types';
import { dateParam, integerParam, stringParam } from '../internal/job-params';

/** Parameters of a forecast job (defaults as the planning cycle's forecast step). */
export type ForecastJobParams = {
  asOfDate: string;
  horizonWeeks: number;
  historyWeeks: number;
  seasonLength: number;
  seed: number;
  /** 'auto' (model chosen per series by backtest, with a 13-week holdout report) or one core method (naive, ses, croston…). */
  method: string;
  /** Series per partition: the unit a worker claims (default 100). Fixed by the job, never by the worker count. */
  seriesPerPartition: number;
};

export function readForecastJobParams(params: Record<string, unknown>, today: string): ForecastJobParams {
  return {
    asOfDate: dateParam(params, 'asOfDate', today),
    horizonWeeks: integerParam(params, 'horizonWeeks', 53, 1, 156),
    historyWeeks: integerParam(params, 'historyWeeks', 156, 8, 520),
    seasonLength: integerParam(params, 'seasonLength', 52, 1, 52),
    seed: integerParam(params, 'seed', 1, 0, 2 ** 31 - 1),
    method: stringParam(params, 'method', 'auto') as string,
    seriesPerPartition: integerParam(params, 'seriesPerPartition', 100, 1, 100_000),
  };
}

type SeriesKey = [itemCode: string, locationCode: string];
/** An active override as carried in a partition's input (snapshot taken when the job was planned). */
type OverrideEntry = [itemCode: string, locationCode: string, weekStart: string, id: string, quantity: number];

/** Weekly history of some series, zero-filled over `historyWeeks`, leading zeros before the first sale dropped. */
async function loadWeeklyHistory(handle: DatabaseHandle, organizationId: string, keys: readonly SeriesKey[], p: ForecastJobParams): Promise<Map<string, number[]>> {
  const buckets = createWeeklyBuckets(p.asOfDate, p.horizonWeeks);
  const historyStart = createWeeklyBuckets(p.asOfDate, 0).startOf(-p.historyWeeks);
  const wanted = new Set(keys.map(([item, location]) => `${item}@${location}`));
  const items = [...new Set(keys.map(([item]) => item))];
  const series = new Map<string, number[]>();
  for (const key of wanted) series.set(key, new Array<number>(p.historyWeeks).fill(0));
  if (items.length === 0) return series;
  const rows = (await sql<{ item_code: string; location_code: string; week: string; quantity: string }>`
    select item_code, location_code, date_trunc('week', sale_date)::date as week, sum(quantity)::text as quantity
    from sales_history where organization_id = ${organizationId} and item_code in (${sql.join(items)}) and sale_date >= ${historyStart} and sale_date < ${buckets.firstMonday}
    group by 1, 2, 3 order by 1, 2, 3`.execute(handle.db)).rows;
  for (const row of rows) {
    const values = series.get(`${row.item_code}@${row.location_code}`);
    if (!values) continue;
    const index = buckets.periodOf(row.week) + p.historyWeeks;
    if (index >= 0 && index < p.historyWeeks) values[index] = Number(row.quantity);
  }
  for (const [key, full] of series) {
    const firstSale = full.findIndex((v) => v !== 0);
    series.set(key, full.slice(Math.max(0, firstSale)));
  }
  return series;
}

/**
 * `forecast`: the weekly forecast of every item × location with sales in the history window or an active
 * planner's override, split into partitions of `seriesPerPartition` series (sorted by item, location). Each
 * partition writes its forecast_model and forecast_value rows under the job's planning run in the transaction
 * that marks it done, so a killed worker leaves nothing and its partition is re-run. Per series it runs the
 * planning cycle's own function (forecastSeries: core forecastAuto with seed, 80/95 % intervals, 13-week holdout
 * accuracy, overrides replacing their week), so the job and the cycle's forecast step store the same numbers,
 * whatever the number of workers or the order partitions ran in. The overrides are those active when the job
 * was enqueued (kept in each partition's input, so a retry or a re-run partition uses the same ones).
 */
export const forecastJobHandler: JobHandler = {
  kind: 'forecast',
  async plan({ handle, jobId, organizationId, params, today }) {
    const p = readForecastJobParams(params, today);
    const buckets = createWeeklyBuckets(p.asOfDate, p.horizonWeeks);
    const historyStart = createWeeklyBuckets(p.asOfDate, 0).startOf(-p.historyWeeks);
    const withSales = (await sql<{ item_code: string; location_code: string }>`select distinct item_code, location_code from sales_history
      where organization_id = ${organizationId} and sale_date >= ${historyStart} and sale_date < ${buckets.firstMonday}`.execute(handle.db)).rows.map((r) => `${r.item_code}@${r.location_code}`);
    const overrides = await loadActiveForecastOverrides(handle, organizationId);
    // The cycle's order: item@location sorted as text.
    const keys = [...new Set([...withSales, ...overrides.keys()])].sort().map((key) => key.split('@') as SeriesKey);
    const run = await startPlanningRun(handle, { organizationId, runType: 'forecast', asOfDate: p.asOfDate, parameters: { ...p, levels: [80, 95], jobId, overrides: 'active planner overrides (forecast_override) when the job was enqueued replace the statistical forecast of their week; intervals move with them' }, createdBy: `job:${jobId}` });
    const partitions: { input: Record<string, unknown>; progressTotal: number }[] = [];
    for (let start = 0; start < keys.length; start += p.seriesPerPartition) {
      const chunk = keys.slice(start, start + p.seriesPerPartition);
      const chunkOverrides: OverrideEntry[] = chunk.flatMap(([item, location]) => [...(overrides.get(`${item}@${location}`) ?? new Map<string, WeekOverride>()).entries()]
        .sort(([a], [b]) => a.localeCompare(b)).map(([week, o]): OverrideEntry => [item, location, week, o.id, o.quantity]));
      partitions.push({ input: { series: chunk, overrides: chunkOverrides }, progressTotal: chunk.length });
    }
    return { partitions, state: { runId: run.id, seriesCount: keys.length, firstWeek: buckets.firstMonday } };
  },

  async runPartition({ handle, organizationId, params, state, input, signal, progress }) {
    const p = readForecastJobParams(params, String(state.today));
    const runId = String(state.runId);
    const keys = ((input.series ?? []) as SeriesKey[]);
    const series = await loadWeeklyHistory(handle, organizationId, keys, p);
    const buckets = createWeeklyBuckets(p.asOfDate, p.horizonWeeks);
    const overrides = new Map<string, Map<string, WeekOverride>>();
    for (const [item, location, week, id, quantity] of (input.overrides ?? []) as OverrideEntry[]) {
      const weeks = overrides.get(`${item}@${location}`) ?? new Map<string, WeekOverride>();
      weeks.set(week, { id, quantity });
      overrides.set(`${item}@${location}`, weeks);
    }
    const modelRows: unknown[][] = [];
    const valueRows: unknown[][] = [];
    const methods: Record<string, number> = {};
    let done = 0;
    let overrideCount = 0;
    for (const [itemCode, locationCode] of keys) {
      // Yield so heartbeats and cancels get through between series.
      await yieldToEventLoop();
      signal.throwIfAborted();
      const one = forecastSeries({
        runId, organizationId, itemCode, locationCode, history: series.get(`${itemCode}@${locationCode}`) ?? [], buckets,
        horizonWeeks: p.horizonWeeks, seasonLength: p.seasonLength, seed: p.seed, method: p.method, overrides: overrides.get(`${itemCode}@${locationCode}`),
      });
      methods[one.method] = (methods[one.method] ?? 0) + 1;
      overrideCount += one.overrideCount;
      modelRows.push(one.modelRow);
      valueRows.push(...one.valueRows);
      done++;
      progress(done, keys.length);
    }
    const inputsHash = hashInputs({ series: keys.map(([item, location]) => [item, location, series.get(`${item}@${location}`)]), overrides: input.overrides ?? [] });
    return {
      async commit(h) {
        await insertRows(h, 'forecast_model', FORECAST_MODEL_COLUMNS, modelRows);
        await insertRows(h, 'forecast_value', FORECAST_VALUE_COLUMNS, valueRows);
        return { seriesCount: keys.length, methods, overrideCount, inputsHash };
      },
    };
  },

  async finalize({ handle, jobId, params, state, partitionResults }) {
    const p = readForecastJobParams(params, String(state.today));
    const methods: Record<string, number> = {};
    let seriesCount = 0;
    let overrideCount = 0;
    for (const result of partitionResults) {
      seriesCount += Number(result.seriesCount ?? 0);
      overrideCount += Number(result.overrideCount ?? 0);
      for (const [method, count] of Object.entries((result.methods ?? {}) as Record<string, number>)) methods[method] = (methods[method] ?? 0) + count;
    }
    const sortedMethods = Object.fromEntries(Object.entries(methods).sort(([a], [b]) => a.localeCompare(b)));
    const inputsHash = hashInputs({ parameters: p, partitions: partitionResults.map((r) => r.inputsHash) });
    const summary = { seriesCount, methods: sortedMethods, firstWeek: state.firstWeek, overrideCount, jobId, partitions: partitionResults.length };
    await sql`update planning_run set status = 'succeeded', inputs_hash = ${inputsHash}, summary = ${JSON.stringify(summary)}::jsonb, finished_at = now(),
      duration_ms = floor(extract(epoch from (now() - started_at)) * 1000)::int where id = ${String(state.runId)}`.execute(handle.db);
    return { runId: state.runId, seriesCount, methods: sortedMethods, overrideCount, partitions: partitionResults.length, inputsHash };
  },

  async onStop({ handle, jobId, state, status }) {
    await sql`update planning_run set status = ${status}, summary = ${JSON.stringify({ jobId })}::jsonb, finished_at = now() where id = ${String(state.runId)}`.execute(handle.db);
  },

  async onRetry({ handle, state }) {
    await sql`update planning_run set status = 'running', finished_at = null where id = ${String(state.runId)}`.execute(handle.db);
  },
};
