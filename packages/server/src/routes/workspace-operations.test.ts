import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { computeHaversineKm } from '@flowpilot/core';
import { createTestApp, type TestApp } from '../testing/test-app';
import { seedWorkspaceFixture } from './workspace/workspace-fixture';

// Transport, warehouse and lean endpoints on the fixture company of org-a (org-b holds nothing).
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({
    seed: async (handle) => {
      await seedWorkspaceFixture(handle, 'org-a');
      await sql`insert into storage_bin (organization_id, item_code, location_code, bin_code) values ('org-a', 'F', 'W1', 'R12-04')`.execute(handle.db);
    },
  });
}, 120_000);
afterAll(async () => { await t?.close(); });

type Route = { stops: { customerCode: string; latitude: number; longitude: number; demandKg: number }[]; distanceKm: number; loadKg: number; costEur: number; co2Kg: number };

describe('transport: customers and routes', () => {
  it('lists customers with coordinates and open demand in kg, scoped to the organization', async () => {
    const page = (await t.app.inject({ url: '/api/v1/transport/customers?warehouseCode=W1', headers: await t.headers('viewer') })).json() as { items: { code: string; latitude: number | null; openDemandKg: number; openOrderLineCount: number }[]; total: number };
    expect(page.total).toBe(4);
    // C1: 10 pumps × 12 kg; C2: 20 small pumps × 5 kg; C4 has no coordinates.
    expect(page.items.find((c) => c.code === 'C1')).toMatchObject({ latitude: 48.8666, openDemandKg: 120, openOrderLineCount: 1 });
    expect(page.items.find((c) => c.code === 'C2')?.openDemandKg).toBe(100);
    expect(page.items.find((c) => c.code === 'C4')?.latitude).toBeNull();
    const search = (await t.app.inject({ url: '/api/v1/transport/customers?search=versailles', headers: await t.headers('viewer') })).json() as { items: { code: string }[] };
    expect(search.items.map((c) => c.code)).toEqual(['C3']);
    expect(((await t.app.inject({ url: '/api/v1/transport/customers', headers: await t.headers('viewer', 'org-b') })).json() as { total: number }).total).toBe(0);
    const depots = (await t.app.inject({ url: '/api/v1/transport/depots', headers: await t.headers('viewer') })).json() as { items: { code: string; vehicleCount: number }[] };
    expect(depots.items.find((d) => d.code === 'W1')?.vehicleCount).toBe(2);
  });

  it('solves the day\'s routes from the warehouse: every due customer served once, capacity kept, costs and CO2 explained', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/transport/routes/solve', headers: await t.headers('transport'), payload: { warehouseCode: 'W1', date: '2026-11-25', maxSeconds: 1 } });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { status: string; routes: Route[]; skipped: { customerCode: string; reason: string }[]; vehicles: number; distanceKm: number; costEur: number; co2Kg: number; depot: { latitude: number; longitude: number } };
    expect(body.status).toBe('feasible');
    expect(body.skipped.map((s) => s.customerCode)).toEqual(['C4']);
    expect(body.skipped[0]?.reason).toContain('latitude');
    const served = body.routes.flatMap((r) => r.stops.map((s) => s.customerCode)).sort();
    expect(served).toEqual(['C1', 'C2', 'C3']);
    for (const route of body.routes) {
      expect(route.loadKg).toBeLessThanOrEqual(300);
      expect(route.loadKg).toBeCloseTo(route.stops.reduce((s, stop) => s + stop.demandKg, 0), 3);
      // Distance: great circle × road factor 1.3 over depot → stops → depot; cost = 50 per van + 0.5 per km.
      const points = [body.depot, ...route.stops, body.depot];
      const km = points.slice(1).reduce((sum, p, k) => sum + 1.3 * computeHaversineKm(points[k]!.latitude, points[k]!.longitude, p.latitude, p.longitude), 0);
      expect(route.distanceKm).toBeCloseTo(km, 1);
      expect(route.costEur).toBeCloseTo(50 + 0.5 * route.distanceKm, 1);
      // ISO 14083 activity-based (vans without a kg/km figure): Σ load on board (t) × km × 160 g/t-km (GLEC v3 road LTL default).
      let onBoardKg = route.loadKg;
      let co2Kg = 0;
      points.slice(1).forEach((p, k) => {
        co2Kg += (onBoardKg / 1000) * 1.3 * computeHaversineKm(points[k]!.latitude, points[k]!.longitude, p.latitude, p.longitude) * 0.16;
        onBoardKg -= route.stops[k]?.demandKg ?? 0;
      });
      expect(route.co2Kg).toBeCloseTo(co2Kg, 1);
    }
    expect(body.costEur).toBeCloseTo(body.routes.reduce((s, r) => s + r.costEur, 0), 1);
    // Only orders due by the date: on the 24th C3's order (due the 25th) waits.
    const today = (await t.app.inject({ method: 'POST', url: '/api/v1/transport/routes/solve', headers: await t.headers('admin'), payload: { warehouseCode: 'W1', maxSeconds: 0.5 } })).json() as { routes: Route[] };
    expect(today.routes.flatMap((r) => r.stops.map((s) => s.customerCode)).sort()).toEqual(['C1', 'C2']);
  }, 60_000);

  it('refuses a viewer (403), another organization\'s warehouse (404), a bad body (400) and a warehouse without coordinates (422)', async () => {
    const payload = { warehouseCode: 'W1', maxSeconds: 0.5 };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/transport/routes/solve', headers: await t.headers('viewer'), payload })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/transport/routes/solve', headers: await t.headers('transport', 'org-b'), payload })).statusCode).toBe(404);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/transport/routes/solve', headers: await t.headers('transport'), payload: { warehouseCode: 'W1', maxSeconds: 300 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('maxSeconds');
    const plant = await t.app.inject({ method: 'POST', url: '/api/v1/transport/routes/solve', headers: { ...(await t.headers('transport')), 'accept-language': 'fr' }, payload: { warehouseCode: 'P1' } });
    expect(plant.statusCode).toBe(422);
    expect(plant.json().error.message).toContain('latitude/longitude');
    const truck = await t.app.inject({ method: 'POST', url: '/api/v1/transport/routes/solve', headers: await t.headers('transport'), payload: { ...payload, vehicleType: 'truck' } });
    expect(truck.statusCode).toBe(422);
    expect(truck.json().error.message).toContain('van');
    const unlimited = (await t.app.inject({ method: 'POST', url: '/api/v1/transport/routes/solve', headers: await t.headers('transport'), payload: { ...payload, unlimitedFleet: true } })).json() as { parameters: { vehicleCount: number | null; vehicleTypes: unknown[] } };
    expect(unlimited.parameters.vehicleCount).toBeNull();
    expect(unlimited.parameters.vehicleTypes).toEqual([{ vehicleType: 'van', count: 2, capacityKg: 300 }]);
  });
});

