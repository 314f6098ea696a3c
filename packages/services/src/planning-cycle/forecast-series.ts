import { classifyDemand, computeAccuracyReport, computeForecastValueAdded, forecastAuto, forecastByMethod, type ForecastInput } from '@flowpilot/core';
import type { WeeklyBuckets } from './weekly-buckets';

/** Columns of forecast_model, in the order of `SeriesForecast.modelRow`. */
export const FORECAST_MODEL_COLUMNS = ['run_id', 'organization_id', 'item_code', 'location_code', 'method', 'demand_class', 'history_periods', 'parameters', 'accuracy', 'notes'];
/** Columns of forecast_value, in the order of each of `SeriesForecast.valueRows`. */
export const FORECAST_VALUE_COLUMNS = ['run_id', 'organization_id', 'item_code', 'location_code', 'step', 'period_start', 'forecast', 'lower_80', 'upper_80', 'lower_95', 'upper_95', 'statistical_forecast', 'override_id'];

/** A planner's override of one week: it replaces the statistical figure of that week. */
export type WeekOverride = { id: string; quantity: number };

export type SeriesForecastInput = {
  runId: string;
  organizationId: string;
  itemCode: string;
  locationCode: string;
  /** Weekly history, oldest first, ending the week before the as-of week; leading zeros (before the first sale) are dropped here. */
  history: readonly number[];
  /** Bucket 0 = the as-of week. */
  buckets: WeeklyBuckets;
  horizonWeeks: number;
  /** Season length used when the history holds two seasons at least (52 weeks), else 1. */
  seasonLength: number;
  seed: number;
  /** 'auto' (model chosen per series by backtest, with a 13-week holdout report; the default) or one core method (naive, ses, croston…). */
  method?: string;
  /** Active overrides of this item × location, by the Monday that starts their week. */
  overrides?: ReadonlyMap<string, WeekOverride>;
};

export type SeriesForecast = {
  method: string;
  /** Point forecast per future week, overrides applied. */
  forecast: number[];
  /** Standard deviation of the weekly forecast error: the holdout RMSE when the history allowed one, else that of the last 52 weeks. */
  errorStandardDeviation: { value: number; source: 'holdout_rmse' | 'history_std' };
  /** Weeks whose figure is a planner's override. */
  overrideCount: number;
  /** One forecast_model row (FORECAST_MODEL_COLUMNS). */
  modelRow: unknown[];
  /** One forecast_value row per future week (FORECAST_VALUE_COLUMNS). */
  valueRows: unknown[][];
};

/**
 * The weekly forecast of one item × location, as the planning cycle's forecast step and the forecast job both
 * store it: the automatic model (core forecastAuto: demand class + rolling-origin backtest, seeded) or a fixed
 * method, 80 % and 95 % intervals, the 13-week holdout accuracy; then the planner's overrides replace the
 * statistical figure of their week (kept in statistical_forecast), the intervals moving with them (same width).
 * A series with overrides but no sales at all is forecast by its overrides alone (zero elsewhere).
 * Example: history [10, 12, 8, 10, …], override of week 2 at 50 → forecast[1] = 50, statistical_forecast kept.
 */
export function forecastSeries(input: SeriesForecastInput): SeriesForecast {
  const { runId, organizationId, itemCode, locationCode, buckets, horizonWeeks, seed } = input;
  const method = input.method ?? 'auto';
  const overrideOf = (step: number): WeekOverride | undefined => input.overrides?.get(buckets.startOf(step));
  const firstSale = input.history.findIndex((v) => v !== 0);
  if (firstSale < 0 && input.overrides && input.overrides.size > 0) {
    const steps = Array.from({ length: horizonWeeks }, (_, step) => overrideOf(step));
    const valueRows = steps.map((o, step) => {
      const value = round6(o?.quantity ?? 0);
      // No history: the statistical figure is zero.
      return [runId, organizationId, itemCode, locationCode, step + 1, buckets.startOf(step), value, value, value, value, value, 0, o ? o.id : null];
    });
    return {
      method: 'override', forecast: steps.map((o) => o?.quantity ?? 0), errorStandardDeviation: { value: 0, source: 'history_std' }, overrideCount: steps.filter(Boolean).length,
      modelRow: [runId, organizationId, itemCode, locationCode, 'override', null, 0, JSON.stringify({}), JSON.stringify({}), JSON.stringify(['no sales history: the planner\'s overrides are the forecast'])],
      valueRows,
    };
  }
  const values = input.history.slice(Math.max(0, firstSale));
  const forecastInput = { values, horizon: horizonWeeks, seasonLength: values.length >= 2 * input.seasonLength ? input.seasonLength : 1, levels: [80, 95], seed };
  const result = method === 'auto' ? forecastAuto(forecastInput) : forecastByMethod(method, forecastInput);
  const accuracy = method === 'auto' ? evaluateOnHoldout(values, input.seasonLength, seed) : { note: `no holdout report for a fixed method (${method})` };
  const rmse = typeof accuracy.rmse === 'number' ? accuracy.rmse : undefined;
  let demandClass: string | null = null;
  try {
    demandClass = classifyDemand(values).demandClass;
  } catch {
    demandClass = null;
  }
  const statistical = result.mean.map((v) => Math.max(0, v));
  const forecast = statistical.map((value, step) => overrideOf(step)?.quantity ?? value);
  const i80 = result.intervals.find((i) => i.level === 80);
  const i95 = result.intervals.find((i) => i.level === 95);
  let overrideCount = 0;
  const valueRows = forecast.map((value, step) => {
    const override = overrideOf(step);
    if (override) overrideCount++;
    // An override moves the interval with it (same width around the new figure).
    const shift = value - (statistical[step] ?? value);
    return [runId, organizationId, itemCode, locationCode, step + 1, buckets.startOf(step), round6(value),
      round6(Math.max(0, (i80?.lower[step] ?? value) + shift)), round6((i80?.upper[step] ?? value) + shift), round6(Math.max(0, (i95?.lower[step] ?? value) + shift)), round6((i95?.upper[step] ?? value) + shift),
      round6(statistical[step] ?? value), override ? override.id : null];
  });
  return {
    method: result.method, forecast, overrideCount, valueRows,
    errorStandardDeviation: rmse !== undefined ? { value: rmse, source: 'holdout_rmse' } : { value: standardDeviation(values.slice(-52)), source: 'history_std' },
    modelRow: [runId, organizationId, itemCode, locationCode, result.method, demandClass, values.length, JSON.stringify(result.parameters), JSON.stringify(accuracy), JSON.stringify(result.notes)],
  };
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
