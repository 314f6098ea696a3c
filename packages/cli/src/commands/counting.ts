import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { translate } from '@flowpilot/contract';
import type { AbcClassBound } from '@flowpilot/core';
import {
  analyzeCountVariances, closeCount, computeRecordAccuracyFromDatabase, CountingError, decodeText, enterCounts, formatCountEntryIssue, getCountSheet, importStorageBins,
  listInventoryCounts, parseCountClassSettings, runCountPlan, runSupplierScorecard, startCount, toCountSheetCsv, type CountSheet, type CountVarianceGroup,
} from '@flowpilot/services';
import { CliError, EXIT_CODES, printJson, type CliContext } from '../cli-context';
import { organizationOf, todayIso, withDatabase } from '../open-cli-database';
import type { CommandRegistration } from './index';

/** The CLI's clock for timestamps: FLOWPILOT_NOW overrides it for reproducible runs. */
function nowIso(context: CliContext): string {
  return context.env.FLOWPILOT_NOW ?? new Date().toISOString();
}

/** Runs a counting use case and turns its CountingError into the CLI's exit codes and translated message. */
async function guarded<T>(context: CliContext, work: () => Promise<T>, json = false): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof CountingError)) throw error;
    const message = translate(context.language, error.key, error.params);
    if (json && error.issues.length > 0) printJson(context, { accepted: false, message, issues: error.issues.map((i) => ({ ...i, message: formatCountEntryIssue(i, context.language) })) });
    const lines = [message, ...error.issues.map((i) => `  ${formatCountEntryIssue(i, context.language)}`)];
    const exitCode = error.kind === 'not_found' ? EXIT_CODES.notFound : error.kind === 'invalid_input' ? EXIT_CODES.invalidInput : EXIT_CODES.other;
    throw new CliError(exitCode, lines.join('\n'), { cause: error });
  }
}

function dateOption(context: CliContext, option: string, value: string | undefined, fallback: string): string {
  const date = value ?? fallback;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) throw new CliError(EXIT_CODES.usage, translate(context.language, 'error.usage', { detail: translate(context.language, 'counting.cli.usage.date', { option, value: date }) }));
  return date;
}

function numberOption(context: CliContext, option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new CliError(EXIT_CODES.usage, translate(context.language, 'error.usage', { detail: translate(context.language, 'counting.cli.usage.number', { option, value }) }));
  return n;
}

function abcOption(context: CliContext, value: string | undefined): AbcClassBound[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((part) => {
    const [label, share] = part.split(':');
    const cumulativeShare = Number(share);
    if (!label || !Number.isFinite(cumulativeShare)) throw new CliError(EXIT_CODES.usage, translate(context.language, 'error.usage', { detail: `--abc: "${part}" is not class:share (e.g. A:0.8)` }));
    return { label: label.trim(), cumulativeShare };
  });
}

const percent = (value: number | null): string => (value === null ? '-' : `${(value * 100).toFixed(1)} %`);
const money = (value: number): string => value.toFixed(2);

function printSheet(context: CliContext, sheet: CountSheet): void {
  const t = (key: string, params?: Record<string, unknown>) => translate(context.language, key, params);
  context.stdout(t('counting.cli.sheet.header', { countNumber: sheet.countNumber, location: sheet.locationCode, date: sheet.countDate, startedAt: sheet.startedAt }) + '\n');
  context.stdout(t('counting.cli.sheet.columns') + '\n');
  for (const l of sheet.lines) {
    context.stdout(`${String(l.lineNumber).padStart(4)}  ${l.binCode.padEnd(10)}  ${l.itemCode.padEnd(10)}  ${(l.lotNumber || '-').padEnd(10)}  ${l.uomCode.padEnd(4)}  ________________   ${l.itemName}\n`);
  }
}

function printGroups(context: CliContext, groups: Record<string, CountVarianceGroup>, labelOf: (key: string) => string): void {
  for (const [key, g] of Object.entries(groups)) {
    context.stdout(translate(context.language, 'counting.cli.variances.group', { label: labelOf(key), lines: g.lines, withVariance: g.linesWithVariance, net: money(g.netVarianceValueEur), absolute: money(g.absoluteVarianceValueEur) }) + '\n');
  }
}

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** --from, --to and --location: the period and site a report covers. */
function periodOptions(command: Command, t: Translate): Command {
  return command.option('--from <date>', t('counting.cli.option.from')).option('--to <date>', t('counting.cli.option.to')).option('--location <code>', t('counting.cli.option.location'));
}

type PeriodOptions = { from?: string; to?: string; location?: string; org?: string; json?: boolean };

