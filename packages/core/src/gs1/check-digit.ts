import { CoreError } from '../shared/core-error';

/** GS1 identification keys whose last digit is a mod-10 check digit, with their full lengths (check digit included). */
export type Gs1KeyKind = 'gtin-8' | 'gtin-12' | 'gtin-13' | 'gtin-14' | 'gln' | 'sscc';

export const GS1_KEY_LENGTHS: Readonly<Record<Gs1KeyKind, number>> = {
  'gtin-8': 8,
  'gtin-12': 12,
  'gtin-13': 13,
  'gtin-14': 14,
  gln: 13,
  sscc: 18,
};

/**
 * GS1 mod-10 check digit of a digit string (the key without its check digit).
 * Formula: from the rightmost digit leftwards, weights 3, 1, 3, 1…; check = (10 − Σ weight·digit mod 10) mod 10.
 * Source: GS1 General Specifications, §7.9.1 "Standard check digit calculations for GS1 data structures".
 * Example: computeGs1CheckDigit('629104150021') = 3 (GTIN-13 6291041500213, the GS1 General Specifications example).
 * Throws invalid_input when the text is empty or holds a non-digit.
 */
export function computeGs1CheckDigit(digitsWithoutCheck: string, path = 'digits'): number {
  if (!/^\d+$/.test(digitsWithoutCheck)) {
    throw new CoreError('invalid_input', `GS1 data must be digits only, got "${digitsWithoutCheck}"`, { path });
  }
  let sum = 0;
  for (let i = 0; i < digitsWithoutCheck.length; i += 1) {
    const digit = digitsWithoutCheck.charCodeAt(digitsWithoutCheck.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * True when `key` has the length of `kind` and its last digit is the GS1 mod-10 check digit of the others.
 * Example: isValidGs1Key('106141411234567897', 'sscc') = true.
 */
export function isValidGs1Key(key: string, kind: Gs1KeyKind): boolean {
  if (!/^\d+$/.test(key) || key.length !== GS1_KEY_LENGTHS[kind]) return false;
  return computeGs1CheckDigit(key.slice(0, -1)) === Number(key[key.length - 1]);
}

/**
 * Appends the GS1 check digit to a key body of the right length (length of `kind` minus one).
 * Example: appendGs1CheckDigit('400638133393', 'gtin-13') = '4006381333931'.
 * Throws invalid_input (non-digits) or length_mismatch (wrong length).
 */
export function appendGs1CheckDigit(body: string, kind: Gs1KeyKind, path = 'body'): string {
  const expected = GS1_KEY_LENGTHS[kind] - 1;
  if (body.length !== expected) {
    throw new CoreError('length_mismatch', `A ${kind} body has ${expected} digits before its check digit, got ${body.length}`, { path });
  }
  return body + String(computeGs1CheckDigit(body, path));
}
