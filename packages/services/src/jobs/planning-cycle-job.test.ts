import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { importSmallPlanningModel } from '../planning-cycle/small-planning-model.fixture';
import { runPlanningCycle, PLANNING_CYCLE_STEPS } from '../planning-cycle/run-planning-cycle';
import { createJobQueue } from './create-job-queue';
import { PgBossJobQueue } from './pg-boss-job-queue';
import { planningCycleJobHandler } from './handlers/planning-cycle-job';
import { claimPartition } from './internal/job-store';
import { nestableHandle } from './internal/nestable-handle';
import { seedJobForecastSeries } from './seed-job-forecast-series';
import type { JobBackend, JobQueue, JobQueueOptions, JobRecord } from './job-types';

// The planning cycle as a job, on the small model of the cycle's own tests (small-planning-model.fixture.ts).
const ORG = 'org-cycle-job';
const AS_OF = '2026-11-24';
const PARAMS = { asOfDate: AS_OF, horizonWeeks: 8, seed: 1 };
const FAST: JobQueueOptions = { heartbeatSeconds: 0.1, staleAfterSeconds: 1, pollSeconds: 0.1 };
const backends: JobBackend[] = process.env.DATABASE_URL ? ['in_process', 'pg_boss'] : ['in_process'];

type RunRow = { id: string; run_type: string; status: string; inputs_hash: string | null };
async function runsOf(handle: DatabaseHandle): Promise<RunRow[]> {
  return (await sql<RunRow>`select id, run_type, status, inputs_hash from planning_run where organization_id = ${ORG} order by started_at, id`.execute(handle.db)).rows;
}
/** Inputs hash of each step's run, in the cycle's order: equal hashes = the same inputs and parameters. */
function hashesOf(runs: RunRow[], runIds: string[]): (string | null)[] {
  return runIds.map((id) => runs.find((r) => r.id === id)?.inputs_hash ?? 'missing');
}
async function plannedOrdersOf(handle: DatabaseHandle, runId: string): Promise<unknown[]> {
  return (await sql`select order_id, item_code, sourcing, supplier_code, release_date::text, receipt_date::text, quantity::text from planned_order where run_id = ${runId} order by order_id`.execute(handle.db)).rows;
}
const stepRunIds = (job: JobRecord): string[] => ((job.result?.steps ?? []) as { runId: string }[]).map((s) => s.runId);

describe.each(backends)('planning_cycle job (%s)', (backend) => {
  let handle: DatabaseHandle;
  const queues: JobQueue[] = [];
  const open = (options: JobQueueOptions = {}): JobQueue => {
    const queue = createJobQueue(handle, { backend, autoStart: false, ...FAST, ...options });
    queues.push(queue);
    return queue;
  };

  beforeEach(async () => {
    handle = await createTestDatabase();
    await importSmallPlanningModel(handle, ORG);
  });
  afterEach(async () => {
    for (const queue of queues.splice(0)) {
      if (queue instanceof PgBossJobQueue) await queue.dropBossSchema();
      else await queue.close();
    }
    await handle.close();
  });

  it('runs every step in one partition, counts the steps as progress, and plans what `flowpilot plan` plans', async () => {
    const queue = open();
    const job = await queue.enqueue({ organizationId: ORG, kind: 'planning_cycle', params: PARAMS, today: AS_OF, createdBy: 'planner@test' });
    expect(job).toMatchObject({ status: 'queued', progress: { done: 0, total: PLANNING_CYCLE_STEPS.length }, partitions: { total: 1, pending: 1 } });
    const worker = await queue.startWorker();
    const done = await queue.waitFor(ORG, job.id, { timeoutMs: 240_000, pollMs: 100 });
    await worker.stop();
    expect(done.error).toBeNull();
    expect(done).toMatchObject({ status: 'succeeded', progress: { done: 8, total: 8 }, result: { asOfDate: AS_OF } });
    expect((done.result?.steps as { step: string }[]).map((s) => s.step)).toEqual([...PLANNING_CYCLE_STEPS]);

    const direct = await runPlanningCycle(handle, { organizationId: ORG, ...PARAMS });
    const runs = await runsOf(handle);
    expect(runs).toHaveLength(2 * PLANNING_CYCLE_STEPS.length);
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
    // Same inputs and parameters step by step, and the same planned orders.
    expect(hashesOf(runs, stepRunIds(done))).toEqual(hashesOf(runs, direct.steps.map((s) => s.runId)));
    const mrpOf = (ids: string[]): string => ids[PLANNING_CYCLE_STEPS.indexOf('mrp')] as string;
    const jobOrders = await plannedOrdersOf(handle, mrpOf(stepRunIds(done)));
    expect(jobOrders.length).toBeGreaterThan(0);
    expect(jobOrders).toEqual(await plannedOrdersOf(handle, mrpOf(direct.steps.map((s) => s.runId))));
  }, 300_000);

  it('a worker killed mid-cycle leaves no planning run behind; the re-queued partition completes the cycle', async () => {
    const queue = open();
    const job = await queue.enqueue({ organizationId: ORG, kind: 'planning_cycle', params: PARAMS, today: AS_OF });
    // A worker takes the partition and dies during the cycle, in the middle of its transaction (after 3 steps).
    const claim = await claimPartition(handle, { workerId: 'doomed-worker', kinds: ['planning_cycle'] });
    expect(claim?.jobId).toBe(job.id);
    const death = new AbortController();
    const outcome = await planningCycleJobHandler.runPartition({
      handle, jobId: job.id, organizationId: ORG, params: claim!.params, state: claim!.state, partitionIndex: 0, input: {}, signal: death.signal,
      progress: (stepsDone) => { if (stepsDone === 3) death.abort(new Error('worker killed')); },
    });
    await expect(handle.db.transaction().execute((trx) => outcome.commit(nestableHandle(handle, trx)))).rejects.toThrow(/killed/);
    expect(await runsOf(handle)).toEqual([]);
    expect((await sql<{ n: string }>`select count(*)::text as n from forecast_value where organization_id = ${ORG}`.execute(handle.db)).rows[0]?.n).toBe('0');

    // Its heartbeat stops; a live worker re-queues the partition and runs the cycle to the end.
    await sql`update job_partition set heartbeat_at = now() - interval '1 hour' where job_id = ${job.id}`.execute(handle.db);
    const worker = await queue.startWorker();
    const done = await queue.waitFor(ORG, job.id, { timeoutMs: 240_000, pollMs: 100 });
    await worker.stop();
    expect(done).toMatchObject({ status: 'succeeded', progress: { done: 8, total: 8 } });
    const detail = await queue.get(ORG, job.id);
    expect(detail?.partitionList[0]).toMatchObject({ status: 'done', attempt: 2 });
    expect(detail?.logs.some((l) => l.messageKey === 'jobs.log.partition_requeued' && l.params.workerId === 'doomed-worker')).toBe(true);
    const runs = await runsOf(handle);
    expect(runs.map((r) => r.run_type)).toEqual([...PLANNING_CYCLE_STEPS]);
    expect(runs.map((r) => r.id)).toEqual(stepRunIds(done));
  }, 300_000);

  it('refuses bad parameters with the field named', async () => {
    const queue = open();
    await expect(queue.enqueue({ organizationId: ORG, kind: 'planning_cycle', params: { horizonWeeks: 0 }, today: AS_OF })).rejects.toThrow(/params.horizonWeeks/);
    await expect(queue.enqueue({ organizationId: ORG, kind: 'planning_cycle', params: { asOfDate: '24/11/2026' }, today: AS_OF })).rejects.toThrow(/params.asOfDate/);
    expect((await queue.list(ORG)).total).toBe(0);
  });
});

