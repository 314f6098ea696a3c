import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { PolicyPage } from '@flowpilot/contract';
import { runPolicyStep } from '@flowpilot/services';
import { createTestApp, type TestApp } from '../testing/test-app';

// GET /api/v1/inventory/policies for items replenished by a policy: FA (finished good, reorder point, bought from S1 by
// tens) and C1 (component, periodic review, 1 per FA, planned at PL; a second stock point at W1).
let t: TestApp;
let firstRunId = '';
let latestRunId = '';
const ORG = 'org-a';
const options = {
  organizationId: ORG, asOfDate: '2026-11-23',
  forecasts: new Map([['FA@W1', Array<number>(20).fill(100)]]), errorStandardDeviations: new Map([['FA@W1', { value: 20, source: 'holdout_rmse' as const }]]),
};

beforeAll(async () => {
  t = await createTestApp({
    seed: async (handle) => {
      const run = (text: string) => sql.raw(text).execute(handle.db);
      await run(`insert into unit_of_measure (organization_id, code, name, dimension) values ('${ORG}', 'EA', 'Each', 'count')`);
      await run(`insert into location (organization_id, code, name, location_type) values ('${ORG}', 'PL', 'Plant', 'plant'), ('${ORG}', 'W1', 'Main', 'warehouse')`);
      await run(`insert into item (organization_id, code, name, item_type, uom_code, make_or_buy, standard_cost, lead_time_days, safety_stock_qty, replenishment_method) values
        ('${ORG}', 'FA', 'Steady', 'finished_good', 'EA', 'buy', 100, 7, 0, 'reorder_point'), ('${ORG}', 'C1', 'Bolt', 'component', 'EA', 'buy', 2, 7, 0, 'periodic_review')`);
      await run(`insert into stock_point (organization_id, item_code, location_code) values ('${ORG}', 'FA', 'W1'), ('${ORG}', 'C1', 'PL'), ('${ORG}', 'C1', 'W1')`);
      await run(`insert into stock_lot (organization_id, item_code, location_code, lot_number, quantity) values ('${ORG}', 'C1', 'PL', '', 400)`);
      await run(`insert into supplier (organization_id, code, name, country) values ('${ORG}', 'S1', 'One', 'FR')`);
      await run(`insert into supply_term (organization_id, item_code, supplier_code, lead_time_days, unit_price, order_multiple, preferred) values ('${ORG}', 'FA', 'S1', 7, 100, 10, true), ('${ORG}', 'C1', 'S1', 14, 2, 1, true)`);
      await run(`insert into bom (organization_id, parent_item_code, version) values ('${ORG}', 'FA', '1')`);
      await run(`insert into bom_line (organization_id, parent_item_code, bom_version, line_number, component_item_code, quantity_per) values ('${ORG}', 'FA', '1', 1, 'C1', 1)`);
      firstRunId = (await runPolicyStep(handle, options)).runId;
      // A person sets Q of FA; the next run keeps it (manual) and sizes s for it.
      await run(`update stock_point set order_qty = 200 where organization_id = '${ORG}' and item_code = 'FA'`);
      latestRunId = (await runPolicyStep(handle, options)).runId;
    },
  });
}, 120_000);
afterAll(async () => { await t?.close(); });

describe('GET /api/v1/inventory/policies: policy items', () => {
  it('gives s, Q, S as computed or manual with the basis, lists the component\'s stock points, and says why nothing was computed at W1', async () => {
    const response = await t.app.inject({ url: '/api/v1/inventory/policies', headers: await t.headers('viewer') });
    expect(response.statusCode).toBe(200);
    const body = response.json() as PolicyPage;
    expect(body.runId).toBe(latestRunId);
    expect(body.items.map((p) => `${p.itemCode}@${p.locationCode}`)).toEqual(['C1@PL', 'C1@W1', 'FA@W1']);
    const [c1Pl, c1W1, fa] = body.items as [PolicyPage['items'][number], PolicyPage['items'][number], PolicyPage['items'][number]];
    // FA: Q 200 is the person's (the run's figure stays 130), s is the run's, sized for Q 200.
    expect(fa.replenishment).toMatchObject({
      method: 'reorder_point', runId: latestRunId, current: true, orderQuantity: { units: 200, source: 'manual', computedUnits: 130 },
      basis: { status: 'computed', sizedForOrderQuantity: 200, written: ['reorderPoint'], manual: ['orderQuantity'] },
    });
    expect(fa.replenishment!.reorderPoint).toEqual({ units: fa.replenishment!.basis!.computed!.reorderPoint, source: 'computed', computedUnits: fa.replenishment!.basis!.computed!.reorderPoint });
    // The safety-stock row of FA holds the same s, and the Q it was sized for: one s per stock point.
    expect(fa).toMatchObject({ policy: 's-Q', reorderLevelUnits: fa.replenishment!.reorderPoint.units, orderQuantityUnits: 200 });
    // C1 at PL: S computed from the dependent demand (100 ± 20 a week); C1 at W1: nothing computed there.
    expect(c1Pl).toMatchObject({ policy: 'R-S', segment: null, meanPerWeek: 100, errorStandardDeviationPerWeek: 20, onHandUnits: 400, replenishment: { method: 'periodic_review', current: true, orderUpToLevel: { source: 'computed' } } });
    expect(c1Pl.orderUpToLevelUnits).toBe(c1Pl.replenishment!.orderUpToLevel.units);
    expect(c1W1.replenishment).toMatchObject({
      orderUpToLevel: { units: null, source: null, computedUnits: null }, basis: { status: 'no-demand-here', plannedAtLocationCode: 'PL' },
    });
    expect(firstRunId).not.toBe(latestRunId);
    // An MRP item has no replenishment block; other organizations see nothing.
    const one = (await t.app.inject({ url: '/api/v1/inventory/policies?itemCode=C1&locationCode=W1', headers: await t.headers('viewer') })).json() as PolicyPage;
    expect(one.items.map((p) => p.locationCode)).toEqual(['W1']);
    expect((await t.app.inject({ url: '/api/v1/inventory/policies', headers: await t.headers('viewer', 'org-b') })).statusCode).toBe(404);
  });
});
