import { translate } from '@flowpilot/contract';
import { DEMO_AS_OF_DATE, findLatestRun, loadForecasts, loadMasterSchedule, loadMrpInput, runMrpStep } from '@flowpilot/services';
import { CliError, EXIT_CODES, printJson } from '../cli-context';
import { asOfDateOf, horizonWeeksOf, organizationOf, withDatabase } from '../open-cli-database';
import type { CommandRegistration } from './index';

/**
 * `flowpilot mrp [--as-of d] [--horizon-weeks n] [--net-change]`: MRP on stored data, from the latest
 * forecast and master schedule runs; with --net-change, only the items whose inputs changed since the
 * latest MRP run (and their components) are re-planned.
 */
export const registerMrpCommand: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>): string => translate(context.language, key, params);
  program.command('mrp').description(t('cli.mrp.description'))
    .option('--as-of <date>', t('cli.plan.option.as_of'))
    .option('--horizon-weeks <n>', t('cli.plan.option.horizon'), '26')
    .option('--net-change', t('cli.mrp.option.net_change'))
    .option('--org <organization>', t('cli.option.org'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { asOf?: string; horizonWeeks: string; netChange?: boolean; org?: string; json?: boolean }) => {
      const organizationId = organizationOf(context, options.org);
      const horizonWeeks = horizonWeeksOf(context, options.horizonWeeks);
      const asOfDate = asOfDateOf(context, options.asOf, DEMO_AS_OF_DATE);
      const result = await withDatabase(context, async (handle) => {
        const forecastRun = await findLatestRun(handle, organizationId, 'forecast');
        if (!forecastRun) throw new CliError(EXIT_CODES.notFound, t('cli.mrp.no_forecast'));
        const mpsRun = await findLatestRun(handle, organizationId, 'mps');
        let netChangeFrom: { runId: string; input: NonNullable<Awaited<ReturnType<typeof loadMrpInput>>> } | undefined;
        if (options.netChange) {
          const previous = await findLatestRun(handle, organizationId, 'mrp');
          const input = previous ? await loadMrpInput(handle, previous.id) : undefined;
          if (!previous || !input) throw new CliError(EXIT_CODES.notFound, t('cli.mrp.no_previous'));
          netChangeFrom = { runId: previous.id, input };
        }
        return runMrpStep(handle, {
          organizationId, asOfDate, horizonWeeks, forecasts: await loadForecasts(handle, forecastRun.id), forecastRunId: forecastRun.id,
          masterSchedule: mpsRun ? await loadMasterSchedule(handle, mpsRun.id) : undefined, mpsRunId: mpsRun?.id, netChangeFrom,
        });
      });
      const { makeOrders: _makeOrders, ...summary } = result;
      if (options.json) return printJson(context, summary);
      context.stdout(t('cli.start.step.mrp', summary) + ` (${result.durationMs} ms, ${result.runId})\n`);
      context.stdout(t('cli.mrp.mode', { mode: result.mode, replanned: result.replannedItemIds.length }) + '\n');
      if (result.transferOrderCount > 0) context.stdout(t('cli.mrp.transfers', { count: result.transferOrderCount, runId: result.runId }) + '\n');
      for (const note of result.notes) context.stdout(`  ${note}\n`);
    });
};
