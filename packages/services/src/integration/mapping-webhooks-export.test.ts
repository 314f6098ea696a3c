import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { runImport } from '../data-exchange/run-import';
import { approvePurchaseProposals } from '../planning-cycle/run-proposals-step';
import { mapIntegrationTables, runIntegrationMappingImport, saveIntegrationMappingProfile, type IntegrationMappingDefinition } from './mapping-profiles';
import { addIntegrationWebhook, integrationEmitWebhookEvent, integrationSignWebhook, integrationVerifyWebhook, listIntegrationWebhooks } from './webhooks';
import { integrationRetryDelaySeconds, listIntegrationWebhookDeliveries, runDeliverIntegrationWebhooks } from './deliver-webhooks';
import { runIntegrationErpExport } from './run-erp-export';
import type { IntegrationWebhookUrlPolicy } from './webhook-url-policy';

const root = resolve(import.meta.dirname, '../../../../examples');
const ORG = 'org-map';
/** The test hosts (*.example.test) resolve to a public address (TEST-NET-3, RFC 5737): fetch is stubbed, nothing leaves the machine. */
const PUBLIC_DNS: IntegrationWebhookUrlPolicy = { allowPrivate: false, allowedHosts: [], resolveHost: async () => ['203.0.113.10'] };
let handle: DatabaseHandle;
let dir: string;
beforeEach(async () => {
  handle = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'fp-integration-'));
  const imported = await runImport(handle, { organizationId: ORG, path: resolve(root, 'edi/master-data'), today: '2026-11-24' });
  expect(imported.written).toBe(true);
});
afterEach(async () => {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

const profile = (name: string): IntegrationMappingDefinition => JSON.parse(readFileSync(resolve(root, 'erp-mappings', `${name}.profile.json`), 'utf8')) as IntegrationMappingDefinition;

describe('ERP mapping profiles (examples/erp-mappings)', () => {
  it('imports the generic stock, open orders and sales history extracts through their profiles', async () => {
    for (const name of ['generic-erp-stock', 'generic-erp-open-orders', 'generic-erp-sales-history']) {
      expect((await saveIntegrationMappingProfile(handle, { organizationId: ORG, code: name, name, definition: profile(name) })).issues).toEqual([]);
      const report = await runIntegrationMappingImport(handle, { organizationId: ORG, profileCode: name, path: resolve(root, 'erp-mappings', `${name}.csv`), today: '2026-11-24' });
      expect(report?.mappingIssues).toEqual([]);
      expect(report?.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(report?.written).toBe(true);
    }
    // 2,5 cartons of 12 → 30 units; DLUO 31.05.2027 → 2027-05-31; status Q → quarantine; LYS → W1.
    expect((await sql`select item_code, location_code, lot_number, quantity::text, expiry_date::text, status from stock_lot where organization_id = ${ORG} order by item_code, lot_number`.execute(handle.db)).rows).toEqual([
      { item_code: 'FG-100', location_code: 'W1', lot_number: 'L2611', quantity: '30.000000', expiry_date: '2027-05-31', status: 'available' },
      { item_code: 'FG-200', location_code: 'W1', lot_number: 'L2609', quantity: '12.000000', expiry_date: '2027-03-31', status: 'quarantine' },
      { item_code: 'RM-10', location_code: 'W1', lot_number: '', quantity: '1002.000000', expiry_date: null, status: 'available' },
    ]);
    expect((await sql`select order_number, order_date::text from sales_order where organization_id = ${ORG} and order_number like 'ERP-%' order by 1`.execute(handle.db)).rows).toEqual([
      { order_number: 'ERP-1001', order_date: '2026-11-20' }, { order_number: 'ERP-1002', order_date: '2026-11-22' },
    ]);
    expect((await sql`select location_code, unit_price::text from sales_order_line where organization_id = ${ORG} and order_number = 'ERP-1001' order by line_number`.execute(handle.db)).rows).toEqual([
      { location_code: 'W1', unit_price: '1.8500' }, { location_code: 'W1', unit_price: '1.6000' },
    ]);
    expect((await sql`select sale_date::text, quantity::text, promotion from sales_history where organization_id = ${ORG} and item_code = 'FG-100' order by sale_date`.execute(handle.db)).rows).toEqual([
      { sale_date: '2026-11-02', quantity: '36.000000', promotion: false }, { sale_date: '2026-11-09', quantity: '30.000000', promotion: true }, { sale_date: '2026-11-16', quantity: '48.000000', promotion: false },
    ]);
  });

  it('writes nothing when one date of the extract is bad, and says where', async () => {
    await saveIntegrationMappingProfile(handle, { organizationId: ORG, code: 'orders', name: 'orders', definition: profile('generic-erp-open-orders') });
    const file = join(dir, 'orders.csv');
    writeFileSync(file, readFileSync(resolve(root, 'erp-mappings/generic-erp-open-orders.csv'), 'utf8').replace('08/12/2026', '31/02/2026'));
    const report = await runIntegrationMappingImport(handle, { organizationId: ORG, profileCode: 'orders', path: file, today: '2026-11-24' });
    expect(report?.written).toBe(false);
    expect(report?.mappingIssues).toEqual([{ code: 'invalid_date', file, row: 4, column: 'Date livraison', value: '31/02/2026' }]);
    expect(Number((await sql<{ n: string }>`select count(*)::text as n from sales_order where order_number like 'ERP-%'`.execute(handle.db)).rows[0]?.n)).toBe(0);
  });

  it('refuses a profile naming an unknown column or leaving a required one unmapped', async () => {
    const result = await saveIntegrationMappingProfile(handle, { organizationId: ORG, code: 'bad', name: 'bad', definition: { targets: [{ entity: 'stock_lot', columns: [{ target: 'item_code', source: 'A' }, { target: 'qty', source: 'B' }] }] } });
    expect(result.saved).toBe(false);
    expect(result.issues.map((i) => [i.code, i.column])).toEqual([['unknown_target', 'stock_lot.qty'], ['required_unmapped', 'stock_lot.location_code'], ['required_unmapped', 'stock_lot.quantity']]);
  });

  it('maps codes, decimal commas and unit factors before dates (pure mapping)', () => {
    const { tables, issues } = mapIntegrationTables({ targets: [{ entity: 'sales_history', columns: [{ target: 'quantity', source: 'Qty (g)', decimalComma: true, factor: 0.001 }] }] }, [{ source: 'x.csv', entityHint: 'x', headers: ['qty (G)'], rows: [{ row: 2, cells: ['1 500,0'] }] }]);
    expect(issues).toEqual([]);
    expect(tables[0]?.rows[0]?.cells).toEqual(['1.5']);
  });
});

describe('webhooks: outbox, HMAC-SHA256 signature, retries with exponential backoff', () => {
  it('signs with HMAC-SHA256 over "<t>.<body>" (RFC 2104) and verifies within the tolerance', () => {
    const header = integrationSignWebhook('whsec_test_0123456789', 1700000000, '{"a":1}');
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(integrationVerifyWebhook('whsec_test_0123456789', header, '{"a":1}', 1700000100)).toBe(true);
    expect(integrationVerifyWebhook('whsec_test_0123456789', header, '{"a":2}', 1700000100)).toBe(false);
    expect(integrationVerifyWebhook('whsec_test_0123456789', header, '{"a":1}', 1700001000)).toBe(false);
    expect([1, 2, 3, 4].map((n) => integrationRetryDelaySeconds(n, 30))).toEqual([30, 60, 120, 240]);
  });

  it('writes the event with the approval, retries a failing endpoint with backoff and logs every attempt', async () => {
    const hook = await addIntegrationWebhook(handle, { organizationId: ORG, url: 'https://erp.example.test/hooks', events: ['purchase_order.approved'], secret: 'whsec_test_0123456789' });
    expect((await listIntegrationWebhooks(handle, ORG)).map((h) => h.events)).toEqual([['purchase_order.approved']]);
    // An event emitted in a transaction that rolls back leaves no trace (outbox written with the change).
    await expect(handle.db.transaction().execute(async (trx) => {
      await integrationEmitWebhookEvent(trx, ORG, 'purchase_order.approved', { orderNumber: 'X' });
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect((await sql`select count(*)::int as n from webhook_event`.execute(handle.db)).rows).toEqual([{ n: 0 }]);

    await sql`insert into planning_run (id, organization_id, run_type, status) values ('run-00000001', ${ORG}, 'proposals', 'succeeded')`.execute(handle.db);
    await sql`insert into purchase_proposal_line (run_id, organization_id, supplier_code, planned_order_id, item_code, location_code, quantity, unit_price, price_basis, currency, release_date, due_date)
      values ('run-00000001', ${ORG}, 'S-GLASS', 'P1', 'RM-10', 'W1', 500, 0.12, 'supply term price', 'EUR', '2026-11-24', '2026-12-04')`.execute(handle.db);
    const approved = await approvePurchaseProposals(handle, { organizationId: ORG, runId: 'run-00000001', approvedBy: 'lucie', orderDate: '2026-11-24' });
    expect(approved.purchaseOrders).toHaveLength(1);

    const received: { body: string; signature: string }[] = [];
    let answer = 500;
    const fetchImpl = (async (_url: string | URL | Request, init?: RequestInit) => {
      received.push({ body: String(init?.body), signature: String((init?.headers as Record<string, string>)['flowpilot-signature']) });
      return new Response(null, { status: answer });
    }) as typeof fetch;
    const t0 = new Date('2026-11-24T10:00:00Z');
    expect(await runDeliverIntegrationWebhooks(handle, { organizationId: ORG, now: t0, fetchImpl, urlPolicy: PUBLIC_DNS })).toEqual({ attempted: 1, delivered: 0, retrying: 1, failed: 0 });
    // Not due before the 30 s backoff.
    expect((await runDeliverIntegrationWebhooks(handle, { organizationId: ORG, now: new Date(t0.getTime() + 29_000), fetchImpl, urlPolicy: PUBLIC_DNS })).attempted).toBe(0);
    answer = 204;
    expect(await runDeliverIntegrationWebhooks(handle, { organizationId: ORG, now: new Date(t0.getTime() + 30_000), fetchImpl, urlPolicy: PUBLIC_DNS })).toEqual({ attempted: 1, delivered: 1, retrying: 0, failed: 0 });
    const body = JSON.parse(received[1]!.body) as { type: string; data: { orderNumber: string; supplierCode: string } };
    expect(body.type).toBe('purchase_order.approved');
    expect(body.data).toMatchObject({ orderNumber: approved.purchaseOrders[0]!.orderNumber, supplierCode: 'S-GLASS' });
    expect(integrationVerifyWebhook(hook.secret, received[1]!.signature, received[1]!.body, Math.floor(t0.getTime() / 1000) + 30)).toBe(true);
    const log = await listIntegrationWebhookDeliveries(handle, ORG);
    expect(log.map((d) => [d.status, d.attemptCount, d.lastStatusCode])).toEqual([['delivered', 2, 204]]);
    expect((await sql`select attempt, status_code, error from webhook_delivery_attempt order by attempt`.execute(handle.db)).rows).toEqual([{ attempt: 1, status_code: 500, error: 'HTTP 500' }, { attempt: 2, status_code: 204, error: null }]);
  });

  it('marks a delivery failed after the last attempt', async () => {
    await addIntegrationWebhook(handle, { organizationId: ORG, url: 'https://down.example.test/', events: ['plan.published'] });
    await integrationEmitWebhookEvent(handle.db, ORG, 'plan.published', { asOfDate: '2026-11-24' });
    const fetchImpl = (async () => { throw new Error('connect ECONNREFUSED'); }) as typeof fetch;
    let now = new Date('2026-11-24T10:00:00Z');
    const outcomes = [];
    for (let i = 0; i < 3; i++) {
      outcomes.push(await runDeliverIntegrationWebhooks(handle, { organizationId: ORG, now, fetchImpl, maxAttempts: 3, baseDelaySeconds: 10, urlPolicy: PUBLIC_DNS }));
      now = new Date(now.getTime() + 3600_000);
    }
    expect(outcomes.map((o) => [o.retrying, o.failed])).toEqual([[1, 0], [1, 0], [0, 1]]);
    expect((await listIntegrationWebhookDeliveries(handle, ORG))[0]).toMatchObject({ status: 'failed', attemptCount: 3, lastError: 'connect ECONNREFUSED' });
  });
});

describe('ERP CSV export (scheduled)', () => {
  it('exports approved purchase orders once; the next run finds nothing new', async () => {
    const first = await runIntegrationErpExport(handle, { organizationId: ORG, kind: 'purchase_orders', outDir: dir, now: new Date('2026-11-24T06:00:00Z') });
    expect(first).toMatchObject({ documentCount: 2, rowCount: 2 });
    expect(readFileSync(first.file!, 'utf8')).toBe([
      'order_number,supplier_code,order_date,status,currency,line_number,item_code,location_code,quantity,unit_price,due_date',
      'PO-5001,S-GLASS,2026-11-20,approved,EUR,1,RM-10,W1,1000,0.12,2026-12-05',
      'PO-5002,S-FRUIT,2026-11-21,sent,EUR,1,FG-200,W1,100,0.95,2026-12-10', ''].join('\n'));
    const second = await runIntegrationErpExport(handle, { organizationId: ORG, kind: 'purchase_orders', outDir: dir, now: new Date('2026-11-25T06:00:00Z') });
    expect(second).toEqual({ file: null, documentCount: 0, rowCount: 0 });
    expect(readdirSync(dir)).toEqual(['purchase_orders-20261124T0600Z.csv']);
    expect((await runIntegrationErpExport(handle, { organizationId: ORG, kind: 'purchase_orders', outDir: dir, now: new Date('2026-11-25T06:00:00Z'), all: true })).documentCount).toBe(2);
  });
});
