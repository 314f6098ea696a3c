import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedImprovementFixture } from '@flowpilot/services';
import { createTestApp, type TestApp } from '../testing/test-app';

// Routes of KPIs from actuals, returns, actions, meetings and costs on the hand-computed March 2026
// fixture (packages/services/src/improvement/testing): OTIF 1/4, freight 50 + 30 €, handling 100 €.

let testApp: TestApp;
beforeAll(async () => {
  testApp = await createTestApp({
    seed: async (handle) => {
      await seedImprovementFixture(handle, 'org-a');
      await seedImprovementFixture(handle, 'org-b');
    },
  });
});
afterAll(async () => { await testApp.close(); });

const march = 'from=2026-03-01&to=2026-03-31';

describe('GET /api/v1/kpis and drill', () => {
  it('gives every role with kpi:read the dashboard with targets, formulas and alerts', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: `/api/v1/kpis?${march}&kpi=otif,fill-rate-unit`, headers: await testApp.headers('viewer') });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.values).toHaveLength(2);
    expect(body.values[0]).toMatchObject({ kpiId: 'otif', periodKey: '2026-03', value: 0.25, numerator: 1, denominator: 4, target: 0.95, status: 'alert', recordCount: 4 });
    expect(body.values[0].formula).toContain('OTIF');
    expect(body.alerts.map((a: { kpiId: string }) => a.kpiId)).toEqual(['otif', 'fill-rate-unit']);
  });

  it('drills a value down to its records, and answers 404 for a group without a value', async () => {
    const drill = await testApp.app.inject({ method: 'GET', url: `/api/v1/kpis/otif/drill?${march}&period=month&periodKey=2026-03`, headers: await testApp.headers('planner') });
    expect(drill.statusCode).toBe(200);
    expect(drill.json().records.map((r: { id: string; onTime: boolean; inFull: boolean }) => [r.id, r.onTime && r.inFull])).toEqual([
      ['sales_order_line:SO-1/1', true], ['sales_order_line:SO-1/2', false], ['sales_order_line:SO-2/1', false], ['sales_order_line:SO-3/1', false],
    ]);
    const none = await testApp.app.inject({ method: 'GET', url: `/api/v1/kpis/otif/drill?${march}&period=month&periodKey=2027-01`, headers: await testApp.headers('planner') });
    expect(none.statusCode).toBe(404);
    const unknown = await testApp.app.inject({ method: 'GET', url: `/api/v1/kpis?${march}&kpi=nope`, headers: await testApp.headers('planner') });
    expect(unknown.statusCode).toBe(400);
  });

  it('drills the cash-to-cash cycle down to the daily balances and the invoices with their open days; another org has no invoice, so no value (404)', async () => {
    const { sql } = await import('kysely');
    await sql`insert into customer_invoice (organization_id, invoice_number, customer_code, invoice_date, due_date, amount_eur, payment_date) values ('org-a', 'INV-1', 'C1', '2026-03-05', '2026-04-04', 400, '2026-03-25')`.execute(testApp.handle.db);
    const drill = await testApp.app.inject({ method: 'GET', url: `/api/v1/kpis/cash-to-cash-cycle/drill?${march}&period=month&periodKey=2026-03`, headers: await testApp.headers('viewer') });
    expect(drill.statusCode).toBe(200);
    const body = drill.json();
    // DSO = 400 € × 20 open days / 400 € of revenue = 20 days.
    expect(body.value.components.daysSalesOutstanding).toBeCloseTo(20, 8);
    expect(body.records.filter((r: { dataset: string }) => r.dataset === 'invoices').map((r: { id: string; openDays: number }) => [r.id, r.openDays])).toEqual([['customer_invoice:INV-1', 20]]);
    const other = await testApp.app.inject({ method: 'GET', url: `/api/v1/kpis/cash-to-cash-cycle/drill?${march}&period=month&periodKey=2026-03`, headers: await testApp.headers('viewer', 'org-b') });
    expect(other.statusCode).toBe(404);
  });

  it('requires a session', async () => {
    expect((await testApp.app.inject({ method: 'GET', url: '/api/v1/kpis' })).statusCode).toBe(401);
  });
});

