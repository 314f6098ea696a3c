import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { JobDetailResponse, JobSummary } from '@flowpilot/contract';
import { seedJobForecastSeries } from '@flowpilot/services';
import { createTestApp, type TestApp } from '../testing/test-app';
import { seedWorkspaceFixture } from './workspace/workspace-fixture';

// Progress and cancel of a planning cycle while it runs, through the HTTP API. On PGlite the cycle holds the one
// connection in its transaction from its first step to its commit: the job's GET and cancel must not wait for it.
// The same tests run on PostgreSQL (DATABASE_URL), where nothing waits and the results must be the same.
const onPglite = !process.env.DATABASE_URL;
/** Steps done before we act: on PGlite at least one, so the cycle's transaction is open (steps run inside it). */
const STEPS_DONE_BEFORE_ACTING = onPglite ? 1 : 0;
const ENDED = ['succeeded', 'failed', 'cancelled'];
let t: TestApp;

async function getJob(id: string, organizationId = 'org-a'): Promise<{ statusCode: number; job: JobDetailResponse }> {
  const response = await t.app.inject({ url: `/api/v1/jobs/${id}`, headers: await t.headers('planner', organizationId) });
  return { statusCode: response.statusCode, job: response.json() as JobDetailResponse };
}
/** Polls the job like the web app does, until it is running with `stepsDone` steps done, or ended (cap: 10 minutes of polls). */
async function pollUntilRunning(id: string, stepsDone: number): Promise<JobDetailResponse> {
  let last: JobDetailResponse | null = null;
  for (let i = 0; i < 30_000; i++) {
    last = (await getJob(id)).job;
    if (ENDED.includes(last.status) || (last.status === 'running' && last.progress.done >= stepsDone)) return last;
    await new Promise((resolveWait) => setTimeout(resolveWait, 20));
  }
  throw new Error(`job ${id} never ran: last seen ${JSON.stringify(last)}`);
}
async function pollUntilEnded(id: string): Promise<JobDetailResponse> {
  for (let i = 0; i < 30_000; i++) {
    const { job } = await getJob(id);
    if (ENDED.includes(job.status)) return job;
    await new Promise((resolveWait) => setTimeout(resolveWait, 20));
  }
  throw new Error(`job ${id} did not end`);
}
async function startCycle(): Promise<JobSummary> {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/planning-cycle', headers: await t.headers('planner'), payload: { horizonWeeks: 8 } });
  if (response.statusCode !== 202) throw new Error(`planning cycle: ${response.statusCode} ${response.body}`);
  return response.json() as JobSummary;
}
async function planningRunCount(): Promise<number> {
  return Number((await sql<{ n: string }>`select count(*)::text as n from planning_run where organization_id = 'org-a'`.execute(t.handle.db)).rows[0]?.n ?? 0);
}

beforeAll(async () => {
  t = await createTestApp({
    seed: async (handle) => {
      await seedWorkspaceFixture(handle, 'org-a');
      // 300 more series make the forecast step last seconds: the GET and the cancel land inside the cycle.
      await seedJobForecastSeries(handle, { organizationId: 'org-a', seriesCount: 300, historyWeeks: 60, asOfDate: '2026-11-24' });
    },
    // A session cache that expires at once (1 ms instead of 5 s): every poll during the cycle needs a session
    // lookup, which on PGlite waits for the cycle's transaction, so the cache answers from the expired entry
    // (PrincipalCache staleWhileBusy) — as it does for a cycle longer than the default time to live.
    appOptions: { logger: { level: 'error' }, sessionCacheTtlMs: 1 },
  });
  // Log in both callers before any cycle holds the database.
  await t.headers('planner');
  await t.headers('planner', 'org-b');
}, 300_000);
afterAll(async () => { await t?.close(); });

describe('a planning cycle job while it runs', () => {
  it('GET /api/v1/jobs/:id answers running with the steps done before the cycle commits; another organization gets 404', async () => {
    const runsBefore = await planningRunCount();
    const cycle = await startCycle();
    const during = await pollUntilRunning(cycle.id, STEPS_DONE_BEFORE_ACTING);
    expect(during).toMatchObject({ id: cycle.id, kind: 'planning_cycle', status: 'running', cancelRequested: false, result: null, partitions: { total: 1, running: 1 } });
    expect(during.progress.total).toBe(8);
    expect(during.progress.done).toBeGreaterThanOrEqual(STEPS_DONE_BEFORE_ACTING);
    expect(during.progress.done).toBeLessThan(8);
    expect(during.partitionList[0]).toMatchObject({ index: 0, status: 'running', progress: during.progress });
    expect(during.logs.map((log) => log.messageKey)).toContain('jobs.log.partition_claimed');
    // Still running and the job is another organization's: 404, as for a job that does not exist.
    const foreign = await getJob(cycle.id, 'org-b');
    expect(foreign.statusCode).toBe(404);

    const done = await pollUntilEnded(cycle.id);
    expect(done).toMatchObject({ status: 'succeeded', progress: { done: 8, total: 8 }, partitions: { total: 1, done: 1 } });
    expect(await planningRunCount()).toBe(runsBefore + 8);
  }, 300_000);

  it('POST /api/v1/jobs/:id/cancel during the cycle stops it: the job ends cancelled, no planning run is left, the cancel is audited', async () => {
    const runsBefore = await planningRunCount();
    const cycle = await startCycle();
    const during = await pollUntilRunning(cycle.id, STEPS_DONE_BEFORE_ACTING);
    expect(during.status).toBe('running');

    const response = await t.app.inject({ method: 'POST', url: `/api/v1/jobs/${cycle.id}/cancel`, headers: await t.headers('planner') });
    expect(response.statusCode).toBe(200);
    const answered = response.json() as JobSummary;
    expect(answered.cancelRequested).toBe(true);
    expect(['running', 'cancelled']).toContain(answered.status);

    const ended = await pollUntilEnded(cycle.id);
    expect(ended).toMatchObject({ status: 'cancelled', cancelRequested: true, result: null });
    expect(ended.progress.done).toBeLessThan(8);
    expect(ended.logs.map((log) => log.messageKey)).toEqual(expect.arrayContaining(['jobs.log.cancel_requested', 'jobs.log.cancelled']));
    // All or nothing: every step's planning run was rolled back with the cycle's transaction.
    expect(await planningRunCount()).toBe(runsBefore);
    const audit = await sql<{ action: string; user_email: string; before: { status: string } }>`select action, user_email, before from audit_log
      where organization_id = 'org-a' and entity = 'job' and entity_key = ${cycle.id} and action = 'cancel'`.execute(t.handle.db);
    expect(audit.rows).toEqual([{ action: 'cancel', user_email: 'planner@org-a.test', before: expect.objectContaining({ status: 'running' }) }]);

    // The organization can plan again at once.
    const next = await startCycle();
    expect((await pollUntilEnded(next.id)).status).toBe('succeeded');
  }, 300_000);
});
