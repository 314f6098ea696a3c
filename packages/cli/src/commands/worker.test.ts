import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { DatabaseHandle } from '@flowpilot/db';
import { createJobQueue, pgBossSchemaFor, seedJobForecastSeries } from '@flowpilot/services';
import { runCli } from '../testing/run-cli';
import { createCliTestEnv, type CliTestEnv } from '../testing/cli-test-env';

const AS_OF = '2026-11-23';
const bin = resolve(import.meta.dirname, '../../bin/flowpilot.js');

let test: CliTestEnv;
beforeEach(async () => { test = await createCliTestEnv({ FLOWPILOT_ORG: 'demo' }); });
afterEach(async () => {
  if (process.env.DATABASE_URL && test.env.FLOWPILOT_DB_SCHEMA) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query(`drop schema if exists ${test.env.FLOWPILOT_DB_SCHEMA}_pgboss cascade`);
    } finally {
      await client.end();
    }
  }
  await test.cleanup();
});

async function seed(seriesCount: number): Promise<void> {
  const handle = await test.open();
  try {
    await seedJobForecastSeries(handle, { organizationId: 'demo', seriesCount, historyWeeks: 60, asOfDate: AS_OF });
  } finally {
    await handle.close();
  }
}

async function forecastRows(handle: DatabaseHandle, runId: string): Promise<string[]> {
  return (await sql<{ line: string }>`select item_code || '|' || location_code || '|' || step || '|' || forecast || '|' || lower_95 || '|' || upper_95 as line
    from forecast_value where run_id = ${runId} order by item_code, location_code, step`.execute(handle.db)).rows.map((r) => r.line);
}

describe('flowpilot jobs', () => {
  it('enqueues a forecast, waits for it, lists and shows it, and refuses bad requests with their exit codes', async () => {
    await seed(6);
    const run = (args: string[]) => runCli(args, { env: test.env });
    // On PostgreSQL the workers run jobs (`--wait` only watches): one runs beside, in this process.
    const worker = process.env.DATABASE_URL ? run(['worker', '--exit-when-idle', '4']) : null;
    const enqueued = await run(['jobs', 'enqueue', 'forecast', '--params', JSON.stringify({ asOfDate: AS_OF, horizonWeeks: 4, seriesPerPartition: 4 }), '--wait', '--json']);
    expect((await worker)?.exitCode ?? 0).toBe(0);
    expect(enqueued.stderr).toBe('');
    expect(enqueued.exitCode).toBe(0);
    const job = JSON.parse(enqueued.stdout) as { id: string; status: string; progress: { done: number; total: number } };
    expect(job).toMatchObject({ status: 'succeeded', progress: { done: 6, total: 6 } });

    const listed = await run(['jobs', 'list', '--json']);
    expect(JSON.parse(listed.stdout)).toMatchObject({ total: 1, items: [{ id: job.id, kind: 'forecast' }] });
    const shown = await run(['jobs', 'show', job.id]);
    expect(shown.exitCode).toBe(0);
    expect(shown.stdout).toContain('Job finished: every partition is saved.');
    const french = await runCli(['jobs', 'show', job.id], { env: test.env, language: 'fr' });
    expect(french.stdout).toContain('Tâche terminée');

    expect((await run(['jobs', 'show', 'job_nope'])).exitCode).toBe(4);
    expect((await run(['jobs', 'cancel', job.id])).exitCode).toBe(1);
    expect((await run(['jobs', 'enqueue', 'teleport'])).exitCode).toBe(2);
    const badParams = await run(['jobs', 'enqueue', 'forecast', '--params', '{"horizonWeeks": "soon"}']);
    expect(badParams.exitCode).toBe(3);
    expect(badParams.stderr).toContain('horizonWeeks');
    expect((await run(['jobs', 'enqueue', 'forecast', '--params', 'not json'])).exitCode).toBe(3);
  });

  it('cancels a queued job and retries it; a worker drains the queue and exits when idle', async () => {
    if (process.env.DATABASE_URL) return; // the embedded-database note only shows on PGlite; PostgreSQL workers are covered below
    await seed(3);
    const run = (args: string[]) => runCli(args, { env: test.env });
    const job = JSON.parse((await run(['jobs', 'enqueue', 'forecast', '--params', JSON.stringify({ asOfDate: AS_OF, horizonWeeks: 3 }), '--json'])).stdout) as { id: string };
    expect(JSON.parse((await run(['jobs', 'cancel', job.id, '--json'])).stdout)).toMatchObject({ status: 'cancelled' });
    expect(JSON.parse((await run(['jobs', 'retry', job.id, '--json'])).stdout)).toMatchObject({ status: 'queued', retryCount: 1 });
    const worker = await run(['worker', '--exit-when-idle', '0.5']);
    expect(worker.exitCode).toBe(0);
    expect(worker.stderr).toContain('embedded database serves one process');
    const events = worker.stdout.trim().split('\n').map((line) => JSON.parse(line) as { event: string; status?: string });
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['worker_started', 'partition_claimed', 'partition_done', 'worker_stopped']));
    expect(events.find((e) => e.event === 'job_finished')?.status).toBe('succeeded');
  });
});

