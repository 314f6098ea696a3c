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

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  failed = (json.numFailedTests ?? 0) + (json.numRuntimeErrorTestSuites ?? 0);
} else {
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(result.status ?? 1);
