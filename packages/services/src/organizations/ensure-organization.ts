import { sql, type Kysely } from 'kysely';
import type { Database } from '@flowpilot/db';

/** Creates the organization if it does not exist yet (name = id until renamed). */
export async function ensureOrganization(db: Kysely<Database>, organizationId: string, name?: string): Promise<void> {
  await sql`insert into organization (id, name) values (${organizationId}, ${name ?? organizationId}) on conflict (id) do nothing`.execute(db);
}