describe('transport: carrier comparison and load plan', () => {
  it('prices a 450 kg shipment with the stored grids: deficit weight and fuel surcharge applied, cheapest first', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/transport/compare', headers: await t.headers('viewer'), payload: { shipment: { weightKg: 450, zone: 'Z1' } } });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { source: string; quotes: { carrierId: string; baseCharge: number; fuelSurcharge: number; totalCharge: number; deficitWeightApplied: boolean; rank: number }[]; unavailable: { carrierId: string; code: string }[]; cheapestCarrierId: string };
    expect(body.source).toBe('stored_tariffs');
    // Weight breaks and deficit weight (Coyle, Bardi & Novack, Transportation, ch. 7): TR1 450 kg × 10 = 45.00 vs 500 kg × 8 = 40.00
    // → base 40, fuel 10 % → 4, total 44; TR2 450 × 11 / 100 = 49.50.
    expect(body.quotes.map((q) => [q.carrierId, q.totalCharge, q.rank])).toEqual([['TR1', 44, 1], ['TR2', 49.5, 2]]);
    expect(body.quotes[0]).toMatchObject({ baseCharge: 40, fuelSurcharge: 4, deficitWeightApplied: true });
    expect(body.unavailable).toEqual([expect.objectContaining({ carrierId: 'TR3', code: 'no_zone' })]);
    expect(body.cheapestCarrierId).toBe('TR1');
    const heavy = (await t.app.inject({ method: 'POST', url: '/api/v1/transport/compare', headers: await t.headers('viewer'), payload: { shipment: { weightKg: 1500, zone: 'Z1' } } })).json() as { quotes: unknown[]; unavailable: { code: string }[] };
    expect(heavy.quotes).toEqual([]);
    expect(heavy.unavailable.filter((u) => u.code === 'over_weight')).toHaveLength(2);
    const noZone = await t.app.inject({ method: 'POST', url: '/api/v1/transport/compare', headers: await t.headers('viewer'), payload: { shipment: { weightKg: 450 } } });
    expect(noZone.statusCode).toBe(400);
    expect(noZone.json().error.code).toBe('zone_required');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/transport/compare', headers: await t.headers('viewer', 'org-b'), payload: { shipment: { weightKg: 450, zone: 'Z1' } } })).statusCode).toBe(422);
  });

  it('prices with tariffs sent in the request (rateShipment example: 69.80) and names the bad field of an invalid one', async () => {
    const tariff = { kind: 'weight-break', carrierId: 'X', mode: 'road-ltl', currency: 'EUR', basis: 'per-100kg', breaks: [0, 100, 500], zones: [{ zone: 'Z1', rates: [12, 10, 8] }], fuelSurchargeFraction: 0.12, options: [{ code: 'tail-lift', kind: 'fixed', amount: 25 }] };
    const ok = (await t.app.inject({ method: 'POST', url: '/api/v1/transport/compare', headers: await t.headers('viewer'), payload: { shipment: { weightKg: 450, zone: 'Z1', options: ['tail-lift'] }, tariffs: [tariff] } })).json() as { source: string; quotes: { totalCharge: number }[] };
    expect(ok.source).toBe('request');
    expect(ok.quotes[0]?.totalCharge).toBeCloseTo(69.8, 6);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/transport/compare', headers: await t.headers('viewer'), payload: { shipment: { weightKg: 450, zone: 'Z1' }, tariffs: [{ ...tariff, zones: [{ zone: 'Z1', rates: [12] }] }] } });
    expect(bad.statusCode).toBe(422);
    expect(JSON.stringify(bad.json().error)).toContain('tariffs[0].zones[0].rates');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/transport/compare', headers: await t.headers('viewer'), payload: { shipment: { weightKg: -1 } } })).statusCode).toBe(400);
  });

  it('plans a container load (planLoad example: 8 cubes of 50 cm fill a 1 m cube) and explains boxes left on the dock', async () => {
    const payload = {
      container: { id: 'C', lengthCm: 100, widthCm: 100, heightCm: 100 },
      boxTypes: [{ id: 'cube', lengthCm: 50, widthCm: 50, heightCm: 50, quantity: 8, weightKg: 10 }, { id: 'pole', lengthCm: 120, widthCm: 10, heightCm: 10, quantity: 1 }],
      options: { timeLimitSeconds: 1 },
    };
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/transport/pack', headers: await t.headers('viewer'), payload });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { status: string; packedCount: number; volumeUtilisation: number; packedWeightKg: number; placements: { xCm: number; yCm: number; zCm: number; sizeXCm: number; sizeYCm: number; sizeZCm: number }[]; unpacked: unknown[]; exceptions: { boxTypeId: string; reason: string; message: string }[]; svg: string };
    expect(body.status).toBe('partial');
    expect(body.packedCount).toBe(8);
    expect(body.volumeUtilisation).toBeCloseTo(1, 9);
    expect(body.packedWeightKg).toBe(80);
    expect(body.unpacked).toEqual([{ boxTypeId: 'pole', quantity: 1 }]);
    expect(body.exceptions).toEqual([expect.objectContaining({ boxTypeId: 'pole', reason: 'too_large' })]);
    for (const p of body.placements) {
      expect(p.xCm + p.sizeXCm).toBeLessThanOrEqual(100);
      expect(p.yCm + p.sizeYCm).toBeLessThanOrEqual(100);
      expect(p.zCm + p.sizeZCm).toBeLessThanOrEqual(100);
    }
    expect(body.svg.startsWith('<svg')).toBe(true);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/transport/pack', headers: await t.headers('viewer'), payload: { ...payload, boxTypes: [{ id: 'x', lengthCm: -5, widthCm: 1, heightCm: 1, quantity: 1 }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('boxTypes/0/lengthCm');
  }, 60_000);
});

