import { CoreError } from '@flowpilot/core';
import { CliError, EXIT_CODES } from './cli-context';

/** The one table from error kinds to exit codes (2 usage, 3 invalid input, 4 not found, 1 other). */
export function toExitCode(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof CoreError) return error.code === 'unknown_reference' ? EXIT_CODES.notFound : EXIT_CODES.invalidInput;
  if (error instanceof Error && 'code' in error && (error as { code?: unknown }).code === 'ENOENT') return EXIT_CODES.notFound;
  return EXIT_CODES.other;
}
