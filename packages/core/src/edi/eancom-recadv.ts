import type { EdifactMessage } from './validate-edifact-envelope';
import { IssueCollector, componentOf } from './internal/segment-access';
import { checkLineCount, checkLines, readLin, readParty, readPia, readQuantity, type EancomItemRef, type EancomPartyRef } from './internal/eancom-parts';
import type { EdiIssue } from './types';

/** A receiving advice (EANCOM RECADV D.96A EAN003): what a customer received against our despatch advice. */
export type EancomReceivingAdvice = {
  adviceNumber: string;
  documentDate: string;
  /** DTM+50 goods receipt date. */
  receiptDate: string | null;
  /** RFF+AAK: the despatch advice number (our shipment). */
  despatchAdviceNumber: string | null;
  buyer: EancomPartyRef | null;
  lines: EancomReceivingLine[];
};

export type EancomReceivingLine = {
  lineNumber: number;
  item: EancomItemRef;
  /** QTY+48 received quantity. */
  quantityReceived: string;
  /** QTY+194 received and accepted, when sent. */
  quantityAccepted: string | null;
  lotNumber: string | null;
  position: number;
};

/**
 * Reads a RECADV: BGM+632 number, DTM+137 and DTM+50, RFF+AAK (despatch advice answered), NAD+BY, lines
 * with QTY+48 (received) and QTY+194 (accepted). Source: GS1 EANCOM 2002 S4 RECADV (D.96A, EAN003).
 */
export function readEancomReceivingAdvice(message: EdifactMessage): { advice: EancomReceivingAdvice | null; issues: EdiIssue[] } {
  const issues = new IssueCollector(message.reference);
  const advice: EancomReceivingAdvice = { adviceNumber: '', documentDate: '', receiptDate: null, despatchAdviceNumber: null, buyer: null, lines: [] };
  let line: (EancomReceivingLine & { hasQuantity: boolean }) | null = null;
  const lines: (EancomReceivingLine & { hasQuantity: boolean })[] = [];
  for (const segment of message.segments) {
    const q = componentOf(segment, 1, 1);
    switch (segment.tag) {
      case 'BGM':
        advice.adviceNumber = issues.required(segment, 2, 1, 'receiving advice number');
        break;
      case 'DTM':
        if (line) break;
        if (q === '137') advice.documentDate = issues.date(segment, 'document date') ?? '';
        else if (q === '50') advice.receiptDate = issues.date(segment, 'goods receipt date');
        break;
      case 'RFF':
        if (!line && q === 'AAK') advice.despatchAdviceNumber = issues.required(segment, 1, 2, 'despatch advice number');
        break;
      case 'NAD':
        if (q === 'BY') advice.buyer = readParty(segment, issues);
        break;
      case 'LIN': {
        const lin = readLin(segment, issues);
        line = { lineNumber: lin.lineNumber, item: lin.item, quantityReceived: '', quantityAccepted: null, lotNumber: null, position: segment.position, hasQuantity: false };
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
        if (!line) break;
        if (q === '48') {
          line.hasQuantity = true;
          line.quantityReceived = issues.decimal(segment, 1, 2, 'received quantity') ?? '';
        } else if (q === '194') line.quantityAccepted = readQuantity(segment, issues, 'accepted quantity');
        break;
      case 'UNS':
        line = null;
        break;
      default:
        break;
    }
  }
  if (advice.adviceNumber === '' && !issues.issues.length) issues.add('missing_segment', null, null, null, { tag: 'BGM' });
  if (advice.despatchAdviceNumber === null) issues.add('missing_segment', null, null, null, { tag: 'RFF+AAK' });
  checkLines(message, lines, issues);
  for (const l of lines) if (!l.hasQuantity) issues.add('missing_segment', message.segments.find((s) => s.position === l.position) ?? null, null, null, { tag: 'QTY+48' });
  checkLineCount(message.segments, lines.length, issues);
  advice.lines = lines.map(({ hasQuantity: _unused, ...rest }) => rest);
  return { advice: issues.issues.length === 0 ? advice : null, issues: issues.issues };
}
