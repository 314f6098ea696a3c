import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { sql } from 'kysely';
import { authorizeImprovementReturn, disposeImprovementReturn, inspectImprovementReturn, listImprovementReturns, receiveImprovementReturn, reportImprovementReturns } from './run-returns';
import { drillImprovementKpi } from './compute-kpis-from-database';
import { addImprovementAction, addImprovementMeeting, closeImprovementAction, listImprovementActions, listImprovementMeetings, updateImprovementAction } from './run-improvement-actions';
import { computeImprovementBudgetVsActual, computeImprovementCostBreakdown, computeImprovementCostToServe } from './compute-cost-control';
import { seedImprovementFixture } from './testing/seed-improvement-fixture';

let handle: DatabaseHandle;
const org = 'org-ret';

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedImprovementFixture(handle, org);
});
afterAll(async () => { await handle.close(); });

/** Ledger Σ per item@location against Σ stock lots: the data-quality "ledger_mismatch" rule. */
async function ledgerMismatches(): Promise<unknown[]> {
  return (await sql`
    with lots as (select item_code, location_code, sum(quantity) as q from stock_lot where organization_id = ${org} group by 1, 2),
         moves as (select item_code, location_code, sum(quantity) as q from inventory_movement where organization_id = ${org} group by 1, 2)
    select coalesce(l.item_code, m.item_code) as item, coalesce(l.location_code, m.location_code) as location, l.q as lots, m.q as ledger
    from lots l full outer join moves m on m.item_code = l.item_code and m.location_code = l.location_code
    where coalesce(l.q, 0) <> coalesce(m.q, 0)`.execute(handle.db)).rows;
}

