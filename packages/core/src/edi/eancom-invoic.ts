import type { EdifactMessage } from './validate-edifact-envelope';
import { IssueCollector, componentOf } from './internal/segment-access';
import { checkLineCount, checkLines, readLin, readParty, readPia, readQuantity, type EancomItemRef, type EancomPartyRef } from './internal/eancom-parts';
import type { EdiIssue } from './types';

/** A supplier's invoice (EANCOM INVOIC D.96A EAN008). */
export type EancomInvoice = {
  invoiceNumber: string;
  invoiceDate: string;
  /** RFF+ON: our purchase order number. */
  orderNumber: string | null;
  supplier: EancomPartyRef | null;
  buyer: EancomPartyRef | null;
  currency: string | null;
  /** MOA+77 invoice amount (else MOA+86 message total), as canonical decimal text. */
  totalAmount: string | null;
  lines: EancomInvoiceLine[];
};

export type EancomInvoiceLine = {
  lineNumber: number;
  item: EancomItemRef;
  /** QTY+47 invoiced quantity. */
  quantity: string;
  /** PRI+AAA net unit price. */
  unitPrice: string | null;
  /** MOA+203 line amount. */
  lineAmount: string | null;
  position: number;
};

/**
 * Reads an INVOIC: BGM+380 (commercial invoice) or 381 (credit note) number, DTM+137, RFF+ON, NAD+SU/BY,
 * CUX, lines with QTY+47, PRI+AAA, MOA+203; after UNS+S the totals MOA+77 (or 86); CNT+2 checked.
 * Source: GS1 EANCOM 2002 S4 INVOIC (D.96A, EAN008) message implementation guideline.
 */
export function readEancomInvoice(message: EdifactMessage): { invoice: EancomInvoice | null; issues: EdiIssue[] } {
  const issues = new IssueCollector(message.reference);
  const invoice: EancomInvoice = { invoiceNumber: '', invoiceDate: '', orderNumber: null, supplier: null, buyer: null, currency: null, totalAmount: null, lines: [] };
  let line: (EancomInvoiceLine & { hasQuantity: boolean }) | null = null;
  const lines: (EancomInvoiceLine & { hasQuantity: boolean })[] = [];
  let summary = false;
  let sawBgm = false;
  for (const segment of message.segments) {
    const q = componentOf(segment, 1, 1);
    switch (segment.tag) {
      case 'BGM':
        sawBgm = true;
        if (q !== '380' && q !== '381') issues.add('invalid_value', segment, 1, 1, { name: 'document name code (380 invoice, 381 credit note)', value: q });
        invoice.invoiceNumber = issues.required(segment, 2, 1, 'invoice number');
        break;
      case 'DTM':
        if (!line && !summary && q === '137') invoice.invoiceDate = issues.date(segment, 'invoice date') ?? '';
        break;
      case 'RFF':
        if (q === 'ON' && !summary) invoice.orderNumber = issues.required(segment, 1, 2, 'order number');
        break;
      case 'NAD':
        if (q === 'SU') invoice.supplier = readParty(segment, issues);
        else if (q === 'BY') invoice.buyer = readParty(segment, issues);
        break;
      case 'CUX':
        invoice.currency = componentOf(segment, 1, 2) || null;
        break;
      case 'LIN': {
        const lin = readLin(segment, issues);
        line = { lineNumber: lin.lineNumber, item: lin.item, quantity: '', unitPrice: null, lineAmount: null, position: segment.position, hasQuantity: false };
        lines.push(line);
        break;
      }
      case 'PIA':
        if (line) readPia(segment, line.item);
        break;
      case 'QTY':
        if (line && q === '47') {
          line.hasQuantity = true;
          line.quantity = readQuantity(segment, issues, 'invoiced quantity') ?? '';
        }
        break;
      case 'PRI':
        if (line && q === 'AAA') line.unitPrice = issues.decimal(segment, 1, 2, 'net unit price');
        break;
      case 'MOA':
        if (line && !summary && q === '203') line.lineAmount = issues.decimal(segment, 1, 2, 'line amount');
        if (summary && (q === '77' || (q === '86' && invoice.totalAmount === null))) invoice.totalAmount = issues.decimal(segment, 1, 2, 'invoice amount');
        break;
      case 'UNS':
        line = null;
        summary = true;
        break;
      default:
        break;
    }
  }
  if (!sawBgm) issues.add('missing_segment', null, null, null, { tag: 'BGM' });
  if (invoice.invoiceDate === '' && !issues.issues.some((i) => i.code === 'invalid_date')) issues.add('missing_segment', null, null, null, { tag: 'DTM+137' });
  checkLines(message, lines, issues);
  for (const l of lines) if (!l.hasQuantity) issues.add('missing_segment', message.segments.find((s) => s.position === l.position) ?? null, null, null, { tag: 'QTY+47' });
  checkLineCount(message.segments, lines.length, issues);
  invoice.lines = lines.map(({ hasQuantity: _unused, ...rest }) => rest);
  return { invoice: issues.issues.length === 0 ? invoice : null, issues: issues.issues };
}
