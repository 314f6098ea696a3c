import type { EdifactMessage } from './validate-edifact-envelope';
import type { EdifactMessageInput } from './write-edifact';
import { IssueCollector, componentOf } from './internal/segment-access';
import {
  checkLineCount, checkLines, dtmSegment, itemSegments, nadSegment, readLin, readParty, readPia, readQuantity,
  type EancomItemRef, type EancomPartyRef,
} from './internal/eancom-parts';
import type { EdiIssue } from './types';

/** A purchase order as EANCOM ORDERS carries it (D.96A, EAN008). */
export type EancomOrder = {
  orderNumber: string;
  orderDate: string;
  /** Header delivery date requested (DTM+2), used by lines without their own. */
  requestedDeliveryDate: string | null;
  buyer: EancomPartyRef | null;
  supplier: EancomPartyRef | null;
  deliveryParty: EancomPartyRef | null;
  /** NAD+SF ship-from party, when the buyer names the supplier's site to ship from. */
  shipFrom?: EancomPartyRef | null;
  currency: string | null;
  lines: EancomOrderLine[];
};

export type EancomOrderLine = {
  lineNumber: number;
  item: EancomItemRef;
  quantity: string;
  requestedDeliveryDate: string | null;
  /** Net unit price (PRI+AAA), null when not sent. */
  unitPrice: string | null;
  /** LIN segment position in the interchange. */
  position: number;
};

export const ORDERS_IDENTIFIER = ['ORDERS', 'D', '96A', 'UN', 'EAN008'] as const;

/**
 * Builds an EANCOM ORDERS message body: BGM+220 (order), DTM+137 (document date), DTM+2 (delivery
 * requested), NAD+BY/SU/DP/SF, CUX, then per line LIN (GTIN, SRS), PIA (SA/IN codes), QTY+21 (ordered),
 * DTM+2, PRI+AAA (net price); UNS+S and CNT+2 (line count).
 * Source: GS1 EANCOM 2002 S4 ORDERS (D.96A, EAN008) message implementation guideline.
 */
export function buildEancomOrders(order: Omit<EancomOrder, 'lines'> & { lines: Omit<EancomOrderLine, 'position'>[] }, reference: string): EdifactMessageInput {
  const segments: EdifactMessageInput['segments'][number][] = [
    { tag: 'BGM', elements: ['220', order.orderNumber, '9'] },
    dtmSegment('137', order.orderDate),
  ];
  if (order.requestedDeliveryDate) segments.push(dtmSegment('2', order.requestedDeliveryDate));
  if (order.buyer) segments.push(nadSegment('BY', order.buyer));
  if (order.supplier) segments.push(nadSegment('SU', order.supplier));
  if (order.deliveryParty) segments.push(nadSegment('DP', order.deliveryParty));
  if (order.shipFrom) segments.push(nadSegment('SF', order.shipFrom));
  if (order.currency) segments.push({ tag: 'CUX', elements: [['2', order.currency, '9']] });
  for (const line of order.lines) {
    segments.push(...itemSegments(line.lineNumber, line.item));
    segments.push({ tag: 'QTY', elements: [['21', line.quantity]] });
    if (line.requestedDeliveryDate) segments.push(dtmSegment('2', line.requestedDeliveryDate));
    if (line.unitPrice !== null) segments.push({ tag: 'PRI', elements: [['AAA', line.unitPrice]] });
  }
  segments.push({ tag: 'UNS', elements: ['S'] }, { tag: 'CNT', elements: [['2', String(order.lines.length)]] });
  return { reference, identifier: ORDERS_IDENTIFIER, segments };
}

/**
 * Reads an ORDERS message into an order, with every issue located on segment, element and component:
 * BGM order number and DTM+137 required, each line needs an identification, QTY+21 > 0 and a delivery
 * date (its own DTM+2 or the header's); CNT+2 must match the line count. Source: EANCOM 2002 ORDERS.
 */
