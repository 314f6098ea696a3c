export { main, createProgram } from './main';
export type { CliContext } from './cli-context';
