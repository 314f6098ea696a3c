import type { Language } from '@flowpilot/contract';

/** What every command receives: the user's language and where to write. */
export type CliContext = {
  language: Language;
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when standard error is a terminal: progress bars draw in place; otherwise they print lines. */
  interactive: boolean;
};

/** An error that already knows its exit code and its message for the user. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(exitCode: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Exit codes, the same for every command: 2 usage, 3 invalid input, 4 not found, 1 other. */
export const EXIT_CODES = { ok: 0, other: 1, usage: 2, invalidInput: 3, notFound: 4 } as const;

/** Prints a value as pretty JSON on stdout. */
export function printJson(context: CliContext, value: unknown): void {
  context.stdout(JSON.stringify(value, null, 2) + '\n');
}