describe.skipIf(!process.env.DATABASE_URL)('flowpilot worker on PostgreSQL, killed mid-run', () => {
  const children: ChildProcess[] = [];
  afterEach(() => { for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL'); });

  const startWorker = (extra: string[] = []): ChildProcess => {
    const child = spawn(process.execPath, [bin, 'worker', '--heartbeat-seconds', '0.3', '--stale-after-seconds', '2', ...extra], { env: { ...process.env, ...test.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    return child;
  };

  it('SIGKILL during a forecast loses nothing committed, and after a restart the job completes with the same result as an uninterrupted run', async () => {
    await seed(48);
    const params = { asOfDate: AS_OF, horizonWeeks: 8, seriesPerPartition: 4 };
    const handle = await test.open();
    const queue = createJobQueue(handle, { databaseUrl: process.env.DATABASE_URL, autoStart: false });
    try {
      const job = await queue.enqueue({ organizationId: 'demo', kind: 'forecast', params, today: AS_OF });
      expect(job.partitions.total).toBe(12);
      const first = startWorker();
      // Kill once some partitions are saved and one is in hand.
      let state = { done: 0, running: 0, status: 'queued' };
      for (let i = 0; i < 600 && !(state.done >= 1 && state.running >= 1); i++) {
        await new Promise((r) => setTimeout(r, 50));
        const detail = await queue.get('demo', job.id);
        state = { done: detail?.partitions.done ?? 0, running: detail?.partitions.running ?? 0, status: detail?.status ?? '' };
      }
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      const atKill = await queue.get('demo', job.id);
      expect(atKill?.status).toBe('running');
      expect(atKill?.partitions.running).toBeGreaterThanOrEqual(1);
      const savedBefore = atKill?.partitions.done ?? 0;
      expect(savedBefore).toBeGreaterThanOrEqual(1);
      expect(savedBefore).toBeLessThan(12);
      // Only whole partitions are stored: 4 series × 8 weeks each.
      const runId = String(atKill?.state.runId);
      expect((await forecastRows(handle, runId)).length).toBe(savedBefore * 4 * 8);

      const second = startWorker(['--exit-when-idle', '1']);
      const exitCode = await new Promise<number | null>((r) => second.once('exit', r));
      expect(exitCode).toBe(0);
      const done = await queue.get('demo', job.id);
      expect(done).toMatchObject({ status: 'succeeded', partitions: { done: 12 }, progress: { done: 48, total: 48 } });
      expect(done?.logs.some((l) => l.messageKey === 'jobs.log.partition_requeued')).toBe(true);
      expect(done?.partitionList.some((p) => p.attempt === 2)).toBe(true);

      // The same job uninterrupted (one partition, run in this process) stores exactly the same forecast.
      const reference = await queue.enqueue({ organizationId: 'demo', kind: 'forecast', params: { ...params, seriesPerPartition: 48 }, today: AS_OF });
      const worker = await createJobQueue(handle, { backend: 'in_process', autoStart: false }).startWorker();
      const referenceDone = await queue.waitFor('demo', reference.id, { timeoutMs: 120_000, pollMs: 100 });
      await worker.stop();
      expect(referenceDone.status).toBe('succeeded');
      const interrupted = await forecastRows(handle, runId);
      expect(interrupted).toHaveLength(48 * 8);
      expect(interrupted).toEqual(await forecastRows(handle, String(referenceDone.result?.runId)));
      expect(await pgBossSchemaFor(handle)).toBe(`${test.env.FLOWPILOT_DB_SCHEMA}_pgboss`);
    } finally {
      await queue.close();
      await handle.close();
    }
  });
});
