import { IssueCollector, componentOf } from './internal/segment-access';
import type { EdiIssue, EdiParty, EdiSegment } from './types';

/** One message of an interchange: its identifier (UNH S009) and body (between UNH and UNT). */
export type EdifactMessage = {
  reference: string;
  type: string;
  version: string;
  release: string;
  agency: string;
  associationCode: string;
  /** Position of its UNH in the interchange. */
  headerPosition: number;
  segments: EdiSegment[];
};

export type EdifactInterchange = {
  syntaxIdentifier: string;
  syntaxVersion: string;
  sender: EdiParty;
  recipient: EdiParty;
  /** Preparation date YYYY-MM-DD and time HH:MM from UNB S004. */
  preparedDate: string;
  preparedTime: string;
  controlReference: string;
  applicationReference: string;
  messages: EdifactMessage[];
};

export type ValidateEdifactEnvelopeResult = { interchange: EdifactInterchange; issues: EdiIssue[] };

/**
 * Checks the envelope of a tokenized interchange and splits it into messages: UNB first with sender,
 * recipient, date/time and control reference; every UNH closed by a UNT whose segment count (UNH and UNT
 * included) and reference match; no segment outside a message but UNG/UNE; UNZ last with the message (or
 * group) count and the UNB reference; message references unique. Returns every issue, never only the first.
 * Source: ISO 9735-1 §8 (interchange structure), EANCOM 2002 part I §4 (service segments).
 * Example: UNH+1+ORDERS…, 8 segments, UNT+9+1 → count_mismatch at UNT element 1 (expected 8, actual 9).
 */
export function validateEdifactEnvelope(segments: readonly EdiSegment[]): ValidateEdifactEnvelopeResult {
  const envelope = new IssueCollector(null);
  const unb = segments[0];
  const interchange: EdifactInterchange = {
    syntaxIdentifier: '', syntaxVersion: '', sender: { id: '', qualifier: '' }, recipient: { id: '', qualifier: '' },
    preparedDate: '', preparedTime: '', controlReference: '', applicationReference: '', messages: [],
  };
  const messageIssues: EdiIssue[] = [];
  if (!unb || unb.tag !== 'UNB') {
    envelope.add('missing_segment', unb ?? null, null, null, { tag: 'UNB' });
    return { interchange, issues: envelope.issues };
  }
  interchange.syntaxIdentifier = envelope.required(unb, 1, 1, 'syntax identifier');
  interchange.syntaxVersion = envelope.required(unb, 1, 2, 'syntax version');
  interchange.sender = { id: envelope.required(unb, 2, 1, 'interchange sender'), qualifier: componentOf(unb, 2, 2) };
  interchange.recipient = { id: envelope.required(unb, 3, 1, 'interchange recipient'), qualifier: componentOf(unb, 3, 2) };
  const date = envelope.required(unb, 4, 1, 'preparation date');
  const time = envelope.required(unb, 4, 2, 'preparation time');
  if (date !== '') {
    const match = /^(\d{2})(\d{2})(\d{2})$/.exec(date) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(date);
    if (match) interchange.preparedDate = `${match[1]!.length === 2 ? `20${match[1]}` : match[1]}-${match[2]}-${match[3]}`;
    else envelope.add('invalid_date', unb, 4, 1, { name: 'preparation date', value: date, format: 'YYMMDD' });
  }
  if (time !== '') {
    if (/^\d{4}$/.test(time)) interchange.preparedTime = `${time.slice(0, 2)}:${time.slice(2)}`;
    else envelope.add('invalid_value', unb, 4, 2, { name: 'preparation time', value: time });
  }
  interchange.controlReference = envelope.required(unb, 5, 1, 'interchange control reference');
  if (interchange.controlReference.length > 14) envelope.add('invalid_value', unb, 5, 1, { name: 'interchange control reference', value: interchange.controlReference });
  interchange.applicationReference = componentOf(unb, 7, 1);

  let open: { unh: EdiSegment; body: EdiSegment[] } | null = null;
  let groupCount = 0;
  let unz: EdiSegment | null = null;
  const references = new Set<string>();
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i]!;
    if (unz) {
      envelope.add('misplaced_segment', segment, null, null, { tag: segment.tag });
      continue;
    }
    if (segment.tag === 'UNH') {
      if (open) envelope.add('missing_segment', segment, null, null, { tag: 'UNT' });
      open = { unh: segment, body: [] };
      continue;
    }
    if (segment.tag === 'UNT') {
      if (!open) {
        envelope.add('misplaced_segment', segment, null, null, { tag: 'UNT' });
        continue;
      }
      const reference = componentOf(open.unh, 1);
      const collector = new IssueCollector(reference);
      const actual = open.body.length + 2;
      const declared = collector.required(segment, 1, 1, 'number of segments in the message');
      if (declared !== '' && Number(declared) !== actual) collector.add('count_mismatch', segment, 1, 1, { name: 'number of segments in the message', expected: declared, actual });
      if (componentOf(segment, 2) !== reference) collector.add('reference_mismatch', segment, 2, 1, { name: 'message reference', expected: reference, actual: componentOf(segment, 2) });
      if (reference === '') collector.add('missing_element', open.unh, 1, 1, { name: 'message reference' });
      else if (references.has(reference)) collector.add('duplicate_message', open.unh, 1, 1, { value: reference });
      references.add(reference);
      const type = collector.required(open.unh, 2, 1, 'message type');
      interchange.messages.push({
        reference, type, version: componentOf(open.unh, 2, 2), release: componentOf(open.unh, 2, 3), agency: componentOf(open.unh, 2, 4),
        associationCode: componentOf(open.unh, 2, 5), headerPosition: open.unh.position, segments: open.body,
      });
      messageIssues.push(...collector.issues);
      open = null;
      continue;
    }
    if (segment.tag === 'UNZ') {
      if (open) envelope.add('missing_segment', segment, null, null, { tag: 'UNT' });
      open = null;
      unz = segment;
      continue;
    }
    if (segment.tag === 'UNG') { groupCount++; continue; }
    if (segment.tag === 'UNE') continue;
    if (open) open.body.push(segment);
    else envelope.add('misplaced_segment', segment, null, null, { tag: segment.tag });
  }
  if (open) envelope.add('missing_segment', null, null, null, { tag: 'UNT' });
  if (!unz) envelope.add('missing_segment', null, null, null, { tag: 'UNZ' });
  else {
    const expected = groupCount > 0 ? groupCount : interchange.messages.length;
    const declared = envelope.required(unz, 1, 1, 'interchange control count');
    if (declared !== '' && Number(declared) !== expected) envelope.add('count_mismatch', unz, 1, 1, { name: 'interchange control count', expected: declared, actual: expected });
    if (componentOf(unz, 2) !== interchange.controlReference) envelope.add('reference_mismatch', unz, 2, 1, { name: 'interchange control reference', expected: interchange.controlReference, actual: componentOf(unz, 2) });
  }
  return { interchange, issues: [...envelope.issues, ...messageIssues] };
}
