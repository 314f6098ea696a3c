import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import type { PlanningCycleResponse } from '@flowpilot/contract';
import { finishPlanningRun, startPlanningRun } from '@flowpilot/services';
import { createTestApp, type TestApp } from '../testing/test-app';
import { seedWorkspaceFixture } from './workspace/workspace-fixture';

// The workspace API on a small planned company (org-a); org-b holds its own runs, which org-a's users must never see.
let t: TestApp;
let cycle: PlanningCycleResponse;
let orgBProposalsRunId = '';
const runOf = (step: string): string => cycle.steps.find((s) => s.step === step)?.runId ?? '';
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

beforeAll(async () => {
  t = await createTestApp({
    seed: async (handle) => {
      await seedWorkspaceFixture(handle, 'org-a');
      const run = await startPlanningRun(handle, { organizationId: 'org-b', runType: 'proposals', asOfDate: '2026-11-23', parameters: {} });
      await finishPlanningRun(handle, run, { status: 'succeeded', summary: {} });
      orgBProposalsRunId = run.id;
    },
    // Unexpected (500) errors reach the test output with their stack.
    appOptions: { logger: { level: 'error' } },
  });
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/planning-cycle', headers: await t.headers('planner'), payload: { horizonWeeks: 8 } });
  if (response.statusCode !== 200) throw new Error(`planning cycle: ${response.statusCode} ${response.body}`);
  cycle = response.json();
}, 300_000);
afterAll(async () => { await t?.close(); });

describe('POST /api/v1/imports', () => {
  it('reports a bad row with file, row, column, field and a French message, and writes nothing (all-or-nothing)', async () => {
    const payload = { files: [
      { fileName: 'units.csv', contentBase64: b64('code,name,dimension\nKG,Kilogram,mass\n') },
      { fileName: 'articles.csv', contentBase64: b64('code,designation,type_article,unite,fabrique_achete,delai_jours\nNEW1,Neuf,finished_good,KG,make,5\nNEW2,Faux,finished_good,KGS,make,5\n') },
    ] };
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...(await t.headers('planner')), 'accept-language': 'fr-FR' }, payload });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { applied: boolean; errorCount: number; issues: { severity: string; file: string; row: number | null; column: string | null; field: string | null; value: string | null; message: string }[] };
    expect(body.applied).toBe(false);
    expect(body.errorCount).toBeGreaterThan(0);
    const issue = body.issues.find((i) => i.value === 'KGS');
    expect(issue).toMatchObject({ severity: 'error', file: 'articles.csv', row: 3, field: 'uom_code' });
    expect(issue?.message).toMatch(/unit|unité/i);
    // Nothing written: neither the valid unit file nor the valid first item row.
    const written = await sql<{ n: string }>`select (select count(*) from unit_of_measure where organization_id = 'org-a' and code = 'KG') + (select count(*) from item where organization_id = 'org-a' and code = 'NEW1') as n`.execute(t.handle.db);
    expect(Number(written.rows[0]?.n)).toBe(0);
  });

  it('applies a valid CSV and an XLSX workbook in one call; a dry run writes nothing', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('suppliers').addRows([['code', 'name', 'country'], ['S9', 'Xlsx supplier', 'FR']]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const files = [{ fileName: 'customers.csv', contentBase64: b64('code,name\nC9,Client Nine\n') }, { fileName: 'suppliers.xlsx', contentBase64: xlsx }];
    const dry = (await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: await t.headers('admin'), payload: { files, dryRun: true } })).json() as { applied: boolean; dryRun: boolean; errorCount: number };
    expect(dry).toMatchObject({ applied: false, dryRun: true, errorCount: 0 });
    expect((await sql`select 1 from customer where organization_id = 'org-a' and code = 'C9'`.execute(t.handle.db)).rows).toHaveLength(0);
    const real = (await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: await t.headers('admin'), payload: { files } })).json() as { applied: boolean; entities: { entity: string; rows: number }[] };
    expect(real.applied).toBe(true);
    expect(real.entities).toEqual(expect.arrayContaining([expect.objectContaining({ entity: 'customer', rows: 1 }), expect.objectContaining({ entity: 'supplier', rows: 1 })]));
    expect((await sql`select 1 from supplier where organization_id = 'org-a' and code = 'S9'`.execute(t.handle.db)).rows).toHaveLength(1);
    expect((await sql`select 1 from supplier where organization_id = 'org-b' and code = 'S9'`.execute(t.handle.db)).rows).toHaveLength(0);
  });

  it('answers 400 for a bad body and bad base64, 403 for a role without data_exchange:write', async () => {
    const headers = await t.headers('planner');
    const noFiles = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers, payload: { files: [] } });
    expect(noFiles.statusCode).toBe(400);
    expect(noFiles.json().error.message).toContain('files');
    const wrongExtension = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers, payload: { files: [{ fileName: 'items.txt', contentBase64: b64('x') }] } });
    expect(wrongExtension.statusCode).toBe(400);
    expect(wrongExtension.json().error.message).toMatch(/\.csv or \.xlsx/);
    const badBase64 = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers, payload: { files: [{ fileName: 'items.csv', contentBase64: 'abcde' }] } });
    expect(badBase64.statusCode).toBe(400);
    expect(badBase64.json().error).toMatchObject({ code: 'bad_base64' });
    expect(badBase64.json().error.message).toContain('items.csv');
    const huge = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify({ files: [{ fileName: 'items.csv', contentBase64: 'A'.repeat(11 * 1024 * 1024) }] }) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error).toMatchObject({ code: 'body_too_large' });
    expect(huge.json().error.message).toContain('10 MB');
    const denied = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: await t.headers('buyer'), payload: { files: [{ fileName: 'units.csv', contentBase64: b64('code,name\nX,X\n') }] } });
    expect(denied.statusCode).toBe(403);
  });
});

