import { mkdirSync, existsSync, readFileSync, writeFileSync, statSync, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase, migrateToLatest, type DatabaseHandle } from '../database';
import { Kysely, PostgresDialect } from 'kysely';
import { pgliteAsPool } from '../pglite-pool';
import pg from 'pg';

const templatePath = resolve(import.meta.dirname, '../../../../.tmp/pglite-template.tar.gz');

/** Builds the migrated PGlite template once per test run (called from vitest's global setup). */
export async function prepareTestTemplate(): Promise<void> {
  mkdirSync(resolve(templatePath, '..'), { recursive: true });
  const pglite = await PGlite.create();
  const db = new Kysely({ dialect: new PostgresDialect({ pool: pgliteAsPool(pglite, { closeOnEnd: true }) as never }) });
  try {
    await migrateToLatest(db as never);
    const dump = await pglite.dumpDataDir('gzip');
    // Written aside then renamed: several test runs may share the folder, and a reader must never see half a file.
    const partial = `${templatePath}.${process.pid}.${randomUUID().slice(0, 8)}.part`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, templatePath);
  } finally {
    await db.destroy();
  }
}

/**
 * A fresh, migrated, empty database for one test: an in-memory PGlite loaded from the template,
 * or, when DATABASE_URL is set, a new schema on that PostgreSQL server (dropped on close).
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const handle = await openDatabase({ databaseUrl, schema });
    return {
      ...handle,
      async close() {
        await handle.close();
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        try {
          await client.query(`drop schema if exists ${schema} cascade`);
        } finally {
          await client.end();
        }
      },
    };
  }
  if (!existsSync(templatePath) || statSync(templatePath).size === 0) await prepareTestTemplate();
  const blob = new Blob([readFileSync(templatePath)]);
  return openDatabase({ loadDataDir: blob });
}
