import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { computeEconomicOrderQuantity, computeReorderPointQuantityCost, computeSafetyStock } from '@flowpilot/core';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { runPolicyStep } from './run-policy-step';
import { runMrpStep } from './run-mrp-step';
import { runProposalsStep } from './run-proposals-step';
import { finishPlanningRun, startPlanningRun } from './planning-run-store';

const ORG = 'org-a';
const AS_OF = '2026-11-23';
let handle: DatabaseHandle;

/**
 * Finished goods FA (100 EUR, ~100 a week, steady), FB (20 EUR, ~50 a week) and FC (1 EUR, lumpy) at W1; purchased
 * components C1 (2 per FA + 1 per FB, 14-day supplier lead time), C2 (manual safety stock 30), C3 (in no BOM) and C4
 * (1 per FD, an end item whose forecast error is unknown).
 */
async function seed(db: DatabaseHandle['db']): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`insert into organization (id, name) values ('${ORG}', 'A'), ('org-b', 'B')`);
  await run(`insert into unit_of_measure (organization_id, code, name, dimension) values ('${ORG}', 'EA', 'Each', 'count')`);
  await run(`insert into location (organization_id, code, name, location_type) values ('${ORG}', 'PL', 'Plant', 'plant'), ('${ORG}', 'W1', 'Main', 'warehouse')`);
  await run(`insert into item (organization_id, code, name, item_type, uom_code, make_or_buy, standard_cost, lead_time_days, safety_stock_qty) values
    ('${ORG}', 'FA', 'Steady', 'finished_good', 'EA', 'buy', 100, 7, 0), ('${ORG}', 'FB', 'Middle', 'finished_good', 'EA', 'make', 20, 7, 0),
    ('${ORG}', 'FC', 'Lumpy', 'finished_good', 'EA', 'make', 1, 7, 0), ('${ORG}', 'FD', 'Unknown error', 'finished_good', 'EA', 'make', 5, 7, 0),
    ('${ORG}', 'C1', 'Bolt', 'component', 'EA', 'buy', 2, 7, 0), ('${ORG}', 'C2', 'Nut', 'component', 'EA', 'buy', 1, 7, 30),
    ('${ORG}', 'C3', 'Spare', 'raw_material', 'EA', 'buy', 1, 7, 0), ('${ORG}', 'C4', 'Clip', 'component', 'EA', 'buy', 1, 7, 0)`);
  await run(`insert into stock_point (organization_id, item_code, location_code, target_service_level, service_target_type, review_type, review_period_days) values
    ('${ORG}', 'FA', 'W1', null, null, null, null), ('${ORG}', 'FB', 'W1', 0.9, 'cycle_service_level', 'periodic', 14), ('${ORG}', 'FC', 'W1', null, null, null, null)`);
  await run(`insert into stock_lot (organization_id, item_code, location_code, lot_number, quantity) values ('${ORG}', 'C1', 'PL', '', 400)`);
  await run(`insert into supplier (organization_id, code, name, country) values ('${ORG}', 'S1', 'One', 'FR')`);
  await run(`insert into supply_term (organization_id, item_code, supplier_code, lead_time_days, unit_price, preferred) values ('${ORG}', 'C1', 'S1', 14, 2, true)`);
  await run(`insert into bom (organization_id, parent_item_code, version) values ('${ORG}', 'FA', '1'), ('${ORG}', 'FB', '1'), ('${ORG}', 'FD', '1')`);
  await run(`insert into bom_line (organization_id, parent_item_code, bom_version, line_number, component_item_code, quantity_per) values
    ('${ORG}', 'FA', '1', 1, 'C1', 2), ('${ORG}', 'FB', '1', 1, 'C1', 1), ('${ORG}', 'FD', '1', 1, 'C4', 1)`);
  // 52 weeks of sales before the as-of week: FA 95/105 (CV 0.05), FB 40/60 (CV 0.2), FC 0/0/20 (CV 1.4).
  const values: string[] = [];
  for (let week = 1; week <= 52; week++) {
    const day = new Date(Date.parse(`${AS_OF}T00:00:00Z`) - week * 7 * 86_400_000).toISOString().slice(0, 10);
    values.push(`('${ORG}', 'FA', 'W1', '${day}', ${week % 2 ? 95 : 105})`, `('${ORG}', 'FB', 'W1', '${day}', ${week % 2 ? 40 : 60})`, `('${ORG}', 'FC', 'W1', '${day}', ${week % 3 === 0 ? 20 : 0})`);
  }
  await run(`insert into sales_history (organization_id, item_code, location_code, sale_date, quantity) values ${values.join(', ')}`);
}

