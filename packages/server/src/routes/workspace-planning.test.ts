import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import type { JobDetailResponse, JobSummary, PlanningCycleResponse } from '@flowpilot/contract';
import { finishPlanningRun, startPlanningRun } from '@flowpilot/services';
import { createTestApp, type TestApp } from '../testing/test-app';
import { seedWorkspaceFixture } from './workspace/workspace-fixture';

// The workspace API on a small planned company (org-a); org-b holds its own runs, which org-a's users must never see.
let t: TestApp;
let cycle: PlanningCycleResponse;
let orgBProposalsRunId = '';
let cycleJob: JobSummary;
/** Follows a job like the web app does (GET /api/v1/jobs/:id) until it ends. */
async function waitForJob(id: string): Promise<JobDetailResponse> {
  for (let i = 0; i < 3000; i++) {
    const job = (await t.app.inject({ url: `/api/v1/jobs/${id}`, headers: await t.headers('planner') })).json() as JobDetailResponse;
    if (['succeeded', 'failed', 'cancelled'].includes(job.status)) return job;
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  throw new Error(`job ${id} did not end`);
}
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
  if (response.statusCode !== 202) throw new Error(`planning cycle: ${response.statusCode} ${response.body}`);
  cycleJob = response.json();
  const finished = await waitForJob(cycleJob.id);
  if (finished.status !== 'succeeded') throw new Error(`planning cycle job ${finished.status}: ${finished.error}`);
  cycle = finished.result as PlanningCycleResponse;
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
  it('enqueues the cycle as a job (202) that ran every step with the server date; its run ids are the job result; audited', async () => {
    expect(cycleJob).toMatchObject({ kind: 'planning_cycle', status: 'queued', createdBy: 'planner@org-a.test', params: { asOfDate: '2026-11-24', horizonWeeks: 8 }, progress: { done: 0, total: 8 } });
    const job = await waitForJob(cycleJob.id);
    expect(job).toMatchObject({ status: 'succeeded', progress: { done: 8, total: 8 }, partitions: { total: 1, done: 1 } });
    expect(cycle.asOfDate).toBe('2026-11-24');
    expect(cycle.steps.map((s) => s.step)).toEqual(['data_quality', 'forecast', 'inventory_policy', 'sop', 'mps', 'mrp', 'capacity', 'proposals']);
    const stored = await sql<{ organization_id: string }>`select organization_id from planning_run where id = ${runOf('mrp')}`.execute(t.handle.db);
    expect(stored.rows[0]?.organization_id).toBe('org-a');
    const audit = await sql<{ action: string; user_email: string }>`select action, user_email from audit_log where organization_id = 'org-a' and entity = 'planning_cycle' and entity_key = ${cycleJob.id}`.execute(t.handle.db);
    expect(audit.rows).toEqual([{ action: 'enqueue', user_email: 'planner@org-a.test' }]);
    // The jobs list shows it; another organization cannot see it.
    const list = (await t.app.inject({ url: '/api/v1/jobs?kind=planning_cycle', headers: await t.headers('planner') })).json() as { items: JobSummary[] };
    expect(list.items.map((j) => j.id)).toContain(cycleJob.id);
    expect((await t.app.inject({ url: `/api/v1/jobs/${cycleJob.id}`, headers: await t.headers('planner', 'org-b') })).statusCode).toBe(404);
  });

  it('refuses a viewer and a buyer (403), a bad horizon (400), and a second cycle while one is queued or running (409)', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/planning-cycle', headers: await t.headers('viewer'), payload: {} })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/planning-cycle', headers: await t.headers('buyer'), payload: {} })).statusCode).toBe(403);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/planning-cycle', headers: await t.headers('planner'), payload: { horizonWeeks: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('horizonWeeks');
    // A cycle waiting in the queue (a row without partitions: no worker takes it).
    await sql`insert into job (id, organization_id, kind, params, status) values ('job_planning_cycle_waiting', 'org-a', 'planning_cycle', '{}'::jsonb, 'queued')`.execute(t.handle.db);
    try {
      const busy = await t.app.inject({ method: 'POST', url: '/api/v1/planning-cycle', headers: { ...(await t.headers('planner')), 'accept-language': 'fr' }, payload: {} });
      expect(busy.statusCode).toBe(409);
      expect(busy.json().error).toMatchObject({ code: 'cycle_already_active', details: { jobId: 'job_planning_cycle_waiting' } });
      expect(busy.json().error.message).toContain('déjà en attente');
      // Another organization's queued cycle does not block this one's check (org-b sees none of org-a's jobs).
      const orgB = (await t.app.inject({ url: '/api/v1/jobs?kind=planning_cycle', headers: await t.headers('planner', 'org-b') })).json() as { total: number };
      expect(orgB.total).toBe(0);
    } finally {
      await sql`delete from job where id = 'job_planning_cycle_waiting'`.execute(t.handle.db);
    }
  });
});

