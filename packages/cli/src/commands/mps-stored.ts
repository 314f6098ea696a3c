import { sql } from 'kysely';
import { translate } from '@flowpilot/contract';
import { DEMO_AS_OF_DATE, findLatestRun, loadForecasts, runMpsStep } from '@flowpilot/services';
import type { MasterSchedulePeriod } from '@flowpilot/core';
import { CliError, EXIT_CODES, printJson, type CliContext } from '../cli-context';
import { asOfDateOf, horizonWeeksOf, organizationOf, withDatabase } from '../open-cli-database';

/** `flowpilot mps` without --input: runs the MPS on stored data (latest forecast, latest safety stocks) and stores it. */
export async function runStoredMasterSchedule(context: CliContext, options: { asOf?: string; horizonWeeks: string; item?: string; org?: string; json?: boolean }): Promise<void> {
  const t = (key: string, params?: Record<string, unknown>): string => translate(context.language, key, params);
  const organizationId = organizationOf(context, options.org);
  const asOfDate = asOfDateOf(context, options.asOf, DEMO_AS_OF_DATE);
  const horizonWeeks = horizonWeeksOf(context, options.horizonWeeks);
  const { result, schedules } = await withDatabase(context, async (handle) => {
    const forecastRun = await findLatestRun(handle, organizationId, 'forecast');
    if (!forecastRun) throw new CliError(EXIT_CODES.notFound, t('cli.mrp.no_forecast'));
    const policyRun = await findLatestRun(handle, organizationId, 'inventory_policy');
    let safetyStockByItem: Map<string, number> | undefined;
    if (policyRun) {
      const row = (await sql<{ summary: { stockPoints?: { itemCode: string; safetyStockUnits: number }[] } }>`select summary from planning_run where id = ${policyRun.id}`.execute(handle.db)).rows[0];
      safetyStockByItem = new Map();
      for (const point of row?.summary.stockPoints ?? []) safetyStockByItem.set(point.itemCode, (safetyStockByItem.get(point.itemCode) ?? 0) + point.safetyStockUnits);
    }
    const mps = await runMpsStep(handle, { organizationId, asOfDate, horizonWeeks, forecasts: await loadForecasts(handle, forecastRun.id), forecastRunId: forecastRun.id, safetyStockByItem, policyRunId: policyRun?.id });
    const stored = (await sql<{ summary: { schedules: { itemId: string; status: string; periods: MasterSchedulePeriod[] }[] } }>`select summary from planning_run where id = ${mps.runId}`.execute(handle.db)).rows[0];
    return { result: mps, schedules: stored?.summary.schedules ?? [] };
  });
  const selected = options.item ? schedules.filter((s) => s.itemId === options.item) : schedules;
  if (options.item && selected.length === 0) throw new CliError(EXIT_CODES.notFound, t('error.not_found', { detail: options.item }));
  const { masterSchedule: _m, ...summary } = result;
  if (options.json) return printJson(context, { ...summary, schedules: selected });
  context.stdout(t('cli.start.step.mps', summary) + ` (${result.durationMs} ms, ${result.runId})\n`);
  for (const schedule of selected.slice(0, options.item ? 1 : 0)) {
    context.stdout(t('cli.mps.header', { item: schedule.itemId }) + '\n');
    for (const p of schedule.periods) {
      context.stdout(`  ${p.period}  ${p.zone.padEnd(7)} ${fmt(p.demandUnits)} ${fmt(p.masterScheduleUnits)} ${fmt(p.projectedAvailableUnits)} ${fmt(p.availableToPromiseUnits)} ${fmt(p.cumulativeAvailableToPromiseUnits)}\n`);
    }
  }
}

function fmt(value: number): string {
  return (Math.round(value * 100) / 100).toString().padStart(9);
}
