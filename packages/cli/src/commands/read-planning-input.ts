import { readFileSync } from 'node:fs';
import { translate } from '@flowpilot/contract';
import { CliError, EXIT_CODES, type CliContext } from '../cli-context';

/** Reads a JSON object file for the planning commands: exit 4 when missing, 3 when not a JSON object. */
export function readPlanningInputFile(path: string, context: CliContext): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') throw new CliError(EXIT_CODES.notFound, translate(context.language, 'error.file_not_found', { path }), { cause: error });
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError(EXIT_CODES.invalidInput, translate(context.language, 'planning.error.inputNotJson', { path, detail: (error as Error).message }), { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError(EXIT_CODES.invalidInput, translate(context.language, 'planning.error.inputShape', { path, detail: 'expected a JSON object' }));
  }
  return value as Record<string, unknown>;
}

/** Checks an option value against its allowed values (exit 2 otherwise). */
export function pickOption<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, option: string, context: CliContext): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new CliError(EXIT_CODES.usage, translate(context.language, 'planning.error.option', { value, option, values: allowed.join(', ') }));
  }
  return value as T;
}

/** Formats a number for tables: at most 2 decimals, no trailing zeros. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Math.round(value * 100) / 100);
}