describe('GET /api/v1/exports', () => {
  it('downloads an entity as CSV (re-importable text) and XLSX, lists entities with row counts', async () => {
    const headers = await t.headers('viewer');
    const csv = await t.app.inject({ url: '/api/v1/exports/customer?format=csv', headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="customers.csv"');
    expect(csv.body.split('\n')[0]).toMatch(/^code,name,/);
    expect(csv.body).toContain('C1,Client One,Paris,75001');
    const xlsx = await t.app.inject({ url: '/api/v1/exports/item?format=xlsx&headerLanguage=fr', headers });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.getRow(1).getCell(1).value).toBe('code_article');
    expect(workbook.worksheets[0]?.rowCount).toBe(4); // header + F, F2, A
    const list = (await t.app.inject({ url: '/api/v1/exports', headers })).json() as { items: { entity: string; rows: number }[] };
    expect(list.items.find((i) => i.entity === 'item')?.rows).toBe(3);
    expect((await t.app.inject({ url: '/api/v1/exports/nothing', headers })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/exports/item' })).statusCode).toBe(401);
  });
});

describe('POST /api/v1/planning-cycle', () => {
  it('ran every step with the server date and returned their run ids; a viewer may not run it', async () => {
    expect(cycle.asOfDate).toBe('2026-11-24');
    expect(cycle.steps.map((s) => s.step)).toEqual(['data_quality', 'forecast', 'inventory_policy', 'sop', 'mps', 'mrp', 'capacity', 'proposals']);
    const stored = await sql<{ organization_id: string }>`select organization_id from planning_run where id = ${runOf('mrp')}`.execute(t.handle.db);
    expect(stored.rows[0]?.organization_id).toBe('org-a');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/planning-cycle', headers: await t.headers('viewer'), payload: {} })).statusCode).toBe(403);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/planning-cycle', headers: await t.headers('planner'), payload: { horizonWeeks: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('horizonWeeks');
  });
});

describe('purchase proposals and action messages', () => {
  it('approves the proposals of a run into one purchase order per supplier, once; 403 for a planner, 404 for another organization', async () => {
    const url = `/api/v1/planning-runs/${runOf('proposals')}/purchase-proposals/approve`;
    expect((await t.app.inject({ method: 'POST', url, headers: await t.headers('planner'), payload: {} })).statusCode).toBe(403);
    const other = await t.app.inject({ method: 'POST', url: `/api/v1/planning-runs/${orgBProposalsRunId}/purchase-proposals/approve`, headers: await t.headers('buyer'), payload: {} });
    expect(other.statusCode).toBe(404);
    const wrongType = await t.app.inject({ method: 'POST', url: `/api/v1/planning-runs/${runOf('mrp')}/purchase-proposals/approve`, headers: await t.headers('buyer'), payload: {} });
    expect(wrongType.statusCode).toBe(409);
    const lines = await sql<{ n: string }>`select count(*) as n from purchase_proposal_line where run_id = ${runOf('proposals')}`.execute(t.handle.db);
    const first = await t.app.inject({ method: 'POST', url, headers: await t.headers('buyer'), payload: { supplierCode: 'S1' } });
    expect(first.statusCode).toBe(200);
    const body = first.json() as { purchaseOrders: { orderNumber: string; supplierCode: string; lineCount: number }[] };
    expect(body.purchaseOrders.reduce((s, p) => s + p.lineCount, 0)).toBe(Number(lines.rows[0]?.n));
    for (const order of body.purchaseOrders) {
      const stored = await sql<{ status: string }>`select status from purchase_order where organization_id = 'org-a' and order_number = ${order.orderNumber}`.execute(t.handle.db);
      expect(stored.rows[0]?.status).toBe('approved');
    }
    const again = (await t.app.inject({ method: 'POST', url, headers: await t.headers('buyer'), payload: {} })).json() as { purchaseOrders: unknown[] };
    expect(again.purchaseOrders).toEqual([]);
  });

  it('decides an action message with the permission of its owner, audits it, refuses a second decision and other organizations', async () => {
    const runId = runOf('mrp');
    const messages = (await sql<{ sequence: number; owner_role: 'planner' | 'buyer' }>`select sequence, owner_role from action_message where run_id = ${runId} order by sequence`.execute(t.handle.db)).rows;
    expect(messages.length).toBeGreaterThan(0);
    const message = messages[0]!;
    const owner = message.owner_role;
    const outsider = owner === 'buyer' ? 'planner' : 'buyer';
    const url = `/api/v1/planning-runs/${runId}/action-messages/${message.sequence}/status`;
    const forbidden = await t.app.inject({ method: 'POST', url, headers: await t.headers(outsider), payload: { status: 'approved' } });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.message).toContain(owner === 'buyer' ? 'procurement:write' : 'planning:write');
    expect((await t.app.inject({ method: 'POST', url, headers: await t.headers('viewer'), payload: { status: 'approved' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url, headers: await t.headers(owner), payload: { status: 'maybe' } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url, headers: await t.headers(owner, 'org-b'), payload: { status: 'approved' } })).statusCode).toBe(404);
    const decided = await t.app.inject({ method: 'POST', url, headers: await t.headers(owner), payload: { status: 'dismissed', reason: 'order already moved by phone' } });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ updatedCount: 1, items: [{ sequence: message.sequence, previousStatus: 'open', status: 'dismissed', ownerRole: owner }] });
    const audit = await sql<{ reason: string }>`select reason from audit_log where organization_id = 'org-a' and entity = 'action_message' and entity_key = ${`${runId}#${message.sequence}`}`.execute(t.handle.db);
    expect(audit.rows.map((r) => r.reason)).toEqual(['order already moved by phone']);
    const twice = await t.app.inject({ method: 'POST', url, headers: await t.headers(owner), payload: { status: 'approved' } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('already_decided');
  });

  it('decides messages in bulk all-or-nothing: an unknown sequence changes nothing', async () => {
    const runId = runOf('mrp');
    const open = (await sql<{ sequence: number }>`select sequence from action_message where run_id = ${runId} and status = 'open' order by sequence`.execute(t.handle.db)).rows.map((r) => r.sequence);
    const url = `/api/v1/planning-runs/${runId}/action-messages/status`;
    const missing = await t.app.inject({ method: 'POST', url, headers: await t.headers('admin'), payload: { sequences: [...open, 99999], status: 'approved' } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toContain('99999');
    expect((await sql`select 1 from action_message where run_id = ${runId} and status = 'approved'`.execute(t.handle.db)).rows).toHaveLength(0);
    if (open.length > 0) {
      const done = await t.app.inject({ method: 'POST', url, headers: await t.headers('admin'), payload: { sequences: open, status: 'approved' } });
      expect(done.statusCode).toBe(200);
      expect(done.json().updatedCount).toBe(open.length);
    }
    expect((await t.app.inject({ method: 'POST', url, headers: await t.headers('admin'), payload: { sequences: [], status: 'approved' } })).statusCode).toBe(400);
  });
});

describe('S&OP and MPS', () => {
  it('returns the latest S&OP run: level, chase and optimal per family with costs that add up and the monthly table', async () => {
    const response = await t.app.inject({ url: '/api/v1/sop', headers: await t.headers('viewer') });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { runId: string; months: string[]; families: { familyCode: string; proposedStrategy: string | null; strategies: { strategy: string; totalCostEur: number | null; costs: Record<string, number | null>; periods: { demandUnits: number }[] }[] }[] };
    expect(body.runId).toBe(runOf('sop'));
    expect(body.months).toHaveLength(12);
    const family = body.families.find((f) => f.familyCode === 'FAM');
    expect(family?.strategies.map((s) => s.strategy).sort()).toEqual(['chase', 'level', 'optimal']);
    expect(family?.proposedStrategy).toBe('optimal');
    for (const plan of family?.strategies ?? []) {
      if (plan.totalCostEur === null) continue;
      const { total, ...lines } = plan.costs;
      const sum = Object.values(lines).reduce<number>((s, v) => s + (v ?? 0), 0);
      expect(sum).toBeCloseTo(total ?? 0, 4);
      expect(plan.periods).toHaveLength(12);
    }
    const optimal = family?.strategies.find((s) => s.strategy === 'optimal')?.totalCostEur ?? Infinity;
    for (const plan of family?.strategies ?? []) if (plan.totalCostEur !== null) expect(optimal).toBeLessThanOrEqual(plan.totalCostEur + 1);
  });

  it('lists the MPS items and gives one item its periods with zones, projected available and ATP; 404 for an unknown item', async () => {
    const headers = await t.headers('viewer');
    const list = (await t.app.inject({ url: '/api/v1/mps?search=f', headers })).json() as { items: { itemCode: string }[]; total: number; runId: string };
    expect(list.runId).toBe(runOf('mps'));
    expect(list.items.map((i) => i.itemCode)).toEqual(['F', 'F2']);
    const detail = await t.app.inject({ url: '/api/v1/mps/F', headers });
    expect(detail.statusCode).toBe(200);
    const body = detail.json() as { timeFences: { demandTimeFencePeriods: number }; periods: { zone: string; projectedAvailableUnits: number; masterScheduleUnits: number; demandUnits: number; cumulativeAvailableToPromiseUnits: number; availableToPromiseUnits: number }[] };
    expect(body.periods).toHaveLength(8);
    expect(body.periods[0]?.zone).toBe('frozen');
    expect(body.periods.slice(body.timeFences.demandTimeFencePeriods).some((p) => p.zone !== 'frozen')).toBe(true);
    // Projected available balance: PAB(t) = PAB(t-1) + MPS(t) - demand(t), from 30 on hand (APICS MPS record).
    let pab = 30;
    for (const p of body.periods) {
      pab = pab + p.masterScheduleUnits - p.demandUnits;
      expect(p.projectedAvailableUnits).toBeCloseTo(pab, 6);
    }
    expect((await t.app.inject({ url: '/api/v1/mps/NOPE', headers })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/mps/F', headers: await t.headers('viewer', 'org-b') })).statusCode).toBe(404);
  });
});

describe('inventory', () => {
  it('segments items ABC × XYZ from the sales history and cost, with counts and value per cell', async () => {
    const response = await t.app.inject({ url: '/api/v1/inventory/segmentation', headers: await t.headers('viewer') });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { cells: { segment: string; itemCount: number; value: number; valueShare: number }[]; items: { itemCode: string; segment: string; value: number; demandUnits: number; unitCostEur: number; coefficientOfVariation: number | null }[]; total: number };
    expect(body.total).toBe(2);
    const f = body.items.find((i) => i.itemCode === 'F')!;
    const f2 = body.items.find((i) => i.itemCode === 'F2')!;
    expect(f.value).toBeCloseTo(f.demandUnits * 20, 2);
    expect(f.segment.startsWith('A')).toBe(true);
    // Both have 12 months of history (zeros before the first sale), so both get an XYZ class.
    expect(f.coefficientOfVariation).toBeGreaterThan(0);
    expect(f2.coefficientOfVariation).toBeGreaterThan(0);
    expect(f2.value).toBeCloseTo(f2.demandUnits * 10, 2);
    expect(body.cells.reduce((s, c) => s + c.itemCount, 0)).toBe(2);
    expect(body.cells.reduce((s, c) => s + c.valueShare, 0)).toBeCloseTo(1, 3);
    const one = (await t.app.inject({ url: `/api/v1/inventory/segmentation?segment=${f.segment}`, headers: await t.headers('viewer') })).json() as { items: { itemCode: string }[] };
    expect(one.items.map((i) => i.itemCode)).toContain('F');
    const other = (await t.app.inject({ url: '/api/v1/inventory/segmentation', headers: await t.headers('viewer', 'org-b') })).json() as { total: number };
    expect(other.total).toBe(0);
    expect((await t.app.inject({ url: '/api/v1/inventory/segmentation?months=1', headers: await t.headers('viewer') })).statusCode).toBe(400);
  });

  it('returns the policy of each stock point with its coverage days, and simulates one item reproducibly', async () => {
    const headers = await t.headers('viewer');
    const policies = (await t.app.inject({ url: '/api/v1/inventory/policies?itemCode=F', headers })).json() as { runId: string; items: { locationCode: string; safetyStockUnits: number; meanPerWeek: number; safetyStockCoverageDays: number | null; onHandUnits: number; onHandCoverageDays: number | null; orderUpToLevelUnits: number }[] };
    expect(policies.runId).toBe(runOf('inventory_policy'));
    const row = policies.items[0]!;
    expect(row.onHandUnits).toBe(30);
    expect(row.onHandCoverageDays).toBeCloseTo((30 / row.meanPerWeek) * 7, 1);
    if (row.meanPerWeek > 0) expect(row.safetyStockCoverageDays).toBeCloseTo((row.safetyStockUnits / row.meanPerWeek) * 7, 1);
    expect((await t.app.inject({ url: '/api/v1/inventory/policies', headers: await t.headers('viewer', 'org-b') })).statusCode).toBe(404);

    const request = { itemCode: 'F', periods: 200, replications: 5, seed: 7 };
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/inventory/simulate', headers, payload: request });
    expect(first.statusCode).toBe(200);
    const body = first.json() as { locationCode: string; input: { policySource: string; policy: { type: string; orderUpToLevel: number } }; result: { fillRate: { mean: number }; totals: { periods: number } } };
    expect(body).toMatchObject({ locationCode: 'W1', input: { policySource: 'policy_run', policy: { type: 'R-S', orderUpToLevel: row.orderUpToLevelUnits } } });
    expect(body.result.fillRate.mean).toBeGreaterThan(0);
    expect(body.result.fillRate.mean).toBeLessThanOrEqual(1);
    const second = (await t.app.inject({ method: 'POST', url: '/api/v1/inventory/simulate', headers, payload: request })).json();
    expect(second).toEqual(first.json());
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/inventory/simulate', headers, payload: { itemCode: 'F', policy: { type: 's-Q', reorderPoint: 5 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('orderQuantity');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/inventory/simulate', headers: await t.headers('viewer', 'org-b'), payload: request })).statusCode).toBe(404);
  });
});
