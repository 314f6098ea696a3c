import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createJobQueue, type JobQueue } from '@flowpilot/services';
import type { AppOptions } from '../app';
import { createTestApp, type TestApp } from '../testing/test-app';

// Two POST /api/v1/planning-cycle at the same instant both passed the "already active" check (a read) before either
// inserted its job: the enqueue now decides under an advisory lock of the organization (JobHandler.onePerOrganization).
// The queue has no worker, so the accepted cycle stays queued; its list (the route's quick check) waits until both
// requests have read it, so both pass that check on either database and the outcome does not depend on timing.
// Runs on PGlite (default) and on PostgreSQL 15 (DATABASE_URL), where the two requests use two connections.
let t: TestApp;
let queue: JobQueue;
const appOptions: Partial<AppOptions> = {};
/** While set, queue.list answers only once this many calls have read it (a barrier). */
let listBarrier: { waiting: number; open: () => void; opened: Promise<void> } | null = null;
function barrierOf(count: number): NonNullable<typeof listBarrier> {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => { open = resolve; });
  return { waiting: count, open, opened };
}

beforeAll(async () => {
  t = await createTestApp({
    seed: async (handle) => {
      queue = createJobQueue(handle, { backend: 'in_process', autoStart: false });
      appOptions.jobs = new Proxy(queue, {
        get(target, property) {
          if (property !== 'list') return Reflect.get(target, property, target) as unknown;
          return async (...args: Parameters<JobQueue['list']>) => {
            const page = await target.list(...args);
            const barrier = listBarrier;
            if (barrier) {
              if (--barrier.waiting === 0) barrier.open();
              await barrier.opened;
            }
            return page;
          };
        },
      });
    },
    appOptions,
  });
});
afterAll(async () => {
  await queue?.close();
  await t?.close();
});

const post = async (organizationId = 'org-a') => t.app.inject({ method: 'POST', url: '/api/v1/planning-cycle', headers: await t.headers('planner', organizationId), payload: { horizonWeeks: 4 } });
const activeCycles = async (organizationId: string): Promise<string[]> =>
  (await sql<{ id: string }>`select id from job where organization_id = ${organizationId} and kind = 'planning_cycle' and status in ('queued', 'running')`.execute(t.handle.db)).rows.map((r) => r.id);

describe('planning cycle: one active per organization, even for simultaneous requests', () => {
  it('two requests fired together: exactly one 202 and one 409 naming the accepted job; another organization is not blocked', async () => {
    await t.headers('planner');
    await t.headers('planner', 'org-b');
    listBarrier = barrierOf(2);
    const answers = await Promise.all([post(), post()]);
    listBarrier = null;
    expect(answers.map((r) => r.statusCode).sort()).toEqual([202, 409]);
    const accepted = answers.find((r) => r.statusCode === 202)!.json() as { id: string };
    const refused = answers.find((r) => r.statusCode === 409)!.json() as { error: { code: string; details: { jobId: string; status: string } } };
    expect(refused.error).toMatchObject({ code: 'cycle_already_active', details: { jobId: accepted.id, status: 'queued' } });
    expect(await activeCycles('org-a')).toEqual([accepted.id]);
    expect((await post('org-b')).statusCode).toBe(202);
    expect(await activeCycles('org-b')).toHaveLength(1);
  });

  it('the generic job API and a retry obey the same rule (409 while a cycle is active)', async () => {
    const viaJobs = await t.app.inject({ method: 'POST', url: '/api/v1/jobs', headers: await t.headers('planner'), payload: { kind: 'planning_cycle', params: {} } });
    expect(viaJobs.statusCode).toBe(409);
    expect(viaJobs.json().error.code).toBe('invalid_state');
    // The job status inside the message is said in the caller's language (the details keep the code).
    const inFrench = await t.app.inject({ method: 'POST', url: '/api/v1/jobs', headers: { ...(await t.headers('planner')), 'accept-language': 'fr' }, payload: { kind: 'planning_cycle', params: {} } });
    expect(inFrench.json().error.message).toMatch(/déjà (en attente|en cours)/);
    expect(['queued', 'running']).toContain(inFrench.json().error.details.status);
    await sql`insert into job (id, organization_id, kind, params, status) values ('job_planning_cycle_failed', 'org-a', 'planning_cycle', '{}'::jsonb, 'failed')`.execute(t.handle.db);
    const retry = await t.app.inject({ method: 'POST', url: '/api/v1/jobs/job_planning_cycle_failed/retry', headers: await t.headers('planner'), payload: {} });
    expect(retry.statusCode).toBe(409);
    expect((await sql<{ status: string }>`select status from job where id = 'job_planning_cycle_failed'`.execute(t.handle.db)).rows[0]?.status).toBe('failed');
  });
});
