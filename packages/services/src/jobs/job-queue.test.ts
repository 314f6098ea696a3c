import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { createJobQueue } from './create-job-queue';
import { PgBossJobQueue } from './pg-boss-job-queue';
import { seedJobForecastSeries } from './seed-job-forecast-series';
import { JobError } from './job-error';
import { claimPartition } from './internal/job-store';
import type { JobBackend, JobQueue, JobQueueOptions } from './job-types';

const ORG = 'org-jobs';
const AS_OF = '2026-11-23';
const FAST: JobQueueOptions = { heartbeatSeconds: 0.2, staleAfterSeconds: 1, pollSeconds: 0.1 };
const backends: JobBackend[] = process.env.DATABASE_URL ? ['in_process', 'pg_boss'] : ['in_process'];

type ValueRow = { item_code: string; step: number; forecast: string; upper_95: string };
async function storedForecast(handle: DatabaseHandle, runId: string): Promise<ValueRow[]> {
  return (await sql<ValueRow>`select item_code, step, forecast, upper_95 from forecast_value where run_id = ${runId} order by item_code, location_code, step`.execute(handle.db)).rows;
}

describe.each(backends)('job queue (%s)', (backend) => {
  let handle: DatabaseHandle;
  const queues: JobQueue[] = [];
  const open = (options: JobQueueOptions = {}): JobQueue => {
    const queue = createJobQueue(handle, { backend, ...FAST, ...options });
    queues.push(queue);
    return queue;
  };

  beforeEach(async () => {
    handle = await createTestDatabase();
    await seedJobForecastSeries(handle, { organizationId: ORG, seriesCount: 9, historyWeeks: 60, asOfDate: AS_OF });
  });
  afterEach(async () => {
    for (const queue of queues.splice(0)) {
      if (queue instanceof PgBossJobQueue) await queue.dropBossSchema();
      else await queue.close();
    }
    await handle.close();
  });

  it('runs a partitioned forecast to the end: every series stored once, progress and logs kept', async () => {
    const queue = open({ autoStart: false });
    const job = await queue.enqueue({ organizationId: ORG, kind: 'forecast', params: { asOfDate: AS_OF, horizonWeeks: 6, seriesPerPartition: 4 }, today: AS_OF, createdBy: 'tester' });
    expect(job).toMatchObject({ status: 'queued', kind: 'forecast', progress: { done: 0, total: 9 }, partitions: { total: 3, pending: 3 } });
    const worker = await queue.startWorker({ concurrency: 2 });
    const done = await queue.waitFor(ORG, job.id, { timeoutMs: 60_000, pollMs: 100 });
    await worker.stop();
    expect(done).toMatchObject({ status: 'succeeded', progress: { done: 9, total: 9 }, partitions: { total: 3, done: 3 } });
    expect(done.result).toMatchObject({ seriesCount: 9, partitions: 3 });
    const runId = String(done.result?.runId);
    const run = (await sql<{ status: string; summary: { seriesCount: number } }>`select status, summary from planning_run where id = ${runId}`.execute(handle.db)).rows[0];
    expect(run).toMatchObject({ status: 'succeeded', summary: { seriesCount: 9 } });
    const values = await storedForecast(handle, runId);
    expect(values).toHaveLength(9 * 6);
    const detail = await queue.get(ORG, job.id);
    expect(detail?.logs.map((l) => l.messageKey)).toEqual(expect.arrayContaining(['jobs.log.enqueued', 'jobs.log.partition_claimed', 'jobs.log.partition_done', 'jobs.log.succeeded']));
    expect(await queue.get('org-other', job.id)).toBeNull();
  });

  it('stores the same forecast whatever the partitioning and the number of workers (determinism)', async () => {
    const queue = open({ autoStart: false });
    const one = await queue.enqueue({ organizationId: ORG, kind: 'forecast', params: { asOfDate: AS_OF, horizonWeeks: 4, seriesPerPartition: 9 }, today: AS_OF });
    const worker = await queue.startWorker({ concurrency: 1 });
    const first = await queue.waitFor(ORG, one.id, { timeoutMs: 60_000, pollMs: 100 });
    await worker.stop();
    const many = await queue.enqueue({ organizationId: ORG, kind: 'forecast', params: { asOfDate: AS_OF, horizonWeeks: 4, seriesPerPartition: 2 }, today: AS_OF });
    const workers = [await queue.startWorker({ concurrency: 2 }), await open({ autoStart: false }).startWorker({ concurrency: 1 })];
    const second = await queue.waitFor(ORG, many.id, { timeoutMs: 60_000, pollMs: 100 });
    for (const w of workers) await w.stop();
    expect(second.partitions.total).toBe(5);
    expect(await storedForecast(handle, String(second.result?.runId))).toEqual(await storedForecast(handle, String(first.result?.runId)));
  });

  it('cancels a queued job (its planning run too), then retry runs it to the end', async () => {
    const queue = open({ autoStart: false });
    const job = await queue.enqueue({ organizationId: ORG, kind: 'forecast', params: { asOfDate: AS_OF, horizonWeeks: 4, seriesPerPartition: 3 }, today: AS_OF });
    const cancelled = await queue.cancel(ORG, job.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', partitions: { cancelled: 3 } });
    const runId = String(cancelled.state.runId);
    expect((await sql<{ status: string }>`select status from planning_run where id = ${runId}`.execute(handle.db)).rows[0]?.status).toBe('cancelled');
    await expect(queue.cancel(ORG, job.id)).rejects.toMatchObject({ code: 'invalid_state' });
    const retried = await queue.retry(ORG, job.id);
    expect(retried).toMatchObject({ status: 'queued', retryCount: 1, partitions: { pending: 3 } });
    const worker = await queue.startWorker();
    const done = await queue.waitFor(ORG, job.id, { timeoutMs: 60_000, pollMs: 100 });
    await worker.stop();
    expect(done.status).toBe('succeeded');
    expect(await storedForecast(handle, runId)).toHaveLength(9 * 4);
  });

  it('cancels a running job between partitions: saved partitions are kept and a retry resumes from them', async () => {
    const queue = open({ autoStart: false });
    const job = await queue.enqueue({ organizationId: ORG, kind: 'forecast', params: { asOfDate: AS_OF, horizonWeeks: 4, seriesPerPartition: 1 }, today: AS_OF });
    const worker = await queue.startWorker();
    for (let i = 0; i < 3000 && ((await queue.get(ORG, job.id))?.partitions.done ?? 0) < 1; i++) await new Promise((r) => setTimeout(r, 20));
    await queue.cancel(ORG, job.id);
    const cancelled = await queue.waitFor(ORG, job.id, { timeoutMs: 60_000, pollMs: 50 });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.partitions.done).toBeGreaterThanOrEqual(1);
    expect(cancelled.partitions.done).toBeLessThan(9);
    expect(cancelled.partitions.cancelled).toBe(9 - cancelled.partitions.done);
    const runId = String(cancelled.state.runId);
    expect(await storedForecast(handle, runId)).toHaveLength(cancelled.partitions.done * 4);
    await queue.retry(ORG, job.id);
    const done = await queue.waitFor(ORG, job.id, { timeoutMs: 60_000, pollMs: 50 });
    await worker.stop();
    expect(done).toMatchObject({ status: 'succeeded', partitions: { done: 9 } });
    expect(await storedForecast(handle, runId)).toHaveLength(9 * 4);
  });

  it('re-queues the partition of a worker that stopped heartbeating, and the job completes (resume after a crash)', async () => {
    const queue = open({ autoStart: false });
    const job = await queue.enqueue({ organizationId: ORG, kind: 'forecast', params: { asOfDate: AS_OF, horizonWeeks: 4, seriesPerPartition: 5 }, today: AS_OF });
    // A worker that claimed partition 0 and died: its heartbeat stops.
    const dead = await claimPartition(handle, { workerId: 'dead-worker', kinds: ['forecast'] });
    expect(dead?.partitionIndex).toBe(0);
    await sql`update job_partition set heartbeat_at = now() - interval '1 hour' where job_id = ${job.id} and partition_index = 0`.execute(handle.db);
    const worker = await queue.startWorker();
    const done = await queue.waitFor(ORG, job.id, { timeoutMs: 60_000, pollMs: 100 });
    await worker.stop();
    expect(done.status).toBe('succeeded');
    const detail = await queue.get(ORG, job.id);
    expect(detail?.partitionList[0]).toMatchObject({ status: 'done', attempt: 2 });
    expect(detail?.logs.some((l) => l.messageKey === 'jobs.log.partition_requeued' && l.params.workerId === 'dead-worker')).toBe(true);
    expect(await storedForecast(handle, String(done.result?.runId))).toHaveLength(9 * 4);
  });

  it('fails a job whose work throws, keeps the error, and lists jobs per organization', async () => {
    const queue = open({ autoStart: false });
    const job = await queue.enqueue({ organizationId: ORG, kind: 'import', params: { tables: [{ source: 'item.csv', entityHint: 'item', headers: ['code', 'name'], rows: [{ row: 2, cells: ['X1', 'no type'] }] }] }, today: AS_OF });
    const worker = await queue.startWorker();
    const failed = await queue.waitFor(ORG, job.id, { timeoutMs: 60_000, pollMs: 100 });
    await worker.stop();
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/import refused: \d+ error/);
    expect(failed.result).toMatchObject({ written: false });
    expect((await sql<{ n: string }>`select count(*)::text as n from item where organization_id = ${ORG} and code = 'X1'`.execute(handle.db)).rows[0]?.n).toBe('0');
    const page = await queue.list(ORG, { pageSize: 10 });
    expect(page).toMatchObject({ total: 1, page: 1, pageSize: 10 });
    expect((await queue.list('org-other')).total).toBe(0);
  });

  it('refuses unknown kinds and bad params with the field named', async () => {
    const queue = open({ autoStart: false });
    await expect(queue.enqueue({ organizationId: ORG, kind: 'nope' as never, today: AS_OF })).rejects.toBeInstanceOf(JobError);
    await expect(queue.enqueue({ organizationId: ORG, kind: 'forecast', params: { horizonWeeks: 0 }, today: AS_OF })).rejects.toThrow(/params.horizonWeeks: expected a whole number from 1 to 156/);
    await expect(queue.cancel(ORG, 'job_missing')).rejects.toMatchObject({ code: 'job_not_found' });
    expect((await queue.list(ORG)).total).toBe(0);
  });
});

describe('in-process runner', () => {
  it('starts itself on enqueue and runs a simulation job split in partitions', async () => {
    const handle = await createTestDatabase();
    const queue = createJobQueue(handle, { backend: 'in_process', ...FAST });
    try {
      const task = (itemId: string, seed: number) => ({ itemId, seed, policy: { type: 's-S', s: 6, S: 40 }, demand: { distribution: { distribution: 'poisson', meanPerPeriod: 10 } }, leadTimePeriods: 0, periods: 200, warmupPeriods: 20, replications: 2 });
      const job = await queue.enqueue({ organizationId: ORG, kind: 'simulation', params: { tasks: [task('A', 1), task('B', 2), task('C', 3)], tasksPerPartition: 2 }, today: AS_OF });
      const done = await queue.waitFor(ORG, job.id, { timeoutMs: 60_000, pollMs: 100 });
      expect(done.error).toBeNull();
      expect(done).toMatchObject({ status: 'succeeded', partitions: { total: 2, done: 2 }, result: { itemCount: 3 } });
      expect((done.result?.items as { itemId: string }[]).map((i) => i.itemId)).toEqual(['A', 'B', 'C']);
    } finally {
      await queue.close();
      await handle.close();
    }
  });
});
