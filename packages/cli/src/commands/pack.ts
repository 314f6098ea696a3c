import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { checkLoad, parseBischoffRatcliff, parsePackingJson, planLoad, renderLoadSvg, type PackingInput, type PackingSupportMode } from '@flowpilot/core';
import { translate } from '@flowpilot/contract';
import { CliError, EXIT_CODES, printJson, type CliContext } from '../cli-context';
import type { CommandRegistration } from './index';

type PackOptions = {
  input: string;
  problem?: string;
  support?: string;
  timeLimitSeconds?: string;
  seed?: string;
  maxCompletions?: string;
  svg?: string;
  colourBy?: string;
  json?: boolean;
};

// Without a time limit the search runs this many greedy completions: the same file and seed give the same load.
const DEFAULT_MAX_COMPLETIONS = 5000;

function readText(path: string, context: CliContext): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') throw new CliError(EXIT_CODES.notFound, translate(context.language, 'error.file_not_found', { path }), { cause: error });
    throw error;
  }
}

function parseNumber(raw: string | undefined, option: string, context: CliContext, integer: boolean, allowZero: boolean): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0) || (integer && !Number.isInteger(value))) {
    throw new CliError(EXIT_CODES.usage, translate(context.language, 'pack.error.number', { option, value: raw }));
  }
  return value;
}

/** JSON when the file starts with `{`, else a Bischoff–Ratcliff thpack file. */
function readLoadInput(path: string, problem: number, context: CliContext): { name: string; input: PackingInput } {
  const text = readText(path, context);
  if (text.trimStart().startsWith('{')) return { name: basename(path), input: parsePackingJson(text) };
  const problems = parseBischoffRatcliff(text);
  const chosen = problems[problem - 1];
  if (!chosen) throw new CliError(EXIT_CODES.invalidInput, translate(context.language, 'pack.error.problem', { value: problem, count: problems.length }));
  return { name: `${basename(path)}#${chosen.problemNumber}`, input: chosen.input };
}

/**
 * `flowpilot pack --input <file> [--problem n] [--support full|none] [--time-limit-seconds n] [--seed n]
 * [--max-completions n] [--svg <out.svg>] [--colour-by boxType|stop] [--json]`.
 */
export const registerPackCommand: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>) => translate(context.language, key, params);
  program
    .command('pack')
    .description(t('pack.description'))
    .requiredOption('-i, --input <file>', t('pack.option.input'))
    .option('--problem <n>', t('pack.option.problem'), '1')
    .option('--support <rule>', t('pack.option.support'), 'none')
    .option('-t, --time-limit-seconds <n>', t('pack.option.timeLimit'))
    .option('-s, --seed <n>', t('pack.option.seed'), '1')
    .option('--max-completions <n>', t('pack.option.maxCompletions'))
    .option('--svg <file>', t('pack.option.svg'))
    .option('--colour-by <rule>', t('pack.option.colourBy'), 'boxType')
    .option('--json', t('cli.option.json'))
    .action(async (options: PackOptions) => {
      const support = (options.support ?? 'none') as PackingSupportMode;
      if (support !== 'none' && support !== 'full') throw new CliError(EXIT_CODES.usage, t('pack.error.support', { value: options.support }));
      const colourBy = options.colourBy ?? 'boxType';
      if (colourBy !== 'boxType' && colourBy !== 'stop') throw new CliError(EXIT_CODES.usage, t('pack.error.colourBy', { value: options.colourBy }));
      const problem = parseNumber(options.problem, '--problem', context, true, false) ?? 1;
      const seed = parseNumber(options.seed, '--seed', context, true, true) ?? 1;
      const maxCompletions = parseNumber(options.maxCompletions, '--max-completions', context, true, false);
      const timeLimitSeconds = parseNumber(options.timeLimitSeconds, '--time-limit-seconds', context, false, false);
      // Parsers throw CoreError with "line N: reason" (exit 3).
      const { name, input } = readLoadInput(options.input, problem, context);
      const started = performance.now();
      const result = planLoad(input, {
        support,
        seed,
        maxCompletions: maxCompletions ?? (timeLimitSeconds === undefined ? DEFAULT_MAX_COMPLETIONS : Number.MAX_SAFE_INTEGER),
        ...(timeLimitSeconds === undefined ? {} : { timeLimitSeconds, nowMs: () => performance.now() }),
      });
      const elapsedSeconds = (performance.now() - started) / 1000;
      const issues = checkLoad(input, result.placements, { support });
      if (issues.length > 0) throw new CliError(EXIT_CODES.other, t('pack.error.invalidLoad', { count: issues.length, detail: issues[0]!.message }));
      if (options.svg) {
        const title = `${name}: ${(result.volumeUtilisation * 100).toFixed(2)} % volume, ${result.packedCount} boxes, support ${support}`;
        writeFileSync(options.svg, renderLoadSvg(input.container, result.placements, { colourBy, title }));
      }
      if (options.json) {
        printJson(context, {
          name,
          status: result.status,
          volumeUtilisation: result.volumeUtilisation,
          packedCount: result.packedCount,
          packedVolumeCm3: result.packedVolumeCm3,
          containerVolumeCm3: result.containerVolumeCm3,
          packedWeightKg: result.packedWeightKg,
          unpacked: result.unpacked,
          exceptions: result.exceptions,
          placements: result.placements,
          check: { valid: true, issues: [] },
          search: { ...result.search, elapsedSeconds: Math.round(elapsedSeconds * 1000) / 1000 },
          ...(options.svg ? { svg: options.svg } : {}),
        });
        return;
      }
      context.stdout(
        t('pack.summary', {
          name,
          status: t(`pack.status.${result.status}`),
          packed: result.packedCount,
          utilisation: (result.volumeUtilisation * 100).toFixed(2),
          weight: Math.round(result.packedWeightKg * 100) / 100,
          support,
          seconds: elapsedSeconds.toFixed(1),
        }) + '\n',
      );
      for (const e of result.exceptions) context.stdout(t('pack.unpacked', { quantity: e.quantity, boxType: e.boxTypeId, reason: t(`pack.reason.${e.reason}`) }) + '\n');
      if (options.svg) context.stdout(t('pack.svg.written', { path: options.svg }) + '\n');
    });
};
