import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { readEancomDespatchAdvice, readEancomOrderResponse, readEancomOrders, tokenizeEdifact, validateEdifactEnvelope } from '@flowpilot/core';
import { runImport } from '../data-exchange/run-import';
import { runReceiveEdiInterchange } from './receive-edi-interchange';
import { runSendEdiMessage } from './send-edi-message';
import { readIntegrationIdentifiersCsv, runSetIntegrationIdentifiers } from './set-edi-identifiers';

// Sample interchanges in examples/edi/ follow the GS1 EANCOM 2002 S4 guidelines (ORDERS EAN008, DESADV EAN007,
// INVOIC EAN008, RECADV EAN003); their comments in examples/edi/README.md cite the segments used.
const examples = resolve(import.meta.dirname, '../../../../examples/edi');
const edi = (name: string): string => readFileSync(resolve(examples, name), 'utf8');
const ORG = 'org-edi';
const now = new Date('2026-11-24T10:00:00Z');

let handle: DatabaseHandle;
beforeEach(async () => {
  handle = await createTestDatabase();
  const imported = await runImport(handle, { organizationId: ORG, path: resolve(examples, 'master-data'), today: '2026-11-24' });
  expect(imported.issues.filter((i) => i.severity === 'error')).toEqual([]);
  const ids = await runSetIntegrationIdentifiers(handle, { organizationId: ORG, rows: await readIntegrationIdentifiersCsv(resolve(examples, 'identifiers.csv')) });
  expect(ids.issues).toEqual([]);
});
afterEach(async () => { await handle.close(); });