// The cycle's progress shows step by step while it runs, and a cancel stops it before its next step, rolling back
// every step already computed. On PostgreSQL the cycle's transaction leaves the job's rows free (heartbeats on
// another connection); on PGlite it holds the one connection, and the queue answers from this process's memory:
// the snapshot read at the claim with the live progress, and a cancel that aborts the partition in memory.
describe('planning_cycle job: live progress and cancel while the cycle runs', () => {
  it('shows progress while the cycle runs, and a cancel leaves no planning run', async () => {
    const handle = await createTestDatabase();
    const queue = createJobQueue(handle, { backend: 'in_process', autoStart: false, ...FAST });
    try {
      await importSmallPlanningModel(handle, ORG);
      // 300 more series make the forecast step last seconds: the cancel lands while it runs.
      await seedJobForecastSeries(handle, { organizationId: ORG, seriesCount: 300, historyWeeks: 60, asOfDate: AS_OF });
      const job = await queue.enqueue({ organizationId: ORG, kind: 'planning_cycle', params: PARAMS, today: AS_OF });
      const worker = await queue.startWorker();
      let seen: JobRecord = job;
      for (let i = 0; i < 6000 && seen.progress.done < 1 && !['succeeded', 'failed'].includes(seen.status); i++) {
        await new Promise((r) => setTimeout(r, 20));
        seen = (await queue.get(ORG, job.id)) ?? seen;
      }
      // The data-quality step is done and shows while the cycle's transaction is still open.
      expect(seen).toMatchObject({ status: 'running', progress: { done: 1, total: 8 }, partitions: { total: 1, running: 1 } });
      // Another organization does not see it (on PGlite: answered from memory, as the database would).
      expect(await queue.get('another-org', job.id)).toBeNull();
      await queue.cancel(ORG, job.id);
      const cancelled = await queue.waitFor(ORG, job.id, { timeoutMs: 120_000, pollMs: 50 });
      await worker.stop();
      expect(cancelled.status).toBe('cancelled');
      expect(await runsOf(handle)).toEqual([]);
      const detail = await queue.get(ORG, job.id);
      expect(detail?.partitionList[0]).toMatchObject({ status: 'cancelled' });
      expect(detail?.logs.map((l) => l.messageKey)).toEqual(expect.arrayContaining(['jobs.log.cancel_requested', 'jobs.log.cancelled']));
    } finally {
      await queue.close();
      await handle.close();
    }
  }, 300_000);
});
