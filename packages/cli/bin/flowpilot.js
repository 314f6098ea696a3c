#!/usr/bin/env node
// Entry point of the `flowpilot` command: registers tsx so the TypeScript sources run as they are.
import { register } from 'tsx/esm/api';

// A reader that stops early (`flowpilot … | head`) closes the pipe: stop quietly instead of crashing.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error && error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv);
