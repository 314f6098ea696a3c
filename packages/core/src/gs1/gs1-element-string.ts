import { CoreError } from '../shared/core-error';
import { isValidGs1Key } from './check-digit';

/** Application identifiers supported: SSCC, GTIN, content GTIN, batch/lot, best-before, expiry, count, net weight kg (n decimals). */
export type Gs1ApplicationIdentifier = '00' | '01' | '02' | '10' | '15' | '17' | '37' | '3100' | '3101' | '3102' | '3103' | '3104' | '3105';

export type Gs1Element = { ai: Gs1ApplicationIdentifier; value: string };

type AiDefinition = { title: string; fixedLength: number | null; maxLength: number; pattern: RegExp; key?: 'sscc' | 'gtin-14' };

// Lengths and formats: GS1 General Specifications §3.2 (AI table); "fixedLength" = predefined length (Figure 7.8.5-2), no FNC1 needed.
const AI_DEFINITIONS: Readonly<Record<Gs1ApplicationIdentifier, AiDefinition>> = {
  '00': { title: 'SSCC', fixedLength: 18, maxLength: 18, pattern: /^\d{18}$/, key: 'sscc' },
  '01': { title: 'GTIN', fixedLength: 14, maxLength: 14, pattern: /^\d{14}$/, key: 'gtin-14' },
  '02': { title: 'CONTENT', fixedLength: 14, maxLength: 14, pattern: /^\d{14}$/, key: 'gtin-14' },
  '10': { title: 'BATCH/LOT', fixedLength: null, maxLength: 20, pattern: /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/ },
  '15': { title: 'BEST BEFORE or BEST BY', fixedLength: 6, maxLength: 6, pattern: /^\d{2}(0[1-9]|1[0-2])(0\d|[12]\d|3[01])$/ },
  '17': { title: 'USE BY OR EXPIRY', fixedLength: 6, maxLength: 6, pattern: /^\d{2}(0[1-9]|1[0-2])(0\d|[12]\d|3[01])$/ },
  '37': { title: 'COUNT', fixedLength: null, maxLength: 8, pattern: /^\d{1,8}$/ },
  '3100': { title: 'NET WEIGHT (kg)', fixedLength: 6, maxLength: 6, pattern: /^\d{6}$/ },
  '3101': { title: 'NET WEIGHT (kg)', fixedLength: 6, maxLength: 6, pattern: /^\d{6}$/ },
  '3102': { title: 'NET WEIGHT (kg)', fixedLength: 6, maxLength: 6, pattern: /^\d{6}$/ },
  '3103': { title: 'NET WEIGHT (kg)', fixedLength: 6, maxLength: 6, pattern: /^\d{6}$/ },
  '3104': { title: 'NET WEIGHT (kg)', fixedLength: 6, maxLength: 6, pattern: /^\d{6}$/ },
  '3105': { title: 'NET WEIGHT (kg)', fixedLength: 6, maxLength: 6, pattern: /^\d{6}$/ },
};

/** The ASCII group separator that stands for FNC1 inside an element string (GS1 General Specifications §7.8.5). */
export const GS1_FNC1_SEPARATOR = '\u001d';

export type Gs1ElementStringResult = {
  /** Human-readable interpretation, e.g. `(00)106141411234567897(10)LOT42`. */
  humanReadable: string;
  /** Data carried by a GS1-128 symbol after its leading FNC1: AIs and values, FNC1 (ASCII 29) after each variable-length field that is not last. */
  elementString: string;
  elements: Gs1Element[];
};

function validateElement(element: Gs1Element, path: string): void {
  const definition = AI_DEFINITIONS[element.ai];
  if (definition === undefined) throw new CoreError('unsupported', `Application identifier (${String(element.ai)}) is not supported`, { path: `${path}.ai` });
  if (typeof element.value !== 'string' || !definition.pattern.test(element.value)) {
    throw new CoreError('invalid_input', `AI (${element.ai}) ${definition.title}: value "${String(element.value)}" does not match its format`, { path: `${path}.value` });
  }
  if (definition.key !== undefined && !isValidGs1Key(element.value, definition.key)) {
    throw new CoreError('invalid_input', `AI (${element.ai}) ${definition.title}: wrong check digit in ${element.value}`, { path: `${path}.value` });
  }
}

/**
 * Builds a GS1-128 element string from application identifiers and values.
 * Rule: predefined-length AIs (00, 01, 02, 15, 17, 310n) are concatenated as they are; a variable-length AI
 * (10, 37) is followed by FNC1 unless it is the last element. With `variableLengthLast` (default true) the
 * fixed-length elements go first (stable), which saves separators as GS1 recommends.
 * Source: GS1 General Specifications §5.4 (GS1-128) and §7.8 (element strings, FNC1).
 * Example: encodeGs1ElementString([{ ai: '10', value: 'ABC123' }, { ai: '01', value: '10614141000415' }]).humanReadable
 *   = '(01)10614141000415(10)ABC123'.
 * Throws empty_input, unsupported (unknown AI), invalid_input (format or check digit).
 */
