import { KPI_CATALOG, KPI_DIMENSIONS, type FiveSAnswer, type KpiId, type SmedElement } from '@flowpilot/core';
import { translate } from '@flowpilot/contract';
import {
  IMPROVEMENT_ACTION_STATUSES, IMPROVEMENT_INSPECTION_RESULTS, IMPROVEMENT_RETURN_DISPOSITIONS, IMPROVEMENT_RETURN_REASONS,
  addImprovementAction, addImprovementMeeting, authorizeImprovementReturn, closeImprovementAction, computeImprovementBudgetVsActual, computeImprovementCostBreakdown,
  computeImprovementCostToServe, computeKpisFromDatabase, disposeImprovementReturn, drillImprovementKpi, inspectImprovementReturn, listImprovementActions,
  listImprovementMeetings, listImprovementReturns, receiveImprovementReturn, reportImprovementReturns, resolveImprovementWindow, updateImprovementAction,
  computeImprovementFiveSTrend, listImprovementSmedStudies, recordImprovementFiveSAudit, recordImprovementSmedStudy, type ImprovementSmedStudy,
  type ImprovementAction, type ImprovementActionStatus, type ImprovementInspectionResult, type ImprovementReturn, type ImprovementReturnDisposition,
  type ImprovementReturnReason, type ImprovementReturnReportBy, type ImprovementReturnStatus,
} from '@flowpilot/services';
import type { AuditActor } from '@flowpilot/services';
import { CliError, EXIT_CODES, printJson, type CliContext } from '../cli-context';
import { organizationOf, todayIso, withDatabase } from '../open-cli-database';
import { readKpiJsonFile } from './vsm';
import { KPI_PERIODS, formatKpiValue } from './kpi-file';
import type { CommandRegistration } from './index';

const CLI_ACTOR: AuditActor = { userId: null, email: null, via: 'cli' };

const eur = (value: number | null): string => (value === null ? '-' : `${value.toFixed(2)} €`);
const percent = (value: number | null): string => (value === null ? '-' : `${Math.round(value * 1000) / 10} %`);

/** Checks a value against a closed list (exit 2 with the allowed values). */
function oneOf<T extends string>(context: CliContext, option: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new CliError(EXIT_CODES.usage, translate(context.language, 'improvement.error.oneOf', { option, value, allowed: allowed.join(', ') }));
  return value as T;
}

function dateOf(context: CliContext, option: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new CliError(EXIT_CODES.usage, translate(context.language, 'improvement.error.date', { option, value }));
  return value;
}

function positiveNumber(context: CliContext, option: string, value: string | undefined, allowZero = false): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || (!allowZero && parsed === 0)) throw new CliError(EXIT_CODES.usage, translate(context.language, 'improvement.error.number', { option, value }));
  return parsed;
}

function pageOf(context: CliContext, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 500) throw new CliError(EXIT_CODES.usage, translate(context.language, 'improvement.error.page', { value }));
  return parsed;
}

