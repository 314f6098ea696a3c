import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase } from './testing/template';
import type { DatabaseHandle } from './database';

let handle: DatabaseHandle | undefined;
afterEach(async () => { await handle?.close(); handle = undefined; });

describe('openDatabase', () => {
  it('opens a migrated database on the configured backend', async () => {
    handle = await createTestDatabase();
    expect(handle.kind).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
    const result = await sql<{ n: string }>`select count(*) as n from organization`.execute(handle.db);
    expect(result.rows[0]?.n).toBe('0');
  });
});