const weeks = (value: number): number[] => Array<number>(53).fill(value);
const options = {
  organizationId: ORG, asOfDate: AS_OF,
  forecasts: new Map([['FA@W1', weeks(100)], ['FB@W1', weeks(50)], ['FC@W1', weeks(7)], ['FD@W1', weeks(70)]]),
  errorStandardDeviations: new Map([
    ['FA@W1', { value: 20, source: 'holdout_rmse' as const }], ['FB@W1', { value: 10, source: 'holdout_rmse' as const }], ['FC@W1', { value: 9, source: 'history_std' as const }],
  ]),
};

type StoredPoint = {
  itemCode: string; segment: string; policy: string; reviewType: string; reviewTypeSource: string; serviceTarget: { type: string; value: number; source: string }; reviewWeeks: number;
  orderQuantityUnits?: number; safetyStockUnits: number; reorderLevelUnits: number; expectedFillRate: number; cycleServiceLevel: number; formula: string;
};
type StoredComponent = { itemCode: string; locationCode: string | null; rule: string; meanPerWeek: number; standardDeviationPerWeek: number; safetyStockUnits: number; leadTimeWeeks: number; formula: string };

async function summaryOf(runId: string): Promise<{ stockPoints: StoredPoint[]; components: StoredComponent[]; formula: string }> {
  return (await sql<{ summary: { stockPoints: StoredPoint[]; components: StoredComponent[]; formula: string } }>`select summary from planning_run where id = ${runId}`.execute(handle.db)).rows[0]!.summary;
}

beforeEach(async () => {
  handle = await createTestDatabase();
  await seed(handle.db);
});
afterEach(async () => {
  await handle.close();
});

