import type { Transaction } from 'kysely';
import { CoreError } from '@flowpilot/core';
import { toDbError, type Database, type DatabaseHandle } from '@flowpilot/db';

/** A calendar date field (YYYY-MM-DD), else an invalid_input error that names the field. */
export function requireDate(value: string, field: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new CoreError('invalid_input', `${field} must be a date YYYY-MM-DD, got "${value}"`, { path: field });
}

/** Runs the work in one transaction: a CoreError passes through, a database error is translated once here. */
export async function inTransaction<T>(handle: DatabaseHandle, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  try {
    return await handle.db.transaction().execute(work);
  } catch (error) {
    if (error instanceof CoreError) throw error;
    throw toDbError(error);
  }
}
