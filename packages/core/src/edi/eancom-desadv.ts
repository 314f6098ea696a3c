import type { EdifactMessage } from './validate-edifact-envelope';
import type { EdifactMessageInput } from './write-edifact';
import { IssueCollector, componentOf } from './internal/segment-access';
import { checkLineCount, checkLines, dtmSegment, itemSegments, nadSegment, readLin, readParty, readPia, readQuantity, type EancomItemRef, type EancomPartyRef } from './internal/eancom-parts';
import type { EdiIssue } from './types';
import { isValidGs1Key } from '../gs1/check-digit';

/** A despatch advice (EANCOM DESADV D.96A EAN007): what left, in which packages (SSCC), with lots. */
export type EancomDespatchAdvice = {
  despatchNumber: string;
  documentDate: string;
  /** DTM+11 despatch date. */
  despatchDate: string | null;
  /** DTM+17 estimated delivery date. */
  estimatedDeliveryDate: string | null;
  /** Header RFF+ON, when the whole despatch answers one order. */
  orderNumber: string | null;
  supplier: EancomPartyRef | null;
  buyer: EancomPartyRef | null;
  deliveryParty: EancomPartyRef | null;
  lines: EancomDespatchLine[];
};

export type EancomDespatchLine = {
  lineNumber: number;
  item: EancomItemRef;
  /** QTY+12 despatched quantity. */
  quantity: string;
  /** Serial Shipping Container Code of the package (GIN+BJ after CPS/PAC), null when not packed. */
  sscc: string | null;
  /** Batch/lot number (PIA code with type NB). */
  lotNumber: string | null;
  /** DTM+36 expiry date. */
  expiryDate: string | null;
  /** Line RFF+ON: order number and order line number. */
  orderNumber: string | null;
  orderLineNumber: number | null;
  position: number;
};

export const DESADV_IDENTIFIER = ['DESADV', 'D', '96A', 'UN', 'EAN007'] as const;

/**
 * Builds a DESADV body: BGM+351, DTM+137/11/17, RFF+ON, NAD+SU/BY/DP, then one CPS per package
 * (hierarchy: 1 = shipment, then packages with parent 1), PAC+1++201 (pallet), PCI+33E (marked with SSCC)
 * and GIN+BJ+<SSCC>, its lines: LIN, PIA (codes and batch NB), QTY+12, DTM+36 (expiry), RFF+ON:<order>:<line>;
 * lines without SSCC go under one CPS without PAC. Ends with CNT+2.
 * Source: GS1 EANCOM 2002 S4 DESADV (D.96A, EAN007) guideline, "standard" despatch hierarchy.
 */
export function buildEancomDespatchAdvice(advice: Omit<EancomDespatchAdvice, 'lines'> & { lines: Omit<EancomDespatchLine, 'position'>[] }, reference: string): EdifactMessageInput {
  const segments: EdifactMessageInput['segments'][number][] = [
    { tag: 'BGM', elements: ['351', advice.despatchNumber, '9'] },
    dtmSegment('137', advice.documentDate),
  ];
  if (advice.despatchDate) segments.push(dtmSegment('11', advice.despatchDate));
  if (advice.estimatedDeliveryDate) segments.push(dtmSegment('17', advice.estimatedDeliveryDate));
  if (advice.orderNumber) segments.push({ tag: 'RFF', elements: [['ON', advice.orderNumber]] });
  if (advice.supplier) segments.push(nadSegment('SU', advice.supplier));
  if (advice.buyer) segments.push(nadSegment('BY', advice.buyer));
  if (advice.deliveryParty) segments.push(nadSegment('DP', advice.deliveryParty));
  segments.push({ tag: 'CPS', elements: ['1'] });
  // Unpacked lines first, directly under the shipment level CPS+1; then one CPS per SSCC.
  const packages = new Map<string, Omit<EancomDespatchLine, 'position'>[]>([['', []]]);
  for (const line of advice.lines) {
    const key = line.sscc ?? '';
    packages.set(key, [...(packages.get(key) ?? []), line]);
  }
  let level = 1;
  for (const [sscc, lines] of packages) {
    if (sscc !== '') {
      level++;
      segments.push({ tag: 'CPS', elements: [String(level), '1'] }, { tag: 'PAC', elements: ['1', '', '201'] }, { tag: 'PCI', elements: ['33E'] }, { tag: 'GIN', elements: ['BJ', sscc] });
    }
    for (const line of lines) {
      const item = itemSegments(line.lineNumber, line.item);
      segments.push(...item);
      if (line.lotNumber) segments.push({ tag: 'PIA', elements: ['1', [line.lotNumber, 'NB']] });
      segments.push({ tag: 'QTY', elements: [['12', line.quantity]] });
      if (line.expiryDate) segments.push(dtmSegment('36', line.expiryDate));
      if (line.orderNumber) segments.push({ tag: 'RFF', elements: [['ON', line.orderNumber, line.orderLineNumber === null ? '' : String(line.orderLineNumber)]] });
    }
  }
  segments.push({ tag: 'CNT', elements: [['2', String(advice.lines.length)]] });
  return { reference, identifier: DESADV_IDENTIFIER, segments };
}

