import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { runImport } from '../data-exchange/run-import';
import { runPlanningCycle, type PlanningCycleResult } from './run-planning-cycle';
import { addDays, smallPlanningModelFiles } from './small-planning-model.fixture';

// Invariants of the planning cycle on a small model (small-planning-model.fixture.ts).

const AS_OF = '2026-11-24'; // a Tuesday: bucket 0 starts Monday 2026-11-23
const FORECAST_WEEKS = 53; // the S&OP plans 12 months
const HORIZON_WEEKS = 8;
const ORG = 'org_cycle';

type PlannedOrderRow = { order_id: string; item_code: string; sourcing: string; supplier_code: string | null; release_date: string; receipt_date: string; quantity: string; release_quantity: string; pegging: { demandKind: string; demandId: string | null; quantity: number }[] };

let handle: DatabaseHandle;
let dir: string;
let first: PlanningCycleResult;
let second: PlanningCycleResult;

beforeAll(async () => {
  handle = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'fp-cycle-'));
  for (const [file, text] of Object.entries(smallPlanningModelFiles())) writeFileSync(join(dir, file), text);
  const report = await runImport(handle, { organizationId: ORG, path: dir, today: AS_OF });
  expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
  expect(report.written).toBe(true);
  first = await runPlanningCycle(handle, { organizationId: ORG, asOfDate: AS_OF, horizonWeeks: HORIZON_WEEKS });
  second = await runPlanningCycle(handle, { organizationId: ORG, asOfDate: AS_OF, horizonWeeks: HORIZON_WEEKS });
});

