import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle } from './database';
import { migrateToLatest, resetDatabase } from './database';
import type { Database } from './schema';

/** A logical backup: every application table's rows, tables in foreign-key order, plus the migrations applied. */
export type DatabaseBackup = {
  format: 'flowpilot-backup';
  version: 1;
  createdAt: string;
  migrations: string[];
  tables: { name: string; rows: Record<string, unknown>[] }[];
};

const EXCLUDED = new Set(['kysely_migration', 'kysely_migration_lock']);

/** Tables of the current schema ordered so that every referenced table comes before the tables that reference it. */
export async function listTablesInDependencyOrder(db: Kysely<Database>): Promise<string[]> {
  const tables = (await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema() order by tablename`.execute(db)).rows.map((r) => r.name).filter((n) => !EXCLUDED.has(n));
  const edges = (await sql<{ child: string; parent: string }>`
    select distinct c.relname as child, p.relname as parent
    from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    where k.contype = 'f' and n.nspname = current_schema()`.execute(db)).rows;
  const parents = new Map<string, string[]>();
  for (const e of edges) if (e.child !== e.parent) parents.set(e.child, [...(parents.get(e.child) ?? []), e.parent]);
  const ordered: string[] = [];
  const seen = new Set<string>();
  const visit = (table: string): void => {
    if (seen.has(table)) return;
    seen.add(table);
    for (const parent of (parents.get(table) ?? []).sort()) visit(parent);
    ordered.push(table);
  };
  for (const table of tables) visit(table);
  return ordered.filter((t) => tables.includes(t));
}

/** Reads every table into a backup object (the caller serialises it). */
export async function backupDatabase(handle: DatabaseHandle, now: Date): Promise<DatabaseBackup> {
  const migrations = (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(handle.db)).rows.map((r) => r.name);
  const tables: DatabaseBackup['tables'] = [];
  for (const name of await listTablesInDependencyOrder(handle.db)) {
    const hasId = (await sql<{ n: string }>`select count(*) as n from information_schema.columns where table_schema = current_schema() and table_name = ${name} and column_name = 'id'`.execute(handle.db)).rows[0]?.n !== '0';
    const result = hasId
      ? await sql<Record<string, unknown>>`select * from ${sql.table(name)} order by id`.execute(handle.db)
      : await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(handle.db);
    tables.push({ name, rows: result.rows });
  }
  return { format: 'flowpilot-backup', version: 1, createdAt: now.toISOString(), migrations, tables };
}

/**
 * Replaces the database content with a backup, in one transaction after a reset: either all rows are
 * restored or the error is thrown. Refuses a backup made by a newer schema than this version knows.
 */
export async function restoreDatabase(handle: DatabaseHandle, backup: DatabaseBackup): Promise<number> {
  if (backup.format !== 'flowpilot-backup' || backup.version !== 1) throw new Error('not a flowpilot backup file (format/version)');
  await migrateToLatest(handle.db);
  const known = new Set((await sql<{ name: string }>`select name from kysely_migration`.execute(handle.db)).rows.map((r) => r.name));
  const unknown = backup.migrations.filter((m) => !known.has(m));
  if (unknown.length > 0) throw new Error(`the backup comes from a newer flowpilot (unknown migrations: ${unknown.join(', ')}); upgrade first`);
  await resetDatabase(handle);
  let count = 0;
  await handle.db.transaction().execute(async (trx) => {
    for (const table of backup.tables) {
      if (table.rows.length === 0) continue;
      const columns = Object.keys(table.rows[0] ?? {});
      const identity = (await sql<{ column_name: string }>`select column_name from information_schema.columns where table_schema = current_schema() and table_name = ${table.name} and is_identity = 'YES'`.execute(trx)).rows.map((r) => r.column_name);
      for (let start = 0; start < table.rows.length; start += 500) {
        const chunk = table.rows.slice(start, start + 500);
        const values = chunk.map((row) => sql`(${sql.join(columns.map((c) => toParameter(row[c])))})`);
        const overriding = identity.length > 0 ? sql` overriding system value` : sql``;
        await sql`insert into ${sql.table(table.name)} (${sql.join(columns.map((c) => sql.ref(c)))})${overriding} values ${sql.join(values)}`.execute(trx);
        count += chunk.length;
      }
      for (const column of identity) {
        await sql`select setval(pg_get_serial_sequence(${table.name}, ${column}), (select coalesce(max(${sql.ref(column)}), 0) + 1 from ${sql.table(table.name)}), false)`.execute(trx);
      }
    }
  });
  return count;
}

function toParameter(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) return JSON.stringify(value);
  return value;
}
