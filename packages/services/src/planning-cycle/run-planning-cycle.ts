import type { DatabaseHandle } from '@flowpilot/db';
import { checkDataQuality } from '../data-exchange/check-data-quality';
import { fingerprintEntities } from '../data-exchange/fingerprint-entities';
import { finishPlanningRun, startPlanningRun } from './planning-run-store';
import { runForecastStep } from './run-forecast-step';
import { runMrpStep } from './run-mrp-step';
import { runMpsStep } from './run-mps-step';
import { runSopStep } from './run-sop-step';
import { runPolicyStep } from './run-policy-step';
import { runCapacityStep } from './run-capacity-step';
import { runProposalsStep } from './run-proposals-step';
import { integrationEmitWebhookEvent } from '../integration/webhooks';

/** The steps of the planning cycle, in the order they run. */
export const PLANNING_CYCLE_STEPS = ['data_quality', 'forecast', 'inventory_policy', 'sop', 'mps', 'mrp', 'capacity', 'proposals'] as const;
export type PlanningCycleStep = (typeof PLANNING_CYCLE_STEPS)[number];

export type PlanningCycleOptions = {
  organizationId: string;
  asOfDate: string;
  /** Weekly buckets planned (default 26). */
  horizonWeeks?: number;
  seed?: number;
  onStep?: (event: { step: PlanningCycleStep; state: 'started' | 'progress' | 'done'; done?: number; total?: number }) => void;
  signal?: AbortSignal;
};

export type PlanningCycleResult = {
  asOfDate: string;
  steps: { step: PlanningCycleStep; runId: string; durationMs: number; summary: Record<string, unknown> }[];
};

/**
 * The planning cycle on stored data, each step stored as a planning run with its inputs hash,
 * parameters and results: data-quality check → weekly forecast per item × location → safety stocks per
 * stock point for their service level → S&OP
 * (PIC) per family over 12 months → master schedule per end item (forecast consumed by orders, time fences, ATP) → MRP exploding the MPS over
 * all BOM levels → capacity load and levelling → purchase proposals per supplier.
 */
