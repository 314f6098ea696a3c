import { sql } from 'kysely';
import { forecastAuto, forecastByMethod, classifyDemand, computeAccuracyReport, computeForecastValueAdded, type ForecastInput } from '@flowpilot/core';
import type { DatabaseHandle } from '@flowpilot/db';
import { createWeeklyBuckets } from './weekly-buckets';
import { finishPlanningRun, hashInputs, insertRows, startPlanningRun } from './planning-run-store';
import { loadActiveForecastOverrides } from './forecast-overrides';

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
      options.signal?.throwIfAborted();
      const full = series.get(key) as number[];
      const firstSale = full.findIndex((v) => v !== 0);
      const [itemCode, locationCode] = key.split('@') as [string, string];
      const weekOverrides = overrides.get(key);
      if (firstSale < 0 && weekOverrides) {
        // No history at all: the overrides are the forecast, zero elsewhere.
        const stepsOverridden = Array.from({ length: options.horizonWeeks }, (_, step) => weekOverrides.get(buckets.startOf(step)));
        forecasts.set(key, stepsOverridden.map((o) => o?.quantity ?? 0));
        errorStandardDeviations.set(key, { value: 0, source: 'history_std' });
        methods.override = (methods.override ?? 0) + 1;
        modelRows.push([run.id, options.organizationId, itemCode, locationCode, 'override', null, 0, JSON.stringify({}), JSON.stringify({}), JSON.stringify(['no sales history: the planner\'s overrides are the forecast'])]);
        stepsOverridden.forEach((o, step) => {
          if (o) overrideCount++;
          const value = o?.quantity ?? 0;
          valueRows.push([run.id, options.organizationId, itemCode, locationCode, step + 1, buckets.startOf(step), round6(value), round6(value), round6(value), round6(value), round6(value), 0, o ? o.id : null]);
        });
        done++;
        options.onProgress?.(done, keys.length);
        continue;
      }
      const values = full.slice(Math.max(0, firstSale));
      const result = forecastAuto({ values, horizon: options.horizonWeeks, seasonLength: values.length >= 2 * seasonLength ? seasonLength : 1, levels: [80, 95], seed });
      const accuracy = evaluateOnHoldout(values, seasonLength, seed);
      const rmse = typeof accuracy.rmse === 'number' ? accuracy.rmse : undefined;
      errorStandardDeviations.set(key, rmse !== undefined ? { value: rmse, source: 'holdout_rmse' } : { value: standardDeviation(values.slice(-52)), source: 'history_std' });
      const statistical = result.mean.map((v) => Math.max(0, v));
      const overrideOf = (step: number): { id: string; quantity: number } | undefined => weekOverrides?.get(buckets.startOf(step));
      const mean = statistical.map((value, step) => overrideOf(step)?.quantity ?? value);
      forecasts.set(key, mean);
      methods[result.method] = (methods[result.method] ?? 0) + 1;
      let demandClass: string | null = null;
      try {
        demandClass = classifyDemand(values).demandClass;
      } catch {
        demandClass = null;
      }
      modelRows.push([run.id, options.organizationId, itemCode, locationCode, result.method, demandClass, values.length, JSON.stringify(result.parameters), JSON.stringify(accuracy), JSON.stringify(result.notes)]);
      const i80 = result.intervals.find((i) => i.level === 80);
      const i95 = result.intervals.find((i) => i.level === 95);
      mean.forEach((value, step) => {
        const override = overrideOf(step);
        if (override) overrideCount++;
        // An override moves the interval with it (same width around the new figure).
        const shift = value - (statistical[step] ?? value);
        valueRows.push([run.id, options.organizationId, itemCode, locationCode, step + 1, buckets.startOf(step), round6(value),
          round6(Math.max(0, (i80?.lower[step] ?? value) + shift)), round6((i80?.upper[step] ?? value) + shift), round6(Math.max(0, (i95?.lower[step] ?? value) + shift)), round6((i95?.upper[step] ?? value) + shift),
          round6(statistical[step] ?? value), override ? override.id : null]);
      });
      done++;
      options.onProgress?.(done, keys.length);
    }
    await insertRows(handle, 'forecast_model', ['run_id', 'organization_id', 'item_code', 'location_code', 'method', 'demand_class', 'history_periods', 'parameters', 'accuracy', 'notes'], modelRows);
    await insertRows(handle, 'forecast_value', ['run_id', 'organization_id', 'item_code', 'location_code', 'step', 'period_start', 'forecast', 'lower_80', 'upper_80', 'lower_95', 'upper_95', 'statistical_forecast', 'override_id'], valueRows);
    const overridesUsed = [...overrides.entries()].map(([key, weeks]) => [key, [...weeks.entries()].sort()]);
    const durationMs = await finishPlanningRun(handle, run, { status: 'succeeded', inputsHash: hashInputs({ parameters, series: [...series.entries()], overrides: overridesUsed }), summary: { seriesCount: keys.length, methods, firstWeek: buckets.firstMonday, overrideCount } });
    return { runId: run.id, seriesCount: keys.length, methods, durationMs, forecasts, errorStandardDeviations };
  } catch (error) {
    await finishPlanningRun(handle, run, { status: options.signal?.aborted ? 'cancelled' : 'failed', summary: { error: error instanceof Error ? error.message : String(error) } });
    throw error;
  }
}

const HOLDOUT_WEEKS = 13;

/**
 * Accuracy of the automatic procedure on the last 13 weeks of history: the same selection is run on the
 * weeks before (so the choice itself is tested), then MAE, RMSE, WAPE, bias, MASE, sMAPE and interval
 * coverage are measured against what was sold, and the forecast value added against the naive forecast
 * (FVA = 100 · (MAE naive − MAE method) / MAE naive). Series too short to hold 13 weeks out get a note.
 */
export function evaluateOnHoldout(values: readonly number[], seasonLength: number, seed: number): Record<string, unknown> {
  if (values.length < HOLDOUT_WEEKS + 26) return { holdoutWeeks: HOLDOUT_WEEKS, note: `history of ${values.length} weeks is too short to hold ${HOLDOUT_WEEKS} out` };
  const history = values.slice(0, -HOLDOUT_WEEKS);
  const actual = values.slice(-HOLDOUT_WEEKS);
  const m = history.length >= 2 * seasonLength ? seasonLength : 1;
  const input: ForecastInput = { values: history, horizon: HOLDOUT_WEEKS, seasonLength: m, levels: [80, 95], seed };
  try {
    const method = forecastAuto(input);
    const naive = forecastByMethod('naive', input);
    const report = computeAccuracyReport({ actual, forecast: method.mean.map((v) => Math.max(0, v)), history, seasonLength: m, intervals: method.intervals });
    const naiveReport = computeAccuracyReport({ actual, forecast: naive.mean, history, seasonLength: m });
    const finite = (x: number): number | null => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : null);
    return {
      holdoutWeeks: HOLDOUT_WEEKS, method: method.method, mae: finite(report.mae), rmse: finite(report.rmse), wape: finite(report.wape), bias: finite(report.bias),
      mase: finite(report.mase), smape: finite(report.smape), coverage: report.coverage, naiveMae: finite(naiveReport.mae),
      forecastValueAddedPercent: finite(computeForecastValueAdded(report.mae, naiveReport.mae)),
    };
  } catch (error) {
    return { holdoutWeeks: HOLDOUT_WEEKS, note: error instanceof Error ? error.message : String(error) };
  }
}

function standardDeviation(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1));
}

function round6(value: number): string {
  return (Math.round(value * 1e6) / 1e6).toFixed(6);
}
