import { KPI_CATALOG, KPI_DIMENSIONS, evaluateKpis, type KpiActuals, type KpiDimension, type KpiEvaluationInput, type KpiId, type KpiPeriodGranularity, type KpiUnit } from '@flowpilot/core';
import { translate } from '@flowpilot/contract';
import { CliError, EXIT_CODES, printJson, type CliContext } from '../cli-context';
import { readKpiJsonFile } from './vsm';
import type { CommandRegistration } from './index';

const DATASET_KEYS = ['orderLines', 'forecasts', 'inventorySnapshots', 'movements', 'counts', 'supplierReceipts', 'productionEvents', 'shipments', 'costs', 'financials'] as const;
const OTHER_KEYS = ['targets', 'options', 'description', 'source'] as const;
/** Period granularities of the KPI commands (`kpi-file`, `kpi`). */
export const KPI_PERIODS: KpiPeriodGranularity[] = ['all', 'month', 'week'];

/** A KPI value as the KPI commands print it: fractions in %, days to one decimal. */
export function formatKpiValue(value: number | null, unit: KpiUnit): string {
  if (value === null) return '-';
  switch (unit) {
    case 'fraction':
      return `${Math.round(value * 1000) / 10} %`;
    case 'days':
      return `${Math.round(value * 10) / 10} d`;
    default:
      return String(Math.round(value * 1000) / 1000);
  }
}

/** Splits the file into actuals and evaluation settings, rejecting unknown keys and non-array datasets (exit 3). */
function toEvaluationInput(file: Record<string, unknown>, context: CliContext): Omit<KpiEvaluationInput, 'period' | 'by' | 'kpiIds'> {
  const allowed = [...DATASET_KEYS, ...OTHER_KEYS] as readonly string[];
  for (const key of Object.keys(file)) {
    if (!allowed.includes(key)) throw new CliError(EXIT_CODES.invalidInput, translate(context.language, 'kpi.file.error.unknownKey', { key, keys: allowed.join(', ') }));
  }
  const actuals: Record<string, unknown[]> = {};
  for (const key of DATASET_KEYS) {
    const value = file[key];
    if (value === undefined) continue;
    if (!Array.isArray(value)) throw new CliError(EXIT_CODES.invalidInput, translate(context.language, 'kpi.file.error.notArray', { key }));
    actuals[key] = value;
  }
  const result: Omit<KpiEvaluationInput, 'period' | 'by' | 'kpiIds'> = { actuals: actuals as KpiActuals };
  if (file.targets !== undefined) result.targets = file.targets as KpiEvaluationInput['targets'];
  if (file.options !== undefined) result.options = file.options as KpiEvaluationInput['options'];
  return result;
}

/** `flowpilot kpi-file --input <actuals.json> [--period all|month|week] [--by <dimension>] [--kpi ids] [--as-of date] [--explain] [--json]`. */
export const registerKpiFileCommand: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>) => translate(context.language, key, params);
  const ids = KPI_CATALOG.map((definition) => definition.id);
  program
    .command('kpi-file')
    .description(t('kpi.file.description'))
    .requiredOption('-i, --input <file>', t('kpi.file.option.input'))
    .option('-p, --period <period>', t('kpi.file.option.period'), 'all')
    .option('-b, --by <dimension>', t('kpi.file.option.by', { dimensions: KPI_DIMENSIONS.join(', ') }))
    .option('-k, --kpi <ids>', t('kpi.file.option.kpi', { ids: ids.join(', ') }))
    .option('--as-of <date>', t('kpi.file.option.asOf'))
    .option('--explain', t('kpi.file.option.explain'))
    .option('--json', t('cli.option.json'))
    .action((options: { input: string; period: string; by?: string; kpi?: string; asOf?: string; explain?: boolean; json?: boolean }) => {
      const period = options.period as KpiPeriodGranularity;
      if (!KPI_PERIODS.includes(period)) throw new CliError(EXIT_CODES.usage, t('kpi.file.error.period', { value: options.period }));
      if (options.by !== undefined && !KPI_DIMENSIONS.includes(options.by as KpiDimension)) {
        throw new CliError(EXIT_CODES.usage, t('kpi.file.error.by', { value: options.by, dimensions: KPI_DIMENSIONS.join(', ') }));
      }
      let kpiIds: KpiId[] | undefined;
      if (options.kpi !== undefined) {
        kpiIds = options.kpi.split(',').map((id) => id.trim()).filter((id) => id.length > 0) as KpiId[];
        const unknown = kpiIds.find((id) => !ids.includes(id));
        if (unknown !== undefined) throw new CliError(EXIT_CODES.usage, t('kpi.file.error.kpi', { value: unknown, ids: ids.join(', ') }));
      }
      const file = readKpiJsonFile(options.input, context);
      const input: KpiEvaluationInput = { ...toEvaluationInput(file, context), period };
      if (options.by !== undefined) input.by = options.by as KpiDimension;
      if (kpiIds !== undefined) input.kpiIds = kpiIds;
      if (options.asOf !== undefined) input.options = { ...input.options, delivery: { ...input.options?.delivery, asOfDate: options.asOf } };
      // The core validates every record and throws CoreError (exit 3) with the bad field's path.
      const result = evaluateKpis(input);
      const used = new Set(result.rows.map((row) => row.kpiId));
      if (options.json) {
        printJson(context, {
          ...result,
          rows: options.explain ? result.rows : result.rows.map(({ recordIds, ...row }) => ({ ...row, recordCount: recordIds.length })),
          definitions: KPI_CATALOG.filter((definition) => used.has(definition.id)),
        });
        return;
      }
      if (result.rows.length === 0) {
        context.stdout(t('kpi.file.empty') + '\n');
        return;
      }
      context.stdout(t('kpi.file.header') + '\n');
      for (const row of result.rows) {
        const definition = KPI_CATALOG.find((candidate) => candidate.id === row.kpiId)!;
        context.stdout(
          t('kpi.file.row', {
            name: definition.name[context.language],
            period: row.periodKey,
            group: row.dimensionKey,
            value: formatKpiValue(row.value, row.unit),
            target: formatKpiValue(row.target, row.unit),
            status: t(`kpi.status.${row.status}`),
          }) + '\n',
        );
        if (options.explain) context.stdout(t('kpi.file.records', { ids: row.recordIds.join(', ') }) + '\n');
      }
    });
};
