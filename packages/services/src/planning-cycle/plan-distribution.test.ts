import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { runImport } from '../data-exchange/run-import';
import { runMpsStep } from './run-mps-step';
import { runMrpStep } from './run-mrp-step';

// DRP in the MRP step on a hand-computed network (weeks from Monday 2026-11-23, 4 weeks):
// plant PL feeds W1 (7 days → 1 week, every item) and W2 (FG only, 10 days → 2 weeks, lots of 25).
// FG: 12 at PL, 15 at W1 (safety 5), 5 at W2 with 8 in transit for week 1 (TO-1).
// Forecast FG@W1 10 a week, FG@W2 10 in weeks 1 and 3, FG@PL 3 in week 0.
//   W1: t1 5 − 10 → receive 10 (ship 0); t2 → 10 (ship 1); t3 → 10 (ship 2).
//   W2: t1 5 + 8 − 10 = 3; t3 3 − 10 = −7 → one lot of 25, shipped in week 1.
//   Plant (pooled without W1 and W2): on hand 12, safety 0, demand 3 + 10 in week 0, 35 in week 1, 10 in week 2
//   → FG made (1 week): 1 in week 0 (past due), 35 in week 1, 10 in week 2; RM (2 per FG, 1 week) follows.
const ORG = 'org_drp';
let handle: DatabaseHandle;
let dir: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'fp-drp-'));
  const files: Record<string, string> = {
    'units.csv': 'code,name,dimension\nEA,Each,count\n',
    'items.csv': 'code,name,item_type,uom_code,make_or_buy,lead_time_days\nFG,Pump,finished_good,EA,make,7\nRM,Casing,raw_material,EA,buy,7\n',
    'locations.csv': 'code,name,location_type\nPL,Plant,plant\nW1,North warehouse,warehouse\nW2,South warehouse,warehouse\n',
    'boms.csv': 'parent_item_code,version\nFG,V1\n',
    'bom_lines.csv': 'parent_item_code,bom_version,line_number,component_item_code,quantity_per\nFG,V1,10,RM,2\n',
    'stock_points.csv': 'item_code,location_code,safety_stock_qty\nFG,W1,5\n',
    'on_hand.csv': 'item_code,location_code,lot_number,quantity\nFG,PL,L1,12\nFG,W1,L2,15\nFG,W2,L3,5\n',
    'transfer_orders.csv': 'order_number,item_code,from_location_code,to_location_code,quantity,ship_date,due_date,status\nTO-1,FG,PL,W2,8,2026-11-20,2026-12-01,in_transit\n',
    // French headers for the lanes: the catalogue reads both.
    'reseau_distribution.csv': 'site_reapprovisionne,code_article,site_source,delai_transit_jours,lot_expedition\nW1,,PL,7,\nW2,FG,PL,10,25\n',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const report = await runImport(handle, { organizationId: ORG, path: dir, today: '2026-11-24' });
  expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
});

