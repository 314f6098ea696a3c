import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import { DEMO_AS_OF_DATE, runImport } from '@flowpilot/services';
import { createTestApp, type TestApp } from '../../testing/test-app';

// The demo company (examples/demo-company) imported into org-a: carrier comparison on its stored tariff grids
// and the day's routes from its Paris warehouse under a time limit.
const demoDir = resolve(import.meta.dirname, '../../../../../examples/demo-company');
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({
    seed: async (handle) => {
      const report = await runImport(handle, { organizationId: 'org-a', path: demoDir, today: DEMO_AS_OF_DATE });
      if (!report.written) throw new Error(`demo import not written: ${JSON.stringify(report).slice(0, 2000)}`);
    },
  });
}, 300_000);
afterAll(async () => { await t?.close(); });

type Quote = { carrierId: string; mode: string; totalCharge: number; transitDays: number | null; co2eKg: number | null; emissionFactor: { id: string; source: string; version: string; verified: boolean } | null; rank: number; deficitWeightApplied: boolean };
type Compare = { quotes: Quote[]; unavailable: { carrierId: string; code: string }[]; cheapestCarrierId: string | null; fastestCarrierId: string | null; lowestCo2CarrierId: string | null; co2Method: string | null };

describe('demo company: carrier comparison', () => {
  it('ranks the demo carriers on cost, with transit time and CO2 (source and version) for every quote', async () => {
    const compare = async (weightKg: number): Promise<Compare> => {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/transport/compare', headers: await t.headers('viewer'), payload: { shipment: { weightKg, zone: '69', distanceKm: 465 } } });
      expect(response.statusCode).toBe(200);
      return response.json() as Compare;
    };
    // 450 kg to the Rhône (zone 69): both groupage carriers quote; their grids' 500-kg band is cheaper (deficit weight).
    const ltl = await compare(450);
    expect(ltl.quotes.map((q) => q.carrierId)).toEqual(['CAR-DBS', 'CAR-GEO']);
    // carrier_tariffs.csv zone 69: GEO 12 €/100 kg from 500 kg, DBS 0.96 × 12 = 11.52; fuel 14.2 % and 15.1 % (carriers.csv).
    expect(ltl.quotes[0]).toMatchObject({ carrierId: 'CAR-DBS', rank: 1, transitDays: 2, deficitWeightApplied: true });
    expect(ltl.quotes[0]!.totalCharge).toBeCloseTo(500 * 0.1152 * 1.151, 6);
    expect(ltl.quotes[1]!.totalCharge).toBeCloseTo(500 * 0.12 * 1.142, 6);
    // CO2e = 0.45 t × 465 km × 160 g/t-km (road-ltl default, GLEC v3, unverified) = 33.48 kg, for each road-ltl quote.
    for (const quote of ltl.quotes) {
      expect(quote.co2eKg).toBeCloseTo(33.48, 3);
      expect(quote.emissionFactor).toEqual({ id: 'road-rigid-12-20t-diesel', source: expect.stringContaining('GLEC'), version: 'GLEC v3.0 (2023)', verified: false });
    }
    expect(ltl.co2Method).toContain('ISO 14083');
    // The parcel grid stops at 100 kg and the full-truck grid starts at 3 t: both say why they do not quote.
    expect(ltl.unavailable.map((u) => [u.carrierId, u.code])).toEqual([['CAR-COL', 'over_weight'], ['CAR-FTL', 'under_weight']]);

    // 40 kg: parcel is cheapest; 6 t: the full truck quotes (from 3 t), faster (1 day) than groupage.
    const parcel = await compare(40);
    expect(parcel.cheapestCarrierId).toBe('CAR-COL');
    expect(parcel.quotes.find((q) => q.carrierId === 'CAR-COL')).toMatchObject({ mode: 'parcel', transitDays: 2 });
    const heavy = await compare(6000);
    expect(heavy.quotes.map((q) => q.carrierId).sort()).toEqual(['CAR-DBS', 'CAR-FTL', 'CAR-GEO']);
    expect(heavy.fastestCarrierId).toBe('CAR-FTL');
    expect(heavy.quotes.find((q) => q.carrierId === 'CAR-FTL')).toMatchObject({ mode: 'road-ftl', transitDays: 1, emissionFactor: expect.objectContaining({ id: 'road-articulated-34-40t-diesel' }) });
    // FTL 80 g/t-km < LTL 160 g/t-km: the truck emits least.
    expect(heavy.lowestCo2CarrierId).toBe('CAR-FTL');
    for (const quote of heavy.quotes) expect(quote.rank).toBe(heavy.quotes.indexOf(quote) + 1);
    expect(heavy.quotes.map((q) => q.totalCharge)).toEqual([...heavy.quotes.map((q) => q.totalCharge)].sort((a, b) => a - b));
  });
});

