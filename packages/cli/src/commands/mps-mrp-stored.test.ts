import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../testing/run-cli';
import { createCliTestEnv, type CliTestEnv } from '../testing/cli-test-env';

// `flowpilot mps` and `flowpilot mrp [--net-change]` on stored data, after `flowpilot plan`.
const files: Record<string, string> = {
  'units.csv': 'code,name,dimension\nEA,Each,count\n',
  'items.csv': 'code,name,item_type,uom_code,make_or_buy,standard_cost,lead_time_days\nF,Pump,finished_good,EA,make,20,7\nA,Part A,component,EA,buy,2,7\n',
  'locations.csv': 'code,name,location_type\nW1,Warehouse,warehouse\n',
  'boms.csv': 'parent_item_code,version\nF,V1\n',
  'bom_lines.csv': 'parent_item_code,bom_version,line_number,component_item_code,quantity_per\nF,V1,10,A,3\n',
  'suppliers.csv': 'code,name,country\nS1,Supplier,FR\n',
  'supply_terms.csv': 'item_code,supplier_code,lead_time_days,unit_price,preferred\nA,S1,7,2,yes\n',
  'customers.csv': 'code,name\nC1,Customer\n',
  'sales_orders.csv': 'order_number,customer_code,order_date\nSO1,C1,2026-11-20\n',
  'sales_order_lines.csv': 'order_number,line_number,item_code,location_code,quantity,requested_date\nSO1,1,F,W1,12,2026-12-09\n',
};

let test: CliTestEnv;
beforeEach(async () => { test = await createCliTestEnv({ FLOWPILOT_AS_OF: '2026-11-23', FLOWPILOT_TODAY: '2026-11-24' }); });
afterEach(async () => { await test.cleanup(); });

describe('flowpilot mps and mrp on stored data', () => {
  it('needs a plan first, then shows the MPS record of an item and re-plans nothing on an unchanged net change', async () => {
    const run = (args: string[]) => runCli(args, { env: test.env });
    expect((await run(['mrp'])).exitCode).toBe(4);
    const dir = join(test.dir, 'data');
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    expect((await run(['import', dir])).exitCode).toBe(0);
    expect((await run(['plan', '--horizon-weeks', '6'])).exitCode).toBe(0);

    const mps = await run(['mps', '--horizon-weeks', '6', '--item', 'F', '--json']);
    expect(mps.exitCode, mps.stderr).toBe(0);
    const schedule = (JSON.parse(mps.stdout) as { schedules: { itemId: string; periods: { period: string; customerOrdersUnits: number; masterScheduleUnits: number }[] }[] }).schedules[0]!;
    expect(schedule.itemId).toBe('F');
    expect(schedule.periods.map((p) => p.period)).toEqual(['2026-11-23', '2026-11-30', '2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28']);
    expect(schedule.periods[2]?.customerOrdersUnits).toBe(12);
    expect(schedule.periods.reduce((sum, p) => sum + p.masterScheduleUnits, 0)).toBeGreaterThanOrEqual(12);
    expect((await run(['mps', '--item', 'NOPE'])).exitCode).toBe(4);

    expect((await run(['mrp', '--horizon-weeks', '6'])).exitCode).toBe(0);
    const net = await run(['mrp', '--horizon-weeks', '6', '--net-change', '--json']);
    expect(net.exitCode, net.stderr).toBe(0);
    const result = JSON.parse(net.stdout) as { mode: string; replannedItemIds: string[]; plannedOrderCount: number };
    expect(result.mode).toBe('net-change');
    expect(result.replannedItemIds).toEqual([]);
    expect(result.plannedOrderCount).toBeGreaterThan(0);
  }, 600_000);
});
