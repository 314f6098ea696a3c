import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../testing/test-app';

// Red Tomato Tools (Chopra & Meindl, "Aggregate Planning in a Supply Chain"): base optimal plan with whole workers 422 660.
const { scenarios: _s, source: _src, ...redTomato } = JSON.parse(readFileSync(new URL('../../../../examples/sop/red-tomato.json', import.meta.url), 'utf8')) as Record<string, unknown>;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    seed: async (handle) => {
      const summary = { families: [{ familyId: 'red-tomato-tools', input: redTomato, strategies: [] }] };
      await sql`insert into planning_run (id, organization_id, run_type, status, as_of_date, summary) values ('run_sop_1', 'org-a', 'sop', 'succeeded', '2026-11-24', ${JSON.stringify(summary)}::jsonb)`.execute(handle.db);
    },
  });
});
afterAll(async () => {
  await t?.close();
});

describe('/api/v1/sop/scenarios', () => {
  it('a planner runs and keeps a what-if, a viewer lists it, another organization sees none and cannot delete it', async () => {
    const body = { name: 'Subcontractor at 25', familyCode: 'red-tomato-tools', changes: { costs: { subcontractCostPerUnit: 25 } } };
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/sop/scenarios', headers: await t.headers('planner'), payload: body });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Subcontractor at 25', baseRunId: 'run_sop_1', strategy: 'optimal', workforceMode: 'integer', baseTotalCostEur: 422660, createdBy: 'planner@org-a.test' });
    expect(created.json().totalCostEur).toBeLessThanOrEqual(422660);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/sop/scenarios', headers: await t.headers('viewer'), payload: { ...body, name: 'x' } })).statusCode).toBe(403);
    const list = await t.app.inject({ url: '/api/v1/sop/scenarios', headers: await t.headers('viewer') });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((s: { name: string }) => s.name)).toEqual(['Subcontractor at 25']);
    expect((await t.app.inject({ url: '/api/v1/sop/scenarios', headers: await t.headers('viewer', 'org-b') })).json().items).toEqual([]);
    const id = created.json().id as string;
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/sop/scenarios/${id}`, headers: await t.headers('planner', 'org-b') })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/sop/scenarios/${id}`, headers: await t.headers('viewer') })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/sop/scenarios/${id}`, headers: await t.headers('planner') })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/sop/scenarios', headers: await t.headers('viewer') })).json().items).toEqual([]);
  });

  it('answers problems with the translated message: no run, unknown family, bad changes', async () => {
    const noRun = await t.app.inject({ method: 'POST', url: '/api/v1/sop/scenarios', headers: { ...(await t.headers('planner', 'org-b')), 'accept-language': 'fr' }, payload: { name: 'a', familyCode: 'red-tomato-tools' } });
    expect(noRun.statusCode).toBe(404);
    expect(noRun.json().error).toMatchObject({ code: 'no_sop_run' });
    expect(noRun.json().error.message).toContain('cycle de planification');
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/sop/scenarios', headers: await t.headers('planner'), payload: { name: 'b', familyCode: 'nope' } });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.message).toContain('red-tomato-tools');
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/sop/scenarios', headers: await t.headers('planner'), payload: { name: 'c', familyCode: 'red-tomato-tools', changes: { demandFactor: -2 } } });
    expect(bad.statusCode).toBe(400);
  });
});
