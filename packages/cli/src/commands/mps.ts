import {
  checkRoughCutCapacity,
  disaggregateFamilyPlan,
  planMasterSchedule,
  type BillOfResourcesLine,
  type FamilyPlanDisaggregationInput,
  type MasterScheduleInput,
  type MasterScheduleResult,
  type RoughCutCapacityInput,
  type RoughCutCapacityResult,
} from '@flowpilot/core';
import { translate } from '@flowpilot/contract';
import { CliError, EXIT_CODES, printJson } from '../cli-context';
import type { CommandRegistration } from './index';
import { runStoredMasterSchedule } from './mps-stored';
import { formatNumber, readPlanningInputFile } from './read-planning-input';

/** `flowpilot mps --input <file.json> [--json]`: MPS per end item, ATP, optional disaggregation and rough-cut check. */
export const registerMpsCommand: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>): string => translate(context.language, key, params);
  program
    .command('mps')
    .description(t('planning.mps.description'))
    .option('-i, --input <file>', t('planning.mps.option.input'))
    .option('--as-of <date>', t('cli.plan.option.as_of'))
    .option('--horizon-weeks <n>', t('cli.plan.option.horizon'), '26')
    .option('--item <code>', t('cli.mps.option.item'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { input?: string; asOf?: string; horizonWeeks: string; item?: string; org?: string; json?: boolean }) => {
      // Without --input: the master schedule of the stored data, from the latest forecast and safety stocks.
      if (options.input === undefined) return runStoredMasterSchedule(context, options);
      const file = readPlanningInputFile(options.input, context);
      const rawItems = Array.isArray(file.items) ? (file.items as Array<Partial<MasterScheduleInput>>) : typeof file.itemId === 'string' ? [file as Partial<MasterScheduleInput>] : null;
      if (rawItems === null) throw new CliError(EXIT_CODES.invalidInput, t('planning.error.inputShape', { path: options.input, detail: 'expected "items": [ ... ] or one item with "itemId"' }));
      // A family plan fills in the forecast of items that have none (disaggregation by mix).
      const disaggregated = file.familyPlan === undefined ? undefined : disaggregateFamilyPlan(file.familyPlan as FamilyPlanDisaggregationInput);
      const periodLabels = Array.isArray(file.periodLabels) ? (file.periodLabels as string[]) : undefined;
      const results: MasterScheduleResult[] = rawItems.map((item) => {
        const fromFamily = disaggregated?.items.find((entry) => entry.itemId === item.itemId)?.quantitiesUnits;
        const forecastUnits = item.forecastUnits ?? fromFamily;
        const periods = forecastUnits?.length ?? 0;
        return planMasterSchedule({
          ...(periodLabels === undefined ? {} : { periodLabels }),
          ...item,
          forecastUnits: forecastUnits as number[],
          customerOrdersUnits: item.customerOrdersUnits ?? new Array<number>(periods).fill(0),
        } as MasterScheduleInput);
      });
      let roughCut: RoughCutCapacityResult | undefined;
      if (Array.isArray(file.billOfResources) && Array.isArray(file.resources)) {
        roughCut = checkRoughCutCapacity({
          ...(periodLabels === undefined ? {} : { periodLabels }),
          schedules: results.map((result) => ({ itemId: result.itemId, quantitiesUnits: result.periods.map((p) => p.masterScheduleUnits) })),
          billOfResources: file.billOfResources as BillOfResourcesLine[],
          resources: file.resources as RoughCutCapacityInput['resources'],
        });
      }
      const status = results.some((r) => r.status !== 'ok') || roughCut?.status === 'overloaded' ? 'exceptions' : 'ok';
      if (options.json) {
        printJson(context, { status, items: results, ...(roughCut === undefined ? {} : { roughCut }), ...(disaggregated === undefined ? {} : { disaggregation: disaggregated }) });
        return;
      }
      const out = (line: string): void => context.stdout(line + '\n');
      for (const result of results) {
        out(t('planning.mps.summary', { item: result.itemId, status: result.status, total: formatNumber(result.periods.reduce((s, p) => s + p.masterScheduleUnits, 0)), exceptions: result.exceptions.length }));
        out(t('planning.mps.header'));
        for (const p of result.periods) {
          out(t('planning.mps.row', { period: p.period, zone: p.zone, forecast: formatNumber(p.forecastUnits), orders: formatNumber(p.customerOrdersUnits), demand: formatNumber(p.demandUnits), mps: formatNumber(p.masterScheduleUnits), pab: formatNumber(p.projectedAvailableUnits), atp: formatNumber(p.availableToPromiseUnits), cumAtp: formatNumber(p.cumulativeAvailableToPromiseUnits) }));
        }
        for (const e of result.exceptions) out(t(`planning.mps.exception.${e.code}`, { period: e.period, quantity: formatNumber(e.quantityUnits) }));
        out('');
      }
      for (const e of roughCut?.exceptions ?? []) out(t(`planning.rccp.${e.code}`, { resource: e.resourceId, hours: formatNumber(e.excessHours), period: e.period, items: e.itemIds.join(', ') }));
    });
};
