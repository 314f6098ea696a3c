import { sql, type Kysely } from 'kysely';
import type { Database } from '@flowpilot/db';

/** Book of one lot at the count's start (for a lot found during the count that the sheet did not list). */
export async function snapshotQuantityOf(trx: Kysely<Database>, org: string, countNumber: string, itemCode: string, locationCode: string, lotNumber: string): Promise<string> {
  return (await sql<{ quantity: string }>`
    select coalesce(sum(m.quantity), 0)::text as quantity from inventory_movement m join inventory_count c on c.organization_id = m.organization_id and c.count_number = ${countNumber}
    where m.organization_id = ${org} and m.item_code = ${itemCode} and m.location_code = ${locationCode} and m.lot_number = ${lotNumber}
      and m.id <= c.ledger_high_water_id and m.occurred_at <= c.started_at`.execute(trx)).rows[0]?.quantity ?? '0';
}