describe('purchase proposals and action messages', () => {
  it('approves chosen lines (partial, twice for one supplier, distinct numbers), then the rest, once; 403 for a planner, 404 for another organization', async () => {
    const url = `/api/v1/planning-runs/${runOf('proposals')}/purchase-proposals/approve`;
    expect((await t.app.inject({ method: 'POST', url, headers: await t.headers('planner'), payload: {} })).statusCode).toBe(403);
    const other = await t.app.inject({ method: 'POST', url: `/api/v1/planning-runs/${orgBProposalsRunId}/purchase-proposals/approve`, headers: await t.headers('buyer'), payload: {} });
    expect(other.statusCode).toBe(404);
    const wrongType = await t.app.inject({ method: 'POST', url: `/api/v1/planning-runs/${runOf('mrp')}/purchase-proposals/approve`, headers: await t.headers('buyer'), payload: {} });
    expect(wrongType.statusCode).toBe(409);
    // The small company proposes one line for S1: two more lines of the same run make a partial approval meaningful.
    await sql`insert into purchase_proposal_line (run_id, organization_id, supplier_code, planned_order_id, item_code, location_code, quantity, unit_price, price_basis, currency, release_date, due_date)
      values (${runOf('proposals')}, 'org-a', 'S1', 'PL-A-T1', 'A', null, 5, 2, 'supply term price', 'EUR', '2026-12-07', '2026-12-14'),
             (${runOf('proposals')}, 'org-a', 'S1', 'PL-A-T2', 'A', null, 7, 2, 'supply term price', 'EUR', '2026-12-14', '2026-12-21')`.execute(t.handle.db);
    const lines = await sql<{ n: string }>`select count(*) as n from purchase_proposal_line where run_id = ${runOf('proposals')}`.execute(t.handle.db);
    const s1Lines = (await sql<{ planned_order_id: string }>`select planned_order_id from purchase_proposal_line where run_id = ${runOf('proposals')} and supplier_code = 'S1' order by due_date, item_code, planned_order_id`.execute(t.handle.db)).rows.map((r) => r.planned_order_id);
    expect(s1Lines.length).toBeGreaterThanOrEqual(3);
    type Approved = { purchaseOrders: { orderNumber: string; supplierCode: string; lineCount: number; plannedOrderIds: string[] }[] };
    // Partial approval, twice for the same supplier: two purchase orders with distinct sequence numbers.
    const partOne = await t.app.inject({ method: 'POST', url, headers: await t.headers('buyer'), payload: { supplierCode: 'S1', plannedOrderIds: [s1Lines[0]] } });
    expect(partOne.statusCode).toBe(200);
    const partTwo = await t.app.inject({ method: 'POST', url, headers: await t.headers('buyer'), payload: { plannedOrderIds: [s1Lines[1]] } });
    expect(partTwo.statusCode).toBe(200);
    const [one, two] = [(partOne.json() as Approved).purchaseOrders, (partTwo.json() as Approved).purchaseOrders];
    expect(one).toEqual([{ orderNumber: expect.stringMatching(/^PO-\d{4}-\d{6}$/), supplierCode: 'S1', lineCount: 1, plannedOrderIds: [s1Lines[0]] }]);
    expect(two).toEqual([{ orderNumber: expect.stringMatching(/^PO-\d{4}-\d{6}$/), supplierCode: 'S1', lineCount: 1, plannedOrderIds: [s1Lines[1]] }]);
    expect(Number(two[0]!.orderNumber.slice(-6))).toBe(Number(one[0]!.orderNumber.slice(-6)) + 1);
    const statuses = (await sql<{ planned_order_id: string; status: string; purchase_order_number: string | null }>`select planned_order_id, status, purchase_order_number from purchase_proposal_line where run_id = ${runOf('proposals')} and supplier_code = 'S1' order by due_date, item_code, planned_order_id`.execute(t.handle.db)).rows;
    expect(statuses.slice(0, 3)).toEqual([
      { planned_order_id: s1Lines[0], status: 'approved', purchase_order_number: one[0]!.orderNumber },
      { planned_order_id: s1Lines[1], status: 'approved', purchase_order_number: two[0]!.orderNumber },
      { planned_order_id: s1Lines[2], status: 'proposed', purchase_order_number: null },
    ]);
    const approvals = (await sql<{ user_email: string | null; via: string; before: { proposalLines: unknown[] } | null }>`select user_email, via, before from audit_log where organization_id = 'org-a' and entity = 'purchase_order' and entity_key in (${one[0]!.orderNumber}, ${two[0]!.orderNumber})`.execute(t.handle.db)).rows;
    expect(approvals).toHaveLength(2);
    // Who approved (the session's user and email) and what the lines were before.
    for (const entry of approvals) {
      expect(entry.via).toBe('session');
      expect(entry.user_email).toMatch(/@/);
      expect(entry.before?.proposalLines.length).toBeGreaterThan(0);
    }
    // A decided line is refused (409) and an unknown one (404), in French too; nothing is written by a refused call.
    const decided = await t.app.inject({ method: 'POST', url, headers: await t.headers('buyer'), payload: { plannedOrderIds: [s1Lines[0], s1Lines[2]] } });
    expect(decided.statusCode).toBe(409);
    expect(decided.json().error.message).toContain(s1Lines[0]);
    const unknown = await t.app.inject({ method: 'POST', url, headers: { ...(await t.headers('buyer')), 'accept-language': 'fr' }, payload: { plannedOrderIds: ['PL-NOPE-1'] } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('introuvable');
    expect((await t.app.inject({ method: 'POST', url, headers: await t.headers('buyer'), payload: { plannedOrderIds: [] } })).statusCode).toBe(400);
    expect((await sql`select 1 from purchase_proposal_line where run_id = ${runOf('proposals')} and planned_order_id = ${s1Lines[2]} and status = 'proposed'`.execute(t.handle.db)).rows).toHaveLength(1);
    // Another organization's run stays not found with line ids too.
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/planning-runs/${orgBProposalsRunId}/purchase-proposals/approve`, headers: await t.headers('buyer'), payload: { plannedOrderIds: [s1Lines[2]] } })).statusCode).toBe(404);
    const first = await t.app.inject({ method: 'POST', url, headers: await t.headers('buyer'), payload: { supplierCode: 'S1' } });
    expect(first.statusCode).toBe(200);
    const body = first.json() as Approved;
    expect(body.purchaseOrders.reduce((s, p) => s + p.lineCount, 0)).toBe(Number(lines.rows[0]?.n) - 2);
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
    // The stored policy, its segment and its service target come through as the policy step chose them.
    expect(row).toMatchObject({ policy: expect.stringMatching(/^(R-S|s-Q)$/), serviceTarget: { type: expect.stringMatching(/^(cycle-service-level|fill-rate)$/) } });
    expect(row).toHaveProperty('segment');
    expect(row).toHaveProperty('reorderLevelUnits');
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
