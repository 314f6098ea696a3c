import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { CountingError } from '../counting-error';

/** Throws CountingError not_found when the organization has no such location. */
export async function requireLocation(handle: DatabaseHandle, organizationId: string, locationCode: string): Promise<void> {
  const found = (await sql<{ code: string }>`select code from location where organization_id = ${organizationId} and code = ${locationCode}`.execute(handle.db)).rows[0];
  if (!found) throw new CountingError('not_found', 'counting.error.unknownLocation', { location: locationCode });
}
