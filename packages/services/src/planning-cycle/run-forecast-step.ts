import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { createWeeklyBuckets } from './weekly-buckets';
import { finishPlanningRun, hashInputs, insertRows, startPlanningRun } from './planning-run-store';
import { loadActiveForecastOverrides } from './forecast-overrides';
import { FORECAST_MODEL_COLUMNS, FORECAST_VALUE_COLUMNS, forecastSeries } from './forecast-series';

export { evaluateOnHoldout } from './forecast-series';

export type ForecastStepOptions = {
  organizationId: string;
  asOfDate: string;
  horizonWeeks: number;
  historyWeeks?: number;
  seasonLength?: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
};

export type ForecastStepResult = {
  runId: string;
  seriesCount: number;
  methods: Record<string, number>;
  durationMs: number;
  /** Point forecast per `item@location`, one value per future week. */
  forecasts: Map<string, number[]>;
  /**
   * Standard deviation of the weekly forecast error per `item@location`: the holdout RMSE when the
   * history allowed one, else the standard deviation of the last 52 weeks (for safety stocks).
   */
  errorStandardDeviations: Map<string, { value: number; source: 'holdout_rmse' | 'history_std' }>;
};

/**
 * Weekly statistical forecast of every item × location with sales: history aggregated to ISO weeks
 * (zero-filled, leading zeros before the first sale dropped), automatic model choice per series
 * (core `forecastAuto`: demand class + rolling-origin backtest), 80 % and 95 % intervals. Stored per
 * run with each series' method, parameters and demand class.
 */
export async function runForecastStep(handle: DatabaseHandle, options: ForecastStepOptions): Promise<ForecastStepResult> {
  const historyWeeks = options.historyWeeks ?? 156;
  const seasonLength = options.seasonLength ?? 52;
  const seed = options.seed ?? 1;
  const buckets = createWeeklyBuckets(options.asOfDate, options.horizonWeeks);
  const historyStart = createWeeklyBuckets(options.asOfDate, 0).startOf(-historyWeeks);
  const rows = (await sql<{ item_code: string; location_code: string; week: string; quantity: string }>`
    select item_code, location_code, date_trunc('week', sale_date)::date as week, sum(quantity)::text as quantity
    from sales_history where organization_id = ${options.organizationId} and sale_date >= ${historyStart} and sale_date < ${buckets.firstMonday}
    group by 1, 2, 3 order by 1, 2, 3`.execute(handle.db)).rows;
  const series = new Map<string, number[]>();
  for (const row of rows) {
    const key = `${row.item_code}@${row.location_code}`;
    let values = series.get(key);
    if (!values) {
      values = new Array<number>(historyWeeks).fill(0);
      series.set(key, values);
    }
    const index = buckets.periodOf(row.week) + historyWeeks;
    if (index >= 0 && index < historyWeeks) values[index] = Number(row.quantity);
  }
  // Planners' overrides replace the statistical figure week by week (the statistical one is kept next to it);
  // an item × location with overrides but no sales history is forecast by its overrides alone.
  const overrides = await loadActiveForecastOverrides(handle, options.organizationId);
  for (const key of overrides.keys()) if (!series.has(key)) series.set(key, new Array<number>(historyWeeks).fill(0));
  const parameters = { horizonWeeks: options.horizonWeeks, historyWeeks, seasonLength, seed, method: 'auto', levels: [80, 95], overrides: 'active planner overrides (forecast_override) replace the statistical forecast of their week; intervals move with them' };
  const run = await startPlanningRun(handle, { organizationId: options.organizationId, runType: 'forecast', asOfDate: options.asOfDate, parameters });
  try {
    const forecasts = new Map<string, number[]>();
    const errorStandardDeviations = new Map<string, { value: number; source: 'holdout_rmse' | 'history_std' }>();
    const methods: Record<string, number> = {};
    const modelRows: unknown[][] = [];
    const valueRows: unknown[][] = [];
    const keys = [...series.keys()].sort();
    let done = 0;
    let overrideCount = 0;
    for (const key of keys) {
      // Yield so a job's heartbeats (progress, cancel) get through between series.
      if (options.signal) await yieldToEventLoop();
      options.signal?.throwIfAborted();
      const [itemCode, locationCode] = key.split('@') as [string, string];
      const one = forecastSeries({
        runId: run.id, organizationId: options.organizationId, itemCode, locationCode, history: series.get(key) as number[], buckets,
        horizonWeeks: options.horizonWeeks, seasonLength, seed, overrides: overrides.get(key),
      });
      forecasts.set(key, one.forecast);
      errorStandardDeviations.set(key, one.errorStandardDeviation);
      methods[one.method] = (methods[one.method] ?? 0) + 1;
      overrideCount += one.overrideCount;
      modelRows.push(one.modelRow);
      valueRows.push(...one.valueRows);
      done++;
      options.onProgress?.(done, keys.length);
    }
    await insertRows(handle, 'forecast_model', FORECAST_MODEL_COLUMNS, modelRows);
    await insertRows(handle, 'forecast_value', FORECAST_VALUE_COLUMNS, valueRows);
    const overridesUsed = [...overrides.entries()].map(([key, weeks]) => [key, [...weeks.entries()].sort()]);
    const durationMs = await finishPlanningRun(handle, run, { status: 'succeeded', inputsHash: hashInputs({ parameters, series: [...series.entries()], overrides: overridesUsed }), summary: { seriesCount: keys.length, methods, firstWeek: buckets.firstMonday, overrideCount } });
    return { runId: run.id, seriesCount: keys.length, methods, durationMs, forecasts, errorStandardDeviations };
  } catch (error) {
    await finishPlanningRun(handle, run, { status: options.signal?.aborted ? 'cancelled' : 'failed', summary: { error: error instanceof Error ? error.message : String(error) } });
    throw error;
  }
}

