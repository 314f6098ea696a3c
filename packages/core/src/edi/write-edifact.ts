import { CoreError } from '../shared/core-error';
import { DEFAULT_EDI_SERVICE_CHARACTERS, type EdiParty, type EdiSegmentInput, type EdiServiceCharacters } from './types';

/**
 * Escapes one value: every service character (component, element, release, terminator) is preceded by
 * the release character. Source: ISO 9735-1 §7.4 (release character).
 * Example: escapeEdifactValue("O'Neil+Co?") = "O?'Neil?+Co??".
 */
export function escapeEdifactValue(value: string, characters: EdiServiceCharacters = DEFAULT_EDI_SERVICE_CHARACTERS): string {
  const special = new Set([characters.component, characters.element, characters.release, characters.terminator]);
  let out = '';
  for (const ch of value) out += special.has(ch) ? characters.release + ch : ch;
  return out;
}

/** Writes one segment: tag, elements joined by the element separator, components by the component separator, trailing empties dropped. */
export function formatEdifactSegment(segment: EdiSegmentInput, characters: EdiServiceCharacters = DEFAULT_EDI_SERVICE_CHARACTERS): string {
  if (!/^[A-Z][A-Z0-9]{2}$/.test(segment.tag)) throw new CoreError('invalid_input', `segment tag must be 3 upper-case characters, got "${segment.tag}"`, { path: 'tag' });
  const elements = segment.elements.map((element) => {
    const components = (typeof element === 'string' ? [element] : [...element]).map((c) => escapeEdifactValue(c, characters));
    while (components.length > 1 && components[components.length - 1] === '') components.pop();
    return components.join(characters.component);
  });
  while (elements.length > 0 && elements[elements.length - 1] === '') elements.pop();
  return [segment.tag, ...elements].join(characters.element) + characters.terminator;
}

/** One message to put in an interchange: its type identifier (UNH S009) and body segments (without UNH/UNT). */
export type EdifactMessageInput = {
  reference: string;
  /** e.g. ['ORDERS', 'D', '96A', 'UN', 'EAN008']. */
  identifier: readonly string[];
  segments: readonly EdiSegmentInput[];
};

export type WriteEdifactInterchangeInput = {
  sender: EdiParty;
  recipient: EdiParty;
  /** Interchange control reference (UNB 0020), at most 14 characters, unique per sender. */
  controlReference: string;
  /** Preparation date and time: 'YYYY-MM-DD' and 'HH:MM' (the caller's clock). */
  preparedDate: string;
  preparedTime: string;
  /** Syntax identifier (UNB S001): UNOA…UNOK; EANCOM uses UNOC (Latin-1) by default. */
  syntaxIdentifier?: string;
  /** Application reference (UNB 0026), e.g. EANCOM. */
  applicationReference?: string;
  messages: readonly EdifactMessageInput[];
  characters?: EdiServiceCharacters;
};

/**
 * Writes a whole interchange: UNA, UNB, each message framed by UNH/UNT with its segment count (UNH and
 * UNT included), UNZ with the message count. One segment per line (the line feed after the terminator is
 * ignored by readers). Source: ISO 9735-1 §6–8; EANCOM 2002 part I (UNA/UNB/UNH/UNT/UNZ).
 * Example: one message of 3 body segments gets UNT+5+<ref> and the interchange UNZ+1+<control ref>.
 * Throws invalid_input on a control reference longer than 14 characters or a date not YYYY-MM-DD.
 */
export function writeEdifactInterchange(input: WriteEdifactInterchangeInput): string {
  const ch = input.characters ?? DEFAULT_EDI_SERVICE_CHARACTERS;
  if (input.controlReference.length === 0 || input.controlReference.length > 14) throw new CoreError('invalid_input', `controlReference must have 1 to 14 characters, got "${input.controlReference}"`, { path: 'controlReference' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.preparedDate)) throw new CoreError('invalid_input', `preparedDate must be YYYY-MM-DD, got "${input.preparedDate}"`, { path: 'preparedDate' });
  if (!/^\d{2}:\d{2}$/.test(input.preparedTime)) throw new CoreError('invalid_input', `preparedTime must be HH:MM, got "${input.preparedTime}"`, { path: 'preparedTime' });
  const lines: string[] = [`UNA${ch.component}${ch.element}${ch.decimal}${ch.release} ${ch.terminator}`];
  const write = (segment: EdiSegmentInput): void => { lines.push(formatEdifactSegment(segment, ch)); };
  write({
    tag: 'UNB',
    elements: [
      [input.syntaxIdentifier ?? 'UNOC', '3'],
      [input.sender.id, input.sender.qualifier],
      [input.recipient.id, input.recipient.qualifier],
      [input.preparedDate.slice(2).replace(/-/g, ''), input.preparedTime.replace(':', '')],
      input.controlReference, '', input.applicationReference ?? '',
    ],
  });
  for (const message of input.messages) {
    write({ tag: 'UNH', elements: [message.reference, message.identifier] });
    for (const segment of message.segments) write(segment);
    write({ tag: 'UNT', elements: [String(message.segments.length + 2), message.reference] });
  }
  write({ tag: 'UNZ', elements: [String(input.messages.length), input.controlReference] });
  return lines.join('\n') + '\n';
}
