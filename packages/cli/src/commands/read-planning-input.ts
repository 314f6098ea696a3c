import { translate } from '@flowpilot/contract';
import { CliError, EXIT_CODES, type CliContext } from '../cli-context';
import { readJsonObjectFileWith } from '../read-json-object-file';

/** Reads a JSON object file for the planning commands: exit 4 when missing, 3 when not a JSON object. */
export function readPlanningInputFile(path: string, context: CliContext): Record<string, unknown> {
  return readJsonObjectFileWith(path, context, { notJson: 'planning.error.inputNotJson', notObject: 'planning.error.inputShape' });
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