/** `flowpilot kpi`, `flowpilot returns …`, `flowpilot actions …`, `flowpilot costs`, `flowpilot smed …`, `flowpilot five-s …`. */
export const registerImprovementCommands: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>): string => translate(context.language, key, params);
  const ids = KPI_CATALOG.map((d) => d.id);
  const kpiIdsOf = (value: string | undefined): KpiId[] | undefined => {
    if (value === undefined) return undefined;
    const list = value.split(',').map((id) => id.trim()).filter((id) => id.length > 0);
    for (const id of list) oneOf(context, '--kpi', id, ids);
    return list as KpiId[];
  };
  const windowOf = (options: { from?: string; to?: string }) => resolveImprovementWindow({ from: dateOf(context, '--from', options.from), to: dateOf(context, '--to', options.to) ?? todayIso(context) });

  // flowpilot kpi
  const kpi = program.command('kpi').description(t('improvement.kpi.description')).enablePositionalOptions()
    .option('-p, --period <period>', t('improvement.kpi.option.period'), 'month')
    .option('-b, --by <dimension>', t('improvement.kpi.option.by', { dimensions: KPI_DIMENSIONS.join(', ') }))
    .option('-k, --kpi <ids>', t('improvement.kpi.option.kpi', { ids: ids.join(', ') }))
    .option('--from <date>', t('improvement.option.from'))
    .option('--to <date>', t('improvement.option.to'))
    .option('--explain', t('improvement.kpi.option.explain'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { period: string; by?: string; kpi?: string; from?: string; to?: string; explain?: boolean; org?: string; json?: boolean }) => {
      const period = oneOf(context, '--period', options.period, KPI_PERIODS)!;
      const by = oneOf(context, '--by', options.by, KPI_DIMENSIONS);
      const kpiIds = kpiIdsOf(options.kpi);
      const window = windowOf(options);
      const organizationId = organizationOf(context, options.org);
      const result = await withDatabase(context, (handle) => computeKpisFromDatabase(handle, {
        organizationId, ...window, period, ...(by ? { by } : {}), ...(kpiIds ? { kpiIds } : {}), includeRecordIds: options.explain === true,
      }));
      if (options.json) return printJson(context, result);
      if (result.values.length === 0) return context.stdout(t('improvement.kpi.empty', { from: result.from, to: result.to }) + '\n');
      context.stdout(t('improvement.kpi.window', { from: result.from, to: result.to, organizationId }) + '\n');
      context.stdout(t('kpi.file.header') + '\n');
      for (const value of result.values) {
        context.stdout(t('kpi.file.row', {
          name: value.name[context.language], period: value.periodKey, group: value.dimensionKey, value: formatKpiValue(value.value, value.unit),
          target: formatKpiValue(value.target, value.unit), status: t(`kpi.status.${value.status}`),
        }) + '\n');
        if (options.explain) {
          context.stdout(t('improvement.kpi.explain', { formula: value.formula, numerator: Math.round(value.numerator * 1000) / 1000, denominator: Math.round(value.denominator * 1000) / 1000, source: value.source }) + '\n');
          context.stdout(t('kpi.file.records', { ids: (value.recordIds ?? []).slice(0, 20).join(', ') + ((value.recordIds?.length ?? 0) > 20 ? ` … (+${(value.recordIds?.length ?? 0) - 20})` : '') }) + '\n');
        }
      }
      if (result.alerts.length > 0) context.stdout(t('improvement.kpi.alerts', { list: result.alerts.map((a) => `${a.name[context.language]} (${a.dimensionKey})`).join(', ') }) + '\n');
    });

  kpi.command('drill').description(t('improvement.kpi.drill.description'))
    .argument('<kpiId>', t('improvement.kpi.drill.argument'))
    .option('-p, --period <period>', t('improvement.kpi.option.period'), 'all')
    .option('--period-key <key>', t('improvement.kpi.drill.option.periodKey'))
    .option('-b, --by <dimension>', t('improvement.kpi.option.by', { dimensions: KPI_DIMENSIONS.join(', ') }))
    .option('--group <key>', t('improvement.kpi.drill.option.group'))
    .option('--from <date>', t('improvement.option.from'))
    .option('--to <date>', t('improvement.option.to'))
    .option('--limit <n>', t('improvement.kpi.drill.option.limit'), '50')
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (kpiId: string, options: { period: string; periodKey?: string; by?: string; group?: string; from?: string; to?: string; limit: string; org?: string; json?: boolean }) => {
      const id = oneOf(context, 'kpiId', kpiId, ids)!;
      const period = oneOf(context, '--period', options.period, KPI_PERIODS)!;
      const by = oneOf(context, '--by', options.by, KPI_DIMENSIONS);
      const window = windowOf(options);
      const organizationId = organizationOf(context, options.org);
      const drill = await withDatabase(context, (handle) => drillImprovementKpi(handle, {
        organizationId, ...window, period, kpiId: id, limit: pageOf(context, options.limit, 50),
        ...(by ? { by } : {}), ...(options.periodKey ? { periodKey: options.periodKey } : {}), ...(options.group ? { dimensionKey: options.group } : {}),
      }));
      if (options.json) return printJson(context, drill);
      const v = drill.value;
      context.stdout(t('improvement.kpi.drill.header', { name: v.name[context.language], value: formatKpiValue(v.value, v.unit), period: v.periodKey, group: v.dimensionKey, formula: v.formula, numerator: Math.round(v.numerator * 1000) / 1000, denominator: Math.round(v.denominator * 1000) / 1000 }) + '\n');
      for (const record of drill.records) {
        const flags = record.onTime === undefined ? '' : ` ${record.onTime ? t('improvement.kpi.drill.onTime') : t('improvement.kpi.drill.late')} ${record.inFull ? t('improvement.kpi.drill.inFull') : t('improvement.kpi.drill.short')}`;
        const { id: _id, ...fields } = record.record;
        context.stdout(`  ${record.id}${flags}  ${JSON.stringify(fields)}\n`);
      }
      if (drill.totalRecords > drill.records.length) context.stdout(t('improvement.kpi.drill.more', { shown: drill.records.length, total: drill.totalRecords }) + '\n');
    });

  // flowpilot returns
  const printReturn = (ret: ImprovementReturn): void => {
    context.stdout(t('improvement.returns.row', {
      rma: ret.rmaNumber, status: t(`improvement.returns.status.${ret.status}`), customer: ret.customerCode, item: ret.itemCode, quantity: ret.quantity,
      reason: t(`improvement.returns.reason.${ret.reason}`), disposition: ret.disposition ? t(`improvement.returns.disposition.${ret.disposition}`) : '-',
      location: ret.locationCode ?? '-', date: ret.authorizedDate,
    }) + '\n');
  };
  const returns = program.command('returns').description(t('improvement.returns.description'));
  returns.command('authorize').description(t('improvement.returns.authorize.description'))
    .requiredOption('--customer <code>', t('improvement.returns.option.customer'))
    .requiredOption('--item <code>', t('improvement.returns.option.item'))
    .requiredOption('--quantity <n>', t('improvement.returns.option.quantity'))
    .requiredOption('--reason <reason>', t('improvement.returns.option.reason', { reasons: IMPROVEMENT_RETURN_REASONS.join(', ') }))
    .option('--rma <number>', t('improvement.returns.option.rma'))
    .option('--lot <lot>', t('improvement.returns.option.lot'))
    .option('--location <code>', t('improvement.returns.option.location'))
    .option('--date <date>', t('improvement.option.date'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { customer: string; item: string; quantity: string; reason: string; rma?: string; lot?: string; location?: string; date?: string; org?: string; json?: boolean }) => {
      const reason = oneOf(context, '--reason', options.reason, IMPROVEMENT_RETURN_REASONS) as ImprovementReturnReason;
      const quantity = positiveNumber(context, '--quantity', options.quantity)!;
      const authorizedDate = dateOf(context, '--date', options.date) ?? todayIso(context);
      const ret = await withDatabase(context, (handle) => authorizeImprovementReturn(handle, {
        organizationId: organizationOf(context, options.org), customerCode: options.customer, itemCode: options.item, quantity, reason, authorizedDate, actor: CLI_ACTOR,
        ...(options.rma ? { rmaNumber: options.rma } : {}), ...(options.lot ? { lotNumber: options.lot } : {}), ...(options.location ? { locationCode: options.location } : {}),
      }));
      if (options.json) return printJson(context, ret);
      context.stdout(t('improvement.returns.authorized', { rma: ret.rmaNumber }) + '\n');
    });
  returns.command('receive').description(t('improvement.returns.receive.description'))
    .argument('<rma>', t('improvement.returns.option.rma'))
    .option('--location <code>', t('improvement.returns.option.location'))
    .option('--date <date>', t('improvement.option.date'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (rma: string, options: { location?: string; date?: string; org?: string; json?: boolean }) => {
      const receivedDate = dateOf(context, '--date', options.date) ?? todayIso(context);
      const ret = await withDatabase(context, (handle) => receiveImprovementReturn(handle, { organizationId: organizationOf(context, options.org), rmaNumber: rma, receivedDate, actor: CLI_ACTOR, ...(options.location ? { locationCode: options.location } : {}) }));
      if (options.json) return printJson(context, ret);
      context.stdout(t('improvement.returns.received', { rma: ret.rmaNumber, quantity: ret.quantity, item: ret.itemCode, location: ret.locationCode ?? '-' }) + '\n');
    });
  returns.command('inspect').description(t('improvement.returns.inspect.description'))
    .argument('<rma>', t('improvement.returns.option.rma'))
    .requiredOption('--result <result>', t('improvement.returns.option.result', { results: IMPROVEMENT_INSPECTION_RESULTS.join(', ') }))
    .option('--note <text>', t('improvement.returns.option.note'))
    .option('--date <date>', t('improvement.option.date'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (rma: string, options: { result: string; note?: string; date?: string; org?: string; json?: boolean }) => {
      const result = oneOf(context, '--result', options.result, IMPROVEMENT_INSPECTION_RESULTS) as ImprovementInspectionResult;
      const inspectedDate = dateOf(context, '--date', options.date) ?? todayIso(context);
      const ret = await withDatabase(context, (handle) => inspectImprovementReturn(handle, { organizationId: organizationOf(context, options.org), rmaNumber: rma, inspectedDate, result, actor: CLI_ACTOR, ...(options.note ? { note: options.note } : {}) }));
      if (options.json) return printJson(context, ret);
      context.stdout(t('improvement.returns.inspected', { rma: ret.rmaNumber, result: t(`improvement.returns.result.${result}`) }) + '\n');
    });
  returns.command('dispose').description(t('improvement.returns.dispose.description'))
    .argument('<rma>', t('improvement.returns.option.rma'))
    .requiredOption('--disposition <disposition>', t('improvement.returns.option.disposition', { dispositions: IMPROVEMENT_RETURN_DISPOSITIONS.join(', ') }))
    .option('--cost <eur>', t('improvement.returns.option.cost'))
    .option('--credit <eur>', t('improvement.returns.option.credit'))
    .option('--date <date>', t('improvement.option.date'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (rma: string, options: { disposition: string; cost?: string; credit?: string; date?: string; org?: string; json?: boolean }) => {
      const disposition = oneOf(context, '--disposition', options.disposition, IMPROVEMENT_RETURN_DISPOSITIONS) as ImprovementReturnDisposition;
      const disposedDate = dateOf(context, '--date', options.date) ?? todayIso(context);
      const returnCostEur = positiveNumber(context, '--cost', options.cost, true);
      const creditAmountEur = positiveNumber(context, '--credit', options.credit, true);
      const ret = await withDatabase(context, (handle) => disposeImprovementReturn(handle, {
        organizationId: organizationOf(context, options.org), rmaNumber: rma, disposition, disposedDate, actor: CLI_ACTOR,
        ...(returnCostEur !== undefined ? { returnCostEur } : {}), ...(creditAmountEur !== undefined ? { creditAmountEur } : {}),
      }));
      if (options.json) return printJson(context, ret);
      context.stdout(t('improvement.returns.disposed', { rma: ret.rmaNumber, disposition: t(`improvement.returns.disposition.${disposition}`), cost: eur(ret.returnCostEur) }) + '\n');
    });
  returns.command('list').description(t('improvement.returns.list.description'))
    .option('--status <status>', t('improvement.returns.option.status'))
    .option('--page <n>', t('improvement.option.page'))
    .option('--page-size <n>', t('improvement.option.pageSize'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { status?: string; page?: string; pageSize?: string; org?: string; json?: boolean }) => {
      const status = oneOf(context, '--status', options.status, ['authorized', 'received', 'inspected', 'closed', 'cancelled'] as const) as ImprovementReturnStatus | undefined;
      const page = await withDatabase(context, (handle) => listImprovementReturns(handle, { organizationId: organizationOf(context, options.org), page: pageOf(context, options.page, 1), pageSize: pageOf(context, options.pageSize, 50), ...(status ? { status } : {}) }));
      if (options.json) return printJson(context, page);
      if (page.items.length === 0) return context.stdout(t('improvement.returns.none') + '\n');
      for (const ret of page.items) printReturn(ret);
      context.stdout(t('improvement.page', { page: page.page, shown: page.items.length, total: page.total }) + '\n');
    });
  returns.command('report').description(t('improvement.returns.report.description'))
    .option('-b, --by <group>', t('improvement.returns.option.by'), 'item')
    .option('--from <date>', t('improvement.option.from'))
    .option('--to <date>', t('improvement.option.to'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { by: string; from?: string; to?: string; org?: string; json?: boolean }) => {
      const by = oneOf(context, '--by', options.by, ['item', 'customer', 'reason'] as const) as ImprovementReturnReportBy;
      const window = windowOf(options);
      const rows = await withDatabase(context, (handle) => reportImprovementReturns(handle, { organizationId: organizationOf(context, options.org), ...window, by }));
      if (options.json) return printJson(context, { ...window, by, rows });
      if (rows.length === 0) return context.stdout(t('improvement.returns.none') + '\n');
      context.stdout(t('improvement.returns.report.header', { from: window.from, to: window.to }) + '\n');
      for (const row of rows) {
        context.stdout(t('improvement.returns.report.row', { key: by === 'reason' ? t(`improvement.returns.reason.${row.key}`) : row.key, count: row.returnCount, returned: row.returnedQuantity, shipped: row.shippedQuantity ?? '-', rate: percent(row.returnRate), cost: eur(row.returnCostEur) }) + '\n');
      }
    });

  // flowpilot actions
  const printAction = (a: ImprovementAction): void => {
    context.stdout(t('improvement.actions.row', {
      number: a.actionNumber, status: t(`improvement.actions.status.${a.status}`), title: a.title, owner: a.owner, due: a.dueDate,
      link: a.kpiId ?? a.auditFinding ?? '-', baseline: a.baselineValue ?? '-', measured: a.measuredValue ?? '-',
      effect: a.effect === null ? '-' : `${a.effect > 0 ? '+' : ''}${Math.round(a.effect * 10000) / 10000}${a.improved === null ? '' : a.improved ? ' ✓' : ' ✗'}`,
    }) + '\n');
  };
  const actions = program.command('actions').description(t('improvement.actions.description'));
  actions.command('add').description(t('improvement.actions.add.description'))
    .requiredOption('--title <text>', t('improvement.actions.option.title'))
    .requiredOption('--owner <name>', t('improvement.actions.option.owner'))
    .requiredOption('--due <date>', t('improvement.actions.option.due'))
    .option('--kpi <id>', t('improvement.actions.option.kpi'))
    .option('--finding <text>', t('improvement.actions.option.finding'))
    .option('--description <text>', t('improvement.actions.option.description'))
    .option('--number <number>', t('improvement.actions.option.number'))
    .option('--date <date>', t('improvement.option.date'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { title: string; owner: string; due: string; kpi?: string; finding?: string; description?: string; number?: string; date?: string; org?: string; json?: boolean }) => {
      const kpiId = oneOf(context, '--kpi', options.kpi, ids);
      const dueDate = dateOf(context, '--due', options.due)!;
      const asOfDate = dateOf(context, '--date', options.date) ?? todayIso(context);
      const action = await withDatabase(context, (handle) => addImprovementAction(handle, {
        organizationId: organizationOf(context, options.org), title: options.title, owner: options.owner, dueDate, asOfDate, actor: CLI_ACTOR,
        ...(kpiId ? { kpiId } : {}), ...(options.finding ? { auditFinding: options.finding } : {}), ...(options.description ? { description: options.description } : {}),
        ...(options.number ? { actionNumber: options.number } : {}),
      }));
      if (options.json) return printJson(context, action);
      context.stdout(t('improvement.actions.added', { number: action.actionNumber }) + '\n');
      printAction(action);
    });
  actions.command('list').description(t('improvement.actions.list.description'))
    .option('--status <status>', t('improvement.actions.option.status', { statuses: IMPROVEMENT_ACTION_STATUSES.join(', ') }))
    .option('--page <n>', t('improvement.option.page'))
    .option('--page-size <n>', t('improvement.option.pageSize'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { status?: string; page?: string; pageSize?: string; org?: string; json?: boolean }) => {
      const status = oneOf(context, '--status', options.status, IMPROVEMENT_ACTION_STATUSES);
      const page = await withDatabase(context, (handle) => listImprovementActions(handle, { organizationId: organizationOf(context, options.org), page: pageOf(context, options.page, 1), pageSize: pageOf(context, options.pageSize, 50), ...(status ? { status } : {}) }));
      if (options.json) return printJson(context, page);
      if (page.items.length === 0) return context.stdout(t('improvement.actions.none') + '\n');
      for (const action of page.items) printAction(action);
      context.stdout(t('improvement.page', { page: page.page, shown: page.items.length, total: page.total }) + '\n');
    });
  actions.command('update').description(t('improvement.actions.update.description'))
    .argument('<number>', t('improvement.actions.option.number'))
    .option('--status <status>', t('improvement.actions.option.status', { statuses: IMPROVEMENT_ACTION_STATUSES.join(', ') }))
    .option('--owner <name>', t('improvement.actions.option.owner'))
    .option('--due <date>', t('improvement.actions.option.due'))
    .option('--title <text>', t('improvement.actions.option.title'))
    .option('--date <date>', t('improvement.option.date'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (number: string, options: { status?: string; owner?: string; due?: string; title?: string; date?: string; org?: string; json?: boolean }) => {
      const status = oneOf(context, '--status', options.status, IMPROVEMENT_ACTION_STATUSES) as ImprovementActionStatus | undefined;
      const dueDate = dateOf(context, '--due', options.due);
      const asOfDate = dateOf(context, '--date', options.date) ?? todayIso(context);
      const action = await withDatabase(context, (handle) => updateImprovementAction(handle, {
        organizationId: organizationOf(context, options.org), actionNumber: number, asOfDate, actor: CLI_ACTOR,
        ...(status ? { status } : {}), ...(options.owner ? { owner: options.owner } : {}), ...(dueDate ? { dueDate } : {}), ...(options.title ? { title: options.title } : {}),
      }));
      if (options.json) return printJson(context, action);
      printAction(action);
    });
  actions.command('close').description(t('improvement.actions.close.description'))
    .argument('<number>', t('improvement.actions.option.number'))
    .option('--date <date>', t('improvement.option.date'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (number: string, options: { date?: string; org?: string; json?: boolean }) => {
      const asOfDate = dateOf(context, '--date', options.date) ?? todayIso(context);
      const action = await withDatabase(context, (handle) => closeImprovementAction(handle, { organizationId: organizationOf(context, options.org), actionNumber: number, asOfDate, actor: CLI_ACTOR }));
      if (options.json) return printJson(context, action);
      printAction(action);
    });
  actions.command('meeting').description(t('improvement.meetings.add.description'))
    .requiredOption('--group <name>', t('improvement.meetings.option.group'))
    .requiredOption('--title <text>', t('improvement.meetings.option.title'))
    .option('--decision <text...>', t('improvement.meetings.option.decision'))
    .option('--participants <names>', t('improvement.meetings.option.participants'))
    .option('--date <date>', t('improvement.option.date'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { group: string; title: string; decision?: string[]; participants?: string; date?: string; org?: string; json?: boolean }) => {
      const meetingDate = dateOf(context, '--date', options.date) ?? todayIso(context);
      // A decision "ACT-3: text" points to action ACT-3.
      const decisions = (options.decision ?? []).map((text) => {
        const match = /^(ACT-\d+|[A-Z][A-Z0-9-]*\d)\s*:\s*(.+)$/.exec(text);
        return match ? { actionNumber: match[1]!, text: match[2]! } : { text };
      });
      const meeting = await withDatabase(context, (handle) => addImprovementMeeting(handle, {
        organizationId: organizationOf(context, options.org), meetingDate, workGroup: options.group, title: options.title, decisions, actor: CLI_ACTOR,
        ...(options.participants ? { participants: options.participants } : {}),
      }));
      if (options.json) return printJson(context, meeting);
      context.stdout(t('improvement.meetings.added', { number: meeting.meetingNumber, count: meeting.decisions.length }) + '\n');
    });
  actions.command('meetings').description(t('improvement.meetings.list.description'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { org?: string; json?: boolean }) => {
      const page = await withDatabase(context, (handle) => listImprovementMeetings(handle, { organizationId: organizationOf(context, options.org) }));
      if (options.json) return printJson(context, page);
      if (page.items.length === 0) return context.stdout(t('improvement.meetings.none') + '\n');
      for (const meeting of page.items) {
        context.stdout(`${meeting.meetingNumber}  ${meeting.meetingDate}  ${meeting.workGroup} — ${meeting.title}\n`);
        for (const d of meeting.decisions) context.stdout(`  ${d.decisionNumber}. ${d.text}${d.actionNumber ? ` → ${d.actionNumber}` : ''}\n`);
      }
    });

  // flowpilot costs
  program.command('costs').description(t('improvement.costs.description'))
    .option('-b, --by <view>', t('improvement.costs.option.by'), 'month')
    .option('--from <date>', t('improvement.option.from'))
    .option('--to <date>', t('improvement.option.to'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { by: string; from?: string; to?: string; org?: string; json?: boolean }) => {
      const view = oneOf(context, '--by', options.by, ['month', 'category', 'customer'] as const)!;
      const window = windowOf(options);
      const organizationId = organizationOf(context, options.org);
      await withDatabase(context, async (handle) => {
        if (view === 'customer') {
          const rows = await computeImprovementCostToServe(handle, { organizationId, ...window });
          if (options.json) return printJson(context, { ...window, by: view, rows });
          context.stdout(t('improvement.costs.customer.header', { from: window.from, to: window.to }) + '\n');
          for (const r of rows) context.stdout(t('improvement.costs.customer.row', { customer: r.customerCode, orders: r.orderCount, revenue: eur(r.revenueEur), direct: eur(r.directCostEur), allocated: eur(r.allocatedCostEur), total: eur(r.costToServeEur), share: percent(r.costShareOfRevenue) }) + '\n');
          return undefined;
        }
        if (view === 'category') {
          const rows = await computeImprovementCostBreakdown(handle, { organizationId, ...window });
          if (options.json) return printJson(context, { ...window, by: view, rows });
          context.stdout(t('improvement.costs.category.header', { from: window.from, to: window.to }) + '\n');
          for (const r of rows) context.stdout(`  ${t(`improvement.costs.category.${r.category}`).padEnd(28)} ${eur(r.amountEur).padStart(14)}  ${percent(r.share)}\n`);
          return undefined;
        }
        const rows = await computeImprovementBudgetVsActual(handle, { organizationId, ...window });
        if (options.json) return printJson(context, { ...window, by: view, rows });
        context.stdout(t('improvement.costs.budget.header', { from: window.from, to: window.to }) + '\n');
        for (const r of rows) context.stdout(t('improvement.costs.budget.row', { month: r.month, category: t(`improvement.costs.category.${r.category}`), budget: eur(r.budgetEur), actual: eur(r.actualEur), variance: eur(r.varianceEur), fraction: percent(r.varianceFraction) }) + '\n');
        return undefined;
      });
    });

  // flowpilot smed, flowpilot five-s: lean records kept over time.
  const text = (file: Record<string, unknown>, key: string, path: string, required = true): string | undefined => {
    const value = file[key];
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || value.trim() === '') throw new CliError(EXIT_CODES.invalidInput, t('improvement.lean.error.field', { path, key, kind: 'text' }));
    return value;
  };
  const list = (file: Record<string, unknown>, key: string, path: string): unknown[] => {
    const value = file[key];
    if (!Array.isArray(value)) throw new CliError(EXIT_CODES.invalidInput, t('improvement.lean.error.field', { path, key, kind: 'array' }));
    return value;
  };
  const printSmed = (study: ImprovementSmedStudy): void => {
    const a = study.analysis;
    context.stdout(t('improvement.smed.row', {
      number: study.studyNumber, date: study.studyDate, title: study.title, workCenter: study.workCenterCode ?? '-', before: a.changeoverBeforeSeconds, after: a.changeoverAfterSeconds,
      saved: a.changeoverSavedSeconds, reduction: percent(a.reductionFraction), freed: a.machineSecondsFreedPerPeriod === null ? '-' : Math.round(a.machineSecondsFreedPerPeriod / 60),
    }) + '\n');
  };
  const smed = program.command('smed').description(t('improvement.smed.description'));
  smed.command('record').description(t('improvement.smed.record.description'))
    .requiredOption('-i, --input <file>', t('improvement.smed.option.input'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { input: string; org?: string; json?: boolean }) => {
      const file = readKpiJsonFile(options.input, context);
      const title = text(file, 'title', options.input)!;
      const studyDate = dateOf(context, 'studyDate', text(file, 'studyDate', options.input))!;
      const workCenterCode = text(file, 'workCenterCode', options.input, false);
      const studyNumber = text(file, 'studyNumber', options.input, false);
      const changeovers = file.changeoversPerWeek;
      if (changeovers !== undefined && (typeof changeovers !== 'number' || changeovers < 0)) throw new CliError(EXIT_CODES.invalidInput, t('improvement.lean.error.field', { path: options.input, key: 'changeoversPerWeek', kind: 'number ≥ 0' }));
      const elements = list(file, 'elements', options.input) as SmedElement[];
      const study = await withDatabase(context, (handle) => recordImprovementSmedStudy(handle, {
        organizationId: organizationOf(context, options.org), title, studyDate, elements,
        ...(workCenterCode ? { workCenterCode } : {}), ...(studyNumber ? { studyNumber } : {}), ...(typeof changeovers === 'number' ? { changeoversPerWeek: changeovers } : {}),
      }));
      if (options.json) return printJson(context, study);
      printSmed(study);
    });
  smed.command('list').description(t('improvement.smed.list.description'))
    .option('--work-center <code>', t('improvement.smed.option.workCenter'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { workCenter?: string; org?: string; json?: boolean }) => {
      const studies = await withDatabase(context, (handle) => listImprovementSmedStudies(handle, { organizationId: organizationOf(context, options.org), ...(options.workCenter ? { workCenterCode: options.workCenter } : {}) }));
      if (options.json) return printJson(context, { items: studies });
      if (studies.length === 0) return context.stdout(t('improvement.smed.none') + '\n');
      for (const study of studies) printSmed(study);
    });
  const fiveS = program.command('five-s').description(t('improvement.fiveS.description'));
  fiveS.command('record').description(t('improvement.fiveS.record.description'))
    .requiredOption('-i, --input <file>', t('improvement.fiveS.option.input'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { input: string; org?: string; json?: boolean }) => {
      const file = readKpiJsonFile(options.input, context);
      const area = text(file, 'area', options.input)!;
      const auditDate = dateOf(context, 'auditDate', text(file, 'auditDate', options.input))!;
      const auditor = text(file, 'auditor', options.input, false);
      const auditNumber = text(file, 'auditNumber', options.input, false);
      const max = file.maxScorePerQuestion ?? 4;
      if (max !== 4 && max !== 5) throw new CliError(EXIT_CODES.invalidInput, t('improvement.lean.error.field', { path: options.input, key: 'maxScorePerQuestion', kind: '4 or 5' }));
      const answers = list(file, 'answers', options.input) as FiveSAnswer[];
      const result = await withDatabase(context, (handle) => recordImprovementFiveSAudit(handle, {
        organizationId: organizationOf(context, options.org), area, auditDate, maxScorePerQuestion: max, answers,
        ...(auditor ? { auditor } : {}), ...(auditNumber ? { auditNumber } : {}),
      }));
      if (options.json) return printJson(context, result);
      context.stdout(t('improvement.fiveS.recorded', { number: result.auditId, area: result.area, score: percent(result.scoreFraction), points: result.totalPoints, max: result.maxPoints }) + '\n');
      for (const pillar of result.pillars) context.stdout(`  ${pillar.pillar.padEnd(14)} ${percent(pillar.scoreFraction)}\n`);
      for (const finding of result.findings) context.stdout(t('improvement.fiveS.finding', { question: finding.questionId, pillar: finding.pillar, score: finding.score, comment: finding.comment ?? '' }) + '\n');
    });
  fiveS.command('trend').description(t('improvement.fiveS.trend.description'))
    .option('--area <name>', t('improvement.fiveS.option.area'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { area?: string; org?: string; json?: boolean }) => {
      const areas = await withDatabase(context, (handle) => computeImprovementFiveSTrend(handle, { organizationId: organizationOf(context, options.org), ...(options.area ? { area: options.area } : {}) }));
      if (options.json) return printJson(context, { areas });
      if (areas.length === 0) return context.stdout(t('improvement.fiveS.none') + '\n');
      for (const area of areas) {
        context.stdout(`${area.area}\n`);
        for (const point of area.trend) context.stdout(`  ${point.date}  ${point.auditId.padEnd(8)} ${percent(point.scoreFraction)}${point.changeFraction === null ? '' : `  (${point.changeFraction >= 0 ? '+' : ''}${Math.round(point.changeFraction * 1000) / 10} pt)`}\n`);
        for (const finding of area.latest.findings) context.stdout(t('improvement.fiveS.finding', { question: finding.questionId, pillar: finding.pillar, score: finding.score, comment: finding.comment ?? '' }) + '\n');
      }
    });
};