export function readEancomOrders(message: EdifactMessage): { order: EancomOrder | null; issues: EdiIssue[] } {
  const issues = new IssueCollector(message.reference);
  const order: EancomOrder = { orderNumber: '', orderDate: '', requestedDeliveryDate: null, buyer: null, supplier: null, deliveryParty: null, currency: null, lines: [] };
  let line: (EancomOrderLine & { hasQuantity: boolean }) | null = null;
  const lines: (EancomOrderLine & { hasQuantity: boolean })[] = [];
  let sawBgm = false;
  let sawDate = false;
  for (const segment of message.segments) {
    switch (segment.tag) {
      case 'BGM':
        sawBgm = true;
        if (componentOf(segment, 1) !== '220' && componentOf(segment, 1) !== '105') issues.add('invalid_value', segment, 1, 1, { name: 'document name code (220 order)', value: componentOf(segment, 1) });
        order.orderNumber = issues.required(segment, 2, 1, 'order number');
        break;
      case 'DTM': {
        const qualifier = componentOf(segment, 1, 1);
        if (line) {
          if (qualifier === '2') line.requestedDeliveryDate = issues.date(segment, 'delivery date requested');
        } else if (qualifier === '137') {
          sawDate = true;
          order.orderDate = issues.date(segment, 'order date') ?? '';
        } else if (qualifier === '2') order.requestedDeliveryDate = issues.date(segment, 'delivery date requested');
        break;
      }
      case 'NAD': {
        const qualifier = componentOf(segment, 1);
        if (qualifier === 'BY') order.buyer = readParty(segment, issues);
        else if (qualifier === 'SU') order.supplier = readParty(segment, issues);
        else if (qualifier === 'DP') order.deliveryParty = readParty(segment, issues);
        else if (qualifier === 'SF') order.shipFrom = readParty(segment, issues);
        break;
      }
      case 'CUX':
        order.currency = componentOf(segment, 1, 2) || null;
        break;
      case 'LIN': {
        const lin = readLin(segment, issues);
        line = { lineNumber: lin.lineNumber, item: lin.item, quantity: '', requestedDeliveryDate: null, unitPrice: null, position: segment.position, hasQuantity: false };
        lines.push(line);
        break;
      }
      case 'PIA':
        if (line) readPia(segment, line.item);
        break;
      case 'QTY':
        if (line && componentOf(segment, 1, 1) === '21') {
          line.hasQuantity = true;
          line.quantity = readQuantity(segment, issues, 'ordered quantity') ?? '';
        }
        break;
      case 'PRI':
        if (line && componentOf(segment, 1, 1) === 'AAA') line.unitPrice = issues.decimal(segment, 1, 2, 'net unit price');
        break;
      case 'UNS':
        line = null;
        break;
      default:
        break;
    }
  }
  if (!sawBgm) issues.add('missing_segment', null, null, null, { tag: 'BGM' });
  if (!sawDate) issues.add('missing_segment', null, null, null, { tag: 'DTM+137' });
  checkLines(message, lines, issues);
  const seen = new Set<number>();
  for (const l of lines) {
    const lin = message.segments.find((s) => s.position === l.position) ?? null;
    if (!l.hasQuantity) issues.add('missing_segment', lin, null, null, { tag: 'QTY+21' });
    if (!l.requestedDeliveryDate && !order.requestedDeliveryDate) issues.add('missing_segment', lin, null, null, { tag: 'DTM+2' });
    if (seen.has(l.lineNumber)) issues.add('invalid_value', lin, 1, 1, { name: 'line item number (duplicate)', value: l.lineNumber });
    seen.add(l.lineNumber);
  }
  checkLineCount(message.segments, lines.length, issues);
  order.lines = lines.map(({ hasQuantity: _unused, ...rest }) => rest);
  return { order: issues.issues.length === 0 ? order : null, issues: issues.issues };
}