afterAll(async () => {
  await handle?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const stepOf = (result: PlanningCycleResult, step: string): PlanningCycleResult['steps'][number] => {
  const found = result.steps.find((s) => s.step === step);
  if (!found) throw new Error(`no ${step} step in ${result.steps.map((s) => s.step).join(', ')}`);
  return found;
};
const runIdOf = (result: PlanningCycleResult, step: string): string => stepOf(result, step).runId;

async function plannedOrders(runId: string): Promise<PlannedOrderRow[]> {
  return (await sql<PlannedOrderRow>`select order_id, item_code, sourcing, supplier_code, release_date::text, receipt_date::text, quantity::text, release_quantity::text, pegging
    from planned_order where run_id = ${runId} order by order_id`.execute(handle.db)).rows;
}

describe('runPlanningCycle on a small model', () => {
  it('stores every step as a succeeded planning run; every computing step carries an inputs hash', async () => {
    expect(first.steps.map((s) => s.step)).toEqual(['data_quality', 'forecast', 'inventory_policy', 'sop', 'mps', 'mrp', 'capacity', 'proposals']);
    const runs = (await sql<{ id: string; run_type: string; status: string; inputs_hash: string | null; as_of_date: string; finished_at: Date | null }>`
      select id, run_type, status, inputs_hash, as_of_date::text, finished_at from planning_run where organization_id = ${ORG}`.execute(handle.db)).rows;
    expect(runs).toHaveLength(2 * first.steps.length);
    for (const step of first.steps) {
      const run = runs.find((r) => r.id === step.runId);
      expect(run, step.step).toMatchObject({ run_type: step.step, status: 'succeeded', as_of_date: AS_OF });
      expect(run?.finished_at).not.toBeNull();
      // Every step stores the hash of its inputs (data quality: a fingerprint of the entities it checks; proposals: none, it reads the MRP run).
      if (step.step !== 'proposals') expect(run?.inputs_hash, step.step).toMatch(/^[0-9a-f]{64}$/);
    }
    // The model is complete: no data-quality errors.
    expect(stepOf(first, 'data_quality').summary).toMatchObject({ errorCount: 0 });
  });

  it('writes one forecast row per series and week of the forecast horizon (a year at least, for the S&OP), on consecutive Mondays', async () => {
    expect(stepOf(first, 'forecast').summary).toMatchObject({ seriesCount: 2, horizonWeeks: FORECAST_WEEKS });
    const rows = (await sql<{ item_code: string; location_code: string; step: number; period_start: string; forecast: string; lower_80: string; upper_80: string }>`
      select item_code, location_code, step, period_start::text, forecast::text, lower_80::text, upper_80::text from forecast_value where run_id = ${runIdOf(first, 'forecast')} order by 1, 2, 3`.execute(handle.db)).rows;
    expect(rows).toHaveLength(2 * FORECAST_WEEKS);
    for (const series of ['FG1@W1', 'FG2@W1']) {
      const own = rows.filter((r) => `${r.item_code}@${r.location_code}` === series);
      expect(own.map((r) => r.step)).toEqual(Array.from({ length: FORECAST_WEEKS }, (_, p) => p + 1));
      expect(own.map((r) => r.period_start)).toEqual(Array.from({ length: FORECAST_WEEKS }, (_, p) => addDays('2026-11-23', 7 * p)));
      for (const r of own) {
        expect(Number(r.forecast)).toBeGreaterThan(0);
        expect(Number(r.lower_80)).toBeLessThanOrEqual(Number(r.forecast) + 1e-6);
        expect(Number(r.upper_80)).toBeGreaterThanOrEqual(Number(r.forecast) - 1e-6);
      }
    }
    // History averages ~24.5 (FG1) and ~10 (FG2) a week: the forecast stays in that range.
    const mean = (item: string): number => rows.filter((r) => r.item_code === item).reduce((s, r) => s + Number(r.forecast), 0) / FORECAST_WEEKS;
    expect(mean('FG1')).toBeGreaterThan(15);
    expect(mean('FG1')).toBeLessThan(35);
    expect(mean('FG2')).toBeGreaterThan(5);
    expect(mean('FG2')).toBeLessThan(16);
  });

  it('plans make and buy orders; every buy order has a supplier; pegging covers each order', async () => {
    const orders = await plannedOrders(runIdOf(first, 'mrp'));
    expect(new Set(orders.filter((o) => o.sourcing === 'make').map((o) => o.item_code))).toEqual(new Set(['FG1', 'FG2']));
    expect(new Set(orders.filter((o) => o.sourcing === 'buy').map((o) => o.item_code))).toEqual(new Set(['C1', 'C2', 'C3']));
    const suppliers: Record<string, string> = { C1: 'S1', C2: 'S1', C3: 'S2' };
    for (const order of orders) {
      if (order.sourcing === 'buy') expect(order.supplier_code, order.order_id).toBe(suppliers[order.item_code]);
      else expect(order.supplier_code).toBeNull();
      expect(order.release_date <= order.receipt_date).toBe(true);
      // Pegging: the pegged demand never exceeds the order; lot-for-lot with no multiple pegs it exactly.
      // Bought items use the supplier's order multiple (1 by default), so the order is the pegged demand
      // rounded up to a whole unit: at most one unit stays unpegged (it goes to stock).
      const quantity = Number(order.quantity);
      const pegged = order.pegging.reduce((sum, peg) => sum + peg.quantity, 0);
      expect(order.pegging.length, order.order_id).toBeGreaterThan(0);
      expect(pegged, order.order_id).toBeLessThanOrEqual(quantity + 1e-6);
      if (order.sourcing === 'make') expect(pegged, order.order_id).toBeCloseTo(quantity, 3);
      else expect(quantity - pegged, order.order_id).toBeLessThan(1 + 1e-6);
    }
    // The sales order for 60 FG2 in week 2 is covered: FG2's planned receipts up to that week are at least 60.
    const fg2 = orders.filter((o) => o.item_code === 'FG2' && o.receipt_date <= '2026-12-07');
    expect(fg2.reduce((sum, o) => sum + Number(o.quantity), 0)).toBeGreaterThanOrEqual(60);
    expect(stepOf(first, 'mrp').summary).toMatchObject({ plannedOrderCount: orders.length });
  });

  it('writes one capacity_load row per horizon week for the work centre, Christmas week with less capacity', async () => {
    const loads = (await sql<{ work_center_code: string; period_start: string; load_hours: string; available_hours: string }>`
      select work_center_code, period_start::text, load_hours::text, available_hours::text from capacity_load where run_id = ${runIdOf(first, 'capacity')} order by 2`.execute(handle.db)).rows;
    expect(loads.map((l) => l.period_start)).toEqual(Array.from({ length: HORIZON_WEEKS }, (_, p) => addDays('2026-11-23', 7 * p)));
    expect(new Set(loads.map((l) => l.work_center_code))).toEqual(new Set(['WC1']));
    expect(loads.reduce((sum, l) => sum + Number(l.load_hours), 0)).toBeGreaterThan(0);
    const available = new Map(loads.map((l) => [l.period_start, Number(l.available_hours)]));
    expect(available.get('2026-11-30')).toBeCloseTo(40, 3); // 5 days × 8 h, one machine, efficiency and utilisation 1
    expect(available.get('2026-12-21')).toBeCloseTo(32, 3); // Friday 25 December closed
  });

  it('is deterministic: a second run on the same data has the same inputs hashes and the same planned orders', async () => {
    const hashes = async (result: PlanningCycleResult): Promise<(string | null)[]> => Promise.all(result.steps.map(async (s) =>
      (await sql<{ inputs_hash: string | null }>`select inputs_hash from planning_run where id = ${s.runId}`.execute(handle.db)).rows[0]?.inputs_hash ?? null));
    expect(await hashes(second)).toEqual(await hashes(first));
    expect(second.steps.map((s) => s.runId)).not.toEqual(first.steps.map((s) => s.runId));
    expect(await plannedOrders(runIdOf(second, 'mrp'))).toEqual(await plannedOrders(runIdOf(first, 'mrp')));
    const forecast = async (result: PlanningCycleResult): Promise<unknown[]> => (await sql`select item_code, step, forecast::text from forecast_value where run_id = ${runIdOf(result, 'forecast')} order by 1, 2`.execute(handle.db)).rows;
    expect(await forecast(second)).toEqual(await forecast(first));
    expect(second.steps.map((s) => s.summary)).toEqual(first.steps.map((s) => s.summary));
  });

  it('disaggregates the S&OP family plan into the MPS (PIC → PDP): each month\'s weekly item targets add up to the family supply', async () => {
    const sop = (await sql<{ summary: { months: string[]; families: { familyId: string; strategies: { strategy: string; periods: { productionUnits: number; subcontractUnits: number }[] }[] }[] } }>`
      select summary from planning_run where id = ${runIdOf(first, 'sop')}`.execute(handle.db)).rows[0]?.summary;
    const optimal = sop?.families.find((f) => f.familyId === 'GARDEN')?.strategies.find((s) => s.strategy === 'optimal');
    // November 2026: its two weeks (starting 23 and 30 November) are inside the 8-week horizon.
    const november = sop?.months.indexOf('2026-11') ?? -1;
    expect(november).toBe(0);
    const supply = (optimal?.periods[november]?.productionUnits ?? 0) + (optimal?.periods[november]?.subcontractUnits ?? 0);
    const mps = (await sql<{ parameters: { sopRunId: string }; summary: { schedules: { itemId: string; periods: { period: string; productionPlanUnits: number }[] }[] } }>`
      select parameters, summary from planning_run where id = ${runIdOf(first, 'mps')}`.execute(handle.db)).rows[0];
    expect(mps?.parameters.sopRunId).toBe(runIdOf(first, 'sop'));
    const novemberTargets = (mps?.summary.schedules ?? []).flatMap((s) => s.periods.filter((p) => p.period.startsWith('2026-11')).map((p) => p.productionPlanUnits));
    expect(novemberTargets).toHaveLength(4);
    expect(supply).toBeGreaterThan(0);
    expect(novemberTargets.reduce((a, b) => a + b, 0)).toBeCloseTo(supply, 0);
  });
});
