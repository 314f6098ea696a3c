import { DEFAULT_EDI_SERVICE_CHARACTERS, type EdiIssue, type EdiSegment, type EdiServiceCharacters } from './types';

export type TokenizeEdifactResult = {
  segments: EdiSegment[];
  characters: EdiServiceCharacters;
  /** UNB S001 syntax identifier (UNOA, UNOC, UNOY…), null when there is no UNB. */
  syntaxIdentifier: string | null;
  /** Syntax errors; when not empty, `segments` holds only what was read before the first one. */
  issues: EdiIssue[];
};

/** Character repertoires of the syntax identifiers (ISO 9735-1 annex A / EANCOM part I §5). */
const CHARSET_TESTS: Readonly<Record<string, (code: number) => boolean>> = {
  // Level A: upper-case letters, digits, space and . , - ( ) / = ' + : ? ! " % & * ; < >
  UNOA: (c) => (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || ' .,-()/=\'+:?!"%&*;<>'.includes(String.fromCharCode(c)),
  // Level B: the printable characters of ISO 646 (ASCII 0x20–0x7E).
  UNOB: (c) => c >= 0x20 && c <= 0x7e,
  // Level C: ISO 8859-1 (Latin-1) graphic characters.
  UNOC: (c) => (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff),
};
/** UNOD…UNOK (other ISO 8859 parts), UNOW and UNOY (ISO 10646 / UTF-8): any character but control codes. */
const ANY_GRAPHIC = (c: number): boolean => c >= 0x20 && c !== 0x7f && !(c >= 0x80 && c < 0xa0);
export const SUPPORTED_EDI_SYNTAX_IDENTIFIERS = ['UNOA', 'UNOB', 'UNOC', 'UNOD', 'UNOE', 'UNOF', 'UNOG', 'UNOH', 'UNOI', 'UNOJ', 'UNOK', 'UNOW', 'UNOY'] as const;

function issue(code: EdiIssue['code'], segmentTag: string | null, segmentPosition: number | null, elementPosition: number | null, componentPosition: number | null, params: Record<string, string | number>): EdiIssue {
  return { code, segmentTag, segmentPosition, elementPosition, componentPosition, messageReference: null, params };
}

/**
 * Splits EDIFACT text into segments, elements and components (ADR 0008): reads the UNA service string
 * advice when present (else ISO 9735's defaults `:+.? '`), honours the release character, ignores line
 * breaks between segments, and checks every character against the repertoire of the UNB syntax
 * identifier (UNOA, UNOB, UNOC; UNOD–UNOK, UNOW, UNOY accept any graphic character). Stops at the first
 * syntax error and reports it with segment position, element and component.
 * Source: ISO 9735-1 §4–7 (service characters, release character, syntax identifiers).
 * Example: "UNB+UNOC:3+A+B+261124:0905+1'BGM+220+PO?+1'" → BGM elements [['220'], ['PO+1']].
 */
export function tokenizeEdifact(rawText: string): TokenizeEdifactResult {
  let text = rawText.replace(/^\ufeff/, '');
  let characters = DEFAULT_EDI_SERVICE_CHARACTERS;
  text = text.replace(/^[\s]+/, '');
  if (text.startsWith('UNA')) {
    if (text.length < 9) return { segments: [], characters, syntaxIdentifier: null, issues: [issue('syntax_error', 'UNA', null, null, null, { detail: 'UNA must have 6 service characters' })] };
    characters = { component: text[3]!, element: text[4]!, decimal: text[5]!, release: text[6]!, terminator: text[8]! };
    const used = [characters.component, characters.element, characters.release, characters.terminator];
    if (new Set(used).size !== used.length || used.some((c) => /[A-Za-z0-9]/.test(c))) {
      return { segments: [], characters, syntaxIdentifier: null, issues: [issue('syntax_error', 'UNA', null, null, null, { detail: `UNA service characters must be distinct non-alphanumeric characters, got "${text.slice(3, 9)}"` })] };
    }
    text = text.slice(9);
  }
  const segments: EdiSegment[] = [];
  let accept: (code: number) => boolean = ANY_GRAPHIC;
  let syntaxIdentifier: string | null = null;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\r' || c === '\n') { i++; continue; }
    const position = segments.length + 1;
    const elements: string[][] = [[]];
    let component = '';
    let tag: string | null = null;
    let terminated = false;
    for (; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === characters.release) {
        i++;
        if (i >= text.length) return fail('syntax_error', { detail: 'release character at the end of the text' });
        component += text[i];
        continue;
      }
      if (ch === characters.terminator || ch === characters.element || ch === characters.component) {
        if (tag === null) {
          tag = component;
          component = '';
          if (!/^[A-Z0-9]{3}$/.test(tag)) return fail('syntax_error', { detail: `segment tag must be 3 upper-case letters or digits, got "${tag}"` }, tag);
          if (ch === characters.terminator) { terminated = true; i++; break; }
          if (ch === characters.component) return fail('syntax_error', { detail: 'a segment tag has no components' }, tag);
          continue;
        }
        elements[elements.length - 1]!.push(component);
        component = '';
        if (ch === characters.element) elements.push([]);
        if (ch === characters.terminator) { terminated = true; i++; break; }
        continue;
      }
      if (ch === '\r' || ch === '\n') continue; // line folding inside a segment is tolerated
      const code = ch.codePointAt(0)!;
      if (!accept(code)) {
        return fail('syntax_error', { detail: `character "${ch}" (U+${code.toString(16).toUpperCase().padStart(4, '0')}) is not in character set ${syntaxIdentifier ?? '?'}`, charset: syntaxIdentifier ?? '' }, tag, tag === null ? null : elements.length, tag === null ? null : elements[elements.length - 1]!.length + 1);
      }
      component += ch;
    }
    if (!terminated) return fail('syntax_error', { detail: `segment ${tag ?? component} has no segment terminator ${characters.terminator}` }, tag ?? null);
    const segment: EdiSegment = { tag: tag!, elements: tag === null ? [] : (elements.length === 1 && elements[0]!.length === 0 ? [] : elements), position };
    segments.push(segment);
    if (segments.length === 1 && segment.tag === 'UNB') {
      syntaxIdentifier = segment.elements[0]?.[0] ?? '';
      if (!(SUPPORTED_EDI_SYNTAX_IDENTIFIERS as readonly string[]).includes(syntaxIdentifier)) {
        return { segments, characters, syntaxIdentifier, issues: [issue('unsupported_charset', 'UNB', 1, 1, 1, { value: syntaxIdentifier, expected: SUPPORTED_EDI_SYNTAX_IDENTIFIERS.join(', ') })] };
      }
      accept = CHARSET_TESTS[syntaxIdentifier] ?? ANY_GRAPHIC;
      // The UNB itself was read before its character set was known: check it now.
      for (const [e, element] of segment.elements.entries()) for (const [k, value] of element.entries()) for (const ch of value) {
        if (!accept(ch.codePointAt(0)!)) return { segments, characters, syntaxIdentifier, issues: [issue('syntax_error', 'UNB', 1, e + 1, k + 1, { detail: `character "${ch}" is not in character set ${syntaxIdentifier}`, charset: syntaxIdentifier })] };
      }
    }
    function fail(code: EdiIssue['code'], params: Record<string, string | number>, failedTag: string | null = null, element: number | null = null, componentPosition: number | null = null): TokenizeEdifactResult {
      return { segments, characters, syntaxIdentifier, issues: [issue(code, failedTag, position, element, componentPosition, params)] };
    }
    continue;
  }
  return { segments, characters, syntaxIdentifier, issues: [] };
}
