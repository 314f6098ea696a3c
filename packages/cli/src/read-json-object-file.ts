import { readFileSync } from 'node:fs';
import { translate } from '@flowpilot/contract';
import { CliError, EXIT_CODES, type CliContext } from './cli-context';

/**
 * Reads a JSON object file given to a command: exit 4 when it is missing, 3 when it is not JSON or not
 * an object. `messages` names the catalogue keys of the command's domain for the two invalid cases.
 */
export function readJsonObjectFileWith(path: string, context: CliContext, messages: { notJson: string; notObject: string }): Record<string, unknown> {
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
    throw new CliError(EXIT_CODES.invalidInput, translate(context.language, messages.notJson, { path, detail: (error as Error).message }), { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError(EXIT_CODES.invalidInput, translate(context.language, messages.notObject, { path, detail: 'expected a JSON object' }));
  }
  return value as Record<string, unknown>;
}
