import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { getEntityDescriptor, type EntityName } from './entity-catalog';

/**
 * A SHA-256 fingerprint of an organization's rows of some entities, over their import columns only
 * (not ids or timestamps), so the same data gives the same fingerprint wherever and whenever it was
 * loaded. Each table is digested by the database (md5 of its rows in text order), then combined.
 */
export async function fingerprintEntities(handle: DatabaseHandle, organizationId: string, entities: readonly EntityName[]): Promise<string> {
  const hash = createHash('sha256');
  for (const entity of [...entities].sort()) {
    const descriptor = getEntityDescriptor(entity);
    const row = sql.join(descriptor.columns.map((c) => sql`coalesce(${sql.ref(c.name)}::text, '')`), sql`, `);
    const result = await sql<{ digest: string | null; n: string }>`
      select md5(string_agg(line, chr(2) order by line)) as digest, count(*)::text as n
      from (select concat_ws(chr(1), ${row}) as line from ${sql.table(descriptor.name)} where organization_id = ${organizationId}) t`.execute(handle.db);
    hash.update(`${entity}:${result.rows[0]?.n ?? 0}:${result.rows[0]?.digest ?? ''};`);
  }
  return hash.digest('hex');
}
