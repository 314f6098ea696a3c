import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '@flowpilot/db';
import { CountingError } from '../counting-error';

/**
 * The distinct item codes asked for, sorted; throws CountingError not_found naming every code the organization does not
 * have (one code: counting.error.unknownItem, several: counting.error.unknownItems), so a pasted list is fixed in one go.
 */
export async function requireItems(db: Kysely<Database>, organizationId: string, itemCodes: readonly string[]): Promise<string[]> {
  const codes = [...new Set(itemCodes)].sort();
  if (codes.length === 0) return codes;
  const known = new Set((await sql<{ code: string }>`select code from item where organization_id = ${organizationId} and code in (${sql.join(codes)})`.execute(db)).rows.map((r) => r.code));
  const unknown = codes.filter((code) => !known.has(code));
  if (unknown.length === 1) throw new CountingError('not_found', 'counting.error.unknownItem', { item: unknown[0]! });
  if (unknown.length > 1) throw new CountingError('not_found', 'counting.error.unknownItems', { items: unknown.join(', '), count: unknown.length });
  return codes;
}
