import { sql } from 'kysely';
import { computeSafetyStock } from '@flowpilot/core';
import type { DatabaseHandle } from '@flowpilot/db';
import { leadTimeWeeks } from './weekly-buckets';
import { finishPlanningRun, hashInputs, startPlanningRun } from './planning-run-store';
import { loadSupplierLeadTimeStatistics } from '../counting/supplier-performance';

export type PolicyStepOptions = {
  organizationId: string;
  asOfDate: string;
  forecasts: Map<string, number[]>;
  errorStandardDeviations: Map<string, { value: number; source: 'holdout_rmse' | 'history_std' }>;
  forecastRunId?: string | undefined;
  /** Weeks of forecast averaged into the mean weekly demand (default 13). */
  meanWeeks?: number;
  /** Cycle service level where the stock point sets none (default 0.95). */
  defaultServiceLevel?: number;
  /** Received purchase order lines (over the last 365 days) an item needs before its measured lead-time spread is used (default 5). */
  minReceiptLinesForLeadTimeSpread?: number;
};

export type PolicyStepResult = { runId: string; stockPointCount: number; totalSafetyStockUnits: number; durationMs: number; safetyStockByItem: Map<string, number> };

/**
 * Periodic-review (R, S) safety stock per finished good and warehouse for its cycle service level:
 * demand per week ~ gamma(mean = average forecast of the next 13 weeks, sd = forecast error sd),
 * protection interval = production lead time (weeks) + review period; SS = F⁻¹(α) over the interval −
 * its mean (core computeSafetyStock; Silver, Pyke & Thomas 2017, ch. 6), rounded up to whole units. When the item's
 * supplier has enough received lines (supplier performance), the measured lead-time standard deviation σ_LT joins the
 * protection variance: E[P] σ² + μ² σ_LT² (the planned lead time stays the mean).
 * Every input, source and result is kept in the run; the MPS nets against the total per item.
 */
export async function runPolicyStep(handle: DatabaseHandle, options: PolicyStepOptions): Promise<PolicyStepResult> {
  const org = options.organizationId;
  const meanWeeks = options.meanWeeks ?? 13;
  const defaultServiceLevel = options.defaultServiceLevel ?? 0.95;
  const points = (await sql<{ item_code: string; location_code: string; target_service_level: string | null; review_period_days: number | null; lead_time_days: number }>`
    select sp.item_code, sp.location_code, sp.target_service_level::text, sp.review_period_days, i.lead_time_days
    from stock_point sp join item i on i.organization_id = sp.organization_id and i.code = sp.item_code
    where sp.organization_id = ${org} and i.active and i.item_type = 'finished_good' order by 1, 2`.execute(handle.db)).rows;
  const minReceiptLines = options.minReceiptLinesForLeadTimeSpread ?? 5;
  const leadTimeSpread = await loadSupplierLeadTimeStatistics(handle, { organizationId: org, asOfDate: options.asOfDate, minReceiptLines });
  const parameters = { meanWeeks, defaultServiceLevel, demandDistribution: 'gamma', policy: 'periodic review (R, S)', forecastRunId: options.forecastRunId ?? null, minReceiptLinesForLeadTimeSpread: minReceiptLines };
  const run = await startPlanningRun(handle, { organizationId: org, runType: 'inventory_policy', asOfDate: options.asOfDate, parameters });
  try {
    const safetyStockByItem = new Map<string, number>();
    const results = points.map((point) => {
      const key = `${point.item_code}@${point.location_code}`;
      const forecast = options.forecasts.get(key) ?? [];
      const window = forecast.slice(0, meanWeeks);
      const meanPerWeek = window.length > 0 ? window.reduce((sum, v) => sum + v, 0) / window.length : 0;
      const error = options.errorStandardDeviations.get(key) ?? { value: 0, source: 'history_std' as const };
      const serviceLevel = point.target_service_level === null ? defaultServiceLevel : Number(point.target_service_level);
      const reviewWeeks = Math.max(1, (point.review_period_days ?? 7) / 7);
      const leadWeeks = leadTimeWeeks(point.lead_time_days);
      const spread = leadTimeSpread.get(point.item_code);
      const leadTimeStdWeeks = spread ? round(spread.leadTimeStdDays / 7, 4) : 0;
      const base = { itemCode: point.item_code, locationCode: point.location_code, meanPerWeek: round(meanPerWeek, 3), errorStandardDeviationPerWeek: round(error.value, 3), errorSource: error.source, leadTimeWeeks: leadWeeks, leadTimeStdWeeks, leadTimeStdSource: spread ? { supplierCode: spread.supplierCode, receiptLines: spread.receiptLines, leadTimeMeanDays: spread.leadTimeMeanDays, leadTimeStdDays: spread.leadTimeStdDays } : null, reviewWeeks, cycleServiceLevel: serviceLevel };
      if (meanPerWeek <= 0 || error.value <= 0) {
        return { ...base, safetyStockUnits: 0, orderUpToLevelUnits: Math.ceil(meanPerWeek * (leadWeeks + reviewWeeks)), note: 'no demand or no variability: no safety stock' };
      }
      const result = computeSafetyStock({
        demand: { distribution: 'gamma', meanPerPeriod: meanPerWeek, standardDeviationPerPeriod: error.value },
        leadTime: { meanPeriods: leadWeeks, standardDeviationPeriods: leadTimeStdWeeks }, reviewPeriods: reviewWeeks, target: { cycleServiceLevel: serviceLevel },
      });
      const safetyStockUnits = Math.max(0, Math.ceil(result.safetyStock - 1e-9));
      safetyStockByItem.set(point.item_code, (safetyStockByItem.get(point.item_code) ?? 0) + safetyStockUnits);
      return { ...base, safetyStockUnits, orderUpToLevelUnits: Math.ceil(result.reorderLevel), protectionWeeks: result.protectionIntervalPeriods, safetyFactor: round(result.safetyFactor, 4), expectedFillRate: round(result.fillRate, 4) };
    });
    const totalSafetyStockUnits = results.reduce((sum, r) => sum + r.safetyStockUnits, 0);
    const summary = { stockPointCount: results.length, totalSafetyStockUnits, formula: 'SS = F⁻¹(α; gamma over L + R weeks, variance (L + R) σ² + μ² σ_LT²) − mean over L + R weeks', stockPoints: results };
    const durationMs = await finishPlanningRun(handle, run, { status: 'succeeded', inputsHash: hashInputs({ meanWeeks, defaultServiceLevel, stockPoints: results.map(({ safetyStockUnits: _s, orderUpToLevelUnits: _o, ...inputs }) => inputs) }), summary });
    return { runId: run.id, stockPointCount: results.length, totalSafetyStockUnits, durationMs, safetyStockByItem };
  } catch (error) {
    await finishPlanningRun(handle, run, { status: 'failed', summary: { error: error instanceof Error ? error.message : String(error) } });
    throw error;
  }
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
