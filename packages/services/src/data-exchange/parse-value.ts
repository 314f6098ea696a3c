import type { ColumnSpec } from './entity-catalog';
import { normalizeHeader } from './entity-catalog';

/** The outcome of parsing one cell: the canonical text stored in the database, or an issue code. */
export type ParsedCell =
  | { ok: true; value: string | null }
  | { ok: false; code: string; params?: Record<string, string | number> };

const MIN_DATE = '1990-01-01';
const MAX_DATE = '2100-12-31';
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'oui', 'o', 'vrai', 'x']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'non', 'faux']);

/** Decimal places the database column keeps: money 4, everything else 6 (see migration 0001). */
export function decimalScale(column: ColumnSpec): number {
  return /price|cost|charge/.test(column.name) ? 4 : 6;
}

/**
 * Parses a decimal written with a point or a comma, with optional thousands separators
 * ('1 234,5', '1,234.5', '1234.5' → '1234.5'). Digits are kept as text: no binary rounding ever.
 */
export function parseDecimalText(raw: string): string | undefined {
  let text = raw.replace(/[\s\u00a0\u202f']/g, '');
  if (!/^[+-]?[\d.,]+$/.test(text)) return undefined;
  const sign = text.startsWith('-') ? '-' : '';
  text = text.replace(/^[+-]/, '');
  const lastComma = text.lastIndexOf(',');
  const lastPoint = text.lastIndexOf('.');
  let integerPart: string;
  let fractionPart = '';
  if (lastComma >= 0 && lastPoint >= 0) {
    const decimalAt = Math.max(lastComma, lastPoint);
    const thousands = decimalAt === lastComma ? '.' : ',';
    integerPart = text.slice(0, decimalAt);
    fractionPart = text.slice(decimalAt + 1);
    if (!new RegExp(`^\\d{1,3}(\\${thousands}\\d{3})*$`).test(integerPart)) return undefined;
    integerPart = integerPart.split(thousands).join('');
  } else if (lastComma >= 0 || lastPoint >= 0) {
    const separator = lastComma >= 0 ? ',' : '.';
    const parts = text.split(separator);
    if (parts.length > 2) {
      // '1.234.567' or '1,234,567': thousands only.
      if (!parts.slice(1).every((p) => p.length === 3)) return undefined;
      integerPart = parts.join('');
    } else {
      integerPart = parts[0] ?? '';
      fractionPart = parts[1] ?? '';
    }
  } else {
    integerPart = text;
  }
  if (!/^\d*$/.test(integerPart) || !/^\d*$/.test(fractionPart) || integerPart + fractionPart === '') return undefined;
  integerPart = integerPart.replace(/^0+(?=\d)/, '') || '0';
  fractionPart = fractionPart.replace(/0+$/, '');
  const body = fractionPart ? `${integerPart}.${fractionPart}` : integerPart;
  return body === '0' ? '0' : sign + body;
}

/** Parses 'YYYY-MM-DD' or 'DD/MM/YYYY' (also with '-' or '.'), checking the day exists. */
export function parseDateText(raw: string): string | undefined {
  const text = raw.trim();
  let year: number;
  let month: number;
  let day: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (match) {
    year = Number(match[1]); month = Number(match[2]); day = Number(match[3]);
  } else {
    match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
    if (!match) return undefined;
    day = Number(match[1]); month = Number(match[2]); year = Number(match[3]);
  }
  if (month < 1 || month > 12 || day < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Parses 'HH:MM', 'HH:MM:SS' or the French '8h30' into 'HH:MM'. */
export function parseTimeText(raw: string): string | undefined {
  const match = /^(\d{1,2})(?::|h)(\d{2})?(?::(\d{2}))?$/i.exec(raw.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

function compareDecimal(a: string, b: number): number {
  return Number(a) - b;
}

/** Parses one cell according to its column spec; an empty cell takes the default or null. */
export function parseCell(column: ColumnSpec, raw: string | null | undefined): ParsedCell {
  const text = (raw ?? '').trim();
  if (text === '') {
    if (column.defaultValue !== undefined) return { ok: true, value: column.defaultValue };
    if (column.required) return { ok: false, code: 'required' };
    return { ok: true, value: null };
  }
  switch (column.type) {
    case 'code': {
      if (text.length > 64) return { ok: false, code: 'too_long', params: { max: 64 } };
      if (/[\u0000-\u001f]/.test(text)) return { ok: false, code: 'control_character' };
      return { ok: true, value: text };
    }
    case 'text':
      if (text.length > 500) return { ok: false, code: 'too_long', params: { max: 500 } };
      return { ok: true, value: text };
    case 'integer': {
      const cleaned = text.replace(/[\s\u00a0\u202f]/g, '');
      if (!/^[+-]?\d+$/.test(cleaned)) return { ok: false, code: 'not_an_integer' };
      const value = String(Number(cleaned));
      return checkBounds(column, value);
    }
    case 'decimal': {
      const value = parseDecimalText(text);
      if (value === undefined) return { ok: false, code: 'not_a_number' };
      const [integerDigits = '', fractionDigits = ''] = value.replace('-', '').split('.');
      const scale = decimalScale(column);
      if (fractionDigits.length > scale) return { ok: false, code: 'too_many_decimals', params: { max: scale } };
      if (integerDigits.length > 18 - scale) return { ok: false, code: 'too_large' };
      return checkBounds(column, value);
    }
    case 'date': {
      const value = parseDateText(text);
      if (value === undefined) return { ok: false, code: 'not_a_date' };
      if (value < MIN_DATE || value > MAX_DATE) return { ok: false, code: 'date_out_of_range', params: { min: MIN_DATE, max: MAX_DATE } };
      return { ok: true, value };
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (TRUE_WORDS.has(lower)) return { ok: true, value: 'true' };
      if (FALSE_WORDS.has(lower)) return { ok: true, value: 'false' };
      return { ok: false, code: 'not_a_boolean' };
    }
    case 'time': {
      const value = parseTimeText(text);
      return value === undefined ? { ok: false, code: 'not_a_time' } : { ok: true, value };
    }
    case 'enum': {
      const wanted = normalizeHeader(text);
      const value = (column.values ?? []).find((v) => normalizeHeader(v) === wanted);
      if (value === undefined) return { ok: false, code: 'not_in_list', params: { allowed: (column.values ?? []).join(', ') } };
      return { ok: true, value };
    }
  }
}

function checkBounds(column: ColumnSpec, value: string): ParsedCell {
  if (column.min !== undefined) {
    const difference = compareDecimal(value, column.min);
    if (difference < 0 || (column.minExclusive && difference === 0)) {
      if (column.min === 0 && difference < 0) return { ok: false, code: 'negative' };
      return { ok: false, code: column.minExclusive ? 'not_above_min' : 'below_min', params: { min: column.min } };
    }
  }
  if (column.max !== undefined && compareDecimal(value, column.max) > 0) return { ok: false, code: 'above_max', params: { max: column.max } };
  return { ok: true, value };
}
