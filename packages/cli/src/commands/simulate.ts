import cliProgress from 'cli-progress';
import { simulateInventoryPolicy, type InventorySimulationInput, type InventorySimulationResult } from '@flowpilot/core';
import { runPolicySimulations, type PolicySimulationTask } from '@flowpilot/services';
import { translate } from '@flowpilot/contract';
import { CliError, EXIT_CODES, printJson, type CliContext } from '../cli-context';
import type { CommandRegistration } from './index';
import { parseInventoryJson, readInventoryText, roundForOutput } from './inventory-input';

const METRICS = ['cycleServiceLevel', 'readyRate', 'fillRate', 'averageOnHandUnits', 'averageBackorderUnits', 'ordersPerPeriod', 'costPerPeriod'] as const;

/** A progress bar on standard error, one step per finished item (line output when not on a terminal). */
function startProgress(context: CliContext, total: number): { update: (done: number) => void; stop: () => void } {
  const stream = context.interactive
    ? process.stderr
    : ({ write: (text: string) => { context.stderr(text); return true; }, isTTY: false } as unknown as NodeJS.WriteStream);
  const bar = new cliProgress.SingleBar(
    { stream, noTTYOutput: !context.interactive, notTTYSchedule: 1000, format: `${translate(context.language, 'inventory.simulate.progress')} [{bar}] {value}/{total}`, hideCursor: context.interactive },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}

/** Several items: `{ "items": [ { "itemId", ...simulation input } ], ...defaults }`, run on worker threads. */
async function simulateItems(file: Record<string, unknown>, seed: number, context: CliContext, exact: boolean, json: boolean): Promise<void> {
  const t = (key: string, params?: Record<string, unknown>) => translate(context.language, key, params);
  const { items, ...defaults } = file;
  const tasks = (items as unknown[]).map((item, index) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new CliError(EXIT_CODES.invalidInput, t('inventory.error.inputShape', { path: `items[${index}]`, detail: 'expected an object' }));
    const entry = item as Record<string, unknown>;
    // Each item gets its own seed stream unless it names one, so results do not depend on the order of work.
    return { ...defaults, itemId: String(entry.itemId ?? `item-${index + 1}`), seed: seed + index, ...entry } as unknown as PolicySimulationTask;
  });
  const progress = tasks.length > 1 ? startProgress(context, tasks.length) : undefined;
  let outcomes;
  try {
    outcomes = await runPolicySimulations(tasks, { ...(progress ? { onProgress: (done: number) => progress.update(done) } : {}) });
  } finally {
    progress?.stop();
  }
  const output = { items: outcomes.map((outcome, index) => ({ itemId: outcome.itemId, policy: tasks[index]!.policy, ...outcome.result })) };
  const printed = (exact ? output : roundForOutput(output)) as { items: (InventorySimulationResult & { itemId: string; policy: { type: string } })[] };
  if (json) {
    printJson(context, printed);
    return;
  }
  for (const item of printed.items) {
    context.stdout(`${item.itemId}: ` + t('inventory.simulate.summary', { policy: item.policy?.type, periods: item.totals.periods, replications: item.totals.replications, seed: item.totals.seed, level: `${Math.round(((defaults.confidenceLevel as number | undefined) ?? 0.95) * 100)} %` }) + '\n');
    for (const metric of METRICS) {
      const interval = item[metric];
      context.stdout(t('inventory.simulate.row', { name: t(`inventory.metric.${metric}`), mean: interval.mean, lower: interval.lower, upper: interval.upper }) + '\n');
    }
  }
}

/** `flowpilot simulate --input <file.json> [--seed n] [--json]`: seeded simulation of one policy (or of `items`) with confidence intervals. */
export const registerSimulateCommand: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>) => translate(context.language, key, params);
  program
    .command('simulate')
    .description(t('inventory.simulate.description'))
    .requiredOption('-i, --input <file>', t('inventory.simulate.option.input'))
    .option('--seed <n>', t('inventory.simulate.option.seed'))
    .option('--json', t('cli.option.json'))
    .option('--exact', t('inventory.option.exact'))
    .action(async (options: { input: string; seed?: string; json?: boolean; exact?: boolean }) => {
      const file = parseInventoryJson(readInventoryText(options.input, context), options.input, context);
      let seed = file.seed ?? 1;
      if (options.seed !== undefined) {
        seed = Number(options.seed);
        if (!Number.isInteger(seed)) throw new CliError(EXIT_CODES.usage, t('planning.error.option', { value: options.seed, option: '--seed', values: 'an integer' }));
      }
      if (Array.isArray(file.items)) {
        await simulateItems(file, Number(seed), context, Boolean(options.exact), Boolean(options.json));
        return;
      }
      const input = { ...file, seed } as unknown as InventorySimulationInput;
      // The core validates every field and throws CoreError (exit 3) with the bad field's path.
      const result = simulateInventoryPolicy(input);
      const output = { policy: input.policy, ...result };
      const printed = (options.exact ? output : roundForOutput(output)) as typeof output & InventorySimulationResult;
      if (options.json) {
        printJson(context, printed);
        return;
      }
      context.stdout(t('inventory.simulate.summary', {
        policy: input.policy?.type, periods: result.totals.periods, replications: result.totals.replications, seed: result.totals.seed,
        level: `${Math.round((input.confidenceLevel ?? 0.95) * 100)} %`,
      }) + '\n');
      for (const metric of METRICS) {
        const interval = printed[metric];
        context.stdout(t('inventory.simulate.row', { name: t(`inventory.metric.${metric}`), mean: interval.mean, lower: interval.lower, upper: interval.upper }) + '\n');
      }
    });
};
