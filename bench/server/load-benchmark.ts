/**
 * Load benchmark of the read endpoints (issue 8 §5): autocannon on loopback at a fixed request
 * rate, p50/p99 latency and throughput per endpoint, first on an idle server, then while MRP runs
 * back to back. On PostgreSQL (DATABASE_URL) the MRP runs in separate `flowpilot mrp` processes, as a
 * worker would; on the embedded database (one process) it runs inside the server process.
 *
 *   npx tsx bench/server/load-benchmark.ts [--rate 500] [--seconds 10] [--connections 20] [--log-level silent|warn|info] [--profile-requests 200] [--phases idle,mrp] [--warmup-seconds 2]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/server/load-benchmark.ts
 *
 * Before the load it prints where one request's time goes, in process and one at a time (no
 * concurrency): each endpoint with the session cache (default 5 s) and without it (every request
 * resolves the cookie in the database), and the session lookup alone. `--log-level info` logs every
 * request as the server does by default (pino JSON, written to /dev/null here) to show its cost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '@flowpilot/db';
import { DEMO_AS_OF_DATE, DEMO_PASSWORD, demoUserEmail, ensureDemoUsers, ensureOrganization, runImport, runPlanningCycle, runMrpStep, loadForecasts, loadMasterSchedule, findLatestRun, resolveSession } from '@flowpilot/services';
import { buildApp } from '@flowpilot/server';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const rate = option('rate', 500);
const seconds = option('seconds', 10);
const warmupSeconds = option('warmup-seconds', 2);
const connections = option('connections', 20);
const profileRequests = option('profile-requests', 200);
const textOption = (name: string, fallback: string): string => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? String(args[index + 1]) : fallback;
};
const logLevel = textOption('log-level', 'silent');
const phases = textOption('phases', 'idle,mrp').split(',').map((p) => (p === 'mrp' ? 'during MRP' : p)) as ('idle' | 'during MRP')[];
/** pino options for buildApp: the level, lines to /dev/null (the cost of making and writing them stays). */
const loggerOption = (): false | { level: string } => (logLevel === 'silent' ? false : ({ level: logLevel, file: '/dev/null' } as { level: string }));
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

