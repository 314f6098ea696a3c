import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { translate } from '@flowpilot/contract';
import type { CliContext } from './cli-context';

const WEB_DIR = resolve(import.meta.dirname, '../../web');

function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'e2e') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMs(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the web app (vite) when its build is missing or older than its sources, so `npm start`
 * on a fresh clone serves it. A failed build is reported and the API is served anyway.
 */
export function ensureWebAppBuilt(context: CliContext): void {
  if (!existsSync(join(WEB_DIR, 'index.html'))) return;
  const builtIndex = join(WEB_DIR, 'dist', 'index.html');
  const contractDir = resolve(WEB_DIR, '../contract/src');
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= Math.max(newestSourceMs(WEB_DIR), newestSourceMs(contractDir))) return;
  context.stdout(translate(context.language, 'cli.start.web_build') + '\n');
  const vite = join(dirname(createRequire(join(WEB_DIR, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: WEB_DIR, encoding: 'utf8' });
  if (result.status !== 0) context.stderr(translate(context.language, 'cli.start.web_build_failed', { detail: (result.stderr || result.stdout || '').slice(-2000) }) + '\n');
}
