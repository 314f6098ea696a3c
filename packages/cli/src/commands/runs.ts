import { translate } from '@flowpilot/contract';
import { DEMO_AS_OF_DATE, getPlanningRun, listPlanningRuns, runPlanningCycle } from '@flowpilot/services';
import { CliError, EXIT_CODES, printJson } from '../cli-context';
import { asOfDateOf, horizonWeeksOf, organizationOf, withDatabase } from '../open-cli-database';
import { createProgressBar } from '../progress';
import type { CommandRegistration } from './index';

/** `flowpilot runs [show <id>]` (stored planning runs) and `flowpilot plan` (run the planning cycle on stored data). */
export const registerRunsCommands: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>): string => translate(context.language, key, params);

  const runs = program.command('runs').description(t('cli.runs.description')).enablePositionalOptions()
    .option('--type <runType>', t('cli.runs.option.type'))
    .option('--limit <n>', t('cli.runs.option.limit'), '20')
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { type?: string; limit: string; org?: string; json?: boolean }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new CliError(EXIT_CODES.usage, t('error.usage', { detail: '--limit must be a whole number from 1 to 1000' }));
      const rows = await withDatabase(context, (handle) => listPlanningRuns(handle, { organizationId: organizationOf(context, options.org), runType: options.type, limit }));
      if (options.json) return printJson(context, rows);
      if (rows.length === 0) return context.stdout(t('cli.runs.none') + '\n');
      for (const row of rows) {
        context.stdout(`${row.id}  ${row.runType.padEnd(12)} ${row.status.padEnd(9)} ${t('cli.runs.as_of')} ${row.asOfDate ?? '-'}  ${row.durationMs ?? '-'} ms  ${t('cli.runs.exceptions', { count: row.exceptionCount })}  ${JSON.stringify(row.summary).slice(0, 160)}\n`);
      }
    });

  runs.command('show').description(t('cli.runs.show.description')).argument('<runId>', t('cli.runs.show.argument'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (runId: string, options: { org?: string; json?: boolean }) => {
      const details = await withDatabase(context, (handle) => getPlanningRun(handle, { organizationId: organizationOf(context, options.org), runId }));
      if (!details) throw new CliError(EXIT_CODES.notFound, t('error.not_found', { detail: runId }));
      if (options.json) return printJson(context, details);
      context.stdout(`${details.id} (${details.runType}, ${details.status}) ${t('cli.runs.as_of')} ${details.asOfDate ?? '-'}\n`);
      context.stdout(`  inputs hash: ${details.inputsHash ?? '-'}\n  parameters: ${JSON.stringify(details.parameters)}\n  summary: ${JSON.stringify(details.summary)}\n`);
      context.stdout(`  ${t('cli.runs.exceptions', { count: details.exceptionCount })}\n`);
      for (const exception of details.exceptions.slice(0, 20)) context.stdout(`    - ${JSON.stringify(exception)}\n`);
      for (const [table, result] of Object.entries(details.results)) {
        context.stdout(`  ${table}: ${result.count}\n`);
        for (const row of result.sample.slice(0, 5)) context.stdout(`    ${JSON.stringify(row).slice(0, 200)}\n`);
      }
    });

  program.command('plan').description(t('cli.plan.description'))
    .option('--as-of <date>', t('cli.plan.option.as_of'))
    .option('--horizon-weeks <n>', t('cli.plan.option.horizon'), '26')
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { asOf?: string; horizonWeeks: string; org?: string; json?: boolean }) => {
      const asOfDate = asOfDateOf(context, options.asOf, DEMO_AS_OF_DATE);
      const horizonWeeks = horizonWeeksOf(context, options.horizonWeeks);
      const progress = createProgressBar(context, { silent: options.json === true });
      const result = await withDatabase(context, (handle) => runPlanningCycle(handle, {
        organizationId: organizationOf(context, options.org), asOfDate, horizonWeeks,
        onStep: (event) => { if (event.state === 'progress' && event.done !== undefined && event.total !== undefined) progress.update(event.done, event.total, event.step); },
      }));
      progress.stop();
      if (options.json) return printJson(context, result);
      for (const step of result.steps) context.stdout(`${step.step.padEnd(13)} ${step.runId}  ${step.durationMs} ms  ${JSON.stringify(step.summary)}\n`);
    });
};
