import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { runImport, runPlanningCycle, type PlanningCycleResult } from '@flowpilot/services';
import { createTestApp, type TestApp } from '../testing/test-app';

// A small company planned once; its run results read back through the API, and hidden from another organization.
const sales = ['item_code,location_code,sale_date,quantity'];
for (let week = 0; week < 30; week++) sales.push(`F,W1,${new Date(Date.UTC(2026, 3, 20 + 7 * week)).toISOString().slice(0, 10)},${10 + (week % 3)}`);
const files: Record<string, string> = {
  'units.csv': 'code,name,dimension\nEA,Each,count\n',
  // P is replenished by its reorder point (s 20, Q 40) at W1, not by MRP: 5 on hand → one lot of 40.
  'items.csv': 'code,name,item_type,uom_code,make_or_buy,standard_cost,lead_time_days,replenishment_method\nF,Pump,finished_good,EA,make,20,7,mrp\nA,Part A,component,EA,buy,2,7,mrp\nP,Part P,component,EA,buy,1,7,reorder_point\n',
  'stock_points.csv': 'item_code,location_code,reorder_point_qty,order_qty\nP,W1,20,40\n',
  'on_hand.csv': 'item_code,location_code,lot_number,quantity\nP,W1,L1,5\n',
  'locations.csv': 'code,name,location_type\nW1,Warehouse,warehouse\nP1,Plant,plant\n',
  'boms.csv': 'parent_item_code,version\nF,V1\n',
  'bom_lines.csv': 'parent_item_code,bom_version,line_number,component_item_code,quantity_per\nF,V1,10,A,2\n',
  'calendars.csv': 'code,name\nC,Days\n',
  'calendar_shifts.csv': 'calendar_code,weekday,shift_code,start_time,end_time\nC,1,D,08:00,16:00\nC,2,D,08:00,16:00\nC,3,D,08:00,16:00\nC,4,D,08:00,16:00\nC,5,D,08:00,16:00\n',
  'work_centers.csv': 'code,name,location_code,calendar_code\nWC,Assembly,P1,C\n',
  'routings.csv': 'item_code,operation_number,work_center_code,setup_hours,run_hours_per_unit\nF,10,WC,1,0.1\n',
  'suppliers.csv': 'code,name,country\nS1,Supplier,FR\n',
  'supply_terms.csv': 'item_code,supplier_code,lead_time_days,unit_price,preferred\nA,S1,7,2,yes\nP,S1,5,1,yes\n',
  'sales_history.csv': sales.join('\n') + '\n',
  // W1 is replenished from the plant in a week: DRP plans the pump's transfers to it.
  'distribution_lanes.csv': 'to_location_code,item_code,from_location_code,transit_lead_time_days\nW1,,P1,7\n',
};

let testApp: TestApp;
let app: FastifyInstance;
/** GET as a viewer of org-a (who planned), or of org-b (who must see nothing of it). */
const get = async (url: string, organizationId = 'org-a') => app.inject({ url, headers: await testApp.headers('viewer', organizationId) });
let cycle: PlanningCycleResult;
const runOf = (step: string): string => cycle.steps.find((s) => s.step === step)?.runId ?? '';

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fp-plan-api-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  testApp = await createTestApp({
    seed: async (handle) => {
      const report = await runImport(handle, { organizationId: 'org-a', path: dir, today: '2026-11-24' });
      expect(report.errorCount).toBe(0);
      cycle = await runPlanningCycle(handle, { organizationId: 'org-a', asOfDate: '2026-11-23', horizonWeeks: 8 });
    },
  });
  app = testApp.app;
}, 300_000);
afterAll(async () => { await testApp?.close(); });

