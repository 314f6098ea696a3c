import { sql, type Kysely } from 'kysely';

/**
 * Distribution network for DRP: which location replenishes which (per item, or for every item when
 * item_code is ''), with the transit lead time and the shipment lot rules. MRP's planned orders gain
 * the kind 'transfer' (planned transfer orders, TR-…) and their source location.
 */
const statements = [
  `create table distribution_lane (
    organization_id text not null,
    to_location_code text not null,
    item_code text not null default '',
    from_location_code text not null,
    transit_lead_time_days integer not null check (transit_lead_time_days >= 0),
    fixed_shipment_qty numeric(18,6) check (fixed_shipment_qty > 0),
    min_shipment_qty numeric(18,6) check (min_shipment_qty >= 0),
    shipment_multiple numeric(18,6) check (shipment_multiple > 0),
    primary key (organization_id, to_location_code, item_code),
    foreign key (organization_id, from_location_code) references location(organization_id, code) on delete cascade,
    foreign key (organization_id, to_location_code) references location(organization_id, code) on delete cascade,
    check (from_location_code <> to_location_code)
  )`,
  `alter table planned_order drop constraint planned_order_sourcing_check`,
  `alter table planned_order add constraint planned_order_sourcing_check check (sourcing in ('make','buy','transfer'))`,
  `alter table planned_order add column from_location_code text`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`delete from planned_order where sourcing = 'transfer'`).execute(db);
  await sql.raw('alter table planned_order drop column if exists from_location_code').execute(db);
  await sql.raw('alter table planned_order drop constraint if exists planned_order_sourcing_check').execute(db);
  await sql.raw(`alter table planned_order add constraint planned_order_sourcing_check check (sourcing in ('make','buy'))`).execute(db);
  await sql.raw('drop table if exists distribution_lane').execute(db);
}
