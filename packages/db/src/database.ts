import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pgliteAsPool } from './pglite-pool';
import { migrationProvider } from './migrations/index';
import type { Database } from './schema';
import { toDbError } from './db-error';

// The same JavaScript types on both drivers: numeric and bigint as strings (every digit kept),
// date as the ISO 'YYYY-MM-DD' string (no time-zone shift), timestamps as Date.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
const keepText = (value: string): string => value;
/** PGlite parsers matching node-postgres's (int8 and numeric as text, date as text). */
export const pgliteParsers = { 20: keepText, 1700: keepText, 1082: keepText };

export type DatabaseKind = 'pglite' | 'postgres';

/** An open database: the Kysely handle, which backend it is, and how to close it. */
export type DatabaseHandle = {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** Where the data lives, for messages: a directory or a URL without password. */
  target: string;
  /** The PGlite instance when embedded (for dumps and COPY), undefined on a server. */
  pglite: PGlite | undefined;
  close(): Promise<void>;
};

export type OpenDatabaseOptions = {
  /** postgres://… selects a PostgreSQL server. */
  databaseUrl?: string | undefined;
  /** Embedded data directory; defaults to FLOWPILOT_DATA_DIR or ./.flowpilot/db. */
  dataDir?: string | undefined;
  /** Embedded database in memory (tests). */
  memory?: boolean;
  /** Start an in-memory PGlite from this dumped data directory (tests). */
  loadDataDir?: Blob | File | undefined;
  /** On a server: a schema to create and use as search_path (isolated tests). */
  schema?: string | undefined;
  /** Run pending migrations after opening (default true). */
  migrate?: boolean;
};

/** Where the embedded database lives when nothing else is said. */
export function defaultDataDir(env: Record<string, string | undefined> = process.env): string {
  return resolve(env.FLOWPILOT_DATA_DIR ?? '.flowpilot', 'db');
}

/** Opens the database chosen by the options (server URL, else embedded directory) and migrates it. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  let handle: DatabaseHandle;
  if (options.databaseUrl) {
    handle = await openServer(options.databaseUrl, options.schema);
  } else {
    let pglite: PGlite;
    let target: string;
    if (options.memory || options.loadDataDir) {
      pglite = await PGlite.create(options.loadDataDir ? { loadDataDir: options.loadDataDir, parsers: pgliteParsers } : { parsers: pgliteParsers });
      target = 'memory';
    } else {
      const dir = options.dataDir ?? defaultDataDir();
      mkdirSync(dir, { recursive: true });
      pglite = await PGlite.create(dir, { parsers: pgliteParsers });
      target = dir;
    }
    await pglite.exec("set timezone = 'UTC'");
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pgliteAsPool(pglite, { closeOnEnd: true }) as never }) });
    handle = { db, kind: 'pglite', target, pglite, close: () => db.destroy() };
  }
  if (options.migrate !== false) {
    try {
      await migrateToLatest(handle.db);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
  return handle;
}

async function openServer(databaseUrl: string, schema: string | undefined): Promise<DatabaseHandle> {
  const target = databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  if (schema) {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(`create schema if not exists ${schema}`);
    } finally {
      await client.end();
    }
  }
  // UTC sessions on both backends: a date imported as 2026-03-01 stays 2026-03-01.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, options: `-c timezone=UTC${schema ? ` -c search_path=${schema}` : ''}` });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', target: schema ? `${target} (schema ${schema})` : target, pglite: undefined, close: () => db.destroy() };
}

/** Applies every pending migration; returns the names applied. Throws the first failure. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  // Fast path: every migration already recorded in this schema's kysely_migration. This also keeps the
  // common open away from Kysely's introspection, which reads every table of every schema on the server.
  const known = Object.keys(await migrationProvider.getMigrations());
  const table = (await sql<{ t: string | null }>`select to_regclass('kysely_migration')::text as t`.execute(db)).rows[0]?.t ?? null;
  if (table !== null) {
    const applied = new Set((await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name));
    if (known.every((name) => applied.has(name))) return [];
  }
  // Pin Kysely's migration tables to the session's schema: without it Kysely sees a kysely_migration
  // table in any schema of the server and skips creating its own (schema-per-test, FLOWPILOT_DB_SCHEMA).
  const schema = (await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)).rows[0]?.schema ?? undefined;
  // Unordered: migrations developed side by side may land in any order; each is additive and a fresh
  // database still applies them in name order.
  const migrator = new Migrator({ db, provider: migrationProvider, allowUnorderedMigrations: true, ...(schema ? { migrationTableSchema: schema } : {}) });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    // Kysely's introspection reads every table of every schema (has_schema_privilege, pg_get_serial_sequence
    // by name): a schema or table dropped meanwhile by another session (parallel test schemas, a reset)
    // fails it with 3F000 or 42P01, and a column dropped meanwhile (another schema's migration going down)
    // with 42703. Migrations run in one transaction, so nothing was applied: wait, try again.
    const code = (error as { code?: unknown }).code;
    if (attempt < 8 && (code === '3F000' || code === '42P01' || code === '42703')) {
      await new Promise((resolveWait) => setTimeout(resolveWait, 100 * attempt));
      continue;
    }
    throw toDbError(error);
  }
}

/** Drops every table of the current schema and migrates again (`flowpilot db reset`). */
export async function resetDatabase(handle: DatabaseHandle): Promise<string[]> {
  await sql`drop schema if exists flowpilot_reset_tmp cascade`.execute(handle.db);
  const tables = await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = current_schema()`.execute(handle.db);
  for (const row of tables.rows) await sql`drop table if exists ${sql.id(row.tablename)} cascade`.execute(handle.db);
  const functions = await sql<{ proname: string }>`select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = current_schema() and p.proname like 'flowpilot_%'`.execute(handle.db);
  for (const row of functions.rows) await sql`drop function if exists ${sql.id(row.proname)} cascade`.execute(handle.db);
  return migrateToLatest(handle.db);
}