describe('demo company: routes under a time limit', () => {
  it('returns within the time limit plus a small margin, and names the source of its CO2 figures', async () => {
    const maxSeconds = 1;
    const started = Date.now();
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/transport/routes/solve', headers: await t.headers('transport'), payload: { warehouseCode: 'WH-PAR', date: '2026-12-10', maxSeconds, unlimitedFleet: true } });
    const wallSeconds = (Date.now() - started) / 1000;
    expect(response.statusCode).toBe(200);
    const body = response.json() as { elapsedSeconds: number; status: string; exceptions: { kind: string }[]; routes: { stops: { customerCode: string }[]; co2Kg: number; co2Factor: { id: string; version: string } }[]; co2Factor: { id: string; source: string; version: string } };
    // Loose bound, meant to catch the old overrun (7–14 s for a 2 s limit), not to time the search: test files run side by
    // side on a 2-core machine. Speed targets belong to bench/routing.
    expect(body.elapsedSeconds).toBeLessThanOrEqual(maxSeconds + 4);
    expect(wallSeconds).toBeLessThan(maxSeconds + 10); // the database queries before and after the search included
    // Far customers break the 10-hour route limit (the plan says so in its exceptions), but every due one is served once.
    expect(body.routes.length).toBeGreaterThan(0);
    expect(body.exceptions.filter((e) => e.kind === 'stop_missing' || e.kind === 'stop_repeated')).toEqual([]);
    const served = body.routes.flatMap((route) => route.stops.map((stop) => stop.customerCode));
    expect(new Set(served).size).toBe(served.length);
    // The whole Paris fleet is planned (three types); each route's load fits its own type.
    const fleet = (body as unknown as { parameters: { fleet: { vehicleType: string; capacityKg: number }[] } }).parameters.fleet;
    expect(fleet.map((type) => type.vehicleType).sort()).toEqual(['Fourgon 3,5 t', 'Porteur 12 t', 'Porteur 19 t']);
    for (const route of body.routes as unknown as { vehicleType: string; loadKg: number }[]) {
      expect(route.loadKg).toBeLessThanOrEqual(fleet.find((type) => type.vehicleType === route.vehicleType)!.capacityKg);
    }
    // The demo's vehicles carry their own kg CO2/km: that is the source named with every figure.
    expect(body.co2Factor).toMatchObject({ id: 'vehicle-co2-kg-per-km', version: 'as stored' });
    for (const route of body.routes) expect(route.co2Factor.id).toBe('vehicle-co2-kg-per-km');
  });
});

// The same imported demo frames the S&OP: the volume × revenue matrix of products and customers from its order lines.
describe('demo company: volume × revenue matrix (S&OP framing)', () => {
  type Entry = { id: string; revenue: number; quantityUnits: number; revenueClass: string; volumeClass: string; revenueShare: number };
  type Matrix = { fromDate: string; toDate: string; lineCount: number; totalRevenue: number; totalQuantityUnits: number; products: Entry[]; customers: Entry[]; productByCustomer: { count: number; revenue: number }[] };

  it('classes products and customers ABC on volume and revenue; totals are the order lines\' own sums; another org sees none', async () => {
    const response = await t.app.inject({ url: '/api/v1/sop/volume-revenue-matrix?months=24', headers: await t.headers('viewer') });
    expect(response.statusCode).toBe(200);
    const matrix = response.json() as Matrix;
    expect(matrix.lineCount).toBeGreaterThan(0);
    const expected = (await sql<{ revenue: string; quantity: string }>`select sum(l.quantity * coalesce(l.unit_price, i.sale_price, 0))::text as revenue, sum(l.quantity)::text as quantity
      from sales_order_line l join sales_order o on o.organization_id = l.organization_id and o.order_number = l.order_number
      join item i on i.organization_id = l.organization_id and i.code = l.item_code
      where l.organization_id = 'org-a' and o.status <> 'cancelled' and o.order_date > ${matrix.fromDate}::date and o.order_date <= ${matrix.toDate}::date`.execute(t.handle.db)).rows[0]!;
    expect(matrix.totalRevenue).toBeCloseTo(Number(expected.revenue), 2);
    expect(matrix.totalQuantityUnits).toBeCloseTo(Number(expected.quantity), 3);
    // Pareto: sorted by revenue, the A products come first and hold the first 80 % of revenue.
    const byRevenue = [...matrix.products].sort((a, b) => b.revenue - a.revenue);
    expect(byRevenue[0]!.revenueClass).toBe('A');
    expect(byRevenue.at(-1)!.revenueClass).not.toBe('A');
    expect(matrix.customers.reduce((sum, c) => sum + c.revenue, 0)).toBeCloseTo(matrix.totalRevenue, 2);
    expect(matrix.productByCustomer.reduce((sum, cell) => sum + cell.revenue, 0)).toBeCloseTo(matrix.totalRevenue, 2);

    const other = (await t.app.inject({ url: '/api/v1/sop/volume-revenue-matrix', headers: await t.headers('viewer', 'org-b') })).json() as Matrix;
    expect(other).toMatchObject({ lineCount: 0, totalRevenue: 0, products: [] });
    expect((await t.app.inject({ url: '/api/v1/sop/volume-revenue-matrix?months=0', headers: await t.headers('viewer') })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/sop/volume-revenue-matrix' })).statusCode).toBe(401);
  });
});