describe('returns workflow (authorise → receive → inspect → dispose)', () => {
  it('a scrapped return posts +2 then −2 to the ledger, keeps lots and ledger equal, and shows in stock KPIs, rates and costs', async () => {
    const authorized = await authorizeImprovementReturn(handle, { organizationId: org, customerCode: 'C1', itemCode: 'FG-A', quantity: 2, reason: 'damaged', authorizedDate: '2026-04-02', locationCode: 'WH' });
    expect(authorized).toMatchObject({ rmaNumber: 'RMA-1', status: 'authorized' });
    await expect(inspectImprovementReturn(handle, { organizationId: org, rmaNumber: 'RMA-1', inspectedDate: '2026-04-03', result: 'unusable' })).rejects.toThrow(/authorized: it must be received/);

    await receiveImprovementReturn(handle, { organizationId: org, rmaNumber: 'RMA-1', receivedDate: '2026-04-05' });
    const lot = (await sql<{ quantity: string; status: string }>`select quantity::text, status from stock_lot where organization_id = ${org} and lot_number = 'RMA-1'`.execute(handle.db)).rows[0];
    expect(lot).toEqual({ quantity: '2.000000', status: 'quarantine' });
    expect(await ledgerMismatches()).toEqual([]);

    await inspectImprovementReturn(handle, { organizationId: org, rmaNumber: 'RMA-1', inspectedDate: '2026-04-06', result: 'unusable', note: 'crushed box, cracked housing' });
    await expect(disposeImprovementReturn(handle, { organizationId: org, rmaNumber: 'RMA-1', disposition: 'restock', disposedDate: '2026-04-07' })).rejects.toThrow(/cannot be restocked/);
    const closed = await disposeImprovementReturn(handle, { organizationId: org, rmaNumber: 'RMA-1', disposition: 'scrap', disposedDate: '2026-04-07', returnCostEur: 15 });
    expect(closed).toMatchObject({ status: 'closed', disposition: 'scrap', returnCostEur: 15, inspectionResult: 'unusable' });

    const moves = (await sql<{ movement_type: string; quantity: string; reason: string | null }>`select movement_type, quantity::text, reason from inventory_movement where organization_id = ${org} and reference = 'RMA-1' order by id`.execute(handle.db)).rows;
    expect(moves).toEqual([{ movement_type: 'return_receipt', quantity: '2.000000', reason: 'damaged' }, { movement_type: 'scrap', quantity: '-2.000000', reason: 'return_scrap' }]);
    expect((await sql`select 1 from stock_lot where organization_id = ${org} and lot_number = 'RMA-1'`.execute(handle.db)).rows).toEqual([]);
    expect(await ledgerMismatches()).toEqual([]);

    // The stock positions rebuilt from the ledger hold the 2 units from 04-05 to 04-06 only.
    const drill = await drillImprovementKpi(handle, { organizationId: org, from: '2026-04-01', to: '2026-04-30', period: 'month', kpiId: 'stock-out-rate', periodKey: '2026-04', dimensionKey: 'all' });
    const fg = drill.records.filter((r) => r.id.startsWith('stock:FG-A@WH@')).map((r) => [String(r.record.date), r.record.onHandQuantity]);
    expect(fg.filter(([, q]) => q !== 0)).toEqual([['2026-04-05', 2], ['2026-04-06', 2]]);

    const byItem = await reportImprovementReturns(handle, { organizationId: org, from: '2026-03-01', to: '2026-04-30', by: 'item' });
    expect(byItem).toEqual([{ key: 'FG-A', returnCount: 1, returnedQuantity: 2, shippedQuantity: 36, returnRate: 2 / 36, returnCostEur: 15 }]);
    const breakdown = await computeImprovementCostBreakdown(handle, { organizationId: org, from: '2026-04-01', to: '2026-04-30' });
    expect(breakdown.find((b) => b.category === 'returns')).toEqual({ category: 'returns', amountEur: 15, share: 1 });
  });

  it('a restocked return releases its quarantine lot to available stock', async () => {
    await authorizeImprovementReturn(handle, { organizationId: org, rmaNumber: 'RMA-7', customerCode: 'C2', itemCode: 'FG-A', quantity: 3, reason: 'not_needed', authorizedDate: '2026-04-10' });
    await expect(receiveImprovementReturn(handle, { organizationId: org, rmaNumber: 'RMA-7', receivedDate: '2026-04-12' })).rejects.toThrow(/no receiving location/);
    await receiveImprovementReturn(handle, { organizationId: org, rmaNumber: 'RMA-7', receivedDate: '2026-04-12', locationCode: 'WH' });
    await inspectImprovementReturn(handle, { organizationId: org, rmaNumber: 'RMA-7', inspectedDate: '2026-04-13', result: 'as_new' });
    await disposeImprovementReturn(handle, { organizationId: org, rmaNumber: 'RMA-7', disposition: 'restock', disposedDate: '2026-04-13' });
    const lot = (await sql<{ quantity: string; status: string }>`select quantity::text, status from stock_lot where organization_id = ${org} and lot_number = 'RMA-7'`.execute(handle.db)).rows[0];
    expect(lot).toEqual({ quantity: '3.000000', status: 'available' });
    expect(await ledgerMismatches()).toEqual([]);
    const list = await listImprovementReturns(handle, { organizationId: org, status: 'closed' });
    expect(list.items.map((r) => r.rmaNumber)).toEqual(['RMA-7', 'RMA-1']);
    const byReason = await reportImprovementReturns(handle, { organizationId: org, from: '2026-04-01', to: '2026-04-30', by: 'reason' });
    expect(byReason.map((r) => [r.key, r.returnRate])).toEqual([['damaged', 0.4], ['not_needed', 0.6]]);
  });

  it('refuses unknown returns and another organization’s returns', async () => {
    await expect(receiveImprovementReturn(handle, { organizationId: 'org-other', rmaNumber: 'RMA-1', receivedDate: '2026-04-05' })).rejects.toThrow(/does not exist/);
  });
});

