import type { EdiSegment, EdiSegmentInput } from '../types';
import { componentOf, parseEdiDecimal, toEdiDate, type IssueCollector } from './segment-access';

/** A party named in NAD (C082): its identification and the agency that issued it (9 = GS1 GLN, 91 supplier-assigned, 92 buyer-assigned). */
export type EancomPartyRef = { id: string; agency: string; /** NAD segment position when read from an interchange. */ position?: number };

/** The item identifications of a line: GTIN from LIN (C212 7143 = SRS or EN), codes from PIA (SA supplier's, IN buyer's), lot (NB). */
export type EancomItemRef = { gtin: string | null; supplierItemCode: string | null; buyerItemCode: string | null };

export function nadSegment(qualifier: string, party: { id: string; agency: string }): EdiSegmentInput {
  return { tag: 'NAD', elements: [qualifier, [party.id, '', party.agency]] };
}

export function dtmSegment(qualifier: string, iso: string): EdiSegmentInput {
  return { tag: 'DTM', elements: [[qualifier, toEdiDate(iso), '102']] };
}

/** LIN (+ PIA) segments for an item: GTIN in LIN when known, supplier's and buyer's codes in PIA+5 (product identification). */
export function itemSegments(lineNumber: number, item: EancomItemRef, actionCode = ''): EdiSegmentInput[] {
  const segments: EdiSegmentInput[] = [{ tag: 'LIN', elements: [String(lineNumber), actionCode, item.gtin ? [item.gtin, 'SRS'] : ''] }];
  const codes: string[][] = [];
  if (item.supplierItemCode) codes.push([item.supplierItemCode, 'SA']);
  if (item.buyerItemCode) codes.push([item.buyerItemCode, 'IN']);
  if (codes.length > 0) segments.push({ tag: 'PIA', elements: [item.gtin ? '1' : '5', ...codes] });
  return segments;
}

/** Reads NAD's party (C082) under a qualifier. */
export function readParty(segment: EdiSegment, issues: IssueCollector): EancomPartyRef {
  return { id: issues.required(segment, 2, 1, `party identification (NAD+${componentOf(segment, 1)})`), agency: componentOf(segment, 2, 3), position: segment.position };
}

/** Applies a PIA segment's codes to a line's item reference; returns the batch number (NB) if any. */
export function readPia(segment: EdiSegment, item: EancomItemRef): string | null {
  let lot: string | null = null;
  for (let e = 2; e <= segment.elements.length; e++) {
    const code = componentOf(segment, e, 1);
    const type = componentOf(segment, e, 2);
    if (code === '') continue;
    if (type === 'SA') item.supplierItemCode = code;
    else if (type === 'IN') item.buyerItemCode = code;
    else if (type === 'NB') lot = code;
    else if (type === 'SRS' || type === 'EN') item.gtin = code;
  }
  return lot;
}

/** Reads LIN's line number (1082) and GTIN (C212 with 7143 SRS/EN). */
export function readLin(segment: EdiSegment, issues: IssueCollector): { lineNumber: number; actionCode: string; item: EancomItemRef } {
  const raw = issues.required(segment, 1, 1, 'line item number');
  const lineNumber = Number(raw);
  if (raw !== '' && (!Number.isInteger(lineNumber) || lineNumber <= 0)) issues.add('invalid_value', segment, 1, 1, { name: 'line item number', value: raw });
  const id = componentOf(segment, 3, 1);
  const type = componentOf(segment, 3, 2);
  if (id !== '' && type !== 'SRS' && type !== 'EN') issues.add('invalid_value', segment, 3, 2, { name: 'item number type (SRS or EN)', value: type });
  if (id !== '' && !/^\d{8,14}$/.test(id)) issues.add('invalid_value', segment, 3, 1, { name: 'GTIN', value: id });
  return { lineNumber, actionCode: componentOf(segment, 2), item: { gtin: id === '' ? null : id, supplierItemCode: null, buyerItemCode: null } };
}

/** Reads a QTY (C186: 6063 qualifier, 6060 quantity) as canonical decimal text. */
export function readQuantity(segment: EdiSegment, issues: IssueCollector, name: string): string | null {
  return issues.decimal(segment, 1, 2, name, { positive: true });
}

/** Checks CNT+2 (number of line items) against the lines read. */
export function checkLineCount(segments: readonly EdiSegment[], lineCount: number, issues: IssueCollector): void {
  const cnt = segments.find((s) => s.tag === 'CNT' && componentOf(s, 1, 1) === '2');
  if (!cnt) return;
  const declared = parseEdiDecimal(componentOf(cnt, 1, 2));
  if (declared === null || Number(declared) !== lineCount) issues.add('count_mismatch', cnt, 1, 2, { name: 'number of line items (CNT+2)', expected: componentOf(cnt, 1, 2), actual: lineCount });
}

/** The line-item checks every message shares: at least one LIN, every line with an identification. */
export function checkLines(message: { segments: readonly EdiSegment[] }, lines: readonly { item: EancomItemRef; position: number }[], issues: IssueCollector): void {
  if (lines.length === 0) issues.add('missing_segment', null, null, null, { tag: 'LIN' });
  for (const line of lines) {
    if (!line.item.gtin && !line.item.supplierItemCode && !line.item.buyerItemCode) {
      const lin = message.segments.find((s) => s.position === line.position) ?? null;
      issues.add('missing_element', lin, 3, 1, { name: 'item identification (GTIN in LIN or PIA code)' });
    }
  }
}