describe('returns routes', () => {
  it('lets warehouse run a return end to end; viewer is refused; org-b cannot see org-a’s return', async () => {
    const warehouse = await testApp.headers('warehouse');
    const denied = await testApp.app.inject({ method: 'POST', url: '/api/v1/returns', headers: await testApp.headers('viewer'), payload: { customerCode: 'C1', itemCode: 'FG-A', quantity: 1, reason: 'damaged' } });
    expect(denied.statusCode).toBe(403);
    const created = await testApp.app.inject({ method: 'POST', url: '/api/v1/returns', headers: warehouse, payload: { customerCode: 'C1', itemCode: 'FG-A', quantity: 2, reason: 'damaged', locationCode: 'WH', authorizedDate: '2026-04-02' } });
    expect(created.statusCode).toBe(201);
    const rma = created.json().rmaNumber as string;
    expect((await testApp.app.inject({ method: 'POST', url: `/api/v1/returns/${rma}/dispose`, headers: warehouse, payload: { disposition: 'scrap' } })).statusCode).toBe(422);
    expect((await testApp.app.inject({ method: 'POST', url: `/api/v1/returns/${rma}/receive`, headers: warehouse, payload: { receivedDate: '2026-04-03' } })).statusCode).toBe(200);
    expect((await testApp.app.inject({ method: 'POST', url: `/api/v1/returns/${rma}/inspect`, headers: warehouse, payload: { result: 'unusable', inspectedDate: '2026-04-04' } })).statusCode).toBe(200);
    const disposed = await testApp.app.inject({ method: 'POST', url: `/api/v1/returns/${rma}/dispose`, headers: warehouse, payload: { disposition: 'recycle', disposedDate: '2026-04-05', returnCostEur: 8 } });
    expect(disposed.json()).toMatchObject({ status: 'closed', disposition: 'recycle', returnCostEur: 8 });
    const otherOrg = await testApp.app.inject({ method: 'GET', url: `/api/v1/returns/${rma}`, headers: await testApp.headers('warehouse', 'org-b') });
    expect(otherOrg.statusCode).toBe(404);
    expect((await testApp.app.inject({ method: 'POST', url: `/api/v1/returns/${rma}/receive`, headers: await testApp.headers('warehouse', 'org-b'), payload: {} })).statusCode).toBe(404);
    const list = await testApp.app.inject({ method: 'GET', url: '/api/v1/returns', headers: await testApp.headers('viewer') });
    expect(list.json()).toMatchObject({ total: 1, page: 1, pageSize: 50 });
    const report = await testApp.app.inject({ method: 'GET', url: '/api/v1/returns/report?by=reason&from=2026-04-01&to=2026-04-30', headers: await testApp.headers('viewer') });
    expect(report.json().rows).toEqual([{ key: 'damaged', returnCount: 1, returnedQuantity: 2, shippedQuantity: null, returnRate: 1, returnCostEur: 8 }]);
  });
});