describe('improvement actions (PDCA) and meetings', () => {
  it('measures the OTIF baseline before the action and its effect after, and records the meeting decision', async () => {
    const action = await addImprovementAction(handle, { organizationId: org, title: 'Check stock before confirming', kpiId: 'otif', owner: 'Sophie', dueDate: '2026-04-30', asOfDate: '2026-04-01' });
    // Baseline window: the 91 days before 04-01 hold the March lines: OTIF 1/4.
    expect(action).toMatchObject({ actionNumber: 'ACT-1', status: 'plan', baselineFrom: '2025-12-31', baselineTo: '2026-03-31', baselineValue: 0.25 });
    await updateImprovementAction(handle, { organizationId: org, actionNumber: 'ACT-1', status: 'do', asOfDate: '2026-04-01' });
    // April: one line delivered on time and in full.
    await sql`insert into sales_order (organization_id, order_number, customer_code, order_date, status) values (${org}, 'SO-4', 'C1', '2026-04-02', 'closed')`.execute(handle.db);
    await sql`insert into sales_order_line (organization_id, order_number, line_number, item_code, location_code, quantity, shipped_quantity, requested_date, unit_price) values (${org}, 'SO-4', 1, 'FG-A', 'WH', 4, 4, '2026-04-10', 20)`.execute(handle.db);
    await sql`insert into shipment (organization_id, shipment_number, from_location_code, customer_code, ship_date, delivered_date, status) values (${org}, 'SH-4', 'WH', 'C1', '2026-04-08', '2026-04-09', 'delivered')`.execute(handle.db);
    await sql`insert into shipment_line (organization_id, shipment_number, line_number, sales_order_number, sales_order_line_number, item_code, quantity) values (${org}, 'SH-4', 1, 'SO-4', 1, 'FG-A', 4)`.execute(handle.db);
    const checked = await updateImprovementAction(handle, { organizationId: org, actionNumber: 'ACT-1', status: 'check', asOfDate: '2026-04-30' });
    expect(checked).toMatchObject({ status: 'check', effectFrom: '2026-04-01', effectTo: '2026-04-30', measuredValue: 1, effect: 0.75, improved: true });
    await expect(updateImprovementAction(handle, { organizationId: org, actionNumber: 'ACT-1', status: 'plan', asOfDate: '2026-04-30' })).rejects.toThrow(/forward only/);

    const meeting = await addImprovementMeeting(handle, { organizationId: org, meetingDate: '2026-04-30', workGroup: 'Service client', title: 'Revue OTIF', decisions: [{ text: 'Standardise the stock check', actionNumber: 'ACT-1' }, { text: 'Review again in June' }] });
    expect(meeting.meetingNumber).toBe('MTG-1');
    await expect(addImprovementMeeting(handle, { organizationId: org, meetingDate: '2026-04-30', workGroup: 'X', title: 'Y', decisions: [{ text: 'z', actionNumber: 'ACT-99' }] })).rejects.toThrow(/ACT-99 does not exist/);
    expect((await listImprovementMeetings(handle, { organizationId: org })).items[0]?.decisions).toHaveLength(2);

    const closed = await closeImprovementAction(handle, { organizationId: org, actionNumber: 'ACT-1', asOfDate: '2026-04-30' });
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).not.toBeNull();
    await expect(updateImprovementAction(handle, { organizationId: org, actionNumber: 'ACT-1', owner: 'Karim', asOfDate: '2026-05-01' })).rejects.toThrow(/closed/);
    await expect(addImprovementAction(handle, { organizationId: org, title: 'x', owner: 'y', dueDate: '2026-05-01', asOfDate: '2026-04-01' })).rejects.toThrow(/KPI .* or an audit finding/);
    const audit = await addImprovementAction(handle, { organizationId: org, title: '5S in the packing area', auditFinding: '5S audit 2026-04: sort score 2/5', owner: 'Marc', dueDate: '2026-05-15', asOfDate: '2026-04-30' });
    expect(audit).toMatchObject({ actionNumber: 'ACT-2', kpiId: null, baselineValue: null });
    expect((await listImprovementActions(handle, { organizationId: org })).items.map((a) => a.actionNumber)).toEqual(['ACT-2', 'ACT-1']);
  });
});

describe('cost control', () => {
  it('budget vs actual by month and category, and cost to serve per customer (hand-computed March fixture)', async () => {
    await sql`insert into cost_budget (organization_id, budget_month, category, amount_eur) values (${org}, '2026-03-01', 'transport', 100), (${org}, '2026-03-01', 'handling', 50)`.execute(handle.db);
    const budget = await computeImprovementBudgetVsActual(handle, { organizationId: org, from: '2026-03-01', to: '2026-03-31' });
    expect(budget.map((b) => [b.month, b.category, b.budgetEur, b.actualEur, b.varianceEur, b.varianceFraction])).toEqual([
      ['2026-03', 'handling', 50, 100, 50, 1],
      ['2026-03', 'transport', 100, 80, -20, -0.2],
    ]);
    expect(budget[1]?.recordIds).toEqual(['shipment:SH-1', 'shipment:SH-2']);
    // Freight is direct (C1 50 €, C2 30 €); the 100 € of handling is shared 2 lines : 2 lines.
    const cts = await computeImprovementCostToServe(handle, { organizationId: org, from: '2026-03-01', to: '2026-03-31' });
    expect(cts.map((c) => [c.customerCode, c.directCostEur, c.allocatedCostEur, c.costToServeEur, c.revenueEur, c.costShareOfRevenue])).toEqual([
      ['C1', 50, 50, 100, 400, 0.25],
      ['C2', 30, 50, 80, 500, 0.16],
    ]);
  });
});
