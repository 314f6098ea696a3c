import { translate } from '@flowpilot/contract';
import { listForecastOverrides, setForecastOverride, withdrawForecastOverride, type AuditActor, type OverrideProblem } from '@flowpilot/services';
import { CliError, EXIT_CODES, printJson, type CliContext } from '../cli-context';
import { organizationOf, withDatabase } from '../open-cli-database';
import type { CommandRegistration } from './index';

function actorOf(context: CliContext, author: string | undefined): AuditActor {
  return { userId: null, email: author ?? context.env.FLOWPILOT_USER ?? context.env.USER ?? 'cli', via: 'cli' };
}

function problemError(context: CliContext, problem: OverrideProblem): CliError {
  return new CliError(problem === 'not_found' ? EXIT_CODES.notFound : problem === 'unknown_item' || problem === 'unknown_location' ? EXIT_CODES.notFound : EXIT_CODES.invalidInput,
    translate(context.language, `forecast.override.problem.${problem}`));
}

/** `flowpilot override set|list|withdraw`: planners' forecast overrides with reason and author. */
export const registerOverrideCommand: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>): string => translate(context.language, key, params);
  const override = program.command('override').description(t('forecast.override.description'));

  override.command('set').description(t('forecast.override.set.description'))
    .requiredOption('--item <code>', t('forecast.override.option.item'))
    .requiredOption('--location <code>', t('forecast.override.option.location'))
    .requiredOption('--week <monday>', t('forecast.override.option.week'))
    .requiredOption('--quantity <n>', t('forecast.override.option.quantity'))
    .requiredOption('--reason <text>', t('forecast.override.option.reason'))
    .option('--author <name>', t('forecast.override.option.author'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { item: string; location: string; week: string; quantity: string; reason: string; author?: string; org?: string; json?: boolean }) => {
      const quantity = Number(options.quantity.replace(',', '.'));
      if (!Number.isFinite(quantity)) throw problemError(context, 'negative_quantity');
      const actor = actorOf(context, options.author);
      const outcome = await withDatabase(context, (handle) => setForecastOverride(handle, { organizationId: organizationOf(context, options.org), itemCode: options.item, locationCode: options.location, weekStart: options.week, quantity, reason: options.reason, actor }));
      if (!outcome.ok) throw problemError(context, outcome.problem);
      if (options.json) return printJson(context, outcome.value);
      const o = outcome.value;
      context.stdout(t('forecast.override.done', { id: o.id, item: o.itemCode, location: o.locationCode, week: o.weekStart, quantity: Number(o.quantity), reason: o.reason, author: o.authorEmail ?? '-' }) + '\n');
    });

  override.command('list').description(t('forecast.override.list.description'))
    .option('--item <code>', t('forecast.override.option.item'))
    .option('--all', t('forecast.override.list.description'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { item?: string; all?: boolean; org?: string; json?: boolean }) => {
      const rows = await withDatabase(context, (handle) => listForecastOverrides(handle, { organizationId: organizationOf(context, options.org), ...(options.item ? { itemCode: options.item } : {}), includeWithdrawn: options.all === true }));
      if (options.json) return printJson(context, rows);
      for (const o of rows) context.stdout(`${o.id.padStart(5)}  ${o.itemCode}@${o.locationCode}  ${o.weekStart}  ${Number(o.quantity)}  ${o.reason}  (${o.authorEmail ?? '-'}, ${o.createdAt}${o.withdrawnAt ? `, withdrawn ${o.withdrawnAt}` : ''})\n`);
    });

  override.command('withdraw <id>').description(t('forecast.override.withdraw.description'))
    .option('--reason <text>', t('forecast.override.option.reason'))
    .option('--author <name>', t('forecast.override.option.author'))
    .option('--org <organization>', t('cli.option.org'))
    .action(async (id: string, options: { reason?: string; author?: string; org?: string }) => {
      const outcome = await withDatabase(context, (handle) => withdrawForecastOverride(handle, { organizationId: organizationOf(context, options.org), id, reason: options.reason ?? null, actor: actorOf(context, options.author) }));
      if (!outcome.ok) throw problemError(context, outcome.problem);
      context.stdout(t('forecast.override.withdrawn', { id }) + '\n');
    });
};