export async function runPlanningCycle(handle: DatabaseHandle, options: PlanningCycleOptions): Promise<PlanningCycleResult> {
  const horizonWeeks = options.horizonWeeks ?? 26;
  const steps: PlanningCycleResult['steps'] = [];
  const emit = options.onStep ?? (() => {});

  emit({ step: 'data_quality', state: 'started' });
  const qualityRun = await startPlanningRun(handle, { organizationId: options.organizationId, runType: 'data_quality', asOfDate: options.asOfDate, parameters: {} });
  const quality = await checkDataQuality(handle, { organizationId: options.organizationId, today: options.asOfDate });
  const qualitySummary = { errorCount: quality.errorCount, warningCount: quality.warningCount, checks: Object.fromEntries(quality.checks.map((c) => [c.check, c.findingCount])) };
  const checkedEntities = ['item', 'bom', 'bom_line', 'routing_operation', 'supply_term', 'stock_lot', 'inventory_movement', 'customer', 'purchase_order', 'purchase_order_line', 'sales_order', 'sales_order_line'] as const;
  const inputsHash = await fingerprintEntities(handle, options.organizationId, checkedEntities);
  const qualityMs = await finishPlanningRun(handle, qualityRun, { status: 'succeeded', inputsHash, summary: qualitySummary, exceptions: quality.findings });
  steps.push({ step: 'data_quality', runId: qualityRun.id, durationMs: qualityMs, summary: qualitySummary });
  emit({ step: 'data_quality', state: 'done' });

  options.signal?.throwIfAborted();
  emit({ step: 'forecast', state: 'started' });
  // The forecast covers a year at least: the S&OP plans 12 months, the MPS and MRP the first weeks.
  const forecast = await runForecastStep(handle, {
    organizationId: options.organizationId, asOfDate: options.asOfDate, horizonWeeks: Math.max(horizonWeeks, 53), seed: options.seed ?? 1, signal: options.signal,
    onProgress: (done, total) => emit({ step: 'forecast', state: 'progress', done, total }),
  });
  steps.push({ step: 'forecast', runId: forecast.runId, durationMs: forecast.durationMs, summary: { seriesCount: forecast.seriesCount, horizonWeeks: Math.max(horizonWeeks, 53), methods: forecast.methods } });
  emit({ step: 'forecast', state: 'done' });

  options.signal?.throwIfAborted();
  emit({ step: 'inventory_policy', state: 'started' });
  const policy = await runPolicyStep(handle, { organizationId: options.organizationId, asOfDate: options.asOfDate, forecasts: forecast.forecasts, errorStandardDeviations: forecast.errorStandardDeviations, forecastRunId: forecast.runId });
  steps.push({ step: 'inventory_policy', runId: policy.runId, durationMs: policy.durationMs, summary: { stockPointCount: policy.stockPointCount, totalSafetyStockUnits: policy.totalSafetyStockUnits } });
  emit({ step: 'inventory_policy', state: 'done' });

  options.signal?.throwIfAborted();
  emit({ step: 'sop', state: 'started' });
  const sop = await runSopStep(handle, { organizationId: options.organizationId, asOfDate: options.asOfDate, forecasts: forecast.forecasts, forecastRunId: forecast.runId });
  steps.push({ step: 'sop', runId: sop.runId, durationMs: sop.durationMs, summary: { familyCount: sop.familyCount, totalCost: sop.totalCost } });
  emit({ step: 'sop', state: 'done' });

  options.signal?.throwIfAborted();
  emit({ step: 'mps', state: 'started' });
  const mps = await runMpsStep(handle, { organizationId: options.organizationId, asOfDate: options.asOfDate, horizonWeeks, forecasts: forecast.forecasts, forecastRunId: forecast.runId, safetyStockByItem: policy.safetyStockByItem, policyRunId: policy.runId, familyPlan: { sopRunId: sop.runId, ...sop.familyPlan } });
  steps.push({ step: 'mps', runId: mps.runId, durationMs: mps.durationMs, summary: { itemCount: mps.itemCount, exceptionCount: mps.exceptionCount } });
  emit({ step: 'mps', state: 'done' });

  options.signal?.throwIfAborted();
  emit({ step: 'mrp', state: 'started' });
  const mrp = await runMrpStep(handle, { organizationId: options.organizationId, asOfDate: options.asOfDate, horizonWeeks, forecasts: forecast.forecasts, forecastRunId: forecast.runId, masterSchedule: mps.masterSchedule, mpsRunId: mps.runId });
  steps.push({ step: 'mrp', runId: mrp.runId, durationMs: mrp.durationMs, summary: { plannedOrderCount: mrp.plannedOrderCount, makeOrderCount: mrp.makeOrderCount, buyOrderCount: mrp.buyOrderCount, actionMessageCount: mrp.actionMessageCount, exceptionCount: mrp.exceptionCount, transferOrderCount: mrp.transferOrderCount } });
  emit({ step: 'mrp', state: 'done' });

  options.signal?.throwIfAborted();
  emit({ step: 'capacity', state: 'started' });
  const capacity = await runCapacityStep(handle, { organizationId: options.organizationId, asOfDate: options.asOfDate, horizonWeeks, makeOrders: mrp.makeOrders, mrpRunId: mrp.runId });
  steps.push({ step: 'capacity', runId: capacity.runId, durationMs: capacity.durationMs, summary: { overloadCount: capacity.overloadCount, movedOrderCount: capacity.movedOrderCount, unresolvedCount: capacity.unresolvedCount, peakUtilization: capacity.peakUtilization } });
  emit({ step: 'capacity', state: 'done' });

  options.signal?.throwIfAborted();
  emit({ step: 'proposals', state: 'started' });
  const proposals = await runProposalsStep(handle, { organizationId: options.organizationId, asOfDate: options.asOfDate, mrpRunId: mrp.runId });
  steps.push({ step: 'proposals', runId: proposals.runId, durationMs: proposals.durationMs, summary: { supplierCount: proposals.supplierCount, lineCount: proposals.lineCount, totalValue: proposals.totalValue } });
  emit({ step: 'proposals', state: 'done' });
  await integrationEmitWebhookEvent(handle.db, options.organizationId, 'plan.published', { asOfDate: options.asOfDate, runs: steps.map((s) => ({ step: s.step, runId: s.runId })) });

  return { asOfDate: options.asOfDate, steps };
}
