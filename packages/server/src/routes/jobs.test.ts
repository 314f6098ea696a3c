import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedJobForecastSeries } from '@flowpilot/services';
import { createTestApp, type TestApp } from '../testing/test-app';

const AS_OF = '2026-11-23';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({
    seed: async (handle) => {
      await seedJobForecastSeries(handle, { organizationId: 'org-a', seriesCount: 3, historyWeeks: 40, asOfDate: AS_OF });
      await seedJobForecastSeries(handle, { organizationId: 'org-b', seriesCount: 2, historyWeeks: 40, asOfDate: AS_OF });
    },
  });
});
afterAll(async () => { await t.close(); });

async function waitFinished(id: string, headers: Record<string, string>): Promise<{ status: string; result: Record<string, unknown> | null; logs: { message: string }[] }> {
  for (let i = 0; i < 600; i++) {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${id}`, headers });
    const body = response.json() as { status: string; result: Record<string, unknown> | null; logs: { message: string }[] };
    if (['succeeded', 'failed', 'cancelled'].includes(body.status)) return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${id} did not finish`);
}

describe('/api/v1/jobs', () => {
  it('lets a planner enqueue a forecast that runs in process, then shows its progress, log and result', async () => {
    const headers = await t.headers('planner');
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/jobs', headers, payload: { kind: 'forecast', params: { asOfDate: AS_OF, horizonWeeks: 3, seriesPerPartition: 2 } } });
    expect(created.statusCode).toBe(201);
    const job = created.json() as { id: string; status: string; partitions: { total: number }; createdBy: string };
    expect(job).toMatchObject({ status: 'queued', partitions: { total: 2 }, createdBy: 'planner@org-a.test' });
    const done = await waitFinished(job.id, headers);
    expect(done.status).toBe('succeeded');
    expect(done.result).toMatchObject({ seriesCount: 3, partitions: 2 });
    expect(done.logs.map((l) => l.message)).toContain('Job finished: every partition is saved.');
    const french = await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${job.id}`, headers: { ...headers, 'accept-language': 'fr' } });
    expect((french.json() as { logs: { message: string }[] }).logs.map((l) => l.message)).toContain('Tâche terminée : toutes les partitions sont enregistrées.');

    const list = await t.app.inject({ method: 'GET', url: '/api/v1/jobs?pageSize=5&kind=forecast', headers: await t.headers('viewer') });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ page: 1, pageSize: 5, total: 1, items: [{ id: job.id }] });
  });

  it('answers 403 to a role without the permission, 404 for another organization\'s job, 409 for a wrong state, 400 for bad params', async () => {
    const viewer = await t.headers('viewer');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/jobs', headers: viewer, payload: { kind: 'forecast' } })).statusCode).toBe(403);
    // A buyer holds jobs:write but not planning:write: no planning cycle through the job API.
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/jobs', headers: await t.headers('buyer'), payload: { kind: 'planning_cycle' } })).statusCode).toBe(403);

    const plannerB = await t.headers('planner', 'org-b');
    const other = await t.app.inject({ method: 'POST', url: '/api/v1/jobs', headers: plannerB, payload: { kind: 'forecast', params: { asOfDate: AS_OF, horizonWeeks: 2 } } });
    expect(other.statusCode).toBe(201);
    const otherId = (other.json() as { id: string }).id;
    await waitFinished(otherId, plannerB);
    const planner = await t.headers('planner');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${otherId}`, headers: planner })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/jobs/${otherId}/cancel`, headers: planner })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/jobs/${otherId}/retry`, headers: planner })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/jobs', headers: planner })).json()).not.toMatchObject({ items: [{ id: otherId }] });

    // Finished: neither cancel (409) nor retry (409).
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/jobs/${otherId}/cancel`, headers: plannerB })).statusCode).toBe(409);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/jobs/${otherId}/retry`, headers: plannerB })).statusCode).toBe(409);

    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/jobs', headers: planner, payload: { kind: 'forecast', params: { horizonWeeks: 999 } } });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { error: { code: string; message: string } }).error).toMatchObject({ code: 'invalid_params' });
    expect((bad.json() as { error: { message: string } }).error.message).toContain('horizonWeeks');
    const path = await t.app.inject({ method: 'POST', url: '/api/v1/jobs', headers: await t.headers('admin'), payload: { kind: 'import', params: { path: '/etc' } } });
    expect(path.statusCode).toBe(400);
  });

  it('retries a failed import on request (it fails again on the same bad data)', async () => {
    const admin = await t.headers('admin');
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/jobs', headers: admin, payload: { kind: 'import', params: { tables: [{ source: 'item.csv', entityHint: 'item', headers: ['code'], rows: [{ row: 2, cells: ['Z'] }] }] } } });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: string }).id;
    expect((await waitFinished(id, admin)).status).toBe('failed');
    const retried = await t.app.inject({ method: 'POST', url: `/api/v1/jobs/${id}/retry`, headers: admin });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ retryCount: 1 });
    expect((await waitFinished(id, admin)).status).toBe('failed');
  });
});
