// Forecast scaling benchmark: one forecast job of N generated series (default 50,000) run by 1 and 2
// `flowpilot worker` processes against the same PostgreSQL, partitions shared through pg-boss.
// Usage: DATABASE_URL=postgres://… nice -n 10 npx tsx bench/server/forecast-scaling.ts [--series 50000] [--workers 1,2]
//        [--method theta] [--horizon-weeks 13] [--history-weeks 104] [--series-per-partition 1000] [--reuse]
// --reuse keeps the generated data in its schema between runs (seeding 50,000 series takes minutes on a busy machine).
// Prints a markdown table (recorded in bench/server/README.md).
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '@flowpilot/db';
import { createJobQueue, seedJobForecastSeries } from '@flowpilot/services';

const { values } = parseArgs({
  options: {
    series: { type: 'string', default: '50000' },
    workers: { type: 'string', default: '1,2' },
    method: { type: 'string', default: 'theta' },
    'horizon-weeks': { type: 'string', default: '13' },
    'history-weeks': { type: 'string', default: '104' },
    'series-per-partition': { type: 'string', default: '1000' },
    schema: { type: 'string', default: 'bench_forecast_scaling' },
    reuse: { type: 'boolean', default: false },
  },
});
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL=postgres://… is required: workers in separate processes share a PostgreSQL server (the embedded database serves one process).');
  process.exit(2);
}
const seriesCount = Number(values.series);
const workerCounts = String(values.workers).split(',').map(Number);
const schema = String(values.schema);
const AS_OF = '2026-11-23';
const ORG = 'bench';
const params = { asOfDate: AS_OF, horizonWeeks: Number(values['horizon-weeks']), historyWeeks: Number(values['history-weeks']), method: String(values.method), seriesPerPartition: Number(values['series-per-partition']) };
const bin = resolve(import.meta.dirname, '../../packages/cli/bin/flowpilot.js');

async function dropSchemas(): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.query(`drop schema if exists ${schema}_pgboss cascade`);
  } finally {
    await client.end();
  }
}

/** Starts a worker process and resolves once it logged worker_started (start-up is not timed); stopped by SIGTERM. */
function startWorker(): Promise<ChildProcess> {
  return new Promise((resolveStart, reject) => {
    const child = spawn(process.execPath, [bin, 'worker', '--kinds', 'forecast'], {
      env: { ...process.env, DATABASE_URL: databaseUrl, FLOWPILOT_DB_SCHEMA: schema, FLOWPILOT_LANG: 'en' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.includes('"worker_started"')) resolveStart(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before starting`)));
  });
}

if (!values.reuse) await dropSchemas();
const handle = await openDatabase({ databaseUrl, schema });
const rows: string[] = [];
try {
  const existing = Number((await sql<{ n: string }>`select count(*)::text as n from item where organization_id = ${ORG}`.execute(handle.db)).rows[0]?.n ?? 0);
  if (existing !== seriesCount) {
    await sql`delete from organization where id = ${ORG}`.execute(handle.db);
    const seedStart = performance.now();
    const seeded = await seedJobForecastSeries(handle, { organizationId: ORG, seriesCount, historyWeeks: params.historyWeeks, asOfDate: AS_OF });
    console.error(`seeded ${seeded.seriesCount} series, ${seeded.rowCount} weekly sales rows in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  }
  await sql`delete from job where organization_id = ${ORG}`.execute(handle.db);
  await sql`delete from planning_run where organization_id = ${ORG}`.execute(handle.db);
  const queue = createJobQueue(handle, { databaseUrl, autoStart: false });
  let baseline = 0;
  let reference: string | null = null;
  for (const workers of workerCounts) {
    const children = await Promise.all(Array.from({ length: workers }, () => startWorker()));
    const started = performance.now();
    const job = await queue.enqueue({ organizationId: ORG, kind: 'forecast', params, today: AS_OF });
    const done = await queue.waitFor(ORG, job.id, { pollMs: 200 });
    const wallSeconds = (performance.now() - started) / 1000;
    await Promise.all(children.map((child) => new Promise((r) => {
      if (child.exitCode !== null) return r(null);
      child.once('exit', r);
      child.kill('SIGTERM');
    })));
    if (done.status !== 'succeeded') throw new Error(`job ${job.id} ended ${done.status}: ${done.error ?? ''}`);
    const runId = String(done.result?.runId);
    // Same stored forecast whatever the worker count: compare a digest of every value.
    const digest = (await sql<{ d: string }>`select md5(string_agg(item_code || step || forecast || upper_95, ',' order by item_code, step)) as d from forecast_value where run_id = ${runId}`.execute(handle.db)).rows[0]?.d ?? '';
    reference ??= digest;
    const perWorker = (await sql<{ worker_id: string; n: string }>`select worker_id, count(*)::text as n from job_partition where job_id = ${job.id} group by worker_id order by worker_id`.execute(handle.db)).rows.map((r) => r.n).join(' / ');
    if (baseline === 0) baseline = wallSeconds;
    rows.push(`| ${workers} | ${seriesCount.toLocaleString('en')} | ${done.partitions.total} (${perWorker}) | ${wallSeconds.toFixed(1)} | ${Math.round(seriesCount / wallSeconds).toLocaleString('en')} | ${(baseline / wallSeconds).toFixed(2)}× | ${digest === reference ? 'same' : 'DIFFERENT'} |`);
    console.error(rows[rows.length - 1]);
    await sql`delete from planning_run where id = ${runId}`.execute(handle.db);
  }
  await queue.close();
} finally {
  await handle.close();
  if (!values.reuse) await dropSchemas();
}
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`\nForecast of generated weekly series (method ${params.method}, ${params.historyWeeks} weeks of history, ${params.horizonWeeks}-week horizon, ${params.seriesPerPartition} series per partition), ` +
  `PostgreSQL, workers as separate processes, ${availableParallelism()} CPU(s) (${cpu}).\n`);
console.log('| workers | series | partitions (per worker) | wall s | series/s | speed-up | result vs 1 worker |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const row of rows) console.log(row);
