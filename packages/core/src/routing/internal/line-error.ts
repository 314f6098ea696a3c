import { CoreError, type CoreErrorCode } from '../../shared/core-error';

/** A CoreError that points at a line of the source file (`path: 'line 12'`). */
export function lineError(line: number, message: string, code: CoreErrorCode = 'invalid_input'): CoreError {
  return new CoreError(code, message, { path: `line ${line}` });
}

/** Parses a finite number token or throws with the line. */
export function parseNumberToken(token: string | undefined, line: number, what: string): number {
  const value = token === undefined || token.trim() === '' ? Number.NaN : Number(token);
  if (!Number.isFinite(value)) throw lineError(line, `${what} must be a number, got ${JSON.stringify(token ?? '')}`, token === undefined ? 'invalid_input' : 'not_finite');
  return value;
}