afterAll(async () => {
  await handle?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('runMrpStep with distribution lanes (DRP per item × location)', () => {
  it('plans pegged transfer orders per warehouse and feeds their shipments to the plant MRP', async () => {
    const forecasts = new Map<string, number[]>([['FG@W1', [10, 10, 10, 10]], ['FG@W2', [0, 10, 0, 10]], ['FG@PL', [3, 0, 0, 0]]]);
    const result = await runMrpStep(handle, { organizationId: ORG, asOfDate: '2026-11-24', horizonWeeks: 4, forecasts });
    expect(result.transferOrderCount).toBe(4);
    const orders = (await sql<{ order_id: string; sourcing: string; location_code: string | null; from_location_code: string | null; release_date: string; receipt_date: string; quantity: string; pegging: { demandKind: string; demandId: string | null; quantity: number }[] }>`
      select order_id, sourcing, location_code, from_location_code, release_date::text, receipt_date::text, quantity::text, pegging from planned_order where run_id = ${result.runId} order by sourcing desc, item_code, order_id`.execute(handle.db)).rows;
    const transfers = orders.filter((o) => o.sourcing === 'transfer');
    expect(transfers.map((o) => [o.order_id, o.from_location_code, o.location_code, o.release_date, o.receipt_date, Number(o.quantity)])).toEqual([
      ['TR-FG-W1-1', 'PL', 'W1', '2026-11-23', '2026-11-30', 10],
      ['TR-FG-W1-2', 'PL', 'W1', '2026-11-30', '2026-12-07', 10],
      ['TR-FG-W1-3', 'PL', 'W1', '2026-12-07', '2026-12-14', 10],
      ['TR-FG-W2-3', 'PL', 'W2', '2026-11-30', '2026-12-14', 25],
    ]);
    // Every transfer is pegged in full: W2's lot covers the week-3 forecast (7 short + safety 0) and the rest is excess.
    for (const t of transfers) expect(t.pegging.reduce((s, p) => s + p.quantity, 0)).toBeCloseTo(Number(t.quantity), 6);
    expect(transfers.find((t) => t.order_id === 'TR-FG-W2-3')?.pegging).toEqual([
      { demandKind: 'independent', demandId: 'D-FG@W2-3', quantity: 7 }, { demandKind: 'excess', demandId: null, quantity: 18 },
    ]);
    const made = orders.filter((o) => o.sourcing === 'make');
    expect(made.map((o) => [o.order_id, o.receipt_date, Number(o.quantity)])).toEqual([['PL-FG-0', '2026-11-23', 1], ['PL-FG-1', '2026-11-30', 35], ['PL-FG-2', '2026-12-07', 10]]);
    // The plant's orders are pegged to the transfers they ship (dependent demand of DRP), so pegging chains to the warehouses.
    expect(made.find((o) => o.order_id === 'PL-FG-1')?.pegging.map((p) => [p.demandId, p.quantity])).toEqual([['TR-FG-W1-2', 10], ['TR-FG-W2-3', 25]]);
    const bought = orders.filter((o) => o.sourcing === 'buy');
    expect(bought.map((o) => [o.order_id, Number(o.quantity)])).toEqual([['PL-RM-0', 72], ['PL-RM-1', 20]]);

    const run = (await sql<{ summary: { drp?: { laneCount: number; stockPointCount: number; transferOrderCount: number } }; inputs: { distribution?: { lanes: unknown[] } }; exceptions: { kind: string; locationId?: string }[] }>`
      select summary, inputs, exceptions from planning_run where id = ${result.runId}`.execute(handle.db)).rows[0]!;
    expect(run.summary.drp).toMatchObject({ laneCount: 2, stockPointCount: 2, transferOrderCount: 4 });
    expect(run.inputs.distribution?.lanes).toHaveLength(2);
    // No late shipment here; the plant's past-due release for week 0 is MRP's own exception.
    expect(run.exceptions.filter((e) => e.kind === 'past_due_shipment')).toEqual([]);
    expect(run.exceptions.some((e) => e.kind === 'past_due_release')).toBe(true);
  });

  it('feeds the master schedule: the plant demand is its own forecast plus the planned shipments, its stock without the warehouses', async () => {
    const forecasts = new Map<string, number[]>([['FG@W1', [10, 10, 10, 10]], ['FG@W2', [0, 10, 0, 10]], ['FG@PL', [3, 0, 0, 0]]]);
    const mps = await runMpsStep(handle, { organizationId: ORG, asOfDate: '2026-11-24', horizonWeeks: 4, forecasts, demandTimeFenceWeeks: 0, planningTimeFenceWeeks: 0 });
    const run = (await sql<{ summary: { schedules: { itemId: string; periods: { forecastUnits: number; projectedAvailableUnits: number; masterScheduleUnits: number }[] }[] }; parameters: { distribution: string } }>`
      select summary, parameters from planning_run where id = ${mps.runId}`.execute(handle.db)).rows[0]!;
    const fg = run.summary.schedules.find((s) => s.itemId === 'FG')!;
    expect(fg.periods.map((p) => p.forecastUnits)).toEqual([13, 35, 10, 0]);
    // 12 at the plant: short 1 in week 0, then 35 and 10 (lot for lot, safety stock 0 at the plant).
    expect(fg.periods.map((p) => p.masterScheduleUnits)).toEqual([1, 35, 10, 0]);
    expect(run.parameters.distribution).toContain('2 item × warehouse point(s)');
  });
});