describe('improvement actions, meetings and costs routes', () => {
  it('lets planner raise and move an action (baseline measured), refuses warehouse, hides it from org-b', async () => {
    const planner = await testApp.headers('planner');
    expect((await testApp.app.inject({ method: 'POST', url: '/api/v1/improvement-actions', headers: await testApp.headers('warehouse'), payload: { title: 'x', owner: 'y', dueDate: '2026-12-31', kpiId: 'otif' } })).statusCode).toBe(403);
    const created = await testApp.app.inject({ method: 'POST', url: '/api/v1/improvement-actions', headers: planner, payload: { title: 'Daily stock check', owner: 'Sophie', dueDate: '2026-12-31', kpiId: 'otif', baselineFrom: '2026-03-01', baselineTo: '2026-03-31' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ actionNumber: 'ACT-1', status: 'plan', baselineValue: 0.25 });
    const moved = await testApp.app.inject({ method: 'PATCH', url: '/api/v1/improvement-actions/ACT-1', headers: planner, payload: { status: 'do' } });
    expect(moved.json()).toMatchObject({ status: 'do', effectFrom: '2026-11-24' });
    expect((await testApp.app.inject({ method: 'PATCH', url: '/api/v1/improvement-actions/ACT-1', headers: planner, payload: { status: 'plan' } })).statusCode).toBe(422);
    expect((await testApp.app.inject({ method: 'GET', url: '/api/v1/improvement-actions/ACT-1', headers: await testApp.headers('planner', 'org-b') })).statusCode).toBe(404);
    const meeting = await testApp.app.inject({ method: 'POST', url: '/api/v1/meetings', headers: planner, payload: { meetingDate: '2026-11-24', workGroup: 'Service', title: 'OTIF', decisions: [{ text: 'Go', actionNumber: 'ACT-1' }] } });
    expect(meeting.statusCode).toBe(201);
    expect((await testApp.app.inject({ method: 'GET', url: '/api/v1/meetings', headers: await testApp.headers('viewer', 'org-b') })).json().total).toBe(0);
    // A meeting is a write: warehouse may not record one; org-b cannot link a decision to org-a's action.
    const payload = { meetingDate: '2026-11-24', workGroup: 'Service', title: 'OTIF', decisions: [{ text: 'Go', actionNumber: 'ACT-1' }] };
    expect((await testApp.app.inject({ method: 'POST', url: '/api/v1/meetings', headers: await testApp.headers('warehouse'), payload })).statusCode).toBe(403);
    const foreign = await testApp.app.inject({ method: 'POST', url: '/api/v1/meetings', headers: await testApp.headers('planner', 'org-b'), payload });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).toContain('ACT-1');
    expect((await testApp.app.inject({ method: 'GET', url: '/api/v1/improvement-actions', headers: await testApp.headers('viewer') })).json().total).toBe(1);
  });

  it('serves budget vs actual, breakdown and cost to serve', async () => {
    const viewer = await testApp.headers('viewer');
    const cts = await testApp.app.inject({ method: 'GET', url: `/api/v1/costs/cost-to-serve?${march}`, headers: viewer });
    expect(cts.json().rows.map((r: { customerCode: string; costToServeEur: number }) => [r.customerCode, r.costToServeEur])).toEqual([['C1', 100], ['C2', 80]]);
    const breakdown = await testApp.app.inject({ method: 'GET', url: `/api/v1/costs/breakdown?${march}`, headers: viewer });
    expect(breakdown.json().rows.find((r: { category: string }) => r.category === 'transport').amountEur).toBe(80);
    const budget = await testApp.app.inject({ method: 'GET', url: `/api/v1/costs/budget?${march}`, headers: viewer });
    expect(budget.statusCode).toBe(200);
    expect(budget.json().rows.map((r: { category: string; actualEur: number }) => [r.category, r.actualEur])).toEqual([['handling', 100], ['transport', 80]]);
  });
});

describe('SMED and 5S routes', () => {
  it('records a SMED study and a 5S audit for planner; viewer reads, cannot write; org-b sees nothing', async () => {
    const planner = await testApp.headers('planner');
    const body = { title: 'Die change', studyDate: '2026-04-10', workCenterCode: 'WC1', elements: [{ id: 'E1', name: 'Adjust', type: 'internal', durationSeconds: 900, action: 'streamline', afterDurationSeconds: 300 }] };
    expect((await testApp.app.inject({ method: 'POST', url: '/api/v1/smed-studies', headers: await testApp.headers('viewer'), payload: body })).statusCode).toBe(403);
    const created = await testApp.app.inject({ method: 'POST', url: '/api/v1/smed-studies', headers: planner, payload: body });
    expect(created.statusCode).toBe(201);
    expect(created.json().analysis).toMatchObject({ changeoverBeforeSeconds: 900, changeoverAfterSeconds: 300 });
    expect((await testApp.app.inject({ method: 'GET', url: '/api/v1/smed-studies', headers: await testApp.headers('viewer') })).json().items).toHaveLength(1);
    expect((await testApp.app.inject({ method: 'GET', url: '/api/v1/smed-studies', headers: await testApp.headers('viewer', 'org-b') })).json().items).toHaveLength(0);
    const audit = await testApp.app.inject({ method: 'POST', url: '/api/v1/five-s-audits', headers: planner, payload: { area: 'Packing', auditDate: '2026-03-02', maxScorePerQuestion: 4, answers: [{ questionId: 'Q1', pillar: 'sort', score: 1, comment: 'old pallets' }, { questionId: 'Q2', pillar: 'shine', score: 3 }] } });
    expect(audit.statusCode).toBe(201);
    expect(audit.json()).toMatchObject({ totalPoints: 4, maxPoints: 8, findings: [{ questionId: 'Q1', comment: 'old pallets' }] });
    const trend = await testApp.app.inject({ method: 'GET', url: '/api/v1/five-s-audits/trend?area=Packing', headers: await testApp.headers('viewer') });
    expect(trend.json().areas[0].trend[0].scoreFraction).toBe(0.5);
  });
});