export function encodeGs1ElementString(elements: readonly Gs1Element[], options: { variableLengthLast?: boolean } = {}): Gs1ElementStringResult {
  if (elements.length === 0) throw new CoreError('empty_input', 'An element string needs at least one element', { path: 'elements' });
  elements.forEach((element, index) => validateElement(element, `elements[${index}]`));
  const ordered = (options.variableLengthLast ?? true)
    ? elements.map((element, index) => ({ element, index })).sort((a, b) => {
        const fa = AI_DEFINITIONS[a.element.ai].fixedLength === null ? 1 : 0;
        const fb = AI_DEFINITIONS[b.element.ai].fixedLength === null ? 1 : 0;
        return fa - fb || a.index - b.index;
      }).map((entry) => entry.element)
    : [...elements];
  let elementString = '';
  ordered.forEach((element, index) => {
    elementString += element.ai + element.value;
    if (AI_DEFINITIONS[element.ai].fixedLength === null && index < ordered.length - 1) elementString += GS1_FNC1_SEPARATOR;
  });
  const humanReadable = ordered.map((element) => `(${element.ai})${element.value}`).join('');
  return { humanReadable, elementString, elements: ordered.map((element) => ({ ...element })) };
}

function matchAi(text: string, position: number): Gs1ApplicationIdentifier | undefined {
  for (const length of [2, 4]) {
    const candidate = text.slice(position, position + length) as Gs1ApplicationIdentifier;
    if (candidate.length === length && AI_DEFINITIONS[candidate] !== undefined) return candidate;
  }
  return undefined;
}

/**
 * Parses a GS1 element string back into elements: either the human-readable form `(01)…(10)…` or the raw
 * form with FNC1 as ASCII 29 (an optional `]C1` symbology identifier is skipped). Values are validated as on encode.
 * Example: parseGs1ElementString('(00)106141411234567897(37)24') = [{ ai: '00', … }, { ai: '37', value: '24' }].
 * Throws empty_input, unsupported (unknown AI at a position), invalid_input (format, check digit, truncated field).
 */
export function parseGs1ElementString(text: string): Gs1Element[] {
  const trimmed = text.trim();
  if (trimmed === '') throw new CoreError('empty_input', 'Empty element string', { path: 'text' });
  const elements: Gs1Element[] = [];
  if (trimmed.startsWith('(')) {
    const pattern = /\((\d{2,4})\)([^(]*)/g;
    let consumed = 0;
    for (const match of trimmed.matchAll(pattern)) {
      if (match.index !== consumed) break;
      consumed += match[0].length;
      const ai = match[1] as Gs1ApplicationIdentifier;
      if (AI_DEFINITIONS[ai] === undefined) throw new CoreError('unsupported', `Application identifier (${ai}) is not supported`, { path: `elements[${elements.length}].ai` });
      elements.push({ ai, value: match[2] ?? '' });
    }
    if (consumed !== trimmed.length) throw new CoreError('invalid_input', `Unreadable text at character ${consumed + 1}`, { path: 'text' });
  } else {
    const raw = trimmed.startsWith(']C1') ? trimmed.slice(3) : trimmed;
    let position = raw.startsWith(GS1_FNC1_SEPARATOR) ? 1 : 0;
    while (position < raw.length) {
      const ai = matchAi(raw, position);
      if (ai === undefined) throw new CoreError('unsupported', `No supported application identifier at character ${position + 1}`, { path: 'text' });
      position += ai.length;
      const definition = AI_DEFINITIONS[ai];
      let value: string;
      if (definition.fixedLength !== null) {
        value = raw.slice(position, position + definition.fixedLength);
        if (value.length < definition.fixedLength) throw new CoreError('invalid_input', `AI (${ai}) is truncated`, { path: `elements[${elements.length}].value` });
        position += definition.fixedLength;
        if (raw[position] === GS1_FNC1_SEPARATOR) position += 1;
      } else {
        const end = raw.indexOf(GS1_FNC1_SEPARATOR, position);
        value = end === -1 ? raw.slice(position) : raw.slice(position, end);
        position = end === -1 ? raw.length : end + 1;
      }
      elements.push({ ai, value });
    }
  }
  elements.forEach((element, index) => validateElement(element, `elements[${index}]`));
  return elements;
}

/**
 * Net weight element AI 310n: the weight in kg written on 6 digits with n decimals (n = 0–5).
 * Example: toNetWeightElement(12.5, 2) = { ai: '3102', value: '001250' }.
 * Throws out_of_range when the weight does not fit in 6 digits or is negative.
 */
export function toNetWeightElement(netWeightKg: number, decimals: 0 | 1 | 2 | 3 | 4 | 5): Gs1Element {
  const scaled = Math.round(netWeightKg * 10 ** decimals);
  if (!Number.isFinite(netWeightKg) || scaled < 0 || scaled > 999999) {
    throw new CoreError('out_of_range', `Net weight ${netWeightKg} kg does not fit 6 digits with ${decimals} decimals`, { path: 'netWeightKg' });
  }
  return { ai: `310${decimals}` as Gs1ApplicationIdentifier, value: String(scaled).padStart(6, '0') };
}

/** Reads the kg value of a 310n element. Example: fromNetWeightElement({ ai: '3102', value: '001250' }) = 12.5. */
export function fromNetWeightElement(element: Gs1Element): number {
  if (!/^310[0-5]$/.test(element.ai)) throw new CoreError('invalid_input', `AI (${element.ai}) is not a net weight in kg`, { path: 'ai' });
  return Number(element.value) / 10 ** Number(element.ai[3]);
}
