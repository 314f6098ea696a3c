import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { computeSafetyStock } from '@flowpilot/core';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { runPolicyStep } from '../planning-cycle/run-policy-step';

let handle: DatabaseHandle;
const ORG = 'org-a';

beforeEach(async () => {
  handle = await createTestDatabase();
  const run = (text: string) => sql.raw(text).execute(handle.db);
  await run(`insert into organization (id, name) values ('${ORG}', 'A')`);
  await run(`insert into unit_of_measure (organization_id, code, name, dimension) values ('${ORG}', 'EA', 'Each', 'count')`);
  await run(`insert into item (organization_id, code, name, item_type, uom_code, make_or_buy, standard_cost, lead_time_days) values ('${ORG}', 'FG', 'Traded good', 'finished_good', 'EA', 'buy', 5, 14)`);
  await run(`insert into location (organization_id, code, name, location_type) values ('${ORG}', 'W1', 'Main', 'warehouse')`);
  // The stock point fixes α 0.95 under weekly periodic review (overriding the ABC × XYZ segment's policy).
  await run(`insert into stock_point (organization_id, item_code, location_code, target_service_level, service_target_type, review_type, review_period_days) values ('${ORG}', 'FG', 'W1', 0.95, 'cycle_service_level', 'periodic', 7)`);
  await run(`insert into supplier (organization_id, code, name, country) values ('${ORG}', 'S1', 'One', 'FR')`);
  await run(`insert into supply_term (organization_id, item_code, supplier_code, lead_time_days, unit_price, preferred) values ('${ORG}', 'FG', 'S1', 14, 5, true)`);
  // Five received lines, lead times 10, 12, 14, 10, 14 days: mean 12, sample standard deviation √(16 / 4) = 2 days.
  const leadDays = [10, 12, 14, 10, 14];
  for (const [index, days] of leadDays.entries()) {
    const order = `2026-0${index + 1}-01`;
    const receipt = new Date(Date.parse(`${order}T00:00:00Z`) + days * 86_400_000).toISOString();
    await run(`insert into purchase_order (organization_id, order_number, supplier_code, order_date, status) values ('${ORG}', 'PO${index}', 'S1', '${order}', 'received')`);
    await run(`insert into purchase_order_line (organization_id, order_number, line_number, item_code, location_code, quantity, unit_price, due_date) values ('${ORG}', 'PO${index}', 1, 'FG', 'W1', 100, 5, '${receipt.slice(0, 10)}')`);
    await run(`insert into inventory_movement (organization_id, item_code, location_code, movement_type, quantity, occurred_at, reference) values ('${ORG}', 'FG', 'W1', 'receipt', 100, '${receipt}', 'PO${index}/1')`);
  }
});
afterEach(async () => {
  await handle.close();
});

describe('policy step with measured lead-time variability (Silver, Pyke & Thomas 2017 §6: var = E[P] σ² + μ² σ_LT²)', () => {
  const options = { organizationId: ORG, asOfDate: '2026-07-01', forecasts: new Map([['FG@W1', Array(13).fill(100) as number[]]]), errorStandardDeviations: new Map([['FG@W1', { value: 20, source: 'holdout_rmse' as const }]]) };
  it('uses σ_LT = 2 days when the supplier has 5 received lines, and none below the threshold', async () => {
    const withSpread = await runPolicyStep(handle, options);
    const without = await runPolicyStep(handle, { ...options, minReceiptLinesForLeadTimeSpread: 6 });
    const stored = async (runId: string) => (await sql<{ summary: { stockPoints: { leadTimeStdWeeks: number; leadTimeStdSource: unknown; safetyStockUnits: number }[] } }>`select summary from planning_run where id = ${runId}`.execute(handle.db)).rows[0]!.summary.stockPoints[0]!;
    const a = await stored(withSpread.runId);
    const b = await stored(without.runId);
    expect(a.leadTimeStdWeeks).toBe(0.2857);
    expect(a.leadTimeStdSource).toEqual({ supplierCode: 'S1', receiptLines: 5, leadTimeMeanDays: 12, leadTimeStdDays: 2 });
    expect(b.leadTimeStdWeeks).toBe(0);
    // L = 2 weeks, R = 1: variance 3 × 20² + 100² × 0.2857² = 1200 + 816.3 → σ_P ≈ 44.90 (vs √1200 ≈ 34.64 without).
    const expected = computeSafetyStock({ demand: { distribution: 'gamma', meanPerPeriod: 100, standardDeviationPerPeriod: 20 }, leadTime: { meanPeriods: 2, standardDeviationPeriods: 0.2857 }, reviewPeriods: 1, target: { cycleServiceLevel: 0.95 } });
    expect(expected.protectionStandardDeviation).toBeCloseTo(44.90, 1);
    expect(a.safetyStockUnits).toBe(Math.ceil(expected.safetyStock - 1e-9));
    expect(a.safetyStockUnits).toBeGreaterThan(b.safetyStockUnits);
  });
});
