import { Command, CommanderError } from 'commander';
import { CoreError } from '@flowpilot/core';
import { detectLanguage, translate } from '@flowpilot/contract';
import { CliError, EXIT_CODES, type CliContext } from './cli-context';
import { commandRegistrations } from './commands/index';
import { toExitCode } from './exit-code';
import { applyConfigFile } from './config-file';

/** Builds the `flowpilot` program with every command registered. */
export function createProgram(context: CliContext): Command {
  const program = new Command('flowpilot');
  program
    .description(translate(context.language, 'cli.description'))
    .version('0.1.0', '-V, --version')
    .showHelpAfterError()
    // Options after a subcommand belong to it (`proposals approve --supplier X` must not set the parent's --supplier).
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: context.stdout, writeErr: context.stderr });
  for (const register of commandRegistrations) register(program, context);
  // Subcommands inherit the output and exit settings.
  const propagate = (command: Command): void => {
    for (const sub of command.commands) {
      sub.exitOverride().configureOutput({ writeOut: context.stdout, writeErr: context.stderr });
      propagate(sub);
    }
  };
  propagate(program);
  return program;
}

/** Runs the CLI with process-like arguments and returns the exit code. */
export async function main(argv: string[], overrides: Partial<CliContext> = {}): Promise<number> {
  const configured = applyConfigFile(overrides.env ?? process.env);
  if (!configured.ok) {
    (overrides.stderr ?? ((text: string) => process.stderr.write(text)))(configured.message + '\n');
    return EXIT_CODES.usage;
  }
  const env = configured.env;
  const context: CliContext = {
    language: overrides.language ?? detectLanguage(env),
    env,
    stdout: overrides.stdout ?? ((text) => process.stdout.write(text)),
    stderr: overrides.stderr ?? ((text) => process.stderr.write(text)),
    interactive: overrides.interactive ?? Boolean(process.stderr.isTTY),
  };
  const program = createProgram(context);
  try {
    await program.parseAsync(argv);
    return EXIT_CODES.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) return EXIT_CODES.ok;
      return EXIT_CODES.usage;
    }
    const exitCode = toExitCode(error);
    context.stderr(describeError(error, context) + '\n');
    return exitCode;
  }
}

function describeError(error: unknown, context: CliContext): string {
  if (error instanceof CliError) return error.message;
  if (error instanceof CoreError) {
    return translate(context.language, `core.${error.code}`, { path: error.path ?? '-', detail: error.message });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return translate(context.language, 'error.internal', { detail });
}
