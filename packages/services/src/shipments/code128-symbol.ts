import { CoreError, GS1_FNC1_SEPARATOR } from '@flowpilot/core';

/**
 * Bar and space widths (in modules, bar first) of the 107 Code 128 symbol characters, by value 0–106:
 * 0–102 data/function characters, 103–105 Start A/B/C, 106 Stop (7 elements: 13 modules with its final bar).
 * Source: ISO/IEC 15417:2007 (Code 128 bar code symbology specification), Table 1.
 */
const WIDTHS = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
] as const;

export const CODE128_START_B = 104;
export const CODE128_START_C = 105;
export const CODE128_CODE_B = 100;
export const CODE128_CODE_C = 99;
export const CODE128_FNC1 = 102;
export const CODE128_STOP = 106;

/** A Code 128 symbol: its symbol character values (start … check, stop) and its modules ('1' bar, '0' space). */
export type Code128Symbol = {
  values: number[];
  checkValue: number;
  /** Modules from the start character to the end of the stop pattern, quiet zones excluded. */
  modules: string;
};

/** The bar/space widths of one symbol character value (ISO/IEC 15417 Table 1). */
export function shipmentCode128Widths(value: number): string {
  const widths = WIDTHS[value];
  if (widths === undefined) throw new CoreError('out_of_range', `Code 128 has no symbol character ${value}`, { path: 'value' });
  return widths;
}

/**
 * Symbol check character: (start value + Σ position × value) mod 103, positions 1, 2, … after the start.
 * Source: ISO/IEC 15417:2007 §4.6. Example (Wikipedia "Code 128", PJJ123C in code set A):
 * [103, 48, 42, 42, 17, 18, 19, 35] → 878 mod 103 = 54.
 */
export function computeShipmentCode128Check(valuesFromStart: readonly number[]): number {
  let sum = valuesFromStart[0] ?? 0;
  for (let i = 1; i < valuesFromStart.length; i += 1) sum += i * valuesFromStart[i]!;
  return sum % 103;
}

type Token = { kind: 'fnc1' } | { kind: 'char'; code: number };

/**
 * Shortest symbol character sequence for the data in code sets B and C (dynamic programme over
 * position × code set; a switch costs one character, a digit pair in C one, a character in B one).
 * GS1-128 data: a leading FNC1 then the element string, where ASCII 29 stands for FNC1.
 * Source: ISO/IEC 15417:2007 Annex E (minimising symbol length); GS1 General Specifications §5.4.
 */
function encodeValues(tokens: readonly Token[]): number[] {
  const n = tokens.length;
  const isDigit = (t: Token | undefined): boolean => t !== undefined && t.kind === 'char' && t.code >= 48 && t.code <= 57;
  // cost[i][set]: fewest characters to encode tokens i… when the current set is set (0 = B, 1 = C).
  const cost: [number, number][] = Array.from({ length: n + 1 }, () => [Infinity, Infinity] as [number, number]);
  cost[n] = [0, 0];
  for (let i = n - 1; i >= 0; i -= 1) {
    const token = tokens[i]!;
    const inB = token.kind === 'fnc1' || (token.code >= 32 && token.code <= 127) ? 1 + cost[i + 1]![0] : Infinity;
    const inC = token.kind === 'fnc1' ? 1 + cost[i + 1]![1] : isDigit(token) && isDigit(tokens[i + 1]) ? 1 + cost[i + 2]![1] : Infinity;
    cost[i] = [Math.min(inB, 1 + inC), Math.min(inC, 1 + inB)];
  }
  const values: number[] = [];
  let set: 0 | 1 = cost[0]![1] <= cost[0]![0] ? 1 : 0;
  values.push(set === 1 ? CODE128_START_C : CODE128_START_B);
  let i = 0;
  while (i < n) {
    const token = tokens[i]!;
    const stayB = token.kind === 'fnc1' || (token.code >= 32 && token.code <= 127) ? 1 + cost[i + 1]![0] : Infinity;
    const stayC = token.kind === 'fnc1' ? 1 + cost[i + 1]![1] : isDigit(token) && isDigit(tokens[i + 1]) ? 1 + cost[i + 2]![1] : Infinity;
    const here = set === 1 ? stayC : stayB;
    const other = set === 1 ? stayB : stayC;
    if (other + 1 < here) {
      values.push(set === 1 ? CODE128_CODE_B : CODE128_CODE_C);
      set = set === 1 ? 0 : 1;
    }
    if (token.kind === 'fnc1') {
      values.push(CODE128_FNC1);
      i += 1;
    } else if (set === 1) {
      const next = tokens[i + 1] as { code: number };
      values.push((token.code - 48) * 10 + (next.code - 48));
      i += 2;
    } else {
      values.push(token.code - 32);
      i += 1;
    }
  }
  return values;
}

