import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createJobQueue, type JobQueue } from '@flowpilot/services';
import { seedSupplierHistory } from '@flowpilot/services/testing';
import type { AppOptions } from '../app';
import { createTestApp, type TestApp } from '../testing/test-app';
import { seedWorkspaceFixture } from '../routes/workspace/workspace-fixture';

// Writes that used to leave only the audit fallback (route, parameters, body) now record their own entry, in the
// change's transaction where the service makes it: who, what, before/after, reason when given. Counting on the
// receipt set of org-a (P1 160, P2 43 on hand at W1), lean records, jobs and a route solve on the fixture of org-b.
// The job queue has no worker: a queued job stays queued until the test changes it.
let t: TestApp;
let queue: JobQueue | undefined;
const appOptions: Partial<AppOptions> = {};

beforeAll(async () => {
  t = await createTestApp({
    seed: async (handle) => {
      await seedSupplierHistory(handle.db, 'org-a');
      await seedWorkspaceFixture(handle, 'org-b');
      queue = createJobQueue(handle, { backend: 'in_process', autoStart: false });
      appOptions.jobs = queue;
    },
    appOptions,
  });
}, 120_000);
afterAll(async () => {
  await queue?.close();
  await t?.close();
});

type Entry = { action: string; entity: string; entityKey: string; userEmail: string | null; via: string | null; before: unknown; after: unknown; reason: string | null };
const entriesOf = async (entity: string, organizationId = 'org-a'): Promise<Entry[]> =>
  ((await t.app.inject({ url: `/api/v1/audit?entity=${entity}&pageSize=100`, headers: await t.headers('admin', organizationId) })).json().items as Entry[]).reverse();
const fallbackCount = async (): Promise<number> => Number((await sql<{ n: string }>`select count(*)::text as n from audit_log where entity = 'http_request'`.execute(t.handle.db)).rows[0]!.n);