function fire(url: string, headers: Record<string, string>, durationSeconds = seconds): Promise<autocannon.Result> {
  return new Promise((resolveRun, reject) => {
    autocannon({ url, connections, duration: durationSeconds, overallRate: rate, headers }, (error, result) => (error ? reject(error) : resolveRun(result)));
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

type ProfileRow = { endpoint: string; cachedMs: number; uncachedMs: number; bytes: number };

/** Mean in-process time of `count` sequential requests (after 20 warm-up ones). */
async function meanRequestMs(app: Awaited<ReturnType<typeof buildApp>>, url: string, headers: Record<string, string>, count: number): Promise<{ ms: number; bytes: number }> {
  let bytes = 0;
  for (let i = 0; i < 20; i++) bytes = (await app.inject({ url, headers })).rawPayload.length;
  const started = performance.now();
  for (let i = 0; i < count; i++) await app.inject({ url, headers });
  return { ms: (performance.now() - started) / count, bytes };
}

/** Where one request's time goes: each endpoint with and without the session cache, and the session lookup alone. */
async function profileInProcess(handle: DatabaseHandle, endpoints: readonly string[], secret: string): Promise<{ rows: ProfileRow[]; sessionLookupMs: number }> {
  const cached = await buildApp({ handle, today: () => DEMO_AS_OF_DATE, webDistDir: null, logger: loggerOption() });
  const uncached = await buildApp({ handle, today: () => DEMO_AS_OF_DATE, webDistDir: null, logger: loggerOption(), sessionCacheTtlMs: 0 });
  const headers = { cookie: `fp_session=${secret}` };
  const rows: ProfileRow[] = [];
  for (const endpoint of endpoints) {
    const withCache = await meanRequestMs(cached, endpoint, headers, profileRequests);
    const withoutCache = await meanRequestMs(uncached, endpoint, headers, profileRequests);
    rows.push({ endpoint: endpoint.replace(/run_mrp_[0-9a-f]+/, ':mrpRun'), cachedMs: withCache.ms, uncachedMs: withoutCache.ms, bytes: withCache.bytes });
  }
  const started = performance.now();
  for (let i = 0; i < profileRequests; i++) await resolveSession(handle, secret);
  const sessionLookupMs = (performance.now() - started) / profileRequests;
  await cached.close();
  await uncached.close();
  return { rows, sessionLookupMs };
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const handle = await prepare();
  const app = await buildApp({ handle, today: () => DEMO_AS_OF_DATE, webDistDir: null, logger: loggerOption() });
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
  const profile = profileRequests > 0 ? await profileInProcess(handle, endpoints, String(cookie)) : null;

  // Warm-up, not recorded: the server's and the load generator's code paths compiled by the JIT at the target rate
  // (the first measured endpoint otherwise pays for it), as load tests usually do before measuring.
  for (const endpoint of warmupSeconds > 0 ? endpoints : []) await fire(`${base}${endpoint}`, headers, warmupSeconds);
  const rows: Row[] = [];
  for (const phase of phases) {
    const load = phase === 'during MRP' ? startMrpLoad(handle) : null;
    for (const endpoint of endpoints) {
      const result = await fire(`${base}${endpoint}`, headers);
      rows.push({ phase, endpoint: endpoint.replace(/run_mrp_[0-9a-f]+/, ':mrpRun'), rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max, non2xx: result.non2xx, errors: result.errors });
      // A browser that already holds the dashboard revalidates it (If-None-Match → 304 while its records are unchanged).
      const etag = endpoint === '/api/v1/kpis' ? (await app.inject({ url: endpoint, headers })).headers.etag : undefined;
      if (typeof etag === 'string') {
        const revalidated = await fire(`${base}${endpoint}`, { ...headers, 'if-none-match': etag });
        rows.push({ phase, endpoint: `${endpoint} (If-None-Match → 304)`, rps: Math.round(revalidated.requests.average), p50: revalidated.latency.p50, p99: revalidated.latency.p99, max: revalidated.latency.max, non2xx: revalidated.non2xx - revalidated['3xx'], errors: revalidated.errors });
      }
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

  if (profile) {
    console.log(`\nIn-process cost of one request (${profileRequests} sequential requests per endpoint, no concurrency, log level ${logLevel}); session lookup alone (resolveSession, one SQL join): ${profile.sessionLookupMs.toFixed(2)} ms\n`);
    console.log('| endpoint | response bytes | ms with session cache | ms without (DB lookup each request) | saved |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const r of profile.rows) console.log(`| \`${r.endpoint}\` | ${r.bytes.toLocaleString('en-US')} | ${r.cachedMs.toFixed(2)} | ${r.uncachedMs.toFixed(2)} | ${(r.uncachedMs - r.cachedMs).toFixed(2)} |`);
  }
  console.log(`\nLoad benchmark — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores, load average ${loadAtStart.toFixed(1)} at the start and ${loadavg()[0]?.toFixed(1)} at the end, database ${databaseUrl ? 'PostgreSQL' : 'PGlite (embedded)'}, log level ${logLevel}, target ${rate} req/s, ${connections} connections, ${seconds} s per endpoint\n`);
  console.log('| phase | endpoint | req/s | p50 ms | p99 ms | max ms | non-2xx | errors | p99 ≤ 100 ms at target rate |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of rows) console.log(`| ${r.phase} | \`${r.endpoint}\` | ${r.rps} | ${r.p50} | ${r.p99} | ${r.max} | ${r.non2xx} | ${r.errors} | ${r.p99 <= 100 && r.rps >= rate * 0.95 && r.non2xx === 0 ? 'yes' : 'no'} |`);
}

await main();
