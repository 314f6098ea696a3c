/**
 * E2E global setup: builds the web app, starts `flowpilot start` (demo company imported, planning cycle run) on a free
 * port with its data in a temp folder, and hands the base URL and the screenshot folder to the tests.
 * FLOWPILOT_E2E_BASE_URL=<url> skips the server start and tests a running one instead.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_PATH } from './browser';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    screenshotDir: string;
  }
}

const REPO = resolve(import.meta.dirname, '../../..');
const START_TIMEOUT_MS = 600_000;

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Waits until `pattern` appears in the child's output; rejects with the output when it exits or times out. */
function waitForOutput(child: ChildProcess, pattern: RegExp, label: string): Promise<string> {
  return new Promise((resolveOutput, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${label} did not start within ${START_TIMEOUT_MS / 1000} s. Output:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveOutput(match[1] ?? match[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited with code ${code} before it was ready. Output:\n${output}`));
    });
  });
}

function stop(child: ChildProcess | null): void {
  if (!child || child.exitCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: install Debian's package (apt-get install chromium), as .ci/run does.`);
  }
  const screenshotDir = resolve(REPO, '.tmp/e2e-screenshots');
  rmSync(screenshotDir, { recursive: true, force: true });
  mkdirSync(screenshotDir, { recursive: true });
  console.log(`e2e screenshots: ${screenshotDir}`);

  let server: ChildProcess | null = null;
  let preview: ChildProcess | null = null;
  let dataDir: string | null = null;
  const cleanUp = async () => {
    stop(preview);
    stop(server);
    await new Promise((r) => setTimeout(r, 500));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    return await startApp();
  } catch (error) {
    await cleanUp();
    throw error;
  }

  async function startApp(): Promise<() => Promise<void>> {
    let baseUrl = process.env.FLOWPILOT_E2E_BASE_URL ?? '';
    const cli = resolve(REPO, 'packages/cli/bin/flowpilot.js');

    if (!baseUrl) {
      // 1. the demo company imported and planned (`flowpilot start --no-serve`), 2. the app built from the current sources,
      // 3. `flowpilot serve` on a free port: the same as `flowpilot start --port`, with the build done by the test itself.
      dataDir = mkdtempSync(join(tmpdir(), 'flowpilot-e2e-'));
      const env = { ...process.env, FLOWPILOT_DATA_DIR: dataDir, DATABASE_URL: '' };
      const prepared = spawnSync(process.execPath, [cli, 'start', '--no-serve'], { cwd: REPO, env, encoding: 'utf8', timeout: START_TIMEOUT_MS });
      if (prepared.status !== 0) throw new Error(`flowpilot start --no-serve failed:\n${prepared.stdout}\n${prepared.stderr}`);
      const build = spawnSync(process.execPath, [resolve(REPO, 'node_modules/vite/bin/vite.js'), 'build', '--config', resolve(REPO, 'packages/web/vite.config.ts'), '--logLevel', 'warn'], { cwd: REPO, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
      const port = await freePort();
      server = spawn(process.execPath, [cli, 'serve', '--port', String(port)], { cwd: REPO, env: { ...env, FLOWPILOT_LOG_LEVEL: 'warn' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      await waitForOutput(server, /running: (http:\/\/\S+)/, 'flowpilot serve');
      baseUrl = `http://127.0.0.1:${port}`;
    }
    // The server serves packages/web/dist at /; a server that does not (older build) is fronted by `vite preview` with the /api proxy.
    const home = await fetch(`${baseUrl}/`).then((r) => r.text(), () => '');
    if (!home.includes('id="root"')) {
      const previewPort = await freePort();
      preview = spawn(process.execPath, [resolve(REPO, 'node_modules/vite/bin/vite.js'), 'preview', '--config', resolve(REPO, 'packages/web/vite.config.ts'), '--port', String(previewPort), '--strictPort'], {
        cwd: REPO, env: { ...process.env, FLOWPILOT_API: baseUrl }, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
      });
      await waitForOutput(preview, /(Local:)/, 'vite preview');
      baseUrl = `http://localhost:${previewPort}`;
    }
    console.log(`e2e app: ${baseUrl}`);
    project.provide('baseUrl', baseUrl);
    project.provide('screenshotDir', screenshotDir);

    return async () => {
      await cleanUp();
      console.log(`e2e screenshots: ${screenshotDir}`);
    };
  }
}
