import type { EdifactMessage } from './validate-edifact-envelope';
import type { EdifactMessageInput } from './write-edifact';
import { IssueCollector, componentOf } from './internal/segment-access';
import { checkLineCount, checkLines, dtmSegment, itemSegments, nadSegment, readLin, readParty, readPia, readQuantity, type EancomItemRef, type EancomPartyRef } from './internal/eancom-parts';
import type { EdiIssue } from './types';

/** An order response (EANCOM ORDRSP D.96A EAN005): what the supplier confirms, line by line, with promised dates. */
export type EancomOrderResponse = {
  responseNumber: string;
  responseDate: string;
  /** BGM 1225: 29 accepted without amendment, 4 change (some lines amended), 27 not accepted. */
  responseType: '29' | '4' | '27';
  /** The buyer's order number (RFF+ON). */
  orderNumber: string;
  buyer: EancomPartyRef | null;
  supplier: EancomPartyRef | null;
  lines: EancomOrderResponseLine[];
};

export type EancomOrderResponseLine = {
  lineNumber: number;
  /** LIN 1229: 5 accepted without amendment, 6 accepted with amendment (later date), 7 not accepted. */
  actionCode: '5' | '6' | '7';
  item: EancomItemRef;
  quantity: string;
  /** Delivery date promised (DTM+69). */
  promisedDate: string | null;
  position: number;
};

export const ORDRSP_IDENTIFIER = ['ORDRSP', 'D', '96A', 'UN', 'EAN005'] as const;

/**
 * Builds an ORDRSP body: BGM+231 with the response type, DTM+137, RFF+ON (order answered), NAD+BY/SU,
 * per line LIN with its action code, PIA, QTY+21, DTM+69 (promised for delivery); UNS+S, CNT+2.
 * Source: GS1 EANCOM 2002 S4 ORDRSP (D.96A, EAN005) message implementation guideline.
 */
export function buildEancomOrderResponse(response: Omit<EancomOrderResponse, 'lines'> & { lines: Omit<EancomOrderResponseLine, 'position'>[] }, reference: string): EdifactMessageInput {
  const segments: EdifactMessageInput['segments'][number][] = [
    { tag: 'BGM', elements: ['231', response.responseNumber, response.responseType] },
    dtmSegment('137', response.responseDate),
    { tag: 'RFF', elements: [['ON', response.orderNumber]] },
  ];
  if (response.buyer) segments.push(nadSegment('BY', response.buyer));
  if (response.supplier) segments.push(nadSegment('SU', response.supplier));
  for (const line of response.lines) {
    segments.push(...itemSegments(line.lineNumber, line.item, line.actionCode));
    segments.push({ tag: 'QTY', elements: [['21', line.quantity]] });
    if (line.promisedDate) segments.push(dtmSegment('69', line.promisedDate));
  }
  segments.push({ tag: 'UNS', elements: ['S'] }, { tag: 'CNT', elements: [['2', String(response.lines.length)]] });
  return { reference, identifier: ORDRSP_IDENTIFIER, segments };
}

/** Reads an ORDRSP message (used to check what we send and to read suppliers' answers). */
export function readEancomOrderResponse(message: EdifactMessage): { response: EancomOrderResponse | null; issues: EdiIssue[] } {
  const issues = new IssueCollector(message.reference);
  const response: EancomOrderResponse = { responseNumber: '', responseDate: '', responseType: '29', orderNumber: '', buyer: null, supplier: null, lines: [] };
  let line: EancomOrderResponseLine | null = null;
  for (const segment of message.segments) {
    switch (segment.tag) {
      case 'BGM': {
        response.responseNumber = issues.required(segment, 2, 1, 'response number');
        const type = componentOf(segment, 3);
        if (type === '29' || type === '4' || type === '27') response.responseType = type;
        else issues.add('invalid_value', segment, 3, 1, { name: 'message function (29, 4 or 27)', value: type });
        break;
      }
      case 'DTM':
        if (line && componentOf(segment, 1, 1) === '69') line.promisedDate = issues.date(segment, 'delivery date promised');
        else if (!line && componentOf(segment, 1, 1) === '137') response.responseDate = issues.date(segment, 'response date') ?? '';
        break;
      case 'RFF':
        if (!line && componentOf(segment, 1, 1) === 'ON') response.orderNumber = issues.required(segment, 1, 2, 'order number');
        break;
      case 'NAD':
        if (componentOf(segment, 1) === 'BY') response.buyer = readParty(segment, issues);
        if (componentOf(segment, 1) === 'SU') response.supplier = readParty(segment, issues);
        break;
      case 'LIN': {
        const lin = readLin(segment, issues);
        const action = lin.actionCode;
        if (action !== '5' && action !== '6' && action !== '7') issues.add('invalid_value', segment, 2, 1, { name: 'action request (5, 6 or 7)', value: action });
        line = { lineNumber: lin.lineNumber, actionCode: action === '6' || action === '7' ? action : '5', item: lin.item, quantity: '', promisedDate: null, position: segment.position };
        response.lines.push(line);
        break;
      }
      case 'PIA':
        if (line) readPia(segment, line.item);
        break;
      case 'QTY':
        if (line && componentOf(segment, 1, 1) === '21') line.quantity = readQuantity(segment, issues, 'quantity') ?? '';
        break;
      case 'UNS':
        line = null;
        break;
      default:
        break;
    }
  }
  if (response.orderNumber === '') issues.add('missing_segment', null, null, null, { tag: 'RFF+ON' });
  checkLines(message, response.lines, issues);
  checkLineCount(message.segments, response.lines.length, issues);
  return { response: issues.issues.length === 0 ? response : null, issues: issues.issues };
}
