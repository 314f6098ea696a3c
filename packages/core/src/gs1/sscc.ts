import { CoreError } from '../shared/core-error';
import { computeGs1CheckDigit } from './check-digit';

export type BuildSsccInput = {
  /** Extension digit 0–9 chosen by the company that allocates the SSCC. */
  extensionDigit: number;
  /** GS1 Company Prefix, 6 to 12 digits (from the GS1 member organisation). */
  companyPrefix: string;
  /** Serial reference; left-padded with zeros to 16 − prefix length digits. */
  serialReference: number | string;
};

export type SsccResult = {
  sscc: string;
  checkDigit: number;
  /** Human-readable interpretation with the AI: `(00)` + SSCC. */
  humanReadable: string;
};

/**
 * Builds an 18-digit Serial Shipping Container Code.
 * Layout: extension digit (1) + GS1 Company Prefix (6–12) + serial reference (16 − prefix length) + check digit (1).
 * Source: GS1 General Specifications §2.2.1 (SSCC) and §7.9.1 (check digit).
 * Example: buildSscc({ extensionDigit: 1, companyPrefix: '0614141', serialReference: 123456789 }).sscc = '106141411234567897'.
 * Throws invalid_input (non-digit prefix/serial), out_of_range (extension not 0–9, prefix length, serial too long).
 */
export function buildSscc(input: BuildSsccInput): SsccResult {
  const { extensionDigit, companyPrefix } = input;
  if (!Number.isInteger(extensionDigit) || extensionDigit < 0 || extensionDigit > 9) {
    throw new CoreError('out_of_range', `extensionDigit must be an integer 0–9, got ${extensionDigit}`, { path: 'extensionDigit' });
  }
  if (!/^\d+$/.test(companyPrefix)) throw new CoreError('invalid_input', 'companyPrefix must be digits only', { path: 'companyPrefix' });
  if (companyPrefix.length < 6 || companyPrefix.length > 12) {
    throw new CoreError('out_of_range', `companyPrefix must have 6 to 12 digits, got ${companyPrefix.length}`, { path: 'companyPrefix' });
  }
  const serialText = typeof input.serialReference === 'number' ? String(input.serialReference) : input.serialReference;
  if (typeof input.serialReference === 'number' && (!Number.isSafeInteger(input.serialReference) || input.serialReference < 0)) {
    throw new CoreError('invalid_input', 'serialReference must be a non-negative integer', { path: 'serialReference' });
  }
  if (!/^\d+$/.test(serialText)) throw new CoreError('invalid_input', 'serialReference must be digits only', { path: 'serialReference' });
  const serialLength = 16 - companyPrefix.length;
  const trimmed = serialText.replace(/^0+(?=\d)/, '');
  if (trimmed.length > serialLength) {
    throw new CoreError('out_of_range', `serialReference ${serialText} needs more than the ${serialLength} digits left by a ${companyPrefix.length}-digit prefix`, { path: 'serialReference' });
  }
  const body = String(extensionDigit) + companyPrefix + trimmed.padStart(serialLength, '0');
  const checkDigit = computeGs1CheckDigit(body);
  const sscc = body + String(checkDigit);
  return { sscc, checkDigit, humanReadable: `(00)${sscc}` };
}
