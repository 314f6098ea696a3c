import { describe, expect, it } from 'vitest';
import { CoreError } from '../shared/core-error';
import {
  GS1_FNC1_SEPARATOR,
  appendGs1CheckDigit,
  buildSscc,
  computeGs1CheckDigit,
  encodeGs1ElementString,
  fromNetWeightElement,
  isValidGs1Key,
  parseGs1ElementString,
  toNetWeightElement,
} from './index';

describe('GS1 check digit (GS1 General Specifications §7.9.1)', () => {
  it('GTIN-13 6291041500213: the worked example of §7.9.1 gives check digit 3', () => {
    expect(computeGs1CheckDigit('629104150021')).toBe(3);
    expect(isValidGs1Key('6291041500213', 'gtin-13')).toBe(true);
    expect(isValidGs1Key('6291041500214', 'gtin-13')).toBe(false);
  });

  it('published keys: GTIN-13 4006381333931, GTIN-12 614141000036, GTIN-14 10614141000415, GTIN-8 96385074, SSCC 106141411234567897', () => {
    expect(appendGs1CheckDigit('400638133393', 'gtin-13')).toBe('4006381333931');
    expect(isValidGs1Key('614141000036', 'gtin-12')).toBe(true);
    expect(isValidGs1Key('10614141000415', 'gtin-14')).toBe(true);
    expect(isValidGs1Key('96385074', 'gtin-8')).toBe(true);
    expect(isValidGs1Key('106141411234567897', 'sscc')).toBe(true);
    expect(isValidGs1Key('0614141000012', 'gln')).toBe(true);
  });

  it('any single-digit error is detected (mod-10 property)', () => {
    const key = '106141411234567897';
    for (let position = 0; position < key.length; position += 1) {
      for (let digit = 0; digit <= 9; digit += 1) {
        const changed = key.slice(0, position) + String(digit) + key.slice(position + 1);
        expect(isValidGs1Key(changed, 'sscc')).toBe(changed === key);
      }
    }
  });

  it('refuses non-digits and wrong lengths', () => {
    expect(() => computeGs1CheckDigit('12a4')).toThrow(CoreError);
    expect(() => appendGs1CheckDigit('123', 'gtin-13')).toThrow(/12 digits/);
    expect(isValidGs1Key('12345', 'gtin-8')).toBe(false);
  });
});

describe('buildSscc', () => {
  it('extension 1 + prefix 0614141 + serial 123456789 = 106141411234567897 (GS1 example SSCC)', () => {
    expect(buildSscc({ extensionDigit: 1, companyPrefix: '0614141', serialReference: 123456789 })).toEqual({
      sscc: '106141411234567897',
      checkDigit: 7,
      humanReadable: '(00)106141411234567897',
    });
  });

  it('pads the serial to 16 − prefix length digits and refuses a serial that does not fit', () => {
    const built = buildSscc({ extensionDigit: 0, companyPrefix: '123456789012', serialReference: 42 });
    expect(built.sscc).toHaveLength(18);
    expect(built.sscc.slice(0, 17)).toBe('01234567890120042');
    expect(isValidGs1Key(built.sscc, 'sscc')).toBe(true);
    expect(() => buildSscc({ extensionDigit: 0, companyPrefix: '123456789012', serialReference: 12345 })).toThrow(/serialReference/);
    expect(() => buildSscc({ extensionDigit: 10, companyPrefix: '0614141', serialReference: 1 })).toThrow(/extensionDigit/);
    expect(() => buildSscc({ extensionDigit: 1, companyPrefix: '12345', serialReference: 1 })).toThrow(/6 to 12/);
  });
});

describe('GS1-128 element strings', () => {
  it('puts variable-length AIs last and separates them with FNC1 only when another element follows', () => {
    const result = encodeGs1ElementString([
      { ai: '10', value: 'LOT42' },
      { ai: '37', value: '24' },
      { ai: '00', value: '106141411234567897' },
      { ai: '17', value: '271231' },
    ]);
    expect(result.humanReadable).toBe('(00)106141411234567897(17)271231(10)LOT42(37)24');
    expect(result.elementString).toBe(`00106141411234567897` + `17271231` + `10LOT42${GS1_FNC1_SEPARATOR}3724`);
    expect(parseGs1ElementString(result.elementString)).toEqual(result.elements);
    expect(parseGs1ElementString(`]C1${result.elementString}`)).toEqual(result.elements);
    expect(parseGs1ElementString(result.humanReadable)).toEqual(result.elements);
  });

  it('keeps the given order when asked and then needs a separator after each variable-length field', () => {
    const result = encodeGs1ElementString([{ ai: '10', value: 'ABC123' }, { ai: '01', value: '10614141000415' }], { variableLengthLast: false });
    expect(result.elementString).toBe(`10ABC123${GS1_FNC1_SEPARATOR}0110614141000415`);
    expect(parseGs1ElementString(result.elementString)).toEqual([{ ai: '10', value: 'ABC123' }, { ai: '01', value: '10614141000415' }]);
    // Doc examples: default order moves the fixed-length GTIN first; parsing a human-readable string.
    expect(encodeGs1ElementString([{ ai: '10', value: 'ABC123' }, { ai: '01', value: '10614141000415' }]).humanReadable).toBe('(01)10614141000415(10)ABC123');
    expect(parseGs1ElementString('(00)106141411234567897(37)24')).toEqual([{ ai: '00', value: '106141411234567897' }, { ai: '37', value: '24' }]);
  });

  it('net weight 310n: 12.5 kg with 2 decimals is 3102 001250, and back', () => {
    const element = toNetWeightElement(12.5, 2);
    expect(element).toEqual({ ai: '3102', value: '001250' });
    expect(fromNetWeightElement(element)).toBe(12.5);
    const parsed = parseGs1ElementString('(02)10614141000415(37)10(3102)001250');
    expect(parsed.map((e) => e.ai)).toEqual(['02', '37', '3102']);
    expect(() => toNetWeightElement(10000, 2)).toThrow(CoreError);
  });

  it('refuses a wrong check digit, a bad date, an over-long lot and unknown AIs', () => {
    expect(() => encodeGs1ElementString([{ ai: '00', value: '106141411234567890' }])).toThrow(/check digit/);
    expect(() => encodeGs1ElementString([{ ai: '17', value: '271331' }])).toThrow(/format/);
    expect(() => encodeGs1ElementString([{ ai: '10', value: 'X'.repeat(21) }])).toThrow(/format/);
    expect(() => parseGs1ElementString('(99)ABC')).toThrow(/not supported/);
    expect(() => parseGs1ElementString('0010614141123456789')).toThrow(/truncated/);
    expect(() => encodeGs1ElementString([])).toThrow(CoreError);
  });
});