/** The report query of `count accuracy` and `count variances`: organization, checked dates and location. */
function periodQuery(context: CliContext, options: PeriodOptions): { organizationId: string; from?: string; to?: string; locationCode?: string } {
  return {
    organizationId: organizationOf(context, options.org), ...(options.from ? { from: dateOption(context, '--from', options.from, '') } : {}),
    ...(options.to ? { to: dateOption(context, '--to', options.to, '') } : {}), ...(options.location ? { locationCode: options.location } : {}),
  };
}

/** `flowpilot count plan|sheet|enter|close|list|accuracy|variances` and `flowpilot suppliers scorecard`. */
export const registerCountingCommands: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>) => translate(context.language, key, params);
  /** A sub-command with its description (counting.cli.<name>.description) and the --org and --json every counting command takes. */
  const subcommand = (parent: Command, name: string): Command => parent.command(name).description(t(`counting.cli.${name}.description`))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'));
  const count = program.command('count').description(t('counting.cli.count.description')).enablePositionalOptions();

  subcommand(count, 'plan')
    .option('--from <date>', t('counting.cli.option.from'))
    .option('--months <n>', t('counting.cli.option.months'), '12')
    .option('--location <code>', t('counting.cli.option.location'))
    .option('--classes <settings>', t('counting.cli.option.classes'))
    .option('--abc <bounds>', t('counting.cli.option.abc'))
    .option('--calendar <code>', t('counting.cli.option.calendar'))
    .option('--plan-number <number>', t('counting.cli.option.planNumber'))
    .option('--items <codes>', t('counting.cli.option.items'))
    .option('--by <user>', t('counting.cli.option.by'), 'cli')
    .action(async (options: { from?: string; months: string; location?: string; classes?: string; abc?: string; calendar?: string; planNumber?: string; items?: string; by: string; org?: string; json?: boolean }) => {
      const fromDate = dateOption(context, '--from', options.from, todayIso(context));
      const itemCodes = itemCodesOption(options.items);
      const months = numberOption(context, '--months', options.months)!;
      const abcClasses = abcOption(context, options.abc);
      const result = await guarded(context, () => withDatabase(context, (handle) => runCountPlan(handle, {
        organizationId: organizationOf(context, options.org), fromDate, months, settings: parseCountClassSettings(options.classes), createdBy: options.by,
        ...(options.location ? { locationCode: options.location } : {}), ...(abcClasses ? { abcClasses } : {}), ...(options.calendar ? { calendarCode: options.calendar } : {}), ...(options.planNumber ? { planNumber: options.planNumber } : {}),
        ...(itemCodes ? { itemCodes } : {}),
      })));
      if (options.json) return printJson(context, result);
      context.stdout(t('counting.cli.plan.summary', { planNumber: result.planNumber, from: result.fromDate, to: result.toDate, lines: result.lines.length }) + '\n');
      for (const [label, c] of Object.entries(result.classes)) context.stdout(t('counting.cli.plan.class', { label, ...c }) + '\n');
      context.stdout(t('counting.cli.plan.next') + '\n');
      for (const l of result.lines.slice(0, 20)) context.stdout(`  ${l.scheduledDate}  ${l.locationCode.padEnd(8)} ${l.itemCode.padEnd(12)} ${l.abcClass}  ${money(l.annualUsageValue)} EUR/yr\n`);
    });

  subcommand(count, 'sheet')
    .option('--location <code>', t('counting.cli.option.location'))
    .option('--date <date>', t('counting.cli.option.date'))
    .option('--plan <number>', t('counting.cli.option.plan'))
    .option('--items <codes>', t('counting.cli.option.items'))
    .option('--classes <settings>', t('counting.cli.option.classes'))
    .option('--started-at <timestamp>', t('counting.cli.option.startedAt'))
    .option('--count <number>', t('counting.cli.option.count'))
    .option('--recount', t('counting.cli.option.recount'))
    .option('--csv <file>', t('counting.cli.option.csv'))
    .option('--by <user>', t('counting.cli.option.by'), 'cli')
    .action(async (options: { location?: string; date?: string; plan?: string; items?: string; classes?: string; startedAt?: string; count?: string; recount?: boolean; csv?: string; by: string; org?: string; json?: boolean }) => {
      const organizationId = organizationOf(context, options.org);
      if (options.count && options.location) throw new CliError(EXIT_CODES.usage, t('error.usage', { detail: t('counting.cli.usage.sheetChoice') }));
      if (!options.count && !options.location) throw new CliError(EXIT_CODES.usage, t('error.usage', { detail: t('counting.cli.usage.locationNeeded') }));
      const countDate = dateOption(context, '--date', options.date, todayIso(context));
      const settings = options.classes === undefined ? undefined : parseCountClassSettings(options.classes);
      const itemCodes = itemCodesOption(options.items);
      const sheet = await guarded(context, () => withDatabase(context, (handle) => (options.count
        ? getCountSheet(handle, { organizationId, countNumber: options.count, onlyRecount: options.recount === true })
        : startCount(handle, {
          organizationId, locationCode: options.location!, countDate, startedAt: options.startedAt ?? nowIso(context), createdBy: options.by, ...(settings ? { settings } : {}),
          ...(options.plan ? { planNumber: options.plan } : {}), ...(itemCodes ? { itemCodes } : {}),
        }))));
      if (options.csv) writeFileSync(options.csv, toCountSheetCsv(sheet));
      if (options.json) return printJson(context, sheet);
      printSheet(context, sheet);
      if (options.csv) context.stdout(t('counting.cli.sheet.csvWritten', { path: options.csv, lines: sheet.lines.length }) + '\n');
    });

  subcommand(count, 'enter')
    .argument('<count>', t('counting.cli.option.count'))
    .requiredOption('-f, --file <file>', t('counting.cli.option.file'))
    .option('--counted-at <timestamp>', t('counting.cli.option.countedAt'))
    .option('--by <user>', t('counting.cli.option.by'), 'cli')
    .action(async (countNumber: string, options: { file: string; countedAt?: string; by: string; org?: string; json?: boolean }) => {
      const text = decodeText(readFileSync(options.file));
      const result = await guarded(context, () => withDatabase(context, (handle) => enterCounts(handle, {
        organizationId: organizationOf(context, options.org), countNumber, file: basename(options.file), text, countedAt: options.countedAt ?? nowIso(context), countedBy: options.by,
      })), options.json === true);
      if (options.json) return printJson(context, { accepted: true, ...result });
      context.stdout(t('counting.cli.enter.done', { countNumber, entered: result.linesEntered, recount: result.linesToRecount.length, remaining: result.linesRemaining }) + '\n');
      for (const l of result.linesToRecount) context.stdout(t('counting.cli.enter.recount', { line: l.lineNumber, bin: l.binCode || '-', item: l.itemCode, lot: l.lotNumber || '-' }) + '\n');
    });

  subcommand(count, 'close')
    .argument('<count>', t('counting.cli.option.count'))
    .option('--by <user>', t('counting.cli.option.by'), 'cli')
    .option('--dry-run', t('counting.cli.option.dryRun'))
    .action(async (countNumber: string, options: { by: string; dryRun?: boolean; org?: string; json?: boolean }) => {
      const result = await guarded(context, () => withDatabase(context, (handle) => closeCount(handle, { organizationId: organizationOf(context, options.org), countNumber, approvedBy: options.by, dryRun: options.dryRun === true })));
      if (options.json) return printJson(context, result);
      context.stdout((result.dryRun
        ? t('counting.cli.close.review', { countNumber, lines: result.lines.length, accuracy: percent(result.accuracy.accuracy) })
        : t('counting.cli.close.header', { countNumber, status: result.status, adjustments: result.adjustmentsPosted, accuracy: percent(result.accuracy.accuracy) })) + '\n');
      for (const l of result.lines) {
        context.stdout(t('counting.cli.close.line', {
          line: l.lineNumber, item: l.itemCode, lot: l.lotNumber || '-', abcClass: l.abcClass, snapshot: l.snapshotQuantity, during: l.movementsDuringCountQuantity, expected: l.expectedQuantity,
          counted: l.countedQuantity, variance: l.varianceQuantity, value: money(l.varianceValueEur), flag: l.withinTolerance ? '' : ' !', cause: l.causeCode ? ` — ${t(`counting.cause.${l.causeCode}`)}` : '',
        }) + '\n');
      }
      context.stdout(t('counting.cli.close.total', { net: money(result.summary.overall.netVarianceValueEur), absolute: money(result.summary.overall.absoluteVarianceValueEur) }) + '\n');
    });

  subcommand(count, 'bins')
    .requiredOption('-f, --file <file>', t('counting.cli.option.file'))
    .action(async (options: { file: string; org?: string; json?: boolean }) => {
      const text = decodeText(readFileSync(options.file));
      const result = await guarded(context, () => withDatabase(context, (handle) => importStorageBins(handle, { organizationId: organizationOf(context, options.org), file: basename(options.file), text })), options.json === true);
      if (options.json) return printJson(context, result);
      context.stdout(t('counting.cli.bins.done', { count: result.binsWritten }) + '\n');
    });

  subcommand(count, 'list')
    .option('--status <status>', t('counting.cli.option.status'))
    .option('--location <code>', t('counting.cli.option.location'))
    .action(async (options: { status?: string; location?: string; org?: string; json?: boolean }) => {
      const result = await withDatabase(context, (handle) => listInventoryCounts(handle, { organizationId: organizationOf(context, options.org), pageSize: 500, ...(options.status ? { status: options.status } : {}), ...(options.location ? { locationCode: options.location } : {}) }));
      if (options.json) return printJson(context, result);
      if (result.items.length === 0) return context.stdout(t('counting.cli.list.empty') + '\n');
      for (const c of result.items) context.stdout(t('counting.cli.list.row', { countNumber: c.countNumber, location: c.locationCode, date: c.countDate, status: c.status, counted: c.linesCounted, lines: c.lineCount, recount: c.linesToRecount }) + '\n');
    });

  periodOptions(subcommand(count, 'accuracy'), t)
    .action(async (options: PeriodOptions) => {
      const result = await withDatabase(context, (handle) => computeRecordAccuracyFromDatabase(handle, periodQuery(context, options)));
      if (options.json) return printJson(context, result);
      const o = result.overall;
      context.stdout(t('counting.cli.accuracy.overall', { accuracy: percent(o.accuracy), accurate: o.linesAccurate, counted: o.linesCounted, exact: o.linesExact }) + '\n');
      for (const [label, f] of [...Object.entries(result.byClass), ...result.byMonth.map((m) => [m.month, m] as const)]) {
        context.stdout(t('counting.cli.accuracy.row', { label, accuracy: percent(f.accuracy), accurate: f.linesAccurate, counted: f.linesCounted }) + '\n');
      }
    });

  periodOptions(subcommand(count, 'variances'), t)
    .action(async (options: PeriodOptions) => {
      const result = await withDatabase(context, (handle) => analyzeCountVariances(handle, periodQuery(context, options)));
      if (options.json) return printJson(context, result);
      context.stdout(t('counting.cli.close.total', { net: money(result.overall.netVarianceValueEur), absolute: money(result.overall.absoluteVarianceValueEur) }) + '\n');
      context.stdout(t('counting.cli.variances.byClass') + '\n');
      printGroups(context, result.byClass, (key) => key);
      context.stdout(t('counting.cli.variances.byCause') + '\n');
      printGroups(context, result.byCause, (key) => t(`counting.cause.${key}`));
    });

  const suppliers = program.command('suppliers').description(t('counting.cli.suppliers.description')).enablePositionalOptions();
  subcommand(suppliers, 'scorecard')
    .option('--supplier <code>', t('counting.cli.option.supplier'))
    .option('--from <date>', t('counting.cli.option.from'))
    .option('--to <date>', t('counting.cli.option.to'))
    .option('--on-time-window-days <days>', t('counting.cli.option.onTimeWindow'))
    .option('--in-full-tolerance <fraction>', t('counting.cli.option.inFullTolerance'))
    .action(async (options: { supplier?: string; from?: string; to?: string; onTimeWindowDays?: string; inFullTolerance?: string; org?: string; json?: boolean }) => {
      const to = dateOption(context, '--to', options.to, todayIso(context));
      const from = dateOption(context, '--from', options.from, new Date(Date.parse(`${to}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10));
      const onTimeWindowDays = numberOption(context, '--on-time-window-days', options.onTimeWindowDays);
      const inFullTolerance = numberOption(context, '--in-full-tolerance', options.inFullTolerance);
      const report = await withDatabase(context, (handle) => runSupplierScorecard(handle, {
        organizationId: organizationOf(context, options.org), from, to, ...(options.supplier ? { supplierCode: options.supplier } : {}),
        ...(onTimeWindowDays !== undefined ? { onTimeWindowDays } : {}), ...(inFullTolerance !== undefined ? { inFullTolerance } : {}),
      }));
      if (options.json) return printJson(context, report);
      context.stdout(t('counting.cli.scorecard.header', { from, to, open: report.openLinesWithoutReceipt }) + '\n');
      if (report.suppliers.length === 0) return context.stdout(t('counting.cli.scorecard.empty') + '\n');
      for (const s of report.suppliers) {
        context.stdout(t('counting.cli.scorecard.row', {
          supplier: s.supplierCode, lines: s.linesReceived, onTime: percent(s.onTimeRate), inFull: percent(s.inFullRate), otif: percent(s.onTimeInFullRate), accuracy: percent(s.quantityAccuracy),
          leadMean: s.leadTimeMeanDays === null ? '-' : s.leadTimeMeanDays.toFixed(1), leadStd: s.leadTimeStdDays === null ? '-' : s.leadTimeStdDays.toFixed(1), rejects: percent(s.rejectRate), priceVariance: money(s.priceVarianceEur),
        }) + '\n');
      }
    });
};

/** `--items A,B,C` → the codes, blanks dropped; undefined when the option is absent or empty. */
function itemCodesOption(value: string | undefined): string[] | undefined {
  const codes = (value ?? '').split(',').map((code) => code.trim()).filter((code) => code !== '');
  return codes.length > 0 ? codes : undefined;
}