describe('plan result endpoints', () => {
  it('pages planned orders with pegging, filtered by item', async () => {
    const response = await get(`/api/v1/planning-runs/${runOf('mrp')}/planned-orders?itemCode=A&pageSize=100`);
    expect(response.statusCode).toBe(200);
    const body = response.json() as { items: { itemCode: string; sourcing: string; supplierCode: string | null; quantity: string; pegging: { quantity: number }[] }[]; total: number };
    expect(body.total).toBeGreaterThan(0);
    for (const order of body.items) {
      expect(order.itemCode).toBe('A');
      expect(order.sourcing).toBe('buy');
      expect(order.supplierCode).toBe('S1');
      expect(order.pegging.reduce((sum, p) => sum + p.quantity, 0)).toBeLessThanOrEqual(Number(order.quantity) + 1e-6);
    }
  });

  it('lists DRP transfer orders with the kind filter: TR- ids from the plant to the warehouse, pegged in full', async () => {
    const response = await get(`/api/v1/planning-runs/${runOf('mrp')}/planned-orders?kind=transfer&pageSize=100`);
    expect(response.statusCode).toBe(200);
    const body = response.json() as { items: { orderId: string; itemCode: string; sourcing: string; locationCode: string | null; fromLocationCode: string | null; releaseDate: string; receiptDate: string; quantity: string; pegging: { demandKind: string; quantity: number }[] }[]; total: number };
    expect(body.total).toBeGreaterThan(0);
    for (const order of body.items) {
      expect(order).toMatchObject({ itemCode: 'F', sourcing: 'transfer', locationCode: 'W1', fromLocationCode: 'P1' });
      expect(order.orderId).toMatch(/^TR-F-W1-\d+$/);
      expect(order.releaseDate <= order.receiptDate).toBe(true);
      expect(order.pegging.reduce((sum, p) => sum + p.quantity, 0)).toBeCloseTo(Number(order.quantity), 6);
    }
    const buy = (await get(`/api/v1/planning-runs/${runOf('mrp')}/planned-orders?kind=buy&pageSize=100`)).json() as { items: { sourcing: string }[]; total: number };
    expect(buy.total).toBeGreaterThan(0);
    expect(buy.items.every((o) => o.sourcing === 'buy')).toBe(true);
    const all = (await get(`/api/v1/planning-runs/${runOf('mrp')}/planned-orders?pageSize=1`)).json() as { total: number };
    expect(all.total).toBeGreaterThan(body.total + buy.total - 1);
    expect((await get(`/api/v1/planning-runs/${runOf('mrp')}/planned-orders?kind=teleport`)).statusCode).toBe(400);
    expect((await get(`/api/v1/planning-runs/${runOf('mrp')}/planned-orders?kind=transfer`, 'org-b')).statusCode).toBe(404);
  });

  it('returns forecasts with intervals per week, the MRP record of an item, capacity loads, action messages and proposals', async () => {
    const forecasts = (await get(`/api/v1/planning-runs/${runOf('forecast')}/forecasts`)).json() as { items: { itemCode: string; values: { forecast: string; lower95: string | null; upper95: string | null }[] }[] };
    expect(forecasts.items.map((s) => s.itemCode)).toEqual(['F']);
    expect(forecasts.items[0]?.values).toHaveLength(53); // a year at least: the S&OP plans 12 months
    for (const v of forecasts.items[0]?.values ?? []) expect(Number(v.lower95)).toBeLessThanOrEqual(Number(v.forecast) + 1e-9);

    const record = await get(`/api/v1/planning-runs/${runOf('mrp')}/mrp-records/F`);
    expect(record.statusCode).toBe(200);
    expect((record.json() as { record: { grossRequirements: number[] } }).record.grossRequirements).toHaveLength(8);
    expect((await get(`/api/v1/planning-runs/${runOf('mrp')}/mrp-records/NOPE`)).statusCode).toBe(404);

    const loads = (await get(`/api/v1/planning-runs/${runOf('capacity')}/capacity-loads?workCenterCode=WC`)).json() as { items: { availableHours: string }[] };
    expect(loads.items).toHaveLength(8);
    expect(Number(loads.items[0]?.availableHours)).toBeGreaterThan(0);

    expect((await get(`/api/v1/planning-runs/${runOf('mrp')}/action-messages`)).statusCode).toBe(200);
    const proposals = (await get(`/api/v1/planning-runs/${runOf('proposals')}/purchase-proposals`)).json() as { items: { supplierCode: string; status: string }[] };
    expect(proposals.items.every((p) => p.supplierCode === 'S1' && p.status === 'proposed')).toBe(true);
    // Each line says its origin; a policy line carries the numbers behind it (inventory position 5 ≤ s 20 → 1 × Q 40).
    const lines = proposals.items as unknown as { itemCode: string; origin: string; quantity: string; policyBasis: Record<string, unknown> | null }[];
    expect(lines.filter((l) => l.itemCode === 'A').every((l) => l.origin === 'mrp' && l.policyBasis === null)).toBe(true);
    expect(lines.filter((l) => l.itemCode === 'P')).toEqual([expect.objectContaining({ origin: 'policy', quantity: '40.000000', policyBasis: expect.objectContaining({ method: 'reorder_point', inventoryPosition: 5, reorderPoint: 20, orderQuantity: 40, orderCount: 1 }) })]);
  });

  it('hides a run from another organization (404 on every result list) and validates queries (400)', async () => {
    for (const path of ['planned-orders', 'action-messages', 'forecasts', 'capacity-loads', 'purchase-proposals', 'mrp-records/F']) {
      const response = await get(`/api/v1/planning-runs/${runOf('mrp')}/${path}`, 'org-b');
      expect(response.statusCode, path).toBe(404);
      expect((response.json() as { error: { code: string } }).error.code).toBe('not_found');
    }
    const bad = await get(`/api/v1/planning-runs/${runOf('mrp')}/planned-orders?pageSize=100000`);
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { error: { code: string } }).error.code).toBe('validation_failed');
  });
});
