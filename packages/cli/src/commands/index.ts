import type { Command } from 'commander';
import type { CliContext } from '../cli-context';

/** A module that adds its commands to the program. */
export type CommandRegistration = (program: Command, context: CliContext) => void;

// One line per command module; each module lives in its own file in this folder.
export const commandRegistrations: CommandRegistration[] = [];
