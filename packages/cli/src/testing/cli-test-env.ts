import { mkdirSync, mkdtempSync, readFileSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { DatabaseHandle } from '@flowpilot/db';
import { prepareTestTemplate } from '@flowpilot/db/testing';
import { openCliDatabase } from '../open-cli-database';

const templatePath = resolve(import.meta.dirname, '../../../../.tmp/pglite-template.tar.gz');

/** The environment a CLI test passes to `runCli`, a scratch directory for its files, and how to clean up. */
export type CliTestEnv = {
  env: Record<string, string | undefined>;
  /** A temp directory for the test's own files (imports, exports, backups). */
  dir: string;
  /** Opens the same database the CLI opens with this env (close it before the next CLI call on PGlite). */
  open(): Promise<DatabaseHandle>;
  cleanup(): Promise<void>;
};

/**
 * A fresh, migrated, empty database the CLI opens from its env: with DATABASE_URL set, a new schema on
 * that PostgreSQL server (FLOWPILOT_DB_SCHEMA, dropped on cleanup); otherwise an embedded PGlite in a
 * temp FLOWPILOT_DATA_DIR seeded from the migrated test template (skips initdb, ~15 s on a busy machine).
 */
export async function createCliTestEnv(extra: Record<string, string | undefined> = {}): Promise<CliTestEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'fp-cli-'));
  const databaseUrl = process.env.DATABASE_URL;
  let env: Record<string, string | undefined>;
  let dropSchema: (() => Promise<void>) | undefined;
  if (databaseUrl) {
    const schema = `c_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    env = { DATABASE_URL: databaseUrl, FLOWPILOT_DB_SCHEMA: schema, FLOWPILOT_DATA_DIR: join(dir, 'data') };
    dropSchema = async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await client.end();
      }
    };
  } else {
    if (!existsSync(templatePath) || statSync(templatePath).size === 0) await prepareTestTemplate();
    const dataDir = join(dir, 'data');
    mkdirSync(join(dataDir, 'db'), { recursive: true });
    const seeded = await PGlite.create(join(dataDir, 'db'), { loadDataDir: new Blob([readFileSync(templatePath)]) });
    await seeded.close();
    env = { DATABASE_URL: undefined, FLOWPILOT_DB_SCHEMA: undefined, FLOWPILOT_DATA_DIR: dataDir };
  }
  env = { FLOWPILOT_ORG: 'demo', FLOWPILOT_TODAY: '2026-11-24', FLOWPILOT_LOG: undefined, ...env, ...extra };
  const context = { language: 'en' as const, env, stdout: () => {}, stderr: () => {}, interactive: false };
  return {
    env,
    dir,
    open: () => openCliDatabase(context),
    async cleanup() {
      await dropSchema?.();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
