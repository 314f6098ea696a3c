import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readIntegrationIdentifiersCsv, runImport, runReceiveEdiInterchange, runSetIntegrationIdentifiers } from '@flowpilot/services';
import { createTestApp, type TestApp } from '../testing/test-app';

// Interchanges of examples/edi (written from the GS1 EANCOM 2002 S4 guidelines) through the HTTP API.
const examples = resolve(import.meta.dirname, '../../../../examples');
const edi = (name: string): string => readFileSync(resolve(examples, 'edi', name), 'utf8');
let t: TestApp;
let orgBInterchange = '';

beforeAll(async () => {
  t = await createTestApp({
    seed: async (handle) => {
      for (const organizationId of ['org-a', 'org-b']) {
        const report = await runImport(handle, { organizationId, path: resolve(examples, 'edi/master-data'), today: '2026-11-24' });
        if (!report.written) throw new Error(`seed ${organizationId}`);
        await runSetIntegrationIdentifiers(handle, { organizationId, rows: await readIntegrationIdentifiersCsv(resolve(examples, 'edi/identifiers.csv')) });
      }
      await runImport(handle, { organizationId: 'org-b', today: '2026-11-24', tables: [
        { source: 'sales_orders.csv', entityHint: 'sales_orders', headers: ['order_number', 'customer_code', 'order_date'], rows: [{ row: 2, cells: ['SO-ONLY-B', 'C-SHOP', '2026-11-20'] }] },
        { source: 'sales_order_lines.csv', entityHint: 'sales_order_lines', headers: ['order_number', 'line_number', 'item_code', 'location_code', 'quantity', 'requested_date'], rows: [{ row: 2, cells: ['SO-ONLY-B', '1', 'FG-100', 'W1', '5', '2026-12-01'] }] },
      ] });
      orgBInterchange = (await runReceiveEdiInterchange(handle, { organizationId: 'org-b', text: edi('orders-from-customer.edi'), now: new Date('2026-11-24T10:00:00Z') })).interchangeId;
    },
  });
});
afterAll(async () => { await t.close(); });

describe('EDI routes', () => {
  it('receives an interchange for a role with integration:write, once; 403 without it', async () => {
    const post = async (role: 'buyer' | 'planner' | 'viewer') => t.app.inject({ method: 'POST', url: '/api/v1/edi/interchanges', headers: await t.headers(role), payload: { content: edi('orders-from-customer.edi'), fileName: 'orders.edi' } });
    expect((await post('viewer')).statusCode).toBe(403);
    expect((await post('planner')).statusCode).toBe(403);
    const first = await post('buyer');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'accepted', senderId: '5412345000013', controlReference: '770001' });
    expect((await post('buyer')).json()).toMatchObject({ status: 'duplicate' });
    const raw = await t.app.inject({ method: 'POST', url: '/api/v1/edi/interchanges', headers: { ...(await t.headers('buyer')), 'content-type': 'application/EDIFACT' }, payload: Buffer.from(edi('orders-from-customer.edi'), 'latin1') });
    expect(raw.statusCode).toBe(200);
    expect(raw.json()).toMatchObject({ status: 'duplicate', controlReference: '770001' });
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/edi/interchanges', headers: { ...(await t.headers('buyer')), 'accept-language': 'fr' }, payload: { content: edi('orders-rejected.edi') } });
    expect(bad.json().status).toBe('rejected');
    expect(bad.json().issues[1].message).toBe('message ME000002, segment 17 (LIN), élément 3, composant 1: aucun article n\'a le GTIN ou le code « 4006381333931 » ; renseignez le GTIN de l\'article ou envoyez notre code article.');
  });

  it('lists the organization\'s interchanges only; another organization\'s interchange is 404', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/edi/interchanges?direction=in', headers: await t.headers('viewer') });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.every((i: { id: string }) => i.id !== orgBInterchange)).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/edi/interchanges/${orgBInterchange}`, headers: await t.headers('viewer') })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/edi/interchanges/${orgBInterchange}`, headers: await t.headers('viewer', 'org-b') })).statusCode).toBe(200);
  });

  it('generates ORDERS for a purchase order (buyer), 403 for a viewer, 404 for a document of another organization', async () => {
    const ok = await t.app.inject({ method: 'GET', url: '/api/v1/edi/messages/ORDERS/PO-5001', headers: await t.headers('buyer') });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().text).toContain("BGM+220+PO-5001+9'");
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/edi/messages/ORDERS/PO-5001', headers: await t.headers('viewer') })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/edi/messages/ORDRSP/SO-ONLY-B', headers: await t.headers('buyer') })).statusCode).toBe(404);
    const own = await t.app.inject({ method: 'GET', url: '/api/v1/edi/messages/ORDRSP/SO-ONLY-B', headers: await t.headers('buyer', 'org-b') });
    expect(own.statusCode).toBe(200);
    // org-b's CMD-77001 (24 × FG-100, same requested date, earlier key) is served first: 24 + 5 = 29 ≤ 30 on hand.
    expect(own.json().promises).toEqual([{ lineNumber: 1, requestedDate: '2026-12-01', promisedDate: '2026-12-01', basis: 'on_hand', cumulativeDemand: 29, cumulativeSupply: 30 }]);
  });
});

describe('mapping profile and webhook routes', () => {
  it('saves, reads and deletes a mapping profile; refuses an invalid one with located issues', async () => {
    const definition = JSON.parse(readFileSync(resolve(examples, 'erp-mappings/generic-erp-stock.profile.json'), 'utf8')) as unknown;
    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/mapping-profiles/erp-stock', headers: await t.headers('buyer'), payload: { name: 'ERP stock', definition } });
    expect(put.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/mapping-profiles/erp-stock', headers: await t.headers('viewer'), payload: { name: 'x', definition } })).statusCode).toBe(403);
    const invalid = await t.app.inject({ method: 'PUT', url: '/api/v1/mapping-profiles/bad', headers: await t.headers('buyer'), payload: { name: 'bad', definition: { targets: [{ entity: 'stock_lot', columns: [{ target: 'nope', source: 'X' }] }] } } });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().error.message).toContain('stock_lot.nope');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/mapping-profiles', headers: await t.headers('viewer') })).json().total).toBe(1);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/mapping-profiles/erp-stock', headers: await t.headers('viewer', 'org-b') })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/mapping-profiles/erp-stock', headers: await t.headers('buyer') })).statusCode).toBe(204);
  });

  it('creates a webhook with its secret once, never lists the secret, and keeps organizations apart', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: await t.headers('buyer', 'org-b'), payload: { url: 'https://erp.example.test/hook', events: ['shipment.dispatched'] } });
    expect(created.statusCode).toBe(201);
    const { id, secret } = created.json() as { id: string; secret: string };
    expect(secret).toMatch(/^whsec_/);
    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: await t.headers('viewer', 'org-b') });
    expect(JSON.stringify(listed.json())).not.toContain(secret);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: await t.headers('viewer') })).json().total).toBe(0);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${id}`, headers: await t.headers('buyer') })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${id}`, headers: await t.headers('viewer', 'org-b') })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/webhooks/deliveries', headers: await t.headers('viewer', 'org-b') })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${id}`, headers: await t.headers('buyer', 'org-b') })).statusCode).toBe(204);
  });
});
