import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImport } from '@flowpilot/services';
import { createTestApp, type TestApp } from '../testing/test-app';

let t: TestApp;
const dir = mkdtempSync(join(tmpdir(), 'fp-override-api-'));

beforeAll(async () => {
  writeFileSync(join(dir, 'units.csv'), 'code,name,dimension\nEA,Each,count\n');
  writeFileSync(join(dir, 'items.csv'), 'code,name,item_type,uom_code,make_or_buy,lead_time_days\nFG,Pump,finished_good,EA,make,7\n');
  writeFileSync(join(dir, 'locations.csv'), 'code,name,location_type\nW1,Warehouse,warehouse\n');
  t = await createTestApp({
    seed: async (handle) => {
      for (const organizationId of ['org-a', 'org-b']) expect((await runImport(handle, { organizationId, path: dir, today: '2026-11-24' })).written).toBe(true);
    },
  });
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('/api/v1/forecast-overrides', () => {
  it('a planner overrides with a reason (author from the session), a viewer may not, another organization sees nothing', async () => {
    const body = { itemCode: 'FG', locationCode: 'W1', weekStart: '2026-12-07', quantity: 120, reason: 'trade fair' };
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/forecast-overrides', headers: await t.headers('planner'), payload: body });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ itemCode: 'FG', quantity: '120.000000', reason: 'trade fair', authorEmail: 'planner@org-a.test', withdrawnAt: null });
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/forecast-overrides', headers: await t.headers('viewer'), payload: body })).statusCode).toBe(403);
    const tuesday = await t.app.inject({ method: 'POST', url: '/api/v1/forecast-overrides', headers: { ...(await t.headers('planner')), 'accept-language': 'fr' }, payload: { ...body, weekStart: '2026-12-08' } });
    expect(tuesday.statusCode).toBe(400);
    expect(tuesday.json().error.message).toContain('lundi');
    expect((await t.app.inject({ url: '/api/v1/forecast-overrides', headers: await t.headers('viewer') })).json().items).toHaveLength(1);
    expect((await t.app.inject({ url: '/api/v1/forecast-overrides', headers: await t.headers('viewer', 'org-b') })).json().items).toHaveLength(0);
    const id = created.json().id as string;
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/forecast-overrides/${id}/withdraw`, headers: await t.headers('planner', 'org-b'), payload: {} })).statusCode).toBe(404);
    const withdrawn = await t.app.inject({ method: 'POST', url: `/api/v1/forecast-overrides/${id}/withdraw`, headers: await t.headers('planner'), payload: { reason: 'fair cancelled' } });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ withdrawnBy: 'planner@org-a.test', withdrawalReason: 'fair cancelled' });
  });
});
