/**
 * Load benchmark of the read endpoints (issue 8 §5): autocannon on loopback at a fixed request
 * rate, p50/p99 latency and throughput per endpoint, first on an idle server, then while MRP runs
 * back to back. On PostgreSQL (DATABASE_URL) the MRP runs in separate `flowpilot mrp` processes, as a
 * worker would; on the embedded database (one process) it runs inside the server process.
 *
 *   npx tsx bench/server/load-benchmark.ts [--rate 500] [--seconds 10] [--connections 20]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/server/load-benchmark.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '@flowpilot/db';
import { DEMO_AS_OF_DATE, DEMO_PASSWORD, demoUserEmail, ensureDemoUsers, ensureOrganization, runImport, runPlanningCycle, runMrpStep, loadForecasts, loadMasterSchedule, findLatestRun } from '@flowpilot/services';
import { buildApp } from '@flowpilot/server';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const rate = option('rate', 500);
const seconds = option('seconds', 10);
const connections = option('connections', 20);
const root = resolve(import.meta.dirname, '../..');
const databaseUrl = process.env.DATABASE_URL;
const schema = databaseUrl ? `bench_load_${randomUUID().replace(/-/g, '').slice(0, 10)}` : undefined;
const dataDir = databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'fp-load-'));

type Row = { phase: string; endpoint: string; rps: number; p50: number; p99: number; max: number; non2xx: number; errors: number };

async function prepare(): Promise<DatabaseHandle> {
  const handle = await openDatabase({ databaseUrl, schema, dataDir: dataDir ? join(dataDir, 'db') : undefined, migrate: true });
  await ensureOrganization(handle.db, 'demo', 'Jardinor');
  const report = await runImport(handle, { organizationId: 'demo', path: join(root, 'examples/demo-company'), today: DEMO_AS_OF_DATE });
  if (!report.written) throw new Error('demo import failed');
  await runPlanningCycle(handle, { organizationId: 'demo', asOfDate: DEMO_AS_OF_DATE });
  await ensureDemoUsers(handle, 'demo');
  return handle;
}

function fire(url: string, headers: Record<string, string>): Promise<autocannon.Result> {
  return new Promise((resolveRun, reject) => {
    autocannon({ url, connections, duration: seconds, overallRate: rate, headers }, (error, result) => (error ? reject(error) : resolveRun(result)));
  });
}

/** Runs MRP back to back until stopped: child processes on PostgreSQL, in-process on PGlite. */
function startMrpLoad(handle: DatabaseHandle): { stop: () => Promise<number> } {
  let stopped = false;
  let runs = 0;
  let child: ChildProcess | null = null;
  const loop = (async () => {
    while (!stopped) {
      if (databaseUrl) {
        await new Promise<void>((done) => {
          child = spawn(process.execPath, [join(root, 'packages/cli/bin/flowpilot.js'), 'mrp', '--json'], { env: { ...process.env, DATABASE_URL: databaseUrl, FLOWPILOT_DB_SCHEMA: schema, FLOWPILOT_ORG: 'demo' }, stdio: 'ignore' });
          child.on('exit', () => done());
        });
      } else {
        // The same work as `flowpilot mrp`, in this process (the embedded database has one process).
        const forecastRun = await findLatestRun(handle, 'demo', 'forecast');
        const mpsRun = await findLatestRun(handle, 'demo', 'mps');
        if (!forecastRun) throw new Error('no forecast run');
        await runMrpStep(handle, {
          organizationId: 'demo', asOfDate: DEMO_AS_OF_DATE, horizonWeeks: 26, forecasts: await loadForecasts(handle, forecastRun.id), forecastRunId: forecastRun.id,
          masterSchedule: mpsRun ? await loadMasterSchedule(handle, mpsRun.id) : undefined, mpsRunId: mpsRun?.id,
        });
      }
      runs++;
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return runs;
    },
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const handle = await prepare();
  const app = await buildApp({ handle, today: () => DEMO_AS_OF_DATE, webDistDir: null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: demoUserEmail('viewer'), password: DEMO_PASSWORD } });
  const cookie = login.cookies.find((c) => c.name === 'fp_session')?.value;
  const headers = { cookie: `fp_session=${cookie}` };
  const mrpRun = (await findLatestRun(handle, 'demo', 'mrp'))?.id;
  const candidates = [
    '/api/v1/kpis',
    '/api/v1/items?page=1&pageSize=50',
    '/api/v1/planning-runs?page=1&pageSize=20',
    `/api/v1/planning-runs/${mrpRun}/planned-orders?page=1&pageSize=50`,
    `/api/v1/planning-runs/${mrpRun}/action-messages?page=1&pageSize=50`,
  ];
  const endpoints: string[] = [];
  for (const path of candidates) if ((await app.inject({ url: path, headers })).statusCode === 200) endpoints.push(path);
  console.error(`prepared in ${Math.round(performance.now() - started)} ms; database ${handle.kind}; endpoints: ${endpoints.join(', ')}`);

  const rows: Row[] = [];
  for (const phase of ['idle', 'during MRP'] as const) {
    const load = phase === 'during MRP' ? startMrpLoad(handle) : null;
    for (const endpoint of endpoints) {
      const result = await fire(`${base}${endpoint}`, headers);
      rows.push({ phase, endpoint: endpoint.replace(/run_mrp_[0-9a-f]+/, ':mrpRun'), rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max, non2xx: result.non2xx, errors: result.errors });
    }
    if (load) console.error(`MRP runs completed during the phase: ${await load.stop()}`);
  }
  await app.close();
  await handle.close();
  if (databaseUrl && schema) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });

  console.log(`\nLoad benchmark — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)}, database ${databaseUrl ? 'PostgreSQL' : 'PGlite (embedded)'}, target ${rate} req/s, ${connections} connections, ${seconds} s per endpoint\n`);
  console.log('| phase | endpoint | req/s | p50 ms | p99 ms | max ms | non-2xx | errors | p99 ≤ 100 ms at target rate |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of rows) console.log(`| ${r.phase} | \`${r.endpoint}\` | ${r.rps} | ${r.p50} | ${r.p99} | ${r.max} | ${r.non2xx} | ${r.errors} | ${r.p99 <= 100 && r.rps >= rate * 0.95 && r.non2xx === 0 ? 'yes' : 'no'} |`);
}

await main();
