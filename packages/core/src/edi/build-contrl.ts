import type { EdifactInterchange } from './validate-edifact-envelope';
import type { EdifactMessageInput } from './write-edifact';
import { EDI_SYNTAX_ERROR_CODES, type EdiIssue } from './types';

export const CONTRL_IDENTIFIER = ['CONTRL', 'D', '3', 'UN'] as const;

/**
 * Builds the CONTRL message that answers a received interchange. UCI names the interchange (reference,
 * sender, recipient) with action 7 (acknowledged) or 4 (rejected) and, for an envelope error, its syntax
 * error code (0085), segment tag and element position. Then one UCM per message: action 7 or 4; a rejected
 * message lists UCS (segment position counted from its UNH = 1, error code) and UCD (error code, element
 * and component position). Source: ISO 9735-1 / UN/EDIFACT CONTRL D.3 (syntax and service report), UCI/UCM/UCS/UCD.
 * Example: one message with a bad QTY at position 9, element 1, component 2 → UCM+1+ORDERS:D:96A:UN+4,
 * UCS+9+12, UCD+12+1:2 and UCI+…+4.
 */
export function buildContrlMessage(interchange: EdifactInterchange, issues: readonly EdiIssue[], reference: string): EdifactMessageInput {
  const envelopeIssues = issues.filter((i) => i.messageReference === null);
  const rejected = issues.length > 0;
  const firstEnvelope = envelopeIssues[0];
  const uci = [
    interchange.controlReference, [interchange.sender.id, interchange.sender.qualifier], [interchange.recipient.id, interchange.recipient.qualifier], rejected ? '4' : '7',
    firstEnvelope ? EDI_SYNTAX_ERROR_CODES[firstEnvelope.code] : '',
    firstEnvelope?.segmentTag ?? '',
    firstEnvelope?.elementPosition ? [String(firstEnvelope.elementPosition), firstEnvelope.componentPosition ? String(firstEnvelope.componentPosition) : ''] : '',
  ];
  const segments: EdifactMessageInput['segments'][number][] = [{ tag: 'UCI', elements: uci }];
  for (const message of interchange.messages) {
    const own = issues.filter((i) => i.messageReference === message.reference);
    const messageRejected = own.length > 0 || envelopeIssues.length > 0;
    const identifier = [message.type, message.version, message.release, message.agency];
    const firstHeaderIssue = own.find((i) => i.segmentTag === 'UNH' || i.segmentTag === 'UNT');
    segments.push({ tag: 'UCM', elements: [message.reference, identifier, messageRejected ? '4' : '7', firstHeaderIssue ? EDI_SYNTAX_ERROR_CODES[firstHeaderIssue.code] : '', firstHeaderIssue?.segmentTag ?? ''] });
    for (const issue of own) {
      if (issue === firstHeaderIssue) continue;
      const position = issue.segmentPosition === null ? '' : String(issue.segmentPosition - message.headerPosition + 1);
      segments.push({ tag: 'UCS', elements: [position, issue.elementPosition === null ? EDI_SYNTAX_ERROR_CODES[issue.code] : ''] });
      if (issue.elementPosition !== null) segments.push({ tag: 'UCD', elements: [EDI_SYNTAX_ERROR_CODES[issue.code], [String(issue.elementPosition), issue.componentPosition === null ? '' : String(issue.componentPosition)]] });
    }
  }
  return { reference, identifier: CONTRL_IDENTIFIER, segments };
}
