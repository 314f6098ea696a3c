import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { runCli } from '../testing/run-cli';
import { createCliTestEnv, type CliTestEnv } from '../testing/cli-test-env';

// `flowpilot plan` → `flowpilot proposals` → `flowpilot proposals approve` on a small company with two
// suppliers: approving one supplier must leave the other's proposals untouched (a parent command once
// swallowed the subcommand's --supplier and approved everything).

const files: Record<string, string> = {
  'units.csv': 'code,name,dimension\nEA,Each,count\n',
  'items.csv': 'code,name,item_type,uom_code,make_or_buy,standard_cost,lead_time_days\nA,Part A,component,EA,buy,2,7\nB,Part B,component,EA,buy,3,7\n',
  'locations.csv': 'code,name,location_type\nW1,Warehouse,warehouse\n',
  'suppliers.csv': 'code,name,country\nS1,Supplier one,FR\nS2,Supplier two,FR\n',
  'supply_terms.csv': 'item_code,supplier_code,lead_time_days,unit_price,preferred\nA,S1,7,2,yes\nB,S2,7,3,yes\n',
  'customers.csv': 'code,name\nC1,Customer\n',
  'sales_orders.csv': 'order_number,customer_code,order_date\nSO1,C1,2026-11-20\n',
  'sales_order_lines.csv': 'order_number,line_number,item_code,location_code,quantity,requested_date\nSO1,1,A,W1,10,2026-12-01\nSO1,2,B,W1,20,2026-12-02\n',
};

let test: CliTestEnv;
beforeEach(async () => { test = await createCliTestEnv({ FLOWPILOT_AS_OF: '2026-11-23', FLOWPILOT_TODAY: '2026-11-24' }); });
afterEach(async () => { await test.cleanup(); });

describe('flowpilot proposals', () => {
  it('lists the proposals of the latest plan and approves one supplier without touching the other', async () => {
    const dir = join(test.dir, 'data');
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const run = (args: string[]) => runCli(args, { env: test.env });
    expect((await run(['import', dir])).exitCode).toBe(0);
    expect((await run(['plan', '--horizon-weeks', '8'])).exitCode).toBe(0);

    const listed = await run(['proposals', '--json']);
    expect(listed.exitCode).toBe(0);
    const lines = (JSON.parse(listed.stdout) as { lines: { supplier_code: string; item_code: string; quantity: string; status: string }[] }).lines;
    expect(lines.map((l) => [l.supplier_code, l.item_code, Number(l.quantity), l.status])).toEqual([['S1', 'A', 10, 'proposed'], ['S2', 'B', 20, 'proposed']]);

    const approved = await run(['proposals', 'approve', '--supplier', 'S1', '--by', 'lucie', '--json']);
    expect(approved.exitCode).toBe(0);
    expect((JSON.parse(approved.stdout) as { purchaseOrders: { supplierCode: string }[] }).purchaseOrders.map((p) => p.supplierCode)).toEqual(['S1']);

    const handle = await test.open();
    try {
      const statuses = (await sql<{ supplier_code: string; status: string }>`select supplier_code, status from purchase_proposal_line order by supplier_code`.execute(handle.db)).rows;
      expect(statuses).toEqual([{ supplier_code: 'S1', status: 'approved' }, { supplier_code: 'S2', status: 'proposed' }]);
      const orders = (await sql<{ supplier_code: string; status: string }>`select supplier_code, status from purchase_order`.execute(handle.db)).rows;
      expect(orders).toEqual([{ supplier_code: 'S1', status: 'approved' }]);
      const audit = (await sql<{ user_id: string; action: string }>`select user_id, action from audit_log where action <> 'import'`.execute(handle.db)).rows;
      expect(audit).toEqual([{ user_id: 'lucie', action: 'approve' }]);
    } finally {
      await handle.close();
    }

    // Partial approval by line: an unknown line is "not found" (exit 4), the chosen line gets the next order number, a second try is refused (exit 3).
    const bLine = (JSON.parse(listed.stdout) as { lines: { supplier_code: string; planned_order_id: string }[] }).lines.find((l) => l.supplier_code === 'S2')!.planned_order_id;
    const unknown = await run(['proposals', 'approve', '--lines', 'PL-NOPE-1']);
    expect(unknown.exitCode).toBe(4);
    expect(unknown.stderr).toContain('PL-NOPE-1');
    const firstNumber = (JSON.parse(approved.stdout) as { purchaseOrders: { orderNumber: string }[] }).purchaseOrders[0]!.orderNumber;
    expect(firstNumber).toMatch(/^PO-2026-\d{6}$/);
    const partial = await run(['proposals', 'approve', '--lines', bLine, '--json']);
    expect(partial.exitCode).toBe(0);
    expect(JSON.parse(partial.stdout)).toEqual({ purchaseOrders: [{ orderNumber: `PO-2026-${String(Number(firstNumber.slice(-6)) + 1).padStart(6, '0')}`, supplierCode: 'S2', lineCount: 1, plannedOrderIds: [bLine] }] });
    expect((await run(['proposals', 'approve', '--lines', bLine])).exitCode).toBe(3);
  }, 600_000);

  it('shows the origin of each line: a reorder-point item is proposed by its policy, not by MRP', async () => {
    const dir = join(test.dir, 'policy-data');
    mkdirSync(dir, { recursive: true });
    const policyFiles = {
      ...files,
      'items.csv': 'code,name,item_type,uom_code,make_or_buy,standard_cost,lead_time_days,replenishment_method\nA,Part A,component,EA,buy,2,7,mrp\nP,Part P,component,EA,buy,1,7,reorder_point\n',
      'supply_terms.csv': 'item_code,supplier_code,lead_time_days,unit_price,preferred\nA,S1,7,2,yes\nP,S1,5,1,yes\n',
      'stock_points.csv': 'item_code,location_code,reorder_point_qty,order_qty\nP,W1,20,40\n',
      'on_hand.csv': 'item_code,location_code,lot_number,quantity\nP,W1,L1,5\n',
      'sales_order_lines.csv': 'order_number,line_number,item_code,location_code,quantity,requested_date\nSO1,1,A,W1,10,2026-12-01\nSO1,2,P,W1,30,2026-12-02\n',
    };
    for (const [name, text] of Object.entries(policyFiles)) writeFileSync(join(dir, name), text);
    const run = (args: string[]) => runCli(args, { env: test.env });
    expect((await run(['import', dir])).exitCode).toBe(0);
    expect((await run(['plan', '--horizon-weeks', '8'])).exitCode).toBe(0);
    // P: IP = 5 on hand (the order of 2026-12-02 is not due yet) ≤ s 20 → 1 × Q 40, due in 5 days (before A, in due-date order); MRP's planned order for P is not proposed.
    const listed = JSON.parse((await run(['proposals', '--json'])).stdout) as { lines: { item_code: string; origin: string; quantity: string; policy_basis: { inventoryPosition: number } | null }[] };
    expect(listed.lines.map((l) => [l.item_code, l.origin, Number(l.quantity), l.policy_basis?.inventoryPosition ?? null])).toEqual([['P', 'policy', 40, 5], ['A', 'mrp', 10, null]]);
    const text = await run(['proposals']);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain('[policy]');
    expect(text.stdout).toContain('reorder point: position 5 ≤ s 20 → 1 × Q 40 = 40');
    expect(text.stdout).toContain('[MRP]');
  }, 600_000);
});