describe('policy step: the ABC × XYZ matrix picks α or β and the review type; stock points override', () => {
  it('sizes AX for a fill rate under (s, Q), the CZ item for α under (R, S), and the stock point override wins', async () => {
    const result = await runPolicyStep(handle, options);
    const { stockPoints, formula } = await summaryOf(result.runId);
    expect(formula).toMatch(/β: expected shortage per cycle/);
    const [fa, fb, fc] = ['FA', 'FB', 'FC'].map((code) => stockPoints.find((p) => p.itemCode === code)!) as [StoredPoint, StoredPoint, StoredPoint];

    // FA: 5 200 units × 100 EUR = 520 000 of 572 340 EUR of usage value (91 %) → A; CV 0.05 → X. AX default: β 0.99, continuous review, Q = EOQ.
    expect(fa).toMatchObject({ segment: 'AX', policy: 's-Q', reviewType: 'continuous', reviewTypeSource: 'segment', serviceTarget: { type: 'fill-rate', value: 0.99, source: 'segment' }, reviewWeeks: 0 });
    // EOQ per week: sqrt(2 × 40 × 100 / (100 × 0.25 / 52)) = sqrt(16 640) = 128.99 → 129 units.
    const q = computeEconomicOrderQuantity({ orderCost: 40, holdingCostPerUnitPerYear: (100 * 0.25) / 52, demandPerYear: 100 }).orderQuantity;
    expect(Math.ceil(q)).toBe(129);
    expect(fa.orderQuantityUnits).toBe(129);
    const faStock = computeSafetyStock({ demand: { distribution: 'gamma', meanPerPeriod: 100, standardDeviationPerPeriod: 20 }, leadTime: { meanPeriods: 1 }, reviewPeriods: 0, orderQuantity: 129, target: { fillRate: 0.99 } });
    expect(fa.safetyStockUnits).toBe(Math.ceil(faStock.safetyStock));
    expect(fa.expectedFillRate).toBeGreaterThanOrEqual(0.99);
    expect(fa.formula).toBe('(s, Q), β: n(s) − n(s + Q) = (1 − β) Q over P = L; SS = s − μ L');
    // An α of 0.99 over the same lead time would need more stock than a 99 % fill rate with a 129-unit lot.
    const alphaStock = computeSafetyStock({ demand: { distribution: 'gamma', meanPerPeriod: 100, standardDeviationPerPeriod: 20 }, leadTime: { meanPeriods: 1 }, target: { cycleServiceLevel: 0.99 } });
    expect(fa.safetyStockUnits).toBeLessThan(alphaStock.safetyStock);

    // FB: segment BX (β 0.98, weekly periodic) but its stock point asks for α 0.9 every 14 days.
    expect(fb).toMatchObject({ segment: 'BX', policy: 'R-S', reviewTypeSource: 'stock_point', serviceTarget: { type: 'cycle-service-level', value: 0.9, source: 'stock_point' }, reviewWeeks: 2 });
    const fbStock = computeSafetyStock({ demand: { distribution: 'gamma', meanPerPeriod: 50, standardDeviationPerPeriod: 10 }, leadTime: { meanPeriods: 1 }, reviewPeriods: 2, target: { cycleServiceLevel: 0.9 } });
    expect(fb.safetyStockUnits).toBe(Math.ceil(fbStock.safetyStock));
    expect(fb.cycleServiceLevel).toBeCloseTo(0.9, 4);

    // FC: C (last 0.05 % of the value), CV 1.41 → Z; CZ: α 0.90 reviewed every 4 weeks.
    expect(fc).toMatchObject({ segment: 'CZ', policy: 'R-S', serviceTarget: { type: 'cycle-service-level', value: 0.9, source: 'segment' }, reviewWeeks: 4 });
    const fcStock = computeSafetyStock({ demand: { distribution: 'gamma', meanPerPeriod: 7, standardDeviationPerPeriod: 9 }, leadTime: { meanPeriods: 1 }, reviewPeriods: 4, target: { cycleServiceLevel: 0.9 } });
    expect(fc.safetyStockUnits).toBe(Math.ceil(fcStock.safetyStock));
    expect(result.safetyStockByItem.get('FA')).toBe(fa.safetyStockUnits);
    expect(result.totalSafetyStockUnits).toBe(fa.safetyStockUnits + fb.safetyStockUnits + fc.safetyStockUnits);
  });

  it('options.segmentPolicies change the matrix (AX sized for α 0.95 under weekly review)', async () => {
    const result = await runPolicyStep(handle, { ...options, segmentPolicies: { AX: { cycleServiceLevel: 0.95, reviewType: 'periodic', reviewPeriods: 1, forecastModel: 'exponential-smoothing' } } });
    const fa = (await summaryOf(result.runId)).stockPoints.find((p) => p.itemCode === 'FA')!;
    expect(fa).toMatchObject({ policy: 'R-S', serviceTarget: { type: 'cycle-service-level', value: 0.95, source: 'segment' }, reviewWeeks: 1 });
  });

  it('a level without a type stays a cycle service level and a review period means periodic review (existing data keeps its formula)', async () => {
    await sql`update stock_point set target_service_level = 0.95, review_period_days = 7 where organization_id = ${ORG} and item_code = 'FA'`.execute(handle.db);
    // FC asks for a fill rate without a level: CZ has no fill rate, so its cycle level (0.90) becomes the β value.
    await sql`update stock_point set service_target_type = 'fill_rate' where organization_id = ${ORG} and item_code = 'FC'`.execute(handle.db);
    const { stockPoints } = await summaryOf((await runPolicyStep(handle, options)).runId);
    expect(stockPoints.find((p) => p.itemCode === 'FA')).toMatchObject({ segment: 'AX', policy: 'R-S', reviewTypeSource: 'stock_point', reviewWeeks: 1, serviceTarget: { type: 'cycle-service-level', value: 0.95, source: 'stock_point' } });
    const fc = stockPoints.find((p) => p.itemCode === 'FC')!;
    expect(fc).toMatchObject({ policy: 'R-S', reviewWeeks: 4, serviceTarget: { type: 'fill-rate', value: 0.9, source: 'stock_point' } });
    expect(fc.expectedFillRate).toBeGreaterThanOrEqual(0.9);
  });

  // FB (segment BX; stock point: α 0.9, periodic every 14 days), μ 50 σ 10 a week gamma = Gamma(shape 25, scale 2) a
  // week, so demand over P whole weeks is χ² with 50 P degrees of freedom. Quantiles from the χ² table (NIST/SEMATECH
  // e-Handbook 1.3.6.7.4, upper 10 % points): χ²₀.₉₀(50) = 63.167, χ²₀.₉₀(100) = 118.498, χ²₀.₉₀(150) = 172.581.
  it('a finished good on a policy is sized as its replenishment method orders it, not per its segment, and the MPS nets that', async () => {
    const fbOf = async () => {
      const result = await runPolicyStep(handle, options);
      return { result, fb: (await summaryOf(result.runId)).stockPoints.find((p) => p.itemCode === 'FB')! as StoredPoint & { reviewTypeBasis?: string } };
    };
    await sql`update item set replenishment_method = 'reorder_point' where organization_id = ${ORG} and code = 'FB'`.execute(handle.db);
    let { result, fb } = await fbOf();
    // (s, Q) over P = L = 1 week: s = χ²₀.₉₀(50) = 63.167 → SS ⌈13.167⌉ = 14; Q = one week of demand (a made item without setup cost).
    expect(fb).toMatchObject({ policy: 's-Q', reviewType: 'continuous', reviewWeeks: 0, reviewTypeSource: 'item_replenishment_method', orderQuantityUnits: 50, safetyStockUnits: 14, reorderLevelUnits: 64 });
    expect(fb.reviewTypeBasis).toBe('item replenished by reorder point: (s, Q); the stock point\'s periodic review is not used');
    expect(result.safetyStockByItem.get('FB')).toBe(14);

    // Periodic review without an anchor date: reviewed at every weekly cycle, R = 1, P = 2: S = χ²₀.₉₀(100) = 118.498 → SS 19.
    await sql`update item set replenishment_method = 'periodic_review' where organization_id = ${ORG} and code = 'FB'`.execute(handle.db);
    ({ result, fb } = await fbOf());
    expect(fb).toMatchObject({ policy: 'R-S', reviewType: 'periodic', reviewWeeks: 1, reviewTypeSource: 'item_replenishment_method', safetyStockUnits: 19, reorderLevelUnits: 119 });
    expect(fb.reviewTypeBasis).toMatch(/without a review anchor date: reviewed at every planning cycle, R = 1 weeks/);
    expect(result.safetyStockByItem.get('FB')).toBe(19);

    // With an anchor date, every 14 days: R = 2, P = 3: S = χ²₀.₉₀(150) = 172.581 → SS 23.
    await sql`update stock_point set review_anchor_date = '2026-11-02' where organization_id = ${ORG} and item_code = 'FB'`.execute(handle.db);
    ({ fb } = await fbOf());
    expect(fb).toMatchObject({ policy: 'R-S', reviewWeeks: 2, safetyStockUnits: 23, reorderLevelUnits: 173 });
    expect(fb.reviewTypeBasis).toBe('item replenished by periodic review every 14 days from 2026-11-02: (R, S), R = 2 weeks');
  });
});