/**
 * Reads a DESADV: BGM+351 number, dates, parties, and each line with its package's SSCC (GIN+BJ, check
 * digit verified), lot (PIA NB), expiry (DTM+36), order reference (RFF+ON, else the header's); QTY+12 > 0.
 */
export function readEancomDespatchAdvice(message: EdifactMessage): { advice: EancomDespatchAdvice | null; issues: EdiIssue[] } {
  const issues = new IssueCollector(message.reference);
  const advice: EancomDespatchAdvice = { despatchNumber: '', documentDate: '', despatchDate: null, estimatedDeliveryDate: null, orderNumber: null, supplier: null, buyer: null, deliveryParty: null, lines: [] };
  let line: (EancomDespatchLine & { hasQuantity: boolean }) | null = null;
  const lines: (EancomDespatchLine & { hasQuantity: boolean })[] = [];
  let sscc: string | null = null;
  let sawBgm = false;
  for (const segment of message.segments) {
    const q = componentOf(segment, 1, 1);
    switch (segment.tag) {
      case 'BGM':
        sawBgm = true;
        advice.despatchNumber = issues.required(segment, 2, 1, 'despatch advice number');
        break;
      case 'DTM':
        if (line) {
          if (q === '36') line.expiryDate = issues.date(segment, 'expiry date');
        } else if (q === '137') advice.documentDate = issues.date(segment, 'document date') ?? '';
        else if (q === '11') advice.despatchDate = issues.date(segment, 'despatch date');
        else if (q === '17') advice.estimatedDeliveryDate = issues.date(segment, 'estimated delivery date');
        break;
      case 'RFF':
        if (q !== 'ON') break;
        if (line) {
          line.orderNumber = issues.required(segment, 1, 2, 'order number');
          const raw = componentOf(segment, 1, 3);
          line.orderLineNumber = raw === '' ? null : Number(raw);
          if (raw !== '' && !/^\d+$/.test(raw)) issues.add('invalid_value', segment, 1, 3, { name: 'order line number', value: raw });
        } else advice.orderNumber = issues.required(segment, 1, 2, 'order number');
        break;
      case 'NAD':
        if (q === 'SU') advice.supplier = readParty(segment, issues);
        else if (q === 'BY') advice.buyer = readParty(segment, issues);
        else if (q === 'DP') advice.deliveryParty = readParty(segment, issues);
        break;
      case 'CPS':
        line = null;
        sscc = null;
        break;
      case 'GIN':
        if (q === 'BJ') {
          sscc = issues.required(segment, 2, 1, 'SSCC');
          if (sscc !== '' && !isValidGs1Key(sscc, 'sscc')) issues.add('invalid_value', segment, 2, 1, { name: 'SSCC (18 digits, GS1 check digit)', value: sscc });
        }
        break;
      case 'LIN': {
        const lin = readLin(segment, issues);
        line = { lineNumber: lin.lineNumber, item: lin.item, quantity: '', sscc, lotNumber: null, expiryDate: null, orderNumber: null, orderLineNumber: null, position: segment.position, hasQuantity: false };
        lines.push(line);
        break;
      }
      case 'PIA':
        if (line) {
          const lot = readPia(segment, line.item);
          if (lot) line.lotNumber = lot;
        }
        break;
      case 'QTY':
        if (line && q === '12') {
          line.hasQuantity = true;
          line.quantity = readQuantity(segment, issues, 'despatched quantity') ?? '';
        }
        break;
      default:
        break;
    }
  }
  if (!sawBgm) issues.add('missing_segment', null, null, null, { tag: 'BGM' });
  if (advice.documentDate === '' && !issues.issues.some((i) => i.code === 'invalid_date')) issues.add('missing_segment', null, null, null, { tag: 'DTM+137' });
  checkLines(message, lines, issues);
  for (const l of lines) {
    if (!l.hasQuantity) issues.add('missing_segment', message.segments.find((s) => s.position === l.position) ?? null, null, null, { tag: 'QTY+12' });
    if (l.orderNumber === null) l.orderNumber = advice.orderNumber;
  }
  checkLineCount(message.segments, lines.length, issues);
  advice.lines = lines.map(({ hasQuantity: _unused, ...rest }) => rest);
  return { advice: issues.issues.length === 0 ? advice : null, issues: issues.issues };
}
