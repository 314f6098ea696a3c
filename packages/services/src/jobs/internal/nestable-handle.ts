import type { Kysely } from 'kysely';
import type { Database, DatabaseHandle } from '@flowpilot/db';

/**
 * A handle whose queries run inside `trx`, and whose `db.transaction()` runs its callback in that same
 * transaction: so use cases that open their own transaction (runImport, the proposals step) become part of
 * the partition's one transaction, and a killed worker leaves nothing half-written.
 */
export function nestableHandle(handle: DatabaseHandle, trx: Kysely<Database>): DatabaseHandle {
  const db = new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') return () => ({ execute: <T>(work: (inner: Kysely<Database>) => Promise<T>) => work(db) });
      const value: unknown = Reflect.get(target, property, target);
      // Kysely keeps its state in #private fields: methods must run with the real instance as `this`.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { ...handle, db };
}
