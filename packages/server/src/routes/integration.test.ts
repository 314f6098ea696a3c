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

describe('webhook URL safety and the audit trail of integration writes', () => {
  type AuditItem = { action: string; entity: string; entityKey: string; userEmail: string | null; via: string | null; before: unknown; after: unknown; reason: string | null };
  const auditOf = async (entity: string, organizationId = 'org-a'): Promise<AuditItem[]> => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/audit?entity=${entity}&pageSize=50`, headers: await t.headers('admin', organizationId) });
    expect(response.statusCode).toBe(200);
    return response.json().items as AuditItem[];
  };

  it('refuses webhook URLs to other schemes, with credentials or to private addresses (400, EN and FR), and records nothing', async () => {
    const post = async (url: string, language = 'en') => t.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: { ...(await t.headers('buyer')), 'accept-language': language }, payload: { url, events: ['plan.published'] } });
    const loopback = await post('http://127.0.0.1:9000/hook');
    expect(loopback.statusCode).toBe(400);
    expect(loopback.json().error).toMatchObject({ code: 'private_address' });
    expect(loopback.json().error.message).toContain('webhook host 127.0.0.1 is a loopback, private or link-local address');
    const metadata = await post('http://169.254.169.254/latest/meta-data', 'fr');
    expect(metadata.json().error.message).toBe('l\'hôte du webhook 169.254.169.254 est une adresse de bouclage, privée ou lien-local ; utilisez une adresse publique, ou faites-la autoriser par l\'exploitant (FLOWPILOT_WEBHOOK_ALLOW_HOSTS=<hôte ou CIDR>, ou FLOWPILOT_WEBHOOK_ALLOW_PRIVATE=1).');
    const credentials = await post('https://erp:secret@erp.example.test/hook');
    expect(credentials.statusCode).toBe(400);
    expect(credentials.json().error.code).toBe('credentials_in_url');
    expect(credentials.json().error.message).not.toContain('secret@');
    const scheme = await post('ftp://erp.example.test/hook');
    expect(scheme.statusCode).toBe(400);
    expect(['scheme_not_allowed', 'validation_failed']).toContain(scheme.json().error.code);
    expect((await post('http://[::1]/hook')).json().error.code).toBe('private_address');
    expect(await auditOf('webhook_subscription')).toEqual([]);
  });

  it('audits webhook subscriptions: who, when, after on create, before on delete, and why', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: await t.headers('buyer'), payload: { url: 'https://erp.example.test/audited', events: ['plan.published'], reason: 'ERP go-live' } });
    expect(created.statusCode).toBe(201);
    const { id, secret } = created.json() as { id: string; secret: string };
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${id}?reason=${encodeURIComponent('ERP replaced')}`, headers: await t.headers('buyer') })).statusCode).toBe(204);
    const audit = await auditOf('webhook_subscription');
    expect(audit.map((e) => ({ action: e.action, key: e.entityKey, by: e.userEmail, via: e.via, before: e.before, after: e.after, reason: e.reason }))).toEqual([
      { action: 'delete', key: id, by: 'buyer@org-a.test', via: 'session', before: { url: 'https://erp.example.test/audited', events: ['plan.published'], active: true }, after: null, reason: 'ERP replaced' },
      { action: 'create', key: id, by: 'buyer@org-a.test', via: 'session', before: null, after: { url: 'https://erp.example.test/audited', events: ['plan.published'], active: true }, reason: 'ERP go-live' },
    ]);
    expect(JSON.stringify(audit)).not.toContain(secret);
    // Another organization's trail does not show it.
    expect((await auditOf('webhook_subscription', 'org-b')).some((e) => e.entityKey === id)).toBe(false);
  });

  it('audits mapping profiles with before/after on create, replace and delete', async () => {
    const definition = JSON.parse(readFileSync(resolve(examples, 'erp-mappings/generic-erp-stock.profile.json'), 'utf8')) as unknown;
    const put = async (name: string, reason?: string) => t.app.inject({ method: 'PUT', url: '/api/v1/mapping-profiles/audited-stock', headers: await t.headers('buyer'), payload: { name, definition, ...(reason ? { reason } : {}) } });
    expect((await put('Stock v1')).statusCode).toBe(200);
    expect((await put('Stock v2', 'renamed for the ERP upgrade')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/mapping-profiles/audited-stock', headers: await t.headers('buyer') })).statusCode).toBe(204);
    const audit = (await auditOf('mapping_profile')).filter((e) => e.entityKey === 'audited-stock');
    expect(audit.map((e) => [e.action, e.userEmail, (e.before as { name?: string } | null)?.name ?? null, (e.after as { name?: string } | null)?.name ?? null, e.reason])).toEqual([
      ['delete', 'buyer@org-a.test', 'Stock v2', null, null],
      ['update', 'buyer@org-a.test', 'Stock v1', 'Stock v2', 'renamed for the ERP upgrade'],
      ['create', 'buyer@org-a.test', null, 'Stock v1', null],
    ]);
    expect((audit[1]!.after as { definition: unknown }).definition).toEqual(definition);
  });

  it('audits EDI interchanges received and generated through the API', async () => {
    const sent = await t.app.inject({ method: 'GET', url: '/api/v1/edi/messages/ORDERS/PO-5001', headers: await t.headers('buyer') });
    expect(sent.statusCode).toBe(200);
    const audit = await auditOf('edi_interchange');
    const send = audit.find((e) => e.entityKey === sent.json().interchangeId);
    expect(send).toMatchObject({ action: 'send', userEmail: 'buyer@org-a.test', via: 'session', after: { messageType: 'ORDERS', documentNumber: 'PO-5001' } });
    const receipts = audit.filter((e) => e.action === 'receive');
    expect(receipts.length).toBeGreaterThan(0);
    expect(receipts.every((e) => e.userEmail === 'buyer@org-a.test')).toBe(true);
  });
});