describe('audit entries with before/after', () => {
  it('counting: plan (then its replacement), start, entries (first count, recount), close with the adjustments; no fallback entry', async () => {
    const warehouse = await t.headers('warehouse');
    const post = async (url: string, payload: Record<string, unknown>, headers = warehouse) => {
      const response = await t.app.inject({ method: 'POST', url, headers, payload });
      expect(response.statusCode, response.body).toBeLessThan(300);
      return response.json();
    };
    await post('/api/v1/counting/plans', { fromDate: '2026-12-01', months: 1 });
    await post('/api/v1/counting/plans', { fromDate: '2026-12-01', months: 2 });
    const plans = await entriesOf('count_plan');
    expect(plans.map((e) => [e.action, e.entityKey, e.userEmail, e.via])).toEqual([['create', 'CP-2026-12-01-ALL', 'warehouse@org-a.test', 'session'], ['replace', 'CP-2026-12-01-ALL', 'warehouse@org-a.test', 'session']]);
    expect(plans[0]!.before).toBeNull();
    expect(plans[1]).toMatchObject({ before: { fromDate: '2026-12-01', lineCount: 2, parameters: { months: 1 } }, after: { fromDate: '2026-12-01', parameters: { months: 2 } } });

    const sheet = await post('/api/v1/counting/counts', { locationCode: 'W1', countDate: '2026-11-24' }) as { countNumber: string };
    const url = `/api/v1/counting/counts/${sheet.countNumber}`;
    await post(`${url}/entries`, { csv: 'item_code,counted_quantity\nP1,160\nP2,40\n', countedAt: new Date(Date.now() + 1000).toISOString() });
    await post(`${url}/entries`, { lines: [{ itemCode: 'P2', countedQuantity: '41', causeCode: 'damage' }], countedAt: new Date(Date.now() + 2000).toISOString() });
    await post(`${url}/close`, {}, await t.headers('admin'));
    const count = await entriesOf('inventory_count');
    expect(count.map((e) => [e.action, e.entityKey, e.userEmail])).toEqual([
      ['start', sheet.countNumber, 'warehouse@org-a.test'], ['count', sheet.countNumber, 'warehouse@org-a.test'], ['count', sheet.countNumber, 'warehouse@org-a.test'], ['approve', sheet.countNumber, 'admin@org-a.test'],
    ]);
    expect(count[0]).toMatchObject({ before: null, after: { status: 'open', locationCode: 'W1', countDate: '2026-11-24', lineCount: 2 } });
    // Blind count: the trail of a start or an entry holds no book quantity.
    expect(JSON.stringify(count.slice(0, 3))).not.toMatch(/snapshot|expected|variance/i);
    const lineState = (e: Entry, side: 'before' | 'after') => ((e[side] as { lines: { itemCode: string; status: string; countedQuantity: number | null }[] }).lines).map((l) => [l.itemCode, l.status, l.countedQuantity]);
    expect([lineState(count[1]!, 'before'), lineState(count[1]!, 'after')]).toEqual([[['P1', 'to_count', null], ['P2', 'to_count', null]], [['P1', 'counted', 160], ['P2', 'recount', 40]]]);
    expect([lineState(count[2]!, 'before'), lineState(count[2]!, 'after')]).toEqual([[['P2', 'recount', 40]], [['P2', 'recounted', 41]]]);
    expect(count[3]).toMatchObject({
      before: { status: 'open' }, reason: 'count closed and adjustments posted',
      after: { status: 'closed', approvedBy: 'admin@org-a.test', adjustmentsPosted: 1, netVarianceValueEur: -4, adjustments: [{ itemCode: 'P2', expectedQuantity: 43, countedQuantity: 41, varianceQuantity: -2 }] },
    });
    expect(await fallbackCount()).toBe(0);
  });

  it('lean records: a SMED study and a 5S audit, each with what was recorded', async () => {
    const planner = await t.headers('planner');
    const smed = await t.app.inject({ method: 'POST', url: '/api/v1/smed-studies', headers: planner, payload: {
      studyDate: '2026-11-20', title: 'Press 2 die change', changeoversPerWeek: 5,
      elements: [{ id: 'E1', name: 'Fetch die', durationSeconds: 600, type: 'internal', action: 'convert-to-external' }, { id: 'E2', name: 'Clamp', durationSeconds: 300, type: 'internal' }],
    } });
    expect(smed.statusCode, smed.body).toBe(201);
    const fiveS = await t.app.inject({ method: 'POST', url: '/api/v1/five-s-audits', headers: planner, payload: {
      area: 'Packing', auditDate: '2026-11-20', maxScorePerQuestion: 4,
      answers: ['sort', 'set-in-order', 'shine', 'standardise', 'sustain'].map((pillar, i) => ({ questionId: `Q${i + 1}`, pillar, score: 3 })),
    } });
    expect(fiveS.statusCode, fiveS.body).toBe(201);
    const [study] = await entriesOf('smed_study');
    expect(study).toMatchObject({ action: 'smed.record', entityKey: smed.json().studyNumber, userEmail: 'planner@org-a.test', before: null, after: { title: 'Press 2 die change', changeoversPerWeek: 5, analysis: smed.json().analysis } });
    const [audit] = await entriesOf('five_s_audit');
    expect(audit).toMatchObject({ action: 'five_s.record', entityKey: fiveS.json().auditId, before: null, after: { area: 'Packing' } });
    expect(await fallbackCount()).toBe(0);
  });

  it('jobs: cancel and retry record the job\'s state before and after', async () => {
    const planner = await t.headers('planner', 'org-b');
    await sql`insert into job (id, organization_id, kind, params, status) values ('job_forecast_audit', 'org-b', 'forecast', '{}'::jsonb, 'queued')`.execute(t.handle.db);
    await sql`insert into job_partition (job_id, partition_index, organization_id, status, input, progress_total) values ('job_forecast_audit', 0, 'org-b', 'pending', '{}'::jsonb, 1)`.execute(t.handle.db);
    const cancelled = await t.app.inject({ method: 'POST', url: '/api/v1/jobs/job_forecast_audit/cancel', headers: planner, payload: {} });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    const retried = await t.app.inject({ method: 'POST', url: '/api/v1/jobs/job_forecast_audit/retry', headers: planner, payload: {} });
    expect(retried.statusCode, retried.body).toBe(200);
    const entries = await entriesOf('job', 'org-b');
    expect(entries.map((e) => [e.action, e.entityKey, e.userEmail])).toEqual([['cancel', 'job_forecast_audit', 'planner@org-b.test'], ['retry', 'job_forecast_audit', 'planner@org-b.test']]);
    expect(entries[0]).toMatchObject({ before: { kind: 'forecast', status: 'queued', cancelRequested: false }, after: { status: 'cancelled' } });
    expect(entries[1]).toMatchObject({ before: { status: 'cancelled', retryCount: 0 }, after: { status: 'queued', retryCount: 1 } });
    expect(await fallbackCount()).toBe(0);
  });

  it('transport: a route solve records what was asked and the plan found (nothing stored before)', async () => {
    const solved = await t.app.inject({ method: 'POST', url: '/api/v1/transport/routes/solve', headers: await t.headers('transport', 'org-b'), payload: { warehouseCode: 'W1', date: '2026-11-25', maxSeconds: 1 } });
    expect(solved.statusCode, solved.body).toBe(200);
    const [entry] = await entriesOf('route_plan', 'org-b');
    const result = solved.json() as { vehicles: number; distanceKm: number; routes: { stops: { customerCode: string }[] }[] };
    expect(entry).toMatchObject({
      action: 'solve', entityKey: 'W1@2026-11-25', userEmail: 'transport@org-b.test', before: null,
      after: { request: { warehouseCode: 'W1', date: '2026-11-25', maxSeconds: 1 }, vehicles: result.vehicles, distanceKm: result.distanceKm, routes: result.routes.map((r) => ({ customerCodes: r.stops.map((s) => s.customerCode) })) },
    });
    expect(await fallbackCount()).toBe(0);
  });
});
