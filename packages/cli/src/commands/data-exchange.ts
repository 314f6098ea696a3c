import { existsSync } from 'node:fs';
import { translate } from '@flowpilot/contract';
import {
  ENTITY_CATALOG, formatImportIssue, getEntityDescriptor, runExport, runImport, checkDataQuality, formatDataQualityFinding,
  type EntityName, type ImportReport,
} from '@flowpilot/services';
import { CliError, EXIT_CODES, printJson, type CliContext } from '../cli-context';
import { organizationOf, todayIso, withDatabase } from '../open-cli-database';
import { createProgressBar } from '../progress';
import type { CommandRegistration } from './index';

const MAX_LISTED_ISSUES = 200;

function printImportReport(context: CliContext, report: ImportReport): void {
  const t = (key: string, params?: Record<string, unknown>): string => translate(context.language, key, params);
  for (const entity of report.entities) context.stdout(t('cli.import.entity_line', { entity: entity.entity, rows: entity.rows, sources: entity.sources.join(', ') }) + '\n');
  const listed = report.issues.slice(0, MAX_LISTED_ISSUES);
  for (const issue of listed) context.stdout(formatImportIssue(issue, context.language) + '\n');
  if (report.issues.length > listed.length) context.stdout(t('import.too_many_issues', { count: report.issues.length - listed.length }) + '\n');
  const summaryKey = report.written ? 'cli.import.written' : report.errorCount > 0 ? 'cli.import.rejected' : 'cli.import.dry_run_ok';
  context.stdout(t(summaryKey, { errors: report.errorCount, warnings: report.warningCount, rows: report.entities.reduce((sum, e) => sum + e.rows, 0) }) + '\n');
}

/** `flowpilot import`, `flowpilot export`, `flowpilot check`. */
export const registerDataExchangeCommands: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>): string => translate(context.language, key, params);

  program
    .command('import')
    .description(t('cli.import.description'))
    .argument('<path>', t('cli.import.argument'))
    .option('--dry-run', t('cli.import.option.dry_run'))
    .option('--entity <entity>', t('cli.import.option.entity'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (path: string, options: { dryRun?: boolean; entity?: string; org?: string; json?: boolean }) => {
      if (!existsSync(path)) throw new CliError(EXIT_CODES.notFound, t('error.file_not_found', { path }));
      const entity = options.entity === undefined ? undefined : toEntityName(options.entity, context);
      const progress = createProgressBar(context, { silent: options.json === true });
      const report = await withDatabase(context, (handle) => runImport(handle, {
        organizationId: organizationOf(context, options.org),
        path,
        entity,
        dryRun: options.dryRun === true,
        actor: { userId: null, email: context.env.FLOWPILOT_USER ?? context.env.USER ?? 'cli', via: 'cli' },
        today: todayIso(context),
        onProgress: ({ entity: name, rowsWritten, rowsTotal }) => progress.update(rowsWritten, rowsTotal, name),
      }));
      progress.stop();
      if (options.json) printJson(context, { ...report, issues: report.issues.map((issue) => ({ ...issue, message: formatImportIssue(issue, context.language) })) });
      else printImportReport(context, report);
      if (report.errorCount > 0) throw new CliError(EXIT_CODES.invalidInput, t('cli.import.rejected', { errors: report.errorCount, warnings: report.warningCount, rows: 0 }));
    });

  program
    .command('export')
    .description(t('cli.export.description'))
    .argument('<entity>', t('cli.export.argument'))
    .requiredOption('--format <format>', 'csv | xlsx')
    .requiredOption('--out <path>', t('cli.export.option.out'))
    .option('--headers <language>', t('cli.export.option.headers'), 'en')
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (entityArgument: string, options: { format: string; out: string; headers: string; org?: string; json?: boolean }) => {
      if (options.format !== 'csv' && options.format !== 'xlsx') throw new CliError(EXIT_CODES.usage, t('error.usage', { detail: '--format csv|xlsx' }));
      if (options.headers !== 'en' && options.headers !== 'fr') throw new CliError(EXIT_CODES.usage, t('error.usage', { detail: '--headers en|fr' }));
      const entities = entityArgument === 'all' ? 'all' : [toEntityName(entityArgument, context)];
      const report = await withDatabase(context, (handle) => runExport(handle, { organizationId: organizationOf(context, options.org), entities, format: options.format as 'csv' | 'xlsx', outPath: options.out, headerLanguage: options.headers as 'en' | 'fr' }));
      if (options.json) printJson(context, report);
      else context.stdout(t('cli.export.done', { files: report.files.length, rows: report.entities.reduce((sum, e) => sum + e.rows, 0), path: options.out }) + '\n');
    });

  program
    .command('check')
    .description(t('cli.check.description'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { org?: string; json?: boolean }) => {
      const report = await withDatabase(context, (handle) => checkDataQuality(handle, { organizationId: organizationOf(context, options.org), today: todayIso(context) }));
      if (options.json) {
        printJson(context, { ...report, findings: report.findings.map((finding) => ({ ...finding, message: formatDataQualityFinding(finding, context.language) })) });
        return;
      }
      for (const check of report.checks) context.stdout(`${check.findingCount === 0 ? 'OK  ' : check.severity === 'error' ? 'ERR ' : 'WARN'} ${translate(context.language, `quality.${check.check}.title`)}: ${check.findingCount}\n`);
      for (const finding of report.findings.slice(0, MAX_LISTED_ISSUES)) context.stdout(`  - ${formatDataQualityFinding(finding, context.language)}\n`);
      context.stdout(t('cli.check.summary', { errors: report.errorCount, warnings: report.warningCount }) + '\n');
    });
};

function toEntityName(value: string, context: CliContext): EntityName {
  const found = ENTITY_CATALOG.find((d) => d.name === value || d.fileNames.includes(value));
  if (!found) {
    throw new CliError(EXIT_CODES.usage, translate(context.language, 'error.usage', { detail: `unknown entity "${value}"; expected one of: ${ENTITY_CATALOG.map((d) => d.fileNames[0]).join(', ')}, all` }));
  }
  return getEntityDescriptor(found.name).name;
}
