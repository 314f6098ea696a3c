import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { runImport } from '../data-exchange/run-import';
import { finishPlanningRun, startPlanningRun } from './planning-run-store';
import { runAllocationStep } from './run-allocation-step';

// A hand-computed shortage: 10 units in stock, 20 arriving from the MPS in week 2, two customers
// (class A and class C) each wanting 8 in week 1. Class A is served first and on time; class C gets
// the 2 left on time and 6 a week late, with the reasons kept.
const ORG = 'org_alloc';
let handle: DatabaseHandle;
let dir: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'fp-alloc-'));
  const files: Record<string, string> = {
    'units.csv': 'code,name,dimension\nEA,Each,count\n',
    'items.csv': 'code,name,item_type,uom_code,make_or_buy,lead_time_days\nFG,Pump,finished_good,EA,make,7\n',
    'locations.csv': 'code,name,location_type\nW1,Warehouse,warehouse\n',
    'on_hand.csv': 'item_code,location_code,lot_number,quantity\nFG,W1,L1,10\n',
    'customers.csv': 'code,name,priority_class\nBIG,Key account,A\nSMALL,Small shop,C\n',
    'sales_orders.csv': 'order_number,customer_code,order_date,status\nSO-S,SMALL,2026-11-20,open\nSO-B,BIG,2026-11-21,open\n',
    'sales_order_lines.csv': 'order_number,line_number,item_code,location_code,quantity,requested_date\nSO-S,1,FG,W1,8,2026-11-25\nSO-B,1,FG,W1,8,2026-11-26\n',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const report = await runImport(handle, { organizationId: ORG, path: dir, today: '2026-11-24' });
  expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
  const mps = await startPlanningRun(handle, { organizationId: ORG, runType: 'mps', asOfDate: '2026-11-24', parameters: {} });
  await finishPlanningRun(handle, mps, { status: 'succeeded', summary: { schedules: [{ itemId: 'FG', periods: [{ masterScheduleUnits: 0 }, { masterScheduleUnits: 20 }, { masterScheduleUnits: 0 }] }] } });
});

afterAll(async () => {
  await handle?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('service arbitration on stored orders (runAllocationStep)', () => {
  it('serves the class A customer first, the class C customer partly late, and keeps the reasons in the run', async () => {
    const result = await runAllocationStep(handle, { organizationId: ORG, asOfDate: '2026-11-24' });
    expect(result).toMatchObject({ itemCount: 1, shortItemCount: 1, lineCount: 2, backorderedUnits: 0 });
    const item = result.items[0]!;
    expect(item.weekStarts.slice(0, 2)).toEqual(['2026-11-23', '2026-11-30']);
    const big = item.lines.find((l) => l.lineId === 'SO-B/1');
    const small = item.lines.find((l) => l.lineId === 'SO-S/1');
    expect(big).toMatchObject({ priorityClass: 1, onTimeUnits: 8, lateUnits: 0, status: 'filled_on_time' });
    expect(small).toMatchObject({ priorityClass: 3, onTimeUnits: 2, lateUnits: 6, status: 'filled_late' });
    expect(small?.allocations).toEqual([{ bucket: 0, quantityUnits: 2 }, { bucket: 1, quantityUnits: 6 }]);
    expect(small?.reasons.map((r) => r.code)).toContain('outranked');
    expect(result.onTimeFillRate).toBeCloseTo(10 / 16, 4);
    const stored = (await sql<{ run_type: string; exceptions: { lineId: string }[]; inputs: unknown }>`select run_type, exceptions, inputs from planning_run where id = ${result.runId}`.execute(handle.db)).rows[0];
    expect(stored?.run_type).toBe('allocation');
    expect(stored?.exceptions.map((e) => e.lineId)).toEqual(['SO-S/1']);
    expect(stored?.inputs).toBeTruthy();
  });
});