describe('warehouse and lean', () => {
  it('computes pick routes by the three methods (Ratliff & Rosenthal 1983 example: S-shape 40 m, optimal 30 m)', async () => {
    const payload = { aisleCount: 3, aisleLengthM: 10, aisleSpacingM: 5, depotAisleIndex: 0, picks: [{ id: 'p1', aisleIndex: 0, positionM: 2 }, { id: 'p2', aisleIndex: 2, positionM: 3 }] };
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/warehouse/pick-route', headers: await t.headers('viewer'), payload });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { routes: { method: string; distanceM: number; sequence: string[] }[]; shortestMethod: string };
    expect(body.routes.map((r) => [r.method, r.distanceM])).toEqual([['s-shape', 40], ['largest-gap', 40], ['optimal', 30]]);
    expect(body.shortestMethod).toBe('optimal');
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/warehouse/pick-route', headers: await t.headers('viewer'), payload: { ...payload, picks: [{ id: 'far', aisleIndex: 7, positionM: 2 }] } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.path).toMatch(/picks/);
  });

  it('slots the picked items nearest the depot by cube-per-order index and returns the heat map of every location', async () => {
    const response = await t.app.inject({ url: '/api/v1/warehouse/slotting?aisleCount=4&baysPerAisle=5&levelsPerBay=2', headers: await t.headers('warehouse') });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { frequencySource: string; cells: { locationId: string; itemCode: string | null; picksPerWeek: number; depotDistanceM: number }[]; items: { itemCode: string; picksPerWeek: number; locationId: string | null; currentBinCode: string | null }[] };
    expect(body.items.find((i) => i.itemCode === 'F')?.currentBinCode).toBe('R12-04');
    expect(body.items.find((i) => i.itemCode === 'F2')?.currentBinCode).toBeNull();
    expect(body.frequencySource).toBe('sales_order_lines');
    expect(body.cells).toHaveLength(40);
    // F is on 3 order lines in the last 90 days (SO1, SO3, SO4), F2 on 1: picks per week = lines ÷ (90 / 7).
    expect(body.items.find((i) => i.itemCode === 'F')?.picksPerWeek).toBeCloseTo(3 / (90 / 7), 4);
    const distanceOf = (code: string): number => body.cells.find((c) => c.itemCode === code)?.depotDistanceM ?? Infinity;
    expect(distanceOf('F')).toBeLessThanOrEqual(distanceOf('F2'));
    expect(body.cells.filter((c) => c.itemCode !== null)).toHaveLength(2);
    expect((await t.app.inject({ url: '/api/v1/warehouse/slotting?aisleCount=0', headers: await t.headers('warehouse') })).statusCode).toBe(400);
    const empty = (await t.app.inject({ url: '/api/v1/warehouse/slotting?aisleCount=2&baysPerAisle=2&levelsPerBay=1', headers: await t.headers('warehouse', 'org-b') })).json() as { items: unknown[]; frequencySource: string };
    expect(empty.items).toEqual([]);
  });

  it('computes the value stream map of Rother & Shook\'s ACME Stamping (takt 60 s, lead time 23.6 days, 188 s) with a French drawing', async () => {
    const acme = JSON.parse(readFileSync(new URL('../../../../examples/lean/acme-stamping-vsm.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/lean/vsm', headers: { ...(await t.headers('viewer')), 'accept-language': 'fr' }, payload: acme });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { taktTimeSeconds: number; leadTimeDays: number; valueAddedTimeSeconds: number; bottleneckStepId: string; svg: string };
    expect(body.taktTimeSeconds).toBe(60);
    expect(body.leadTimeDays).toBeCloseTo(23.6, 1);
    expect(body.valueAddedTimeSeconds).toBe(188);
    expect(body.bottleneckStepId).toBe('assembly-1');
    expect(body.svg).toContain('<svg');
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/lean/vsm', headers: await t.headers('viewer'), payload: { ...acme, inventories: [{ id: 'x', beforeStepId: 'nowhere', days: 1 }] } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.path).toContain('inventories');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/lean/vsm', headers: await t.headers('viewer'), payload: { name: 'x' } })).statusCode).toBe(400);
  });
});

describe('OpenAPI', () => {
  it('documents every workspace endpoint with its schemas', async () => {
    const response = await t.app.inject({ url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys((response.json() as { paths: Record<string, unknown> }).paths);
    for (const path of ['/api/v1/imports', '/api/v1/exports/{entity}', '/api/v1/planning-cycle', '/api/v1/planning-runs/{id}/purchase-proposals/approve',
      '/api/v1/planning-runs/{id}/action-messages/{sequence}/status', '/api/v1/planning-runs/{id}/action-messages/status', '/api/v1/sop', '/api/v1/mps', '/api/v1/mps/{itemCode}',
      '/api/v1/inventory/segmentation', '/api/v1/inventory/policies', '/api/v1/inventory/simulate', '/api/v1/transport/customers', '/api/v1/transport/depots', '/api/v1/transport/vehicles',
      '/api/v1/transport/routes/solve', '/api/v1/transport/compare', '/api/v1/transport/pack', '/api/v1/warehouse/pick-route', '/api/v1/warehouse/slotting', '/api/v1/lean/vsm']) {
      expect(paths).toContain(path);
    }
  });
});
