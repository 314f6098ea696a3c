/**
 * The one error type that core functions throw for bad input.
 * `code` comes from a closed union so every boundary can translate it (contract's message
 * catalogue holds the English and French text); `path` names the bad field, e.g. `demand[3]`.
 */
export type CoreErrorCode =
  | 'invalid_input'
  | 'empty_input'
  | 'negative_value'
  | 'not_finite'
  | 'out_of_range'
  | 'length_mismatch'
  | 'cycle_detected'
  | 'unknown_reference'
  | 'infeasible'
  | 'unsupported';

export class CoreError extends Error {
  readonly code: CoreErrorCode;
  readonly path: string | undefined;
  readonly details: Record<string, unknown>;

  constructor(code: CoreErrorCode, message: string, options: { path?: string; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CoreError';
    this.code = code;
    this.path = options.path;
    this.details = options.details ?? {};
  }
}

/** Exhaustiveness guard for switches over literal unions: a bug if ever reached. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
