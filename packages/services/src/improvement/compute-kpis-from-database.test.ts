import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { sql } from 'kysely';
import { computeKpisFromDatabase, drillImprovementKpi, resolveImprovementWindow } from './compute-kpis-from-database';
import { seedImprovementFixture } from './testing/seed-improvement-fixture';

let handle: DatabaseHandle;
const org = 'org-kpi';
const march = { organizationId: org, from: '2026-03-01', to: '2026-03-31', period: 'month' as const };

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedImprovementFixture(handle, org);
});
afterAll(async () => { await handle.close(); });

async function valueOf(kpiId: string, by?: 'customer' | 'carrier'): Promise<Map<string, { value: number | null; numerator: number; denominator: number; status: string }>> {
  const result = await computeKpisFromDatabase(handle, { ...march, ...(by ? { by } : {}) });
  return new Map(result.values.filter((v) => v.kpiId === kpiId).map((v) => [`${v.periodKey}|${v.dimensionKey}`, v]));
}

describe('computeKpisFromDatabase (hand-computed March 2026 fixture; formulas from SCOR 12.0 / APICS, see docs/kpis-from-actuals.md)', () => {
  it('OTIF: of 4 lines due, only SO-1/1 is on time and in full (SO-1/2 short 6/10, SO-2/1 two days late, SO-3/1 not shipped) → 1/4', async () => {
    const otif = (await valueOf('otif')).get('2026-03|all');
    expect(otif).toMatchObject({ value: 0.25, numerator: 1, denominator: 4, status: 'alert' });
  });

  it('fill rates: units (10+6+20+0)/45 = 0.8, lines 2/4, orders 1/3 (only SO-2 complete)', async () => {
    expect((await valueOf('fill-rate-unit')).get('2026-03|all')?.value).toBeCloseTo(0.8, 10);
    expect((await valueOf('fill-rate-line')).get('2026-03|all')?.value).toBe(0.5);
    expect((await valueOf('fill-rate-order')).get('2026-03|all')?.value).toBeCloseTo(1 / 3, 10);
  });

  it('order cycle time: SO-1 03-01→03-05 (4 d), SO-2 03-02→03-12 (10 d), SO-3 open → 7 days', async () => {
    expect((await valueOf('order-cycle-time')).get('2026-03|all')).toMatchObject({ value: 7, numerator: 14, denominator: 2 });
  });

  it('supplier on time: PO-1/1 received 03-09 for 03-10, PO-2/1 03-18 for 03-15 → 0.5; lead time (8 + 17)/2 = 12.5 days', async () => {
    expect((await valueOf('supplier-on-time-rate')).get('2026-03|all')?.value).toBe(0.5);
    expect((await valueOf('supplier-lead-time')).get('2026-03|all')?.value).toBe(12.5);
  });

  it('OEE from the production event: A 432/480 × P 400/432 × Q 380/400 = 380/480 (oee.com loss model)', async () => {
    expect((await valueOf('oee')).get('2026-03|all')?.value).toBeCloseTo(380 / 480, 10);
  });

  it('CO2 per unit: (8 + 12) kg / (16 + 20) units', async () => {
    expect((await valueOf('co2-per-unit-shipped')).get('2026-03|all')?.value).toBeCloseTo(20 / 36, 10);
  });

  it('logistics costs: freight 50 + 30 + handling 100 = 180 € → 90 €/order (2 delivered), 5 €/unit (36), 0.2 of sales (900 €)', async () => {
    expect((await valueOf('logistics-cost-per-order')).get('2026-03|all')?.value).toBe(90);
    expect((await valueOf('logistics-cost-per-unit')).get('2026-03|all')?.value).toBe(5);
    expect((await valueOf('logistics-cost-share-of-sales')).get('2026-03|all')?.value).toBeCloseTo(0.2, 10);
  });

  it('stock from the ledger: FG-A@WH empty from 03-10 (22 of 31 days), CMP-X@PL empty until 03-09 (8 days) → 30/62 stock-outs', async () => {
    expect((await valueOf('stock-out-rate')).get('2026-03|all')).toMatchObject({ numerator: 30, denominator: 62 });
  });

  it('inventory turns: COGS 36 × 10 € = 360 €, mean stock value 8140/31 € → 360 × 365/8140 turns a year, 8140/360 days of supply', async () => {
    // Daily stock value: 3 d × 360 + 5 d × 200 + 1 d × 400 + 8 d × 200 + 14 d × 290 = 8140 (sum over 31 days).
    expect((await valueOf('inventory-turns')).get('2026-03|all')?.value).toBeCloseTo((360 * 365) / 8140, 8);
    expect((await valueOf('days-of-supply')).get('2026-03|all')?.value).toBeCloseTo(8140 / 360, 8);
  });

  it('cash-to-cash from the invoices (SCOR AM.1.1): DIO 8140/360, DSO 20, DPO 18.5 days; drills down to the 4 invoices', async () => {
    // Receivables: INV-1 400 € open 03-05…03-24 (20 days), INV-2 500 € open 03-12…03-31 (20 days) → average 18 000/31 €,
    // revenue 900 € → DSO = (18 000/31) / 900 × 31 = 20 days. Payables: SI-1 180 € open 03-01…03-09 (9 days, issued in
    // February), SI-2 360 € open 03-18…03-31 (14 days) → average 6 660/31 €, COGS 360 € → DPO = 6 660/360 = 18.5 days.
    await sql`insert into customer_invoice (organization_id, invoice_number, customer_code, invoice_date, due_date, amount_eur, payment_date, sales_order_number) values
      (${org}, 'INV-1', 'C1', '2026-03-05', '2026-04-04', 400, '2026-03-25', 'SO-1'), (${org}, 'INV-2', 'C2', '2026-03-12', '2026-04-11', 500, null, 'SO-2'),
      (${org}, 'INV-0', 'C1', '2026-01-10', '2026-02-09', 999, '2026-02-20', null)`.execute(handle.db);
    await sql`insert into supplier_invoice (organization_id, supplier_code, invoice_number, invoice_date, due_date, amount_eur, payment_date) values
      (${org}, 'S1', 'SI-1', '2026-02-20', '2026-03-22', 180, '2026-03-10'), (${org}, 'S1', 'SI-2', '2026-03-18', '2026-04-17', 360, null)`.execute(handle.db);
    const c2c = (await valueOf('cash-to-cash-cycle')).get('2026-03|all');
    expect(c2c?.value).toBeCloseTo(8140 / 360 + 20 - 18.5, 8);
    const result = await computeKpisFromDatabase(handle, { ...march, kpiIds: ['cash-to-cash-cycle'] });
    const components = result.values[0]?.components ?? {};
    expect(components.daysInventoryOutstanding).toBeCloseTo(8140 / 360, 8);
    expect(components.daysSalesOutstanding).toBeCloseTo(20, 8);
    expect(components.daysPayablesOutstanding).toBeCloseTo(18.5, 8);
    const drill = await drillImprovementKpi(handle, { ...march, kpiId: 'cash-to-cash-cycle', periodKey: '2026-03', dimensionKey: 'all' });
    const invoices = drill.records.filter((r) => r.dataset === 'invoices');
    expect(invoices.map((r) => [r.id, r.openDays])).toEqual([
      ['customer_invoice:INV-1', 20], ['customer_invoice:INV-2', 20], ['supplier_invoice:S1/SI-1', 9], ['supplier_invoice:S1/SI-2', 14],
    ]);
    expect(drill.records.filter((r) => r.dataset === 'financials')).toHaveLength(31);
    // The average receivables of the daily records equal Σ amount × open days / 31.
    const daily = drill.records.filter((r) => r.dataset === 'financials').map((r) => r.record as { receivablesAmount: number; payablesAmount: number });
    expect(daily.reduce((sum, d) => sum + d.receivablesAmount, 0)).toBeCloseTo(400 * 20 + 500 * 20, 8);
    expect(daily.reduce((sum, d) => sum + d.payablesAmount, 0)).toBeCloseTo(180 * 9 + 360 * 14, 8);
  });

  it('groups by customer and carrier: C1 OTIF 1/2, C2 0/2', async () => {
    const otif = await valueOf('otif', 'customer');
    expect(otif.get('2026-03|C1')?.value).toBe(0.5);
    expect(otif.get('2026-03|C2')?.value).toBe(0);
  });

  it('uses the organization targets and lists out-of-bound values of the last period as alerts', async () => {
    await sql`insert into kpi_target (organization_id, kpi_id, target_value, alert_threshold) values (${org}, 'otif', 0.2, 0.1)`.execute(handle.db);
    try {
      const result = await computeKpisFromDatabase(handle, march);
      const otif = result.values.find((v) => v.kpiId === 'otif');
      expect(otif).toMatchObject({ target: 0.2, alertThreshold: 0.1, status: 'ok' });
      expect(result.alerts.some((a) => a.kpiId === 'fill-rate-line' && a.status === 'alert')).toBe(true);
      expect(otif?.formula).toContain('OTIF');
      expect(otif?.source).toContain('SCOR');
    } finally {
      await sql`delete from kpi_target where organization_id = ${org}`.execute(handle.db);
    }
  });

  it('drills OTIF down to the 4 order lines, each saying whether it was on time and in full', async () => {
    const drill = await drillImprovementKpi(handle, { ...march, kpiId: 'otif', periodKey: '2026-03', dimensionKey: 'all' });
    expect(drill.totalRecords).toBe(4);
    expect(drill.records.map((r) => [r.id, r.onTime, r.inFull])).toEqual([
      ['sales_order_line:SO-1/1', true, true],
      ['sales_order_line:SO-1/2', true, false],
      ['sales_order_line:SO-2/1', false, true],
      ['sales_order_line:SO-3/1', false, false],
    ]);
    expect(drill.value.numerator).toBe(drill.records.filter((r) => r.onTime && r.inFull).length);
  });

  it('forecast accuracy uses the latest forecast made before each week (FPP3 §5.8): weeks 03-02 (10 vs 8) and 03-09 (11 vs 12, run F2 replaces F1)', async () => {
    await sql`insert into planning_run (id, organization_id, run_type, status, as_of_date) values ('F1', ${org}, 'forecast', 'succeeded', '2026-02-23'), ('F2', ${org}, 'forecast', 'succeeded', '2026-03-09'), ('F3', ${org}, 'forecast', 'succeeded', '2026-03-12')`.execute(handle.db);
    await sql`insert into forecast_value (run_id, organization_id, item_code, location_code, step, period_start, forecast) values
      ('F1', ${org}, 'FG-A', 'WH', 1, '2026-03-02', 10), ('F1', ${org}, 'FG-A', 'WH', 2, '2026-03-09', 10), ('F2', ${org}, 'FG-A', 'WH', 1, '2026-03-09', 11),
      ('F3', ${org}, 'FG-A', 'WH', 1, '2026-03-09', 99), ('F1', ${org}, 'FG-A', 'WH', 6, '2026-03-30', 10)`.execute(handle.db);
    await sql`insert into sales_history (organization_id, item_code, location_code, sale_date, quantity) values
      (${org}, 'FG-A', 'WH', '2026-03-02', 5), (${org}, 'FG-A', 'WH', '2026-03-06', 3), (${org}, 'FG-A', 'WH', '2026-03-10', 12)`.execute(handle.db);
    // F3 (made 03-12) forecast a week already begun: not a forecast. Week 03-30 ends after 03-31: not measured yet.
    expect((await valueOf('wape')).get('2026-03|all')).toMatchObject({ numerator: 3, denominator: 20, value: 0.15 });
    expect((await valueOf('forecast-bias')).get('2026-03|all')?.value).toBeCloseTo(1 / 20, 12);
    expect((await valueOf('mape')).get('2026-03|all')?.value).toBeCloseTo((2 / 8 + 1 / 12) / 2, 12);
    expect((await valueOf('mase')).get('2026-03|all')?.value).toBeCloseTo((2 / 4 + 1 / 4) / 2, 12); // naive MAE |12 − 8| = 4
  });

  it('forecast accuracy also reads imported forecast snapshots: a run wins on the same as-of date, a snapshot fills week 03-16 (6 vs 0)', async () => {
    await sql`insert into forecast_snapshot (organization_id, item_code, location_code, as_of_date, period_start, forecast_quantity, method) values
      (${org}, 'FG-A', 'WH', '2026-03-09', '2026-03-09', 13, 'ses'), (${org}, 'FG-A', 'WH', '2026-03-13', '2026-03-16', 6, 'ses')`.execute(handle.db);
    try {
      // |10 − 8| + |11 − 12| + |6 − 0| = 9 over 8 + 12 + 0 = 20 sold; bias (2 − 1 + 6)/20.
      expect((await valueOf('wape')).get('2026-03|all')).toMatchObject({ numerator: 9, denominator: 20, value: 0.45 });
      expect((await valueOf('forecast-bias')).get('2026-03|all')?.value).toBeCloseTo(7 / 20, 12);
      const drill = await drillImprovementKpi(handle, { ...march, kpiId: 'wape', periodKey: '2026-03', dimensionKey: 'all' });
      expect(drill.records.map((r) => r.id)).toEqual(['forecast_value:F1/FG-A@WH/2026-03-02', 'forecast_value:F2/FG-A@WH/2026-03-09', 'forecast_snapshot:FG-A@WH/2026-03-13/2026-03-16']);
    } finally {
      await sql`delete from forecast_snapshot where organization_id = ${org}`.execute(handle.db);
    }
  });

  it('inventory record accuracy from the cycle counts: counted 0 of 0 and 90 of 100 → 1/2 (APICS, zero tolerance)', async () => {
    await sql`insert into inventory_count (organization_id, count_number, location_code, count_date, status, started_at) values
      (${org}, 'CNT-1', 'WH', '2026-03-20', 'closed', '2026-03-20T08:00:00Z'), (${org}, 'CNT-2', 'PL', '2026-03-21', 'open', '2026-03-21T08:00:00Z')`.execute(handle.db);
    // CNT-2's line is not counted yet: it does not count.
    await sql`insert into inventory_count_line (organization_id, count_number, line_number, item_code, location_code, abc_class, snapshot_quantity, expected_quantity, counted_quantity, status) values
      (${org}, 'CNT-1', 1, 'FG-A', 'WH', 'A', 0, 0, 0, 'counted'), (${org}, 'CNT-1', 2, 'CMP-X', 'WH', 'B', 100, 100, 90, 'recounted'), (${org}, 'CNT-2', 1, 'CMP-X', 'PL', 'B', 5, 5, null, 'to_count')`.execute(handle.db);
    expect((await valueOf('inventory-record-accuracy')).get('2026-03|all')).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
  });

  it('reads nothing of another organization', async () => {
    const result = await computeKpisFromDatabase(handle, { ...march, organizationId: 'org-other' });
    expect(result.values).toEqual([]);
  });

  it('rejects bad windows with the field named', () => {
    expect(() => resolveImprovementWindow({ from: '2026-04-01', to: '2026-03-01' })).toThrow(/from/);
    expect(() => resolveImprovementWindow({ to: '2026-13-45' })).toThrow(/to must be a date/);
    expect(resolveImprovementWindow({ to: '2026-11-23' })).toEqual({ from: '2026-05-26', to: '2026-11-23' });
  });
});
