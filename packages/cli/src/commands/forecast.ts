import { existsSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { FORECAST_METHODS, isForecastMethod } from '@flowpilot/core';
import { runForecastCsv } from '@flowpilot/services';
import { translate } from '@flowpilot/contract';
import { CliError, EXIT_CODES, printJson, type CliContext } from '../cli-context';
import type { CommandRegistration } from './index';

type ForecastOptions = {
  input: string;
  horizon: string;
  seasonLength?: string;
  method?: string;
  levels?: string;
  output?: string;
  threads?: string;
  seed?: string;
  json?: boolean;
};

function integerOption(raw: string | undefined, option: string, min: number, fallback: number, context: CliContext): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new CliError(EXIT_CODES.usage, translate(context.language, 'forecast.error.integer', { option, min, value: raw }));
  }
  return value;
}

function parseLevels(raw: string | undefined, context: CliContext): number[] {
  if (raw === undefined) return [80, 95];
  const levels = raw.split(',').map((part) => Number(part.trim()));
  if (raw.trim() === '' || levels.some((level) => !(level > 0 && level < 100))) {
    throw new CliError(EXIT_CODES.usage, translate(context.language, 'forecast.error.levels', { value: raw }));
  }
  return [...new Set(levels)];
}

/** A progress bar over series on standard error (plain lines when not on a terminal). */
function startProgress(context: CliContext): { update: (done: number, total: number) => void; stop: () => void } {
  const stream = context.interactive
    ? process.stderr
    : ({ write: (text: string) => { context.stderr(text); return true; }, isTTY: false } as unknown as NodeJS.WriteStream);
  const bar = new cliProgress.SingleBar(
    { stream, noTTYOutput: !context.interactive, notTTYSchedule: 2000, format: `${translate(context.language, 'forecast.progress')} [{bar}] {percentage}% | {value}/{total}`, hideCursor: context.interactive },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (done, total) => {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/**
 * `flowpilot forecast --input <csv> --horizon <h> [--season-length <m>] [--method auto|ets|theta|…]
 * [--levels 80,95] [--output <csv>] [--threads <n>] [--seed <n>] [--json]`.
 */
export const registerForecastCommand: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>) => translate(context.language, key, params);
  program
    .command('forecast')
    .description(t('forecast.description'))
    .requiredOption('-i, --input <csv>', t('forecast.option.input'))
    .requiredOption('--horizon <h>', t('forecast.option.horizon'))
    .option('-m, --season-length <m>', t('forecast.option.seasonLength'))
    .option('--method <method>', t('forecast.option.method', { methods: FORECAST_METHODS.join('|') }), 'auto')
    .option('--levels <levels>', t('forecast.option.levels'), '80,95')
    .option('-o, --output <csv>', t('forecast.option.output'))
    .option('--threads <n>', t('forecast.option.threads'))
    .option('--seed <n>', t('forecast.option.seed'))
    .option('--json', t('cli.option.json'))
    .action(async (options: ForecastOptions) => {
      const horizon = integerOption(options.horizon, '--horizon', 1, 1, context);
      const seasonLength = integerOption(options.seasonLength, '--season-length', 1, 1, context);
      const threadCount = options.threads === undefined ? undefined : integerOption(options.threads, '--threads', 1, 1, context);
      const seed = integerOption(options.seed, '--seed', 0, 1, context);
      const method = options.method ?? 'auto';
      if (!isForecastMethod(method)) {
        throw new CliError(EXIT_CODES.usage, t('forecast.error.method', { value: method, values: FORECAST_METHODS.join(', ') }));
      }
      const levels = parseLevels(options.levels, context);
      if (!existsSync(options.input)) throw new CliError(EXIT_CODES.notFound, t('error.file_not_found', { path: options.input }));
      const progress = startProgress(context);
      let result;
      try {
        result = await runForecastCsv({ inputPath: options.input, outputPath: options.output, horizon, seasonLength, method, levels, seed, threadCount, onProgress: progress.update });
      } finally {
        progress.stop();
      }
      if (!result.ok) {
        const [first, ...rest] = result.issues;
        let message = t('forecast.error.csv', { path: options.input, line: first!.line, column: first!.column || '-', value: first!.value, message: first!.message });
        for (const issue of rest.slice(0, 4)) message += '\n' + t('forecast.error.csv', { path: options.input, line: issue.line, column: issue.column || '-', value: issue.value, message: issue.message });
        if (rest.length > 4) message += '\n' + t('forecast.error.csvMore', { count: rest.length - 4 });
        throw new CliError(EXIT_CODES.invalidInput, message);
      }
      if (result.failed.length === result.seriesCount) {
        const first = result.failed[0]!;
        throw new CliError(EXIT_CODES.invalidInput, t('forecast.error.allFailed', { seriesId: first.seriesId, message: first.message }));
      }
      if (!options.output && !options.json) context.stdout(result.csv);
      const summary = {
        input: options.input,
        output: options.output ?? null,
        method,
        horizon,
        seasonLength,
        levels,
        seriesCount: result.seriesCount,
        rowCount: result.rowCount,
        seconds: Number(result.seconds.toFixed(3)),
        methods: result.methods,
        failed: result.failed,
        notes: result.notes,
      };
      if (options.json) {
        printJson(context, options.output ? summary : { ...summary, csv: result.csv });
        return;
      }
      const methods = Object.entries(result.methods).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name, count]) => `${name} ${count}`).join(', ');
      context.stderr(t('forecast.done', { series: result.seriesCount - result.failed.length, horizon, method, seconds: result.seconds.toFixed(2), output: options.output ?? t('forecast.stdout') }) + '\n');
      context.stderr(t('forecast.methods', { methods }) + '\n');
      if (result.failed.length > 0) {
        context.stderr(t('forecast.failed', { count: result.failed.length, list: result.failed.slice(0, 10).map((f) => `${f.seriesId} (${f.message})`).join('; ') }) + '\n');
      }
    });
};
