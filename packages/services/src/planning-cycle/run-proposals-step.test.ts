import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { parseCsvText } from '../data-exchange/read-tables';
import { runImport } from '../data-exchange/run-import';
import { finishPlanningRun, startPlanningRun } from './planning-run-store';
import { approvePurchaseProposals, runProposalsStep } from './run-proposals-step';
import { smallPlanningModelFiles } from './small-planning-model.fixture';

// Proposals from MRP and from inventory policies in one step, on the small planning model with, imported:
// C1 (motor) on a reorder point at PL1: s 60, Q 50; on hand 40, nothing on order → IP 40 ≤ 60 → n = ⌊20/50⌋ + 1 = 1 → 50;
//   price break 60 @ 16: 60 × 16 = 960 < 50 × 20 = 1000 → 60 @ 16; due 2026-11-24 + 14 days = 2026-12-08.
// C2 (housing) on periodic review at PL1 with no anchor (every cycle is a review): S 250, on order 100 (PO1) → 150 @ 5, due + 7 days.
// C3 (blade) stays on MRP: its planned buy order becomes a line; MRP's planned order of C1 is skipped (no double ordering).
const ORG = 'org_proposals';
const AS_OF = '2026-11-24';
let handle: DatabaseHandle;

type LineRow = { supplier_code: string; planned_order_id: string; item_code: string; location_code: string | null; quantity: string; unit_price: string; price_basis: string; due_date: string; origin: string; policy_basis: Record<string, unknown> | null; status: string };

async function mrpRunWithBuyOrders(): Promise<string> {
  const run = await startPlanningRun(handle, { organizationId: ORG, runType: 'mrp', asOfDate: AS_OF, parameters: {} });
  await sql`insert into planned_order (run_id, organization_id, order_id, item_code, sourcing, location_code, supplier_code, release_date, receipt_date, quantity, release_quantity) values
    (${run.id}, ${ORG}, 'PO-C1-0', 'C1', 'buy', 'PL1', 'S1', '2026-11-23', '2026-12-07', 35, 35),
    (${run.id}, ${ORG}, 'PO-C3-1', 'C3', 'buy', 'PL1', 'S2', '2026-11-30', '2026-12-21', 80, 80)`.execute(handle.db);
  await finishPlanningRun(handle, run, { status: 'succeeded', summary: {} });
  return run.id;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  const files = smallPlanningModelFiles();
  files['items.csv'] = files['items.csv']!
    .replace('code,name,item_type,uom_code,family_code,make_or_buy,lead_time_days,standard_cost', 'code,name,item_type,uom_code,family_code,make_or_buy,lead_time_days,standard_cost,replenishment_method')
    .replace(/\n(FG1,[^\n]*|FG2,[^\n]*|C3,[^\n]*)/g, '\n$1,mrp').replace(/\nC1,([^\n]*)/, '\nC1,$1,reorder_point').replace(/\nC2,([^\n]*)/, '\nC2,$1,periodic_review');
  files['stock_points.csv'] = 'item_code,location_code,reorder_point_qty,order_qty,max_stock_qty\nC1,PL1,60,50,\nC2,PL1,,,250\n';
  files['price_breaks.csv'] = 'item_code,supplier_code,min_quantity,unit_price\nC1,S1,60,16\n';
  const tables = Object.entries(files).map(([name, text]) => parseCsvText(text, name, name.replace(/\.csv$/, '')));
  const report = await runImport(handle, { organizationId: ORG, tables, today: AS_OF });
  expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
  expect(report.written).toBe(true);
});

afterAll(async () => {
  await handle?.close();
});

