#!/usr/bin/env node
// Runs the vitest suite and ends with one line `N passed, N failed` (CI reads it).
// --db-only: only the database-backed suites (db, services, server, cli), used by .ci/run to run them
// again against a PostgreSQL server chosen by DATABASE_URL.
// --report <file>: where the JSON report goes (default .vitest-report.json).
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync, rmSync } from 'node:fs';

const args = process.argv.slice(2);
const dbOnly = args.includes('--db-only');
const reportIndex = args.indexOf('--report');
const report = reportIndex >= 0 ? args[reportIndex + 1] : '.vitest-report.json';
const passThrough = args.filter((a, i) => a !== '--db-only' && a !== '--report' && (reportIndex < 0 || i !== reportIndex + 1));
const filters = dbOnly ? ['packages/db/', 'packages/services/', 'packages/server/', 'packages/cli/'] : [];

if (existsSync(report)) rmSync(report);
const result = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...filters, ...passThrough],
  { stdio: 'inherit', env: process.env },
);

/** Passed and failed counts of a vitest JSON report (a missing report counts as one failure). */
function countsOf(file) {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const json = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: json.numPassedTests ?? 0, failed: (json.numFailedTests ?? 0) + (json.numRuntimeErrorTestSuites ?? 0) };
}

let { passed, failed } = countsOf(report);
let status = result.status ?? 1;

// Second phase: the web app's end-to-end flows in Chromium against the real server (not in --db-only,
// not when FLOWPILOT_SKIP_E2E=1, not when filtering files on the command line).
const e2eConfig = 'packages/web/vitest.e2e.config.ts';
if (!dbOnly && passThrough.length === 0 && process.env.FLOWPILOT_SKIP_E2E !== '1' && existsSync(e2eConfig)) {
  const e2eReport = report.replace(/\.json$/, '') + '-e2e.json';
  if (existsSync(e2eReport)) rmSync(e2eReport);
  const e2e = spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--config', e2eConfig, '--reporter=default', '--reporter=json', `--outputFile.json=${e2eReport}`],
    { stdio: 'inherit', env: process.env },
  );
  const counts = countsOf(e2eReport);
  passed += counts.passed;
  failed += counts.failed;
  if ((e2e.status ?? 1) !== 0) status = status || (e2e.status ?? 1);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(status);