const count = async (table: string): Promise<number> => Number((await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)} where organization_id = ${ORG}`.execute(handle.db)).rows[0]?.n);
const parse = (text: string) => {
  const tokens = tokenizeEdifact(text);
  expect(tokens.issues).toEqual([]);
  const envelope = validateEdifactEnvelope(tokens.segments);
  expect(envelope.issues).toEqual([]);
  return envelope.interchange;
};

describe('runReceiveEdiInterchange', () => {
  it('applies an ORDERS interchange of two messages once; the same interchange again writes nothing', async () => {
    const first = await runReceiveEdiInterchange(handle, { organizationId: ORG, text: edi('orders-from-customer.edi'), fileName: 'orders-from-customer.edi', now });
    expect(first.issues).toEqual([]);
    expect(first.status).toBe('accepted');
    expect(first.messages.map((m) => [m.type, m.documentNumber, m.entityKey])).toEqual([['ORDERS', 'CMD-77001', 'CMD-77001'], ['ORDERS', 'CMD-77002', 'CMD-77002']]);
    const lines = (await sql<{ order_number: string; line_number: number; item_code: string; location_code: string; quantity: string; requested_date: string; unit_price: string | null }>`
      select order_number, line_number, item_code, location_code, quantity::text, requested_date::text, unit_price::text from sales_order_line where organization_id = ${ORG} and order_number like 'CMD-%' order by 1, 2`.execute(handle.db)).rows;
    expect(lines.map((l) => [l.order_number, l.line_number, l.item_code, l.location_code, Number(l.quantity), l.requested_date, l.unit_price === null ? null : Number(l.unit_price)])).toEqual([
      ['CMD-77001', 1, 'FG-100', 'W1', 24, '2026-12-01', 1.85], ['CMD-77001', 2, 'FG-200', 'W1', 60, '2026-12-03', 1.6], ['CMD-77002', 1, 'FG-100', 'W1', 6, '2026-12-08', null],
    ]);
    const ack = parse(first.acknowledgement);
    expect(ack.messages[0]?.type).toBe('CONTRL');
    expect(ack.recipient.id).toBe('5412345000013');
    expect(ack.messages[0]?.segments.map((s) => [s.tag, s.elements[0]?.[0], s.elements[3]?.[0] ?? s.elements[2]?.[0]])).toEqual([['UCI', '770001', '7'], ['UCM', 'ME000001', '7'], ['UCM', 'ME000002', '7']]);

    const before = { orders: await count('sales_order'), lines: await count('sales_order_line') };
    const again = await runReceiveEdiInterchange(handle, { organizationId: ORG, text: edi('orders-from-customer.edi'), now });
    expect(again.status).toBe('duplicate');
    expect(again.interchangeId).toBe(first.interchangeId);
    expect(again.acknowledgement).toBe(first.acknowledgement);
    expect({ orders: await count('sales_order'), lines: await count('sales_order_line') }).toEqual(before);
    expect((await sql<{ duplicate_count: number }>`select duplicate_count from edi_interchange where id = ${first.interchangeId}`.execute(handle.db)).rows[0]?.duplicate_count).toBe(1);
  });

  it('rejects a bad interchange as a whole: nothing written, every issue located, CONTRL rejects with positions', async () => {
    const before = await count('sales_order');
    const result = await runReceiveEdiInterchange(handle, { organizationId: ORG, text: edi('orders-rejected.edi'), now });
    expect(result.status).toBe('rejected');
    expect(result.issues.map((i) => [i.code, i.messageReference, i.segmentTag, i.segmentPosition, i.elementPosition])).toEqual([
      ['count_mismatch', 'ME000001', 'UNT', 11, 1], ['unknown_item', 'ME000002', 'LIN', 17, 3],
    ]);
    expect(await count('sales_order')).toBe(before);
    expect((await sql<{ status: string }>`select status from edi_interchange where id = ${result.interchangeId}`.execute(handle.db)).rows[0]?.status).toBe('rejected');
    const contrl = parse(result.acknowledgement).messages[0]!.segments;
    expect(contrl.map((s) => s.elements.map((e) => e.join(':')).join('+')).map((t, i) => `${contrl[i]!.tag}+${t}`)).toEqual([
      'UCI+770002+5412345000013:14+3765432100007:14+4',
      'UCM+ME000001+ORDERS:D:96A:UN+4+29+UNT',
      'UCM+ME000002+ORDERS:D:96A:UN+4++', 'UCS+6+', 'UCD+12+3:1',
    ].map((t) => t.replace(/\++$/, '')));

    // A corrected interchange may reuse the rejected control reference: only accepted ones count.
    const fixed = edi('orders-rejected.edi').replace("UNT+11+ME000001'", "UNT+10+ME000001'").replace('4006381333931', '3765432100014');
    const accepted = await runReceiveEdiInterchange(handle, { organizationId: ORG, text: fixed, now });
    expect(accepted.issues).toEqual([]);
    expect(accepted.status).toBe('accepted');
    expect(await count('sales_order')).toBe(before + 2);
  });

  it('refuses a document already received in another interchange (same sender, type and number)', async () => {
    await runReceiveEdiInterchange(handle, { organizationId: ORG, text: edi('orders-from-customer.edi'), now });
    const lines = await count('sales_order_line');
    const resent = edi('orders-from-customer.edi').replace(/770001/g, '770099');
    const result = await runReceiveEdiInterchange(handle, { organizationId: ORG, text: resent, now });
    expect(result.status).toBe('rejected');
    expect(result.issues.map((i) => [i.code, i.messageReference, i.segmentTag, i.elementPosition])).toEqual([['duplicate_message', 'ME000001', 'BGM', 2], ['duplicate_message', 'ME000002', 'BGM', 2]]);
    expect(await count('sales_order_line')).toBe(lines);
  });

  it('reports a syntax error (character outside UNOA) with its segment and writes nothing', async () => {
    const text = edi('orders-from-customer.edi').replace('UNOC:3', 'UNOA:3');
    const result = await runReceiveEdiInterchange(handle, { organizationId: ORG, text, now });
    expect(result.status).toBe('rejected');
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ code: 'syntax_error', segmentTag: 'FTX', segmentPosition: 6, elementPosition: 4 });
    expect(await count('sales_order')).toBe(1);
  });

  it('takes a supplier DESADV as expected receipts, an INVOIC as a supplier invoice, a RECADV as the shipment delivered', async () => {
    const asn = await runReceiveEdiInterchange(handle, { organizationId: ORG, text: edi('desadv-from-supplier.edi'), now });
    expect(asn.issues).toEqual([]);
    expect((await sql`select supplier_code, despatch_number, purchase_order_number, purchase_order_line_number, item_code, lot_number, sscc, expiry_date::text, quantity::text, expected_date::text from expected_receipt`.execute(handle.db)).rows).toEqual([
      { supplier_code: 'S-FRUIT', despatch_number: 'DES-88001', purchase_order_number: 'PO-5002', purchase_order_line_number: 1, item_code: 'FG-200', lot_number: 'V2611', sscc: '106141411234567897', expiry_date: '2027-04-30', quantity: '100.000000', expected_date: '2026-11-26' },
    ]);
    const invoice = await runReceiveEdiInterchange(handle, { organizationId: ORG, text: edi('invoic-from-supplier.edi'), now });
    expect(invoice.issues).toEqual([]);
    expect((await sql`select supplier_code, invoice_number, purchase_order_number, total_amount::text from supplier_invoice`.execute(handle.db)).rows).toEqual([{ supplier_code: 'S-GLASS', invoice_number: 'FV-2026-1187', purchase_order_number: 'PO-5001', total_amount: '144.0000' }]);
    const recadv = await runReceiveEdiInterchange(handle, { organizationId: ORG, text: edi('recadv-from-customer.edi'), now });
    expect(recadv.issues).toEqual([]);
    expect((await sql`select status, delivered_date::text from shipment where shipment_number = 'SH-9001'`.execute(handle.db)).rows).toEqual([{ status: 'delivered', delivered_date: '2026-11-17' }]);
    expect((await sql`select quantity_received::text, quantity_accepted::text, lot_number from receiving_advice_line`.execute(handle.db)).rows).toEqual([{ quantity_received: '12.000000', quantity_accepted: '11.000000', lot_number: 'L2611' }]);
  });

  it('refuses an interchange addressed to another GLN (CONTRL UCI error 7, ISO 9735 code list 0085)', async () => {
    const result = await runReceiveEdiInterchange(handle, { organizationId: ORG, text: edi('orders-from-customer.edi').replace('+3765432100007:14+', '+3012345000017:14+'), now });
    expect(result.status).toBe('rejected');
    expect(result.issues.map((i) => [i.code, i.segmentTag, i.elementPosition])).toEqual([['wrong_recipient', 'UNB', 3]]);
    expect(parse(result.acknowledgement).messages[0]?.segments[0]?.elements.slice(3, 7)).toEqual([['4'], ['7'], ['UNB'], ['3', '1']]);
    expect(await count('sales_order')).toBe(1);
  });

  it('two receptions of the same interchange at once apply it once', async () => {
    const text = edi('orders-from-customer.edi');
    const results = await Promise.all([runReceiveEdiInterchange(handle, { organizationId: ORG, text, now }), runReceiveEdiInterchange(handle, { organizationId: ORG, text, now })]);
    expect(results.map((r) => r.status).sort()).toEqual(['accepted', 'duplicate']);
    expect(await count('sales_order')).toBe(3);
  });
});

describe('round trip (issue 10 "Done when"): ORDERS in → promise → ORDRSP and DESADV out parse back with the same content', () => {
  it('answers the received order with promised dates and despatches it with SSCCs and lots', async () => {
    await runReceiveEdiInterchange(handle, { organizationId: ORG, text: edi('orders-from-customer.edi'), now });
    const response = await runSendEdiMessage(handle, { organizationId: ORG, messageType: 'ORDRSP', documentNumber: 'CMD-77001', now });
    const ordrsp = readEancomOrderResponse(parse(response.text).messages[0]!);
    expect(ordrsp.issues).toEqual([]);
    // FG-100: 30 on hand covers 24 → promised as requested (Dec 1). FG-200: 10 on hand + PO-5002's 100 due Dec 10 → Dec 10.
    expect(ordrsp.response).toMatchObject({ orderNumber: 'CMD-77001', responseType: '4', buyer: { id: '5412345000013', agency: '9' }, supplier: { id: '3765432100007', agency: '9' } });
    expect(ordrsp.response?.lines.map((l) => [l.lineNumber, l.item.gtin, l.item.supplierItemCode, l.quantity, l.promisedDate, l.actionCode])).toEqual([
      [1, '3765432100014', 'FG-100', '24', '2026-12-01', '5'], [2, '3765432100021', 'FG-200', '60', '2026-12-10', '6'],
    ]);
    expect(response.promises?.map((p) => [p.lineNumber, p.basis, p.cumulativeDemand, p.cumulativeSupply])).toEqual([[1, 'on_hand', 24, 30], [2, 'scheduled_receipt', 60, 110]]);
    // Same content as the order received: line numbers, GTINs and quantities of the customer's ORDERS message.
    const received = readEancomOrders(parse(edi('orders-from-customer.edi')).messages[0]!).order!;
    expect(ordrsp.response?.lines.map((l) => [l.lineNumber, l.item.gtin, l.quantity])).toEqual(received.lines.map((l) => [l.lineNumber, l.item.gtin, l.quantity]));
    expect((await sql`select line_number, promised_date::text from sales_order_line where order_number = 'CMD-77001' order by 1`.execute(handle.db)).rows).toEqual([{ line_number: 1, promised_date: '2026-12-01' }, { line_number: 2, promised_date: '2026-12-10' }]);

    const imported = await runImport(handle, { organizationId: ORG, today: '2026-11-24', tables: [
      { source: 'shipments.csv', entityHint: 'shipments', headers: ['shipment_number', 'from_location_code', 'customer_code', 'ship_date', 'planned_delivery_date'], rows: [{ row: 2, cells: ['SH-9100', 'W1', 'C-SHOP', '2026-11-30', '2026-12-01'] }] },
      { source: 'shipment_lines.csv', entityHint: 'shipment_lines', headers: ['shipment_number', 'line_number', 'sales_order_number', 'sales_order_line_number', 'item_code', 'lot_number', 'quantity'], rows: [{ row: 2, cells: ['SH-9100', '1', 'CMD-77001', '1', 'FG-100', 'L2611', '24'] }] },
    ] });
    expect(imported.written).toBe(true);
    const despatch = await runSendEdiMessage(handle, { organizationId: ORG, messageType: 'DESADV', documentNumber: 'SH-9100', now });
    const desadv = readEancomDespatchAdvice(parse(despatch.text).messages[0]!);
    expect(desadv.issues).toEqual([]);
    expect(despatch.assignedSsccs).toEqual([{ lineNumber: 1, sscc: '037654320000000017' }]);
    // Sending the DESADV dispatched the planned shipment (ledger, shipped quantities): its despatch date is the dispatch day.
    expect(desadv.advice).toMatchObject({ despatchNumber: 'SH-9100', despatchDate: '2026-11-24', estimatedDeliveryDate: '2026-12-01', orderNumber: 'CMD-77001' });
    expect((await sql`select sum(quantity)::text as q from inventory_movement where movement_type = 'shipment' and reference = 'SH-9100'`.execute(handle.db)).rows).toEqual([{ q: '-24.000000' }]);
    expect(desadv.advice?.lines.map((l) => [l.lineNumber, l.item.gtin, l.quantity, l.sscc, l.lotNumber, l.expiryDate, l.orderNumber, l.orderLineNumber])).toEqual([
      [1, '3765432100014', '24', '037654320000000017', 'L2611', '2027-05-31', 'CMD-77001', 1],
    ]);
    expect((await sql`select status from shipment where shipment_number = 'SH-9100'`.execute(handle.db)).rows).toEqual([{ status: 'dispatched' }]);
    expect((await sql`select event_type from webhook_event`.execute(handle.db)).rows).toEqual([{ event_type: 'shipment.dispatched' }]);
    expect((await sql<{ direction: string; status: string }>`select direction, status from edi_interchange order by direction, created_at`.execute(handle.db)).rows.map((r) => `${r.direction}/${r.status}`)).toEqual(['in/accepted', 'out/sent', 'out/sent']);
  });

  it('sends a purchase order as ORDERS that reads back with the same lines', async () => {
    const sent = await runSendEdiMessage(handle, { organizationId: ORG, messageType: 'ORDERS', documentNumber: 'PO-5001', now });
    expect(sent.recipient).toEqual({ id: '4012345500004', qualifier: '14' });
    const read = readEancomOrders(parse(sent.text).messages[0]!);
    expect(read.issues).toEqual([]);
    expect(read.order?.lines.map((l) => [l.lineNumber, l.item.gtin, l.item.buyerItemCode, l.quantity, l.requestedDeliveryDate, l.unitPrice])).toEqual([[1, '4000862141404', 'RM-10', '1000', '2026-12-05', '0.12']]);
    expect(read.order?.deliveryParty).toMatchObject({ id: '3012345100106' });
    expect((await sql`select status from purchase_order where order_number = 'PO-5001'`.execute(handle.db)).rows).toEqual([{ status: 'sent' }]);
  });
});