function toSymbol(values: number[]): Code128Symbol {
  const checkValue = computeShipmentCode128Check(values);
  const all = [...values, checkValue, CODE128_STOP];
  let modules = '';
  for (const value of all) {
    const widths = shipmentCode128Widths(value);
    for (let k = 0; k < widths.length; k += 1) modules += (k % 2 === 0 ? '1' : '0').repeat(Number(widths[k]));
  }
  return { values: all, checkValue, modules };
}

/**
 * Encodes printable ASCII text (32–127) as a Code 128 symbol in code sets B and C, shortest first.
 * Example: 'HI345678' → Start B, H, I, Code C, 34, 56, 78, check 68, Stop.
 * Throws invalid_input for a character outside 32–127.
 */
export function encodeShipmentCode128(text: string): Code128Symbol {
  const tokens: Token[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 32 || code > 127) throw new CoreError('invalid_input', `Character ${i + 1} (code ${code}) cannot be encoded in Code 128 sets B/C`, { path: `text[${i}]` });
    tokens.push({ kind: 'char', code });
  }
  if (tokens.length === 0) throw new CoreError('empty_input', 'Nothing to encode', { path: 'text' });
  return toSymbol(encodeValues(tokens));
}

/**
 * Encodes a GS1 element string (AIs and values, ASCII 29 as FNC1 after a variable-length field) as a
 * GS1-128 symbol: FNC1 in first position after the start character, then the data.
 * Source: GS1 General Specifications §5.4.3 (GS1-128 symbol: FNC1 in the first position), ISO/IEC 15417.
 * Example: '00106141411234567897' → Start C, FNC1, 00 10 61 41 41 12 34 56 78 97, check 34, Stop.
 */
export function encodeShipmentGs1128(elementString: string): Code128Symbol {
  if (elementString === '') throw new CoreError('empty_input', 'Empty element string', { path: 'elementString' });
  const tokens: Token[] = [{ kind: 'fnc1' }];
  for (let i = 0; i < elementString.length; i += 1) {
    const ch = elementString[i]!;
    if (ch === GS1_FNC1_SEPARATOR) tokens.push({ kind: 'fnc1' });
    else {
      const code = ch.charCodeAt(0);
      if (code < 32 || code > 126) throw new CoreError('invalid_input', `Character ${i + 1} (code ${code}) is not allowed in a GS1 element string`, { path: `elementString[${i}]` });
      tokens.push({ kind: 'char', code });
    }
  }
  return toSymbol(encodeValues(tokens));
}

/**
 * The symbol as SVG bars (one rect per bar), with 10-module quiet zones each side (ISO/IEC 15417 §4.4.3)
 * and the human-readable text under it. Sizes in millimetres: moduleWidthMm (GS1 logistic labels use
 * 0.495–0.940 mm), barHeightMm.
 */
export function renderShipmentCode128Svg(symbol: Code128Symbol, options: { humanReadable: string; moduleWidthMm?: number; barHeightMm?: number; x?: number; y?: number }): { svg: string; widthMm: number; heightMm: number } {
  const module = options.moduleWidthMm ?? 0.5;
  const height = options.barHeightMm ?? 25;
  const x0 = options.x ?? 0;
  const y0 = options.y ?? 0;
  const quiet = 10;
  const rects: string[] = [];
  let i = 0;
  while (i < symbol.modules.length) {
    if (symbol.modules[i] === '1') {
      let j = i;
      while (symbol.modules[j] === '1') j += 1;
      rects.push(`<rect x="${round(x0 + (quiet + i) * module)}" y="${round(y0)}" width="${round((j - i) * module)}" height="${round(height)}"/>`);
      i = j;
    } else i += 1;
  }
  const widthMm = (symbol.modules.length + 2 * quiet) * module;
  const text = `<text x="${round(x0 + widthMm / 2)}" y="${round(y0 + height + 4)}" font-family="monospace" font-size="3.5" text-anchor="middle">${escapeXml(options.humanReadable)}</text>`;
  return { svg: `<g fill="#000">${rects.join('')}</g>${text}`, widthMm, heightMm: height + 5 };
}

function round(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

/** Escapes text for XML content and attributes. */
export function escapeShipmentXml(text: string): string {
  return escapeXml(text);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
