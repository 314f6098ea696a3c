/**
 * The one database error type: a kind sorted from the SQLSTATE, the driver error as `cause`.
 * Boundaries translate the kind (HTTP status, exit code) once.
 */
export type DbErrorKind = 'unique_violation' | 'foreign_key_violation' | 'check_violation' | 'not_null_violation' | 'serialization_failure' | 'connection' | 'other';

export class DbError extends Error {
  readonly kind: DbErrorKind;
  readonly sqlState: string | undefined;
  readonly constraint: string | undefined;
  constructor(kind: DbErrorKind, message: string, options: { cause?: unknown; sqlState?: string; constraint?: string } = {}) {
    super(message, { cause: options.cause });
    this.name = 'DbError';
    this.kind = kind;
    this.sqlState = options.sqlState;
    this.constraint = options.constraint;
  }
}

/** Sorts a driver error (pg or PGlite) into a DbError by its SQLSTATE. */
export function toDbError(error: unknown): DbError {
  if (error instanceof DbError) return error;
  const info = (error ?? {}) as { code?: string; message?: string; constraint?: string };
  const sqlState = typeof info.code === 'string' ? info.code : undefined;
  const kind: DbErrorKind =
    sqlState === '23505' ? 'unique_violation'
      : sqlState === '23503' ? 'foreign_key_violation'
        : sqlState === '23514' ? 'check_violation'
          : sqlState === '23502' ? 'not_null_violation'
            : sqlState === '40001' || sqlState === '40P01' ? 'serialization_failure'
              : sqlState?.startsWith('08') || info.code === 'ECONNREFUSED' ? 'connection'
                : 'other';
  return new DbError(kind, info.message ?? String(error), { cause: error, ...(sqlState ? { sqlState } : {}), ...(info.constraint ? { constraint: info.constraint } : {}) });
}
