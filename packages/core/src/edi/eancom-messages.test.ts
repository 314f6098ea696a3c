import { describe, expect, it } from 'vitest';
import type { EdifactMessageInput } from './write-edifact';
import type { EdifactMessage } from './validate-edifact-envelope';
import { buildEancomOrders, readEancomOrders } from './eancom-orders';
import { buildEancomOrderResponse, readEancomOrderResponse } from './eancom-ordrsp';
import { buildEancomDespatchAdvice, readEancomDespatchAdvice } from './eancom-desadv';
import { buildContrlMessage } from './build-contrl';

/** Turns a built message into the parsed form (UNH at position 2, body from 3), as the reader receives it. */
function asReceived(input: EdifactMessageInput): EdifactMessage {
  return {
    reference: input.reference, type: input.identifier[0]!, version: input.identifier[1]!, release: input.identifier[2]!, agency: input.identifier[3]!, associationCode: input.identifier[4] ?? '',
    headerPosition: 2,
    segments: input.segments.map((s, i) => ({ tag: s.tag, elements: s.elements.map((e) => (typeof e === 'string' ? [e] : [...e])), position: i + 3 })),
  };
}

// Segment layouts from the GS1 EANCOM 2002 S4 guidelines: ORDERS (EAN008), ORDRSP (EAN005), DESADV (EAN007).
describe('EANCOM message builders and readers', () => {
  const order = {
    orderNumber: 'PO-1001', orderDate: '2026-11-24', requestedDeliveryDate: '2026-12-01',
    buyer: { id: '5412345000013', agency: '9' }, supplier: { id: '4012345000009', agency: '9' }, deliveryParty: { id: '5412345000020', agency: '9' }, currency: 'EUR',
    lines: [
      { lineNumber: 1, item: { gtin: '4000862141404', supplierItemCode: null, buyerItemCode: null }, quantity: '48', requestedDeliveryDate: null, unitPrice: '2.5' },
      { lineNumber: 2, item: { gtin: null, supplierItemCode: 'FG-2', buyerItemCode: 'B-77' }, quantity: '12.5', requestedDeliveryDate: '2026-12-03', unitPrice: null },
    ],
  };

  it('ORDERS reads back what it was built from', () => {
    const built = buildEancomOrders(order, '1');
    expect(built.segments.map((s) => s.tag)).toEqual(['BGM', 'DTM', 'DTM', 'NAD', 'NAD', 'NAD', 'CUX', 'LIN', 'QTY', 'PRI', 'LIN', 'PIA', 'QTY', 'DTM', 'UNS', 'CNT']);
    const { order: read, issues } = readEancomOrders(asReceived(built));
    expect(issues).toEqual([]);
    expect(read).toMatchObject({ ...order, buyer: { id: '5412345000013', agency: '9' }, lines: order.lines.map((l) => expect.objectContaining(l)) });
  });

  it('ORDERS without a delivery date or quantity is refused, located on the LIN segment', () => {
    const built = buildEancomOrders({ ...order, requestedDeliveryDate: null, lines: [{ ...order.lines[0]!, quantity: '0' }] }, '7');
    const { order: read, issues } = readEancomOrders(asReceived(built));
    expect(read).toBeNull();
    expect(issues.map((i) => [i.code, i.segmentTag, i.elementPosition, i.componentPosition, i.messageReference])).toEqual([
      ['invalid_number', 'QTY', 1, 2, '7'], ['missing_segment', 'LIN', null, null, '7'],
    ]);
  });

  it('ORDRSP keeps action codes and promised dates', () => {
    const response = { responseNumber: 'R-1', responseDate: '2026-11-25', responseType: '4' as const, orderNumber: 'PO-1001', buyer: order.buyer, supplier: order.supplier, lines: [
      { lineNumber: 1, actionCode: '5' as const, item: order.lines[0]!.item, quantity: '48', promisedDate: '2026-12-01' },
      { lineNumber: 2, actionCode: '6' as const, item: order.lines[1]!.item, quantity: '12.5', promisedDate: '2026-12-10' },
    ] };
    const { response: read, issues } = readEancomOrderResponse(asReceived(buildEancomOrderResponse(response, '1')));
    expect(issues).toEqual([]);
    expect(read?.lines.map((l) => [l.lineNumber, l.actionCode, l.quantity, l.promisedDate])).toEqual([[1, '5', '48', '2026-12-01'], [2, '6', '12.5', '2026-12-10']]);
  });

  it('DESADV groups lines by SSCC and reads back lots, expiry and order references', () => {
    const advice = { despatchNumber: 'SH-9', documentDate: '2026-11-26', despatchDate: '2026-11-26', estimatedDeliveryDate: '2026-11-28', orderNumber: null, supplier: order.supplier, buyer: order.buyer, deliveryParty: order.deliveryParty, lines: [
      { lineNumber: 1, item: order.lines[0]!.item, quantity: '48', sscc: '106141411234567897', lotNumber: 'L42', expiryDate: '2027-05-01', orderNumber: 'PO-1001', orderLineNumber: 1 },
      { lineNumber: 2, item: order.lines[1]!.item, quantity: '12.5', sscc: null, lotNumber: null, expiryDate: null, orderNumber: 'PO-1001', orderLineNumber: 2 },
    ] };
    const built = buildEancomDespatchAdvice(advice, '1');
    expect(built.segments.filter((s) => s.tag === 'GIN')).toEqual([{ tag: 'GIN', elements: ['BJ', '106141411234567897'] }]);
    const { advice: read, issues } = readEancomDespatchAdvice(asReceived(built));
    expect(issues).toEqual([]);
    expect(read?.lines.slice().sort((a, b) => a.lineNumber - b.lineNumber).map((l) => [l.lineNumber, l.sscc, l.lotNumber, l.expiryDate, l.quantity, l.orderNumber, l.orderLineNumber])).toEqual([
      [1, '106141411234567897', 'L42', '2027-05-01', '48', 'PO-1001', 1], [2, null, null, null, '12.5', 'PO-1001', 2],
    ]);
  });

  it('DESADV with a wrong SSCC check digit is refused (GS1 General Specifications §7.9.1)', () => {
    const built = buildEancomDespatchAdvice({ despatchNumber: 'X', documentDate: '2026-11-26', despatchDate: null, estimatedDeliveryDate: null, orderNumber: null, supplier: null, buyer: null, deliveryParty: null,
      lines: [{ lineNumber: 1, item: order.lines[0]!.item, quantity: '1', sscc: '106141411234567890', lotNumber: null, expiryDate: null, orderNumber: null, orderLineNumber: null }] }, '1');
    expect(readEancomDespatchAdvice(asReceived(built)).issues.map((i) => [i.code, i.segmentTag, i.elementPosition])).toEqual([['invalid_value', 'GIN', 2]]);
  });

  it('CONTRL rejects a message with UCS/UCD positions counted from its UNH (ISO 9735 CONTRL)', () => {
    const message = asReceived(buildEancomOrders({ ...order, lines: [{ ...order.lines[0]!, quantity: 'x' }] }, '1'));
    const { issues } = readEancomOrders(message);
    const interchange = { syntaxIdentifier: 'UNOC', syntaxVersion: '3', sender: { id: 'S', qualifier: '14' }, recipient: { id: 'R', qualifier: '14' }, preparedDate: '2026-11-24', preparedTime: '09:00', controlReference: '77', applicationReference: '', messages: [message] };
    const contrl = buildContrlMessage(interchange, issues, 'C1');
    const qtyPosition = message.segments.find((s) => s.tag === 'QTY')!.position - 2 + 1;
    expect(contrl.segments).toEqual([
      { tag: 'UCI', elements: ['77', ['S', '14'], ['R', '14'], '4', '', '', ''] },
      { tag: 'UCM', elements: ['1', ['ORDERS', 'D', '96A', 'UN'], '4', '', ''] },
      { tag: 'UCS', elements: [String(qtyPosition), ''] },
      { tag: 'UCD', elements: ['19', ['1', '2']] },
    ]);
    expect(buildContrlMessage(interchange, [], 'C2').segments[0]?.elements[3]).toBe('7');
  });
});