describe('policy step: purchased components get a safety stock the MRP nets', () => {
  it('C1 from the BOM-exploded forecast error, C4 by coverage days, C2 manual kept, C3 none; written on stock points', async () => {
    const result = await runPolicyStep(handle, options);
    const { components } = await summaryOf(result.runId);
    const byCode = new Map(components.map((c) => [c.itemCode, c]));
    // C1: mean 2 × 100 + 50 = 250 a week, σ = sqrt(2² × 20² + 10²) = sqrt(1 700) = 41.23; L = 14 days = 2 weeks, R = 1 week, α 0.95.
    const c1 = byCode.get('C1')!;
    expect(c1).toMatchObject({ rule: 'dependent-demand-variability', locationCode: 'PL', meanPerWeek: 250, standardDeviationPerWeek: 41.231, leadTimeWeeks: 2 });
    const expected = computeSafetyStock({ demand: { distribution: 'gamma', meanPerPeriod: 250, standardDeviationPerPeriod: Math.sqrt(1700) }, leadTime: { meanPeriods: 2 }, reviewPeriods: 1, target: { cycleServiceLevel: 0.95 } });
    expect(c1.safetyStockUnits).toBe(Math.ceil(expected.safetyStock));
    // C4: FD has no forecast error → 5 days × 70 / 7 = 50 units.
    expect(byCode.get('C4')).toMatchObject({ rule: 'coverage-days', safetyStockUnits: 50, locationCode: 'PL' });
    expect(byCode.get('C2')).toMatchObject({ rule: 'manual', safetyStockUnits: 30 });
    expect(byCode.get('C3')).toMatchObject({ rule: 'no-demand', safetyStockUnits: 0 });
    expect(result.componentSafetyStockByItem.get('C1')).toBe(c1.safetyStockUnits);

    const stored = (await sql<{ item_code: string; location_code: string; safety_stock_qty: string; safety_stock_run_id: string }>`
      select item_code, location_code, safety_stock_qty::text, safety_stock_run_id from stock_point where organization_id = ${ORG} and item_code like 'C%' order by 1`.execute(handle.db)).rows;
    expect(stored.map((r) => [r.item_code, r.location_code, Number(r.safety_stock_qty), r.safety_stock_run_id])).toEqual([
      ['C1', 'PL', c1.safetyStockUnits, result.runId], ['C4', 'PL', 50, result.runId],
    ]);
    const audit = (await sql<{ entity_key: string }>`select entity_key from audit_log where organization_id = ${ORG} and action = 'inventory_policy.safety_stock' order by 1`.execute(handle.db)).rows;
    expect(audit.map((a) => a.entity_key)).toEqual(['C1@PL', 'C4@PL']);

    // The MRP step nets it: its stored input carries C1's safety stock.
    const mrp = await runMrpStep(handle, { organizationId: ORG, asOfDate: AS_OF, horizonWeeks: 8, forecasts: options.forecasts });
    const input = (await sql<{ inputs: { items: { id: string; safetyStockQuantity: number }[] } }>`select inputs from planning_run where id = ${mrp.runId}`.execute(handle.db)).rows[0]!.inputs;
    expect(input.items.find((i) => i.id === 'C1')!.safetyStockQuantity).toBe(c1.safetyStockUnits);

    // Run again on the same data: the figure is the run's own, so it is rewritten (not taken for a person's).
    const again = await runPolicyStep(handle, options);
    expect((await summaryOf(again.runId)).components.find((c) => c.itemCode === 'C1')).toMatchObject({ rule: 'dependent-demand-variability', safetyStockUnits: c1.safetyStockUnits });
    // A person changes C1's safety stock (as a stock-point import does): the next run keeps it and writes nothing over it.
    await sql`update stock_point set safety_stock_qty = 120 where organization_id = ${ORG} and item_code = 'C1'`.execute(handle.db);
    const second = await runPolicyStep(handle, options);
    expect((await summaryOf(second.runId)).components.find((c) => c.itemCode === 'C1')).toMatchObject({ rule: 'manual', safetyStockUnits: 120 });
    const c1Rows = (await sql<{ safety_stock_qty: string }>`select safety_stock_qty::text from stock_point where organization_id = ${ORG} and item_code = 'C1'`.execute(handle.db)).rows;
    expect(c1Rows.map((r) => Number(r.safety_stock_qty))).toEqual([120]);
    // Another organization is untouched.
    expect((await sql<{ n: string }>`select count(*)::text as n from stock_point where organization_id = 'org-b'`.execute(handle.db)).rows[0]!.n).toBe('0');
  });
});

