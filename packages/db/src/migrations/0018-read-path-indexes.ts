import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the read path under load: the KPI dashboard checks its cached result against a fingerprint of the
 * organization's records (ledger max(id), delivered shipments, order lines, production events, costs, targets).
 * - inventory_movement (organization_id, id): max(id) of one organization is one index probe (index-only, backward);
 *   without it PostgreSQL walks the primary key backwards past every later row of other organizations, or
 *   bitmap-scans another index over all the organization's movements.
 * - shipment (organization_id) where status = 'delivered': the count of delivered shipments is an index-only scan
 *   of that organization's delivered ones (it read every shipment row before).
 * The other aggregates already have an index that leads with organization_id (sales_order_line and kpi_target
 * primary keys, production_event_date_idx, cost_entry_date_idx). Checked with EXPLAIN ANALYZE on PostgreSQL 15.
 */
const statements = [
  `create index if not exists inventory_movement_organization_id_idx on inventory_movement (organization_id, id)`,
  `create index if not exists shipment_delivered_idx on shipment (organization_id) where status = 'delivered'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop index if exists shipment_delivered_idx').execute(db);
  await sql.raw('drop index if exists inventory_movement_organization_id_idx').execute(db);
}
