import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import { parseRoutingInstance, type RoutingObjective } from '@flowpilot/core';
import { runRoutePlanning } from '@flowpilot/services';
import { translate } from '@flowpilot/contract';
import { CliError, EXIT_CODES, printJson, type CliContext } from '../cli-context';
import type { CommandRegistration } from './index';

type RouteOptions = { instance: string; objective?: string; timeLimitSeconds?: string; seed?: string; threads?: string; maxIterations?: string; json?: boolean };

const OBJECTIVES: readonly RoutingObjective[] = ['distance', 'vehicles-then-distance'];
const DEFAULT_TIME_LIMIT_SECONDS = 10;
const DEFAULT_THREADS = 2;

function readInstanceText(path: string, context: CliContext): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') throw new CliError(EXIT_CODES.notFound, translate(context.language, 'error.file_not_found', { path }), { cause: error });
    throw error;
  }
}

function positiveNumber(raw: string | undefined, option: string, context: CliContext, integer: boolean): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value)) || (option !== '--seed' && value === 0)) {
    throw new CliError(EXIT_CODES.usage, translate(context.language, 'route.error.number', { option, value: raw }));
  }
  return value;
}

/** Ids printed as numbers when every stop id is a plain integer (CVRPLIB, Solomon), else as strings. */
function toPrintedIds(routes: string[][]): (string | number)[][] {
  const allIntegers = routes.every((route) => route.every((id) => /^(0|[1-9]\d{0,14})$/.test(id)));
  return allIntegers ? routes.map((route) => route.map(Number)) : routes;
}

/** A time-based progress bar on standard error (line output when not on a terminal). */
function startProgress(context: CliContext, seconds: number): () => void {
  const stream = context.interactive
    ? process.stderr
    : ({ write: (text: string) => { context.stderr(text); return true; }, isTTY: false } as unknown as NodeJS.WriteStream);
  const bar = new cliProgress.SingleBar(
    { stream, noTTYOutput: !context.interactive, notTTYSchedule: 1000, format: `${translate(context.language, 'route.progress')} [{bar}] {percentage}% | {value}/{total} s`, hideCursor: context.interactive },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  const total = Math.ceil(seconds);
  bar.start(total, 0);
  const timer = setInterval(() => bar.update(Math.min(total, Math.floor((Date.now() - started) / 1000))), 250);
  return () => {
    clearInterval(timer);
    bar.update(total);
    bar.stop();
  };
}

/**
 * `flowpilot route --instance <file> [--objective distance|vehicles-then-distance] [--time-limit-seconds <n>]
 * [--seed <n>] [--threads <n>] [--max-iterations <n>] [--json]`.
 */
export const registerRouteCommand: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>) => translate(context.language, key, params);
  program
    .command('route')
    .description(t('route.description'))
    .requiredOption('-i, --instance <file>', t('route.option.instance'))
    .option('-o, --objective <objective>', t('route.option.objective'), 'distance')
    .option('-t, --time-limit-seconds <n>', t('route.option.timeLimit'))
    .option('-s, --seed <n>', t('route.option.seed'), '1')
    .option('--threads <n>', t('route.option.threads'))
    .option('--max-iterations <n>', t('route.option.maxIterations'))
    .option('--json', t('cli.option.json'))
    .action(async (options: RouteOptions) => {
      const objective = (options.objective ?? 'distance') as RoutingObjective;
      if (!OBJECTIVES.includes(objective)) throw new CliError(EXIT_CODES.usage, t('route.error.objective', { value: options.objective }));
      const maxIterations = positiveNumber(options.maxIterations, '--max-iterations', context, true);
      const timeLimitSeconds = positiveNumber(options.timeLimitSeconds, '--time-limit-seconds', context, false) ?? (maxIterations === undefined ? DEFAULT_TIME_LIMIT_SECONDS : undefined);
      const seed = positiveNumber(options.seed, '--seed', context, true) ?? 1;
      const threadCount = positiveNumber(options.threads, '--threads', context, true) ?? DEFAULT_THREADS;
      const text = readInstanceText(options.instance, context);
      // Parsers throw CoreError with `line N` (exit 3).
      const instance = parseRoutingInstance(text, basename(options.instance));
      const stopProgress = timeLimitSeconds === undefined ? () => {} : startProgress(context, timeLimitSeconds);
      let result;
      try {
        result = await runRoutePlanning({ instance, objective, seed, threadCount, ...(timeLimitSeconds === undefined ? {} : { timeLimitSeconds }), ...(maxIterations === undefined ? {} : { maxIterations }) });
      } finally {
        stopProgress();
      }
      const routes = toPrintedIds(result.routes.map((route) => route.stopIds));
      if (options.json) {
        printJson(context, {
          cost: result.cost,
          vehicles: result.vehicles,
          routes,
          objective: result.objective,
          status: result.status,
          distance: result.distance,
          instance: instance.name,
          routeDetails: result.routes,
          exceptions: result.exceptions,
          seed: result.seed,
          iterations: result.iterations,
          threads: result.threads,
          elapsedSeconds: result.elapsedSeconds,
          // true: the search threads had not answered by the time limit + grace; the checked savings plan stands in.
          stoppedAtTimeLimit: result.stoppedAtTimeLimit,
        });
        return;
      }
      const round = (value: number): number => Math.round(value * 100) / 100;
      context.stdout(t('route.summary', {
        name: instance.name,
        status: t(`route.status.${result.status}`),
        cost: round(result.cost),
        distance: round(result.distance),
        vehicles: result.vehicles,
        seconds: round(result.elapsedSeconds),
      }) + '\n');
      result.routes.forEach((route, index) => {
        context.stdout(t('route.row', { index: index + 1, vehicleType: route.vehicleTypeId, stops: (routes[index] ?? []).join(' '), load: round(route.load), distance: round(route.distance), duration: round(route.duration) }) + '\n');
      });
      for (const issue of result.exceptions) context.stdout(t('route.issue', { message: issue.message }) + '\n');
    });
};
