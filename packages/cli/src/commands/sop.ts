import {
  compareAggregateScenarios,
  compareAggregateStrategies,
  computeVolumeRevenueMatrix,
  planAggregateProduction,
  type AggregatePlanInput,
  type AggregateScenario,
  type AggregateStrategy,
  type VolumeRevenueSalesLine,
  type WorkforceMode,
} from '@flowpilot/core';
import { translate } from '@flowpilot/contract';
import { printJson } from '../cli-context';
import type { CommandRegistration } from './index';
import { formatNumber, pickOption, readPlanningInputFile } from './read-planning-input';

const STRATEGIES: readonly AggregateStrategy[] = ['level', 'chase', 'optimal'];
const WORKFORCE_MODES: readonly WorkforceMode[] = ['continuous', 'integer'];

/** `flowpilot sop --input <file.json> [--strategy s] [--workforce m] [--json]`: S&OP plan, strategies side by side, scenarios. */
export const registerSopCommand: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>): string => translate(context.language, key, params);
  program
    .command('sop')
    .description(t('planning.sop.description'))
    .requiredOption('-i, --input <file>', t('planning.sop.option.input'))
    .option('-s, --strategy <strategy>', t('planning.sop.option.strategy', { values: STRATEGIES.join(', ') }))
    .option('-w, --workforce <mode>', t('planning.sop.option.workforce'))
    .option('--json', t('cli.option.json'))
    .action(async (options: { input: string; strategy?: string; workforce?: string; json?: boolean }) => {
      const file = readPlanningInputFile(options.input, context);
      const strategy = pickOption(options.strategy ?? (file.strategy as string | undefined), STRATEGIES, 'optimal', '--strategy', context);
      const workforceMode = pickOption(options.workforce ?? (file.workforceMode as string | undefined), WORKFORCE_MODES, 'continuous', '--workforce', context);
      const { scenarios, salesLines, strategy: _s, workforceMode: _w, ...rest } = file;
      const input = rest as unknown as AggregatePlanInput;
      // The core validates every field and throws CoreError (exit 3) with the bad field's path.
      const plan = await planAggregateProduction(input, { strategy, workforceMode });
      const comparison = await compareAggregateStrategies(input);
      const scenarioComparison = Array.isArray(scenarios) ? await compareAggregateScenarios(input, scenarios as AggregateScenario[], { strategy, workforceMode }) : undefined;
      const matrix = Array.isArray(salesLines) ? computeVolumeRevenueMatrix({ lines: salesLines as VolumeRevenueSalesLine[] }) : undefined;
      if (options.json) {
        printJson(context, {
          ...plan,
          strategies: { rows: comparison.rows, best: comparison.best },
          ...(scenarioComparison === undefined ? {} : { scenarios: scenarioComparison.rows, scenarioPlans: scenarioComparison.plans }),
          ...(matrix === undefined ? {} : { volumeRevenueMatrix: matrix }),
        });
        return;
      }
      const out = (line: string): void => context.stdout(line + '\n');
      out(t('planning.sop.summary', { family: plan.familyId ?? '-', strategy, workforce: workforceMode, status: plan.status, totalCost: formatNumber(plan.totalCost) }));
      out(t('planning.sop.header'));
      for (const p of plan.periods) {
        out(t('planning.sop.row', {
          period: p.period, demand: formatNumber(p.demandUnits), workforce: formatNumber(p.workforce), hired: formatNumber(p.hiredWorkers), laidOff: formatNumber(p.laidOffWorkers),
          overtime: formatNumber(p.overtimeHours), production: formatNumber(p.productionUnits), subcontract: formatNumber(p.subcontractUnits), inventory: formatNumber(p.endingInventoryUnits), backlog: formatNumber(p.endingBacklogUnits),
        }));
      }
      for (const exception of plan.exceptions) out(t(`planning.sop.exception.${exception.code}`, { period: exception.period ?? '-', quantity: formatNumber(exception.quantity ?? 0), detail: exception.message }));
      out('');
      for (const row of comparison.rows) out(t('planning.sop.strategyRow', { strategy: row.strategy, workforce: row.workforceMode, totalCost: formatNumber(row.totalCost), above: formatNumber(row.costAboveBest), status: row.status }));
      if (scenarioComparison !== undefined) {
        out('');
        for (const row of scenarioComparison.rows) out(t('planning.sop.scenarioRow', { scenario: row.label, totalCost: formatNumber(row.totalCost), change: formatNumber(row.costChangeFromBase), status: row.status }));
      }
    });
};