describe('runProposalsStep with inventory policies', () => {
  it('proposes policy lines beside MRP lines, skips MRP orders of policy items, and approves them alike', async () => {
    const mrpRunId = await mrpRunWithBuyOrders();
    const result = await runProposalsStep(handle, { organizationId: ORG, asOfDate: AS_OF, mrpRunId });
    expect(result).toMatchObject({ lineCount: 3, mrpLineCount: 1, policyLineCount: 2, supplierCount: 2, totalValue: 960 + 750 + 80 * 3 });
    const lines = (await sql<LineRow>`select supplier_code, planned_order_id, item_code, location_code, quantity::text, unit_price::text, price_basis, due_date::text, origin, policy_basis, status
      from purchase_proposal_line where run_id = ${result.runId} order by planned_order_id`.execute(handle.db)).rows;
    expect(lines.map((l) => [l.planned_order_id, l.origin, l.supplier_code, Number(l.quantity), Number(l.unit_price), l.price_basis, l.due_date])).toEqual([
      ['PO-C3-1', 'mrp', 'S2', 80, 3, 'supply term price', '2026-12-21'],
      ['POL-C1@PL1', 'policy', 'S1', 60, 16, 'price break from 60', '2026-12-08'],
      ['POL-C2@PL1', 'policy', 'S1', 150, 5, 'supply term price', '2026-12-01'],
    ]);
    expect(lines[0]!.policy_basis).toBeNull();
    expect(lines[1]!.policy_basis).toMatchObject({ method: 'reorder_point', inventoryPosition: 40, onHandQuantity: 40, onOrderQuantity: 0, backorderQuantity: 0, reorderPoint: 60, orderQuantity: 50, orderCount: 1, requiredQuantity: 50, leadTimeDays: 14 });
    // Imported figures, no policy run: a person's.
    expect(lines[1]!.policy_basis).toMatchObject({ parameterSource: { runId: null, reorderPoint: 'manual', orderQuantity: 'manual' } });
    expect(lines[2]!.policy_basis).toMatchObject({ method: 'periodic_review', inventoryPosition: 100, onOrderQuantity: 100, orderUpToLevel: 250, reviewDate: AS_OF, requiredQuantity: 150 });
    const summary = (await sql<{ summary: { skippedMrpOrderIds: string[]; policy: { itemCount: number; exceptions: unknown[] } } }>`select summary from planning_run where id = ${result.runId}`.execute(handle.db)).rows[0]!.summary;
    expect(summary.skippedMrpOrderIds).toEqual(['PO-C1-0']);
    expect(summary.policy).toMatchObject({ itemCount: 2, exceptions: [] });

    // Partial approval of the policy line: a purchase order to PL1 at the break price; the others stay proposed.
    const approved = await approvePurchaseProposals(handle, { organizationId: ORG, runId: result.runId, plannedOrderIds: ['POL-C1@PL1'], approvedBy: 'buyer', orderDate: AS_OF });
    expect(approved.purchaseOrders).toHaveLength(1);
    const po = (await sql<{ item_code: string; location_code: string; quantity: string; unit_price: string; due_date: string }>`select item_code, location_code, quantity::text, unit_price::text, due_date::text
      from purchase_order_line where organization_id = ${ORG} and order_number = ${approved.purchaseOrders[0]!.orderNumber}`.execute(handle.db)).rows;
    expect(po.map((l) => [l.item_code, l.location_code, Number(l.quantity), Number(l.unit_price), l.due_date])).toEqual([['C1', 'PL1', 60, 16, '2026-12-08']]);

    // The approved order is now on order: IP = 40 + 60 = 100 > s 60, so the next cycle proposes nothing more for C1.
    const next = await runProposalsStep(handle, { organizationId: ORG, asOfDate: AS_OF, mrpRunId });
    const nextSummary = (await sql<{ summary: { policy: { noOrder: { itemId: string; kind: string; inventoryPosition: number }[] } } }>`select summary from planning_run where id = ${next.runId}`.execute(handle.db)).rows[0]!.summary;
    expect(next.policyLineCount).toBe(1);
    expect(nextSummary.policy.noOrder).toEqual([{ itemId: 'C1', locationId: 'PL1', kind: 'above_reorder_point', exception: false, inventoryPosition: 100, detail: 'IP 100 > s 60' }]);
  }, 120_000);

  it('reports a policy item with missing parameters as an exception, and gives no line for it', async () => {
    await sql`update stock_point set order_qty = null where organization_id = ${ORG} and item_code = 'C1'`.execute(handle.db);
    await sql`update purchase_order set status = 'cancelled' where organization_id = ${ORG} and supplier_code = 'S1' and order_number <> 'PO1'`.execute(handle.db);
    const result = await runProposalsStep(handle, { organizationId: ORG, asOfDate: AS_OF, mrpRunId: await mrpRunWithBuyOrders() });
    const summary = (await sql<{ summary: { policy: { exceptions: { itemId: string; kind: string }[] } } }>`select summary from planning_run where id = ${result.runId}`.execute(handle.db)).rows[0]!.summary;
    expect(summary.policy.exceptions.map((e) => [e.itemId, e.kind])).toEqual([['C1', 'missing_order_quantity']]);
    expect(result.policyLineCount).toBe(1);
  }, 120_000);
});
