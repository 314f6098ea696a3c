import type { EdiIssue, EdiIssueCode, EdiSegment } from '../types';

/** The component text at 1-based element/component positions, '' when absent. */
export function componentOf(segment: EdiSegment, element: number, component = 1): string {
  return segment.elements[element - 1]?.[component - 1] ?? '';
}

/** Collects issues for one message, located on segment, element and component. */
export class IssueCollector {
  readonly issues: EdiIssue[] = [];
  constructor(private readonly messageReference: string | null) {}

  add(code: EdiIssueCode, segment: EdiSegment | null, elementPosition: number | null, componentPosition: number | null, params: Record<string, string | number> = {}): void {
    this.issues.push({
      code, segmentTag: segment?.tag ?? null, segmentPosition: segment?.position ?? null,
      elementPosition, componentPosition, messageReference: this.messageReference, params,
    });
  }

  /** Reads a required component; records missing_element when empty. */
  required(segment: EdiSegment, element: number, component: number, name: string): string {
    const value = componentOf(segment, element, component);
    if (value === '') this.add('missing_element', segment, element, component, { name });
    return value;
  }

  /** Reads a date/time qualifier's value (DTM C507: 2005 qualifier, 2380 value, 2379 format 102/203/204) as YYYY-MM-DD. */
  date(segment: EdiSegment, name: string): string | null {
    const value = componentOf(segment, 1, 2);
    const format = componentOf(segment, 1, 3) || '102';
    const iso = parseEdiDate(value, format);
    if (iso === null) this.add('invalid_date', segment, 1, 2, { name, value, format });
    return iso;
  }

  /** Reads a decimal (point or comma as decimal mark) as canonical text; records invalid_number. */
  decimal(segment: EdiSegment, element: number, component: number, name: string, options: { positive?: boolean } = {}): string | null {
    const raw = componentOf(segment, element, component);
    if (raw === '') {
      this.add('missing_element', segment, element, component, { name });
      return null;
    }
    const value = parseEdiDecimal(raw);
    if (value === null || (options.positive && Number(value) <= 0)) {
      this.add('invalid_number', segment, element, component, { name, value: raw });
      return null;
    }
    return value;
  }
}

/**
 * Parses an EDIFACT date (code list 2379): 102 = CCYYMMDD, 203 = CCYYMMDDHHMM, 204 = CCYYMMDDHHMMSS,
 * 101 = YYMMDD (century 20). Returns YYYY-MM-DD or null when not a real calendar date.
 */
export function parseEdiDate(value: string, format: string): string | null {
  let match: RegExpExecArray | null = null;
  if (format === '102') match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  else if (format === '203') match = /^(\d{4})(\d{2})(\d{2})\d{4}$/.exec(value);
  else if (format === '204') match = /^(\d{4})(\d{2})(\d{2})\d{6}$/.exec(value);
  else if (format === '101') {
    const short = /^(\d{2})(\d{2})(\d{2})$/.exec(value);
    if (short) match = [value, `20${short[1]}`, short[2] as string, short[3] as string] as unknown as RegExpExecArray;
  }
  if (!match) return null;
  const [, y, m, d] = match;
  const iso = `${y}-${m}-${d}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** '12,50' or '12.50' → '12.5'; null when not a decimal number. */
export function parseEdiDecimal(value: string): string | null {
  if (!/^-?\d+([.,]\d+)?$/.test(value) && !/^-?[.,]\d+$/.test(value)) return null;
  const normal = value.replace(',', '.');
  const canonical = normal.includes('.') ? normal.replace(/0+$/, '').replace(/\.$/, '') : normal;
  return canonical.replace(/^(-?)\./, '$10.').replace(/^(-?)0+(\d)/, '$1$2');
}

/** YYYY-MM-DD → CCYYMMDD (format 102). */
export function toEdiDate(iso: string): string {
  return iso.replace(/-/g, '');
}