describe('policy step: s, Q and S of items replenished by a policy, used by the proposals step', () => {
  // FA (AX: β 0.99) on a reorder point, bought from S1 in 7 days by multiples of 10; C1 (α 0.95 by default) on periodic
  // review without an anchor date, so reviewed at every weekly cycle.
  async function makePolicyItems(): Promise<void> {
    await sql`update item set replenishment_method = 'reorder_point' where organization_id = ${ORG} and code = 'FA'`.execute(handle.db);
    await sql`update item set replenishment_method = 'periodic_review' where organization_id = ${ORG} and code = 'C1'`.execute(handle.db);
    await sql`insert into supply_term (organization_id, item_code, supplier_code, lead_time_days, unit_price, order_multiple, preferred) values (${ORG}, 'FA', 'S1', 7, 100, 10, true)`.execute(handle.db);
  }
  type StoredParameters = { itemCode: string; locationCode: string; status: string; computed?: Record<string, number>; written: string[]; manual: string[]; expectedFillRate?: number; expectedCycleServiceLevel?: number; orderQuantityBasis?: { units: number; basis: string; adjustments: string[] }; sizedForOrderQuantity?: number; formula?: string };
  const stockPoint = async (item: string) => (await sql<{ location_code: string; reorder_point_qty: string | null; order_qty: string | null; max_stock_qty: string | null; computed_reorder_point_qty: string | null; computed_max_stock_qty: string | null; parameters_run_id: string | null; parameter_basis: StoredParameters | null }>`
    select location_code, reorder_point_qty::text, order_qty::text, max_stock_qty::text, computed_reorder_point_qty::text, computed_max_stock_qty::text, parameters_run_id, parameter_basis
    from stock_point where organization_id = ${ORG} and item_code = ${item}`.execute(handle.db)).rows;
  /** Fill rate of (s, Q) looked at weekly, from core's (r, Q) backorders (B_P = (n2_P(s) − n2_P(s + Q)) / Q), independently of the step. */
  const weeklyFill = (s: number, q: number): number => {
    const backorders = (weeks: number) => computeReorderPointQuantityCost({ demand: { distribution: 'gamma', meanPerPeriod: 100, standardDeviationPerPeriod: 20 }, leadTime: weeks, holdingCostPerUnitPerPeriod: 1, stockoutCostPerUnitPerPeriod: 1, orderCost: 0, reorderPoint: s, orderQuantity: q }).averageBackorderUnits;
    return 1 - (backorders(2) - backorders(1)) / 100;
  };

  it('computes s and Q (β, EOQ rounded to the multiple) and S (α over L + R), writes them with their basis, and the proposals step orders with them', async () => {
    await makePolicyItems();
    const result = await runPolicyStep(handle, options);
    expect(result.policyParameterCount).toBe(2);
    const stored = (await sql<{ summary: { policyParameters: StoredParameters[] } }>`select summary from planning_run where id = ${result.runId}`.execute(handle.db)).rows[0]!.summary.policyParameters;
    const fa = stored.find((p) => p.itemCode === 'FA')!;
    // Q: EOQ sqrt(2 × 40 × 100 / (100 × 0.25 / 52)) = sqrt(16 640) = 129.0 → 129 → multiple of 10 → 130.
    expect(fa.orderQuantityBasis).toEqual({ units: 130, basis: 'EOQ sqrt(2 × 40 × 100 / 0.4808) = 129', adjustments: ['rounded up to the multiple of 10'] });
    // s: the smallest whole s whose weekly-look fill rate reaches 0.99 with Q 130 (L = 7 days = 1 week, μ 100, σ 20 gamma).
    expect(fa).toMatchObject({ locationCode: 'W1', status: 'computed', computed: { reorderPoint: 210, orderQuantity: 130 }, written: ['reorderPoint', 'orderQuantity'], manual: [] });
    expect(weeklyFill(210, 130)).toBeGreaterThanOrEqual(0.99);
    expect(weeklyFill(209, 130)).toBeLessThan(0.99);
    expect(fa.expectedFillRate).toBeCloseTo(weeklyFill(210, 130), 4);
    // The safety stock the MPS nets for FA is the policy's: s 210 − μ (L + c) = 210 − 100 × 2 = 10 (not the (s, Q)-over-L
    // estimate of the segment, s 126), and the stock point shows the same s and Q.
    const faPoint0 = (await summaryOf(result.runId)).stockPoints.find((p) => p.itemCode === 'FA')!;
    expect(faPoint0).toMatchObject({ policy: 's-Q', reviewTypeSource: 'item_replenishment_method', reorderLevelUnits: 210, orderQuantityUnits: 130, safetyStockUnits: 10 });
    expect(faPoint0.formula).toMatch(/^\(s, Q\) seen every cycle c, β: .*; SS = level − μ × protection \(2 weeks\)$/);
    expect(result.safetyStockByItem.get('FA')).toBe(10);
    // C1: S over L + R = 2 + 1 weeks of the BOM-exploded demand (μ 250, σ sqrt(1 700)) at α 0.95 = the α level of its
    // safety stock: 750 + 121.2 → 872.
    const c1 = stored.find((p) => p.itemCode === 'C1')!;
    const level = computeSafetyStock({ demand: { distribution: 'gamma', meanPerPeriod: 250, standardDeviationPerPeriod: Math.sqrt(1700) }, leadTime: { meanPeriods: 2 }, reviewPeriods: 1, target: { cycleServiceLevel: 0.95 } }).reorderLevel;
    expect(level).toBeCloseTo(871.203, 3);
    expect(c1).toMatchObject({ locationCode: 'PL', status: 'computed', computed: { orderUpToLevel: 872 }, written: ['orderUpToLevel'], formula: '(R, S), α: S = F⁻¹(α) over L + R' });
    expect(c1.expectedCycleServiceLevel).toBeGreaterThanOrEqual(0.95);

    const [faPoint] = await stockPoint('FA');
    expect(faPoint).toMatchObject({ reorder_point_qty: '210.000000', order_qty: '130.000000', computed_reorder_point_qty: '210.000000', parameters_run_id: result.runId });
    expect(faPoint!.parameter_basis).toMatchObject({ computed: { reorderPoint: 210, orderQuantity: 130 } });
    expect((await stockPoint('C1')).map((p) => [p.location_code, p.max_stock_qty])).toEqual([['PL', '872.000000']]);
    const audit = (await sql<{ entity_key: string }>`select entity_key from audit_log where organization_id = ${ORG} and action = 'inventory_policy.parameters' order by 1`.execute(handle.db)).rows;
    expect(audit.map((a) => a.entity_key)).toEqual(['C1@PL', 'FA@W1']);

    // The proposals step orders with them: FA IP 0 ≤ s 210 → n = ⌊210 / 130⌋ + 1 = 2 → 260; C1 IP 400 (on hand) < S 872 → 472.
    const mrp = await startPlanningRun(handle, { organizationId: ORG, runType: 'mrp', asOfDate: AS_OF, parameters: {} });
    await finishPlanningRun(handle, mrp, { status: 'succeeded', summary: {} });
    const proposals = await runProposalsStep(handle, { organizationId: ORG, asOfDate: AS_OF, mrpRunId: mrp.id });
    const lines = (await sql<{ planned_order_id: string; quantity: string; policy_basis: Record<string, unknown> }>`select planned_order_id, quantity::text, policy_basis from purchase_proposal_line where run_id = ${proposals.runId} order by 1`.execute(handle.db)).rows;
    expect(lines.map((l) => [l.planned_order_id, Number(l.quantity)])).toEqual([['POL-C1@PL', 472], ['POL-FA@W1', 260]]);
    expect(lines[1]!.policy_basis).toMatchObject({ reorderPoint: 210, orderQuantity: 130, orderCount: 2, parameterSource: { runId: result.runId, reorderPoint: 'computed', orderQuantity: 'computed' } });
    expect(lines[0]!.policy_basis).toMatchObject({ orderUpToLevel: 872, parameterSource: { runId: result.runId, orderUpToLevel: 'computed' } });
  });

  it('keeps what a person set (s before any run, then S and Q) and sizes s for the person\'s Q', async () => {
    await makePolicyItems();
    await sql`insert into stock_point (organization_id, item_code, location_code) values (${ORG}, 'C1', 'PL')`.execute(handle.db);
    await sql`update stock_point set reorder_point_qty = 50 where organization_id = ${ORG} and item_code = 'FA'`.execute(handle.db);
    const first = await runPolicyStep(handle, options);
    let [fa] = await stockPoint('FA');
    // s 50 was there before any run: a person's, kept; Q was empty: the run's.
    expect(fa).toMatchObject({ reorder_point_qty: '50.000000', order_qty: '130.000000', computed_reorder_point_qty: '210.000000', parameters_run_id: first.runId });
    expect(fa!.parameter_basis).toMatchObject({ written: ['orderQuantity'], manual: ['reorderPoint'] });

    // A person clears s (the run takes it again), sets S of C1 to 900 and Q of FA to 200.
    await sql`update stock_point set reorder_point_qty = null, order_qty = 200 where organization_id = ${ORG} and item_code = 'FA'`.execute(handle.db);
    await sql`update stock_point set max_stock_qty = 900 where organization_id = ${ORG} and item_code = 'C1'`.execute(handle.db);
    const second = await runPolicyStep(handle, options);
    [fa] = await stockPoint('FA');
    const [c1] = await stockPoint('C1');
    expect(c1).toMatchObject({ max_stock_qty: '900.000000', computed_max_stock_qty: '872.000000', parameters_run_id: second.runId });
    expect(c1!.parameter_basis).toMatchObject({ written: [], manual: ['orderUpToLevel'] });
    // s is sized for the person's Q 200: a larger lot has fewer cycles, so the 99 % fill rate needs a lower s.
    const s = Number(fa!.reorder_point_qty);
    expect(fa).toMatchObject({ order_qty: '200.000000' });
    expect(fa!.parameter_basis).toMatchObject({ written: ['reorderPoint'], manual: ['orderQuantity'], sizedForOrderQuantity: 200, computed: { orderQuantity: 130 } });
    expect(weeklyFill(s, 200)).toBeGreaterThanOrEqual(0.99);
    expect(weeklyFill(s - 1, 200)).toBeLessThan(0.99);
    expect(s).toBeLessThan(210);

    // The run's own figure is the run's: a third run on the same data rewrites s and leaves the rest as it is.
    const third = await runPolicyStep(handle, options);
    [fa] = await stockPoint('FA');
    expect(fa).toMatchObject({ reorder_point_qty: `${s}.000000`, order_qty: '200.000000', parameters_run_id: third.runId });
  });

  it('a component\'s other stock points get no s, Q or S: the run\'s earlier figures there are cleared, a person\'s kept, the basis says why', async () => {
    await makePolicyItems();
    const first = await runPolicyStep(handle, options);
    // As if an earlier run had planned C1 at W1: its S there is the run's figure, still unchanged.
    await sql`insert into stock_point (organization_id, item_code, location_code, max_stock_qty, computed_max_stock_qty, parameters_run_id) values (${ORG}, 'C1', 'W1', 872, 872, ${first.runId})`.execute(handle.db);
    const second = await runPolicyStep(handle, options);
    let [pl, w1] = await stockPoint('C1');
    expect(pl).toMatchObject({ location_code: 'PL', max_stock_qty: '872.000000', parameters_run_id: second.runId });
    expect(w1).toMatchObject({ location_code: 'W1', max_stock_qty: null, computed_max_stock_qty: null, parameters_run_id: second.runId });
    expect(w1!.parameter_basis).toEqual({
      itemCode: 'C1', locationCode: 'W1', method: 'periodic_review', status: 'no-demand-here', written: [], manual: [], cleared: ['orderUpToLevel'], plannedAtLocationCode: 'PL',
      note: 'the dependent demand is planned at PL: no s, Q or S computed here',
    });
    const audit = (await sql<{ before: unknown; after: { orderUpToLevel: number | null } }>`select before, after from audit_log where organization_id = ${ORG} and action = 'inventory_policy.parameters' and entity_key = 'C1@W1'`.execute(handle.db)).rows;
    expect(audit.map((a) => [a.before, a.after.orderUpToLevel])).toEqual([[{ orderUpToLevel: 872 }, null]]);
    // The proposals step orders C1 at PL only (W1 has no S any more).
    const mrp = await startPlanningRun(handle, { organizationId: ORG, runType: 'mrp', asOfDate: AS_OF, parameters: {} });
    await finishPlanningRun(handle, mrp, { status: 'succeeded', summary: {} });
    const proposals = await runProposalsStep(handle, { organizationId: ORG, asOfDate: AS_OF, mrpRunId: mrp.id });
    const lines = (await sql<{ planned_order_id: string }>`select planned_order_id from purchase_proposal_line where run_id = ${proposals.runId} and item_code = 'C1'`.execute(handle.db)).rows;
    expect(lines.map((l) => l.planned_order_id)).toEqual(['POL-C1@PL']);

    // A person sets S at W1: kept, shown as manual, nothing computed beside it.
    await sql`update stock_point set max_stock_qty = 300 where organization_id = ${ORG} and item_code = 'C1' and location_code = 'W1'`.execute(handle.db);
    await runPolicyStep(handle, options);
    [pl, w1] = await stockPoint('C1');
    expect(w1).toMatchObject({ max_stock_qty: '300.000000', computed_max_stock_qty: null });
    expect(w1!.parameter_basis).toMatchObject({ status: 'no-demand-here', manual: ['orderUpToLevel'], cleared: [] });
  });
});
