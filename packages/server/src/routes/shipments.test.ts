import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { seedShipmentFixture } from '@flowpilot/services';
import { createTestApp, type TestApp } from '../testing/test-app';

// Shipments routes on the shipments fixture of both organizations: warehouse creates and labels, transport dispatches
// and delivers, every role reads; org-b's shipment is 404 from org-a's session.
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({
    seed: async (handle) => {
      await seedShipmentFixture(handle, 'org-a');
      await seedShipmentFixture(handle, 'org-b', { companyPrefix: '3012345' });
      // A 12 m³ van in each organization (body 392.2 × 170 × 180 cm from its volume) for the load preview.
      await sql`insert into vehicle (organization_id, code, location_code, vehicle_type, capacity_kg, capacity_m3, capacity_pallets) values
        ('org-a', 'VAN-12', 'WH', 'van', 1200, 12, 6), ('org-b', 'VAN-B', 'WH', 'van', 1200, 12, 6)`.execute(handle.db);
    },
  });
}, 120_000);
afterAll(async () => { await t?.close(); });

const ledgerSize = async (): Promise<number> => Number((await sql<{ n: string }>`select count(*)::text as n from inventory_movement where organization_id = 'org-a'`.execute(t.handle.db)).rows[0]!.n);

describe('shipments API', () => {
  it('org-b creates its own SH-1 (warehouse role), invisible to org-a', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/shipments', headers: await t.headers('warehouse', 'org-b'), payload: { warehouseCode: 'WH', lines: [{ orderNumber: 'SO-2', lineNumber: 1 }], shipDate: '2026-11-24' } });
    expect(created.statusCode).toBe(201);
    expect(created.json().packages[0].sscc.slice(1, 8)).toBe('3012345');
  });

  it('create: warehouse 201, transport 403, bad line 422 with the field, unknown order line 404', async () => {
    const payload = { warehouseCode: 'WH', lines: [{ orderNumber: 'SO-1', lineNumber: 1 }, { orderNumber: 'SO-1', lineNumber: 2 }], shipDate: '2026-11-24', maxQuantityPerPackage: 20 };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/shipments', headers: await t.headers('transport'), payload })).statusCode).toBe(403);
    const tooMuch = await t.app.inject({ method: 'POST', url: '/api/v1/shipments', headers: { ...(await t.headers('warehouse')), 'accept-language': 'fr' }, payload: { ...payload, lines: [{ orderNumber: 'SO-2', lineNumber: 1, quantity: 11 }] } });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().error).toMatchObject({ code: 'invalid_input', details: { path: 'lines[0].quantity' } });
    expect(tooMuch.json().error.message).toContain('seulement 10 reste ouvert');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/shipments', headers: await t.headers('warehouse'), payload: { ...payload, lines: [{ orderNumber: 'SO-9', lineNumber: 1 }] } })).statusCode).toBe(404);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/shipments', headers: await t.headers('warehouse'), payload });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ shipmentNumber: 'SH-1', status: 'planned', customerCode: 'C1' });
    expect(created.json().packages.map((p: { sscc: string }) => p.sscc)).toEqual(['006141410000000012', '006141410000000029', '006141410000000036']);
  });

  it('reads: list, one shipment, note JSON and CSV for any role; labels for warehouse only; org-b’s SH-2 is 404', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/shipments?status=planned', headers: await t.headers('viewer') });
    expect(list.json()).toMatchObject({ total: 1, page: 1, items: [{ shipmentNumber: 'SH-1', packageCount: 3, totalQuantity: 34 }] });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/shipments/SH-1', headers: await t.headers('viewer') })).json().lines).toHaveLength(3);
    // SH-1 exists in both organizations: org-a sees its own; org-b's SH-2 does not exist for org-a.
    const foreign = await t.app.inject({ method: 'POST', url: '/api/v1/shipments', headers: await t.headers('warehouse', 'org-b'), payload: { warehouseCode: 'WH', lines: [{ orderNumber: 'SO-1', lineNumber: 2 }], shipDate: '2026-11-24' } });
    expect(foreign.json().shipmentNumber).toBe('SH-2');
    for (const url of ['/api/v1/shipments/SH-2', '/api/v1/shipments/SH-2/note', '/api/v1/trace/shipments/SH-2']) expect((await t.app.inject({ method: 'GET', url, headers: await t.headers('viewer') })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/shipments/SH-2/dispatch', headers: await t.headers('transport'), payload: {} })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/shipments/SH-2/cancel', headers: await t.headers('warehouse') })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/shipments/SH-2/load', headers: await t.headers('transport', 'org-b') })).statusCode).toBe(403);
    const loaded = await t.app.inject({ method: 'POST', url: '/api/v1/shipments/SH-2/load', headers: await t.headers('warehouse', 'org-b'), payload: { loadedAt: '2026-11-24T10:00:00Z' } });
    expect(loaded.json()).toMatchObject({ status: 'loaded' });
    const cancelled = await t.app.inject({ method: 'POST', url: '/api/v1/shipments/SH-2/cancel', headers: await t.headers('warehouse', 'org-b') });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/shipments/SH-1/note.csv', headers: await t.headers('planner') });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[1]).toBe('SH-1,2026-11-24,C1,1,SO-1,1,FG-A,Widget A,F-1,2027-01-31,20,EA,1,006141410000000012');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/shipments/SH-1/labels', headers: await t.headers('viewer') })).statusCode).toBe(403);
    const labels = await t.app.inject({ method: 'GET', url: '/api/v1/shipments/SH-1/labels', headers: await t.headers('warehouse') });
    expect(labels.json()[0].symbols.map((s: { humanReadable: string }) => s.humanReadable)).toEqual(['(410)0614141000012', '(02)04006381333931(17)270131(3102)005000(37)20(10)F-1', '(00)006141410000000012']);
    const svg = await t.app.inject({ method: 'GET', url: '/api/v1/shipments/SH-1/labels/1/svg', headers: await t.headers('warehouse') });
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/shipments/SH-1/labels/9/svg', headers: await t.headers('warehouse') })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/shipments/loads', headers: await t.headers('transport'), payload: { shipmentNumbers: ['SH-1'] } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/shipments/loads', headers: await t.headers('warehouse'), payload: { shipmentNumbers: [] } })).statusCode).toBe(400);
    const noVehicle = await t.app.inject({ method: 'POST', url: '/api/v1/shipments/loads', headers: await t.headers('warehouse'), payload: { shipmentNumbers: ['SH-1'], vehicleCode: 'TRUCK-9' } });
    expect(noVehicle.statusCode).toBe(404);
    expect(noVehicle.json().error.message).toBe('Vehicle TRUCK-9 does not exist: check the code or leave the vehicle out.');
  });

  it('dispatch: warehouse 403, transport 200 with ledger movements, twice 409 with nothing written; deliver with POD; traces', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/shipments/SH-1/dispatch', headers: await t.headers('warehouse'), payload: {} })).statusCode).toBe(403);
    const before = await ledgerSize();
    const dispatched = await t.app.inject({ method: 'POST', url: '/api/v1/shipments/SH-1/dispatch', headers: await t.headers('transport'), payload: { dispatchedAt: '2026-11-25T06:30:00Z' } });
    expect(dispatched.statusCode).toBe(200);
    expect(dispatched.json()).toMatchObject({ status: 'dispatched', shipDate: '2026-11-25' });
    expect(await ledgerSize()).toBe(before + 3);
    const twice = await t.app.inject({ method: 'POST', url: '/api/v1/shipments/SH-1/dispatch', headers: await t.headers('transport'), payload: {} });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe('Shipment SH-1 is already dispatched: it cannot be dispatched twice.');
    expect(await ledgerSize()).toBe(before + 3);
    const audit = (await sql<{ user_email: string }>`select user_email from audit_log where organization_id = 'org-a' and action = 'shipment.dispatch'`.execute(t.handle.db)).rows;
    expect(audit).toEqual([{ user_email: 'transport@org-a.test' }]);

    const delivered = await t.app.inject({ method: 'POST', url: '/api/v1/shipments/SH-1/deliver', headers: await t.headers('transport'), payload: { deliveredAt: '2026-11-26T10:00:00Z', receivedBy: 'M. Martin', exceptions: [{ exceptionType: 'short', quantity: 1, lineNumber: 3 }] } });
    expect(delivered.statusCode).toBe(200);
    expect(delivered.json().delivery).toMatchObject({ receivedBy: 'M. Martin', exceptions: [{ exceptionType: 'short', quantity: 1, lineNumber: 3 }] });
    expect(delivered.json().history.map((h: { status: string; recordedBy: string }) => [h.status, h.recordedBy])).toEqual([['planned', 'warehouse@org-a.test'], ['dispatched', 'transport@org-a.test'], ['delivered', 'transport@org-a.test']]);

    const forward = await t.app.inject({ method: 'GET', url: '/api/v1/trace/lots?itemCode=RM-X&lotNumber=R-1', headers: await t.headers('viewer') });
    expect(forward.json().customers.map((c: { customerCode: string }) => c.customerCode)).toEqual(['C1']);
    const backward = await t.app.inject({ method: 'GET', url: '/api/v1/trace/shipments/SH-1', headers: await t.headers('viewer') });
    expect(backward.json()).toMatchObject({ source: 'ledger', suppliers: [{ supplierCode: 'S1' }] });
  });

  it('load preview: the 3D load of SH-1 on VAN-12 with its SVG picture; another org\'s shipment or vehicle 404; bad query 400', async () => {
    const url = '/api/v1/shipments/loads/preview?vehicle=VAN-12&shipments=SH-1';
    const preview = await t.app.inject({ method: 'GET', url, headers: await t.headers('viewer') });
    expect(preview.statusCode).toBe(200);
    const plan = preview.json();
    // 12 m³ van: 12e6 cm³ ÷ (170 × 180) = 392.2 cm long (VAN_BODY_CM, docs/shipments.md).
    expect(plan.container).toMatchObject({ id: 'VAN-12', lengthCm: 392.2, widthCm: 170, heightCm: 180, maxPayloadKg: 1200 });
    expect(plan.stops).toEqual([{ stopSequence: 1, shipmentNumber: 'SH-1' }]);
    expect(plan.boxes.map((b: { id: string }) => b.id)).toEqual(['SH-1#1', 'SH-1#2', 'SH-1#3']);
    expect(plan.status).toBe('all_packed');
    expect(plan.placements).toHaveLength(3);
    expect(plan.issues).toEqual([]);
    expect(plan.volumeUtilisation).toBeGreaterThan(0);
    expect(plan.volumeUtilisation).toBeLessThan(1);
    expect(plan.svg).toContain('<svg');
    expect(plan.svg).toContain('VAN-12: SH-1');
    // Deterministic: the same query gives the same placements.
    expect((await t.app.inject({ method: 'GET', url, headers: await t.headers('planner') })).json().placements).toEqual(plan.placements);
    // SH-2 and VAN-B belong to org-b.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/shipments/loads/preview?vehicle=VAN-12&shipments=SH-1,SH-2', headers: await t.headers('viewer') })).statusCode).toBe(404);
    const foreignVehicle = await t.app.inject({ method: 'GET', url: '/api/v1/shipments/loads/preview?vehicle=VAN-B&shipments=SH-1', headers: await t.headers('viewer') });
    expect(foreignVehicle.statusCode).toBe(404);
    expect(foreignVehicle.json().error.details).toMatchObject({ path: 'vehicleCode' });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/shipments/loads/preview?vehicle=VAN-B&shipments=SH-1', headers: await t.headers('viewer', 'org-b') })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/shipments/loads/preview?vehicle=VAN-12&shipments=SH-1,SH-1', headers: await t.headers('viewer') })).statusCode).toBe(422);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/shipments/loads/preview?vehicle=VAN-12', headers: await t.headers('viewer') })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
  });
});
