import { main } from '../main';
import type { Language } from '@flowpilot/contract';

export type CliRun = { exitCode: number; stdout: string; stderr: string };

/** Runs `flowpilot <args>` in process and captures its output (for tests). */
export async function runCli(args: string[], options: { language?: Language; env?: Record<string, string | undefined> } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const exitCode = await main(['node', 'flowpilot', ...args], {
    language: options.language ?? 'en',
    env: { ...process.env, ...options.env },
    stdout: (text) => { stdout += text; },
    stderr: (text) => { stderr += text; },
    interactive: false,
  });
  return { exitCode, stdout, stderr };
}
