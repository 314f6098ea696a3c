import { sql, type Kysely } from 'kysely';

/**
 * Shipments: packages (pallets, parcels) with their SSCC, the package of each shipment line, the
 * status history of every shipment, proof of delivery and delivery exceptions (damaged, short).
 * shipment and shipment_line are in 0001 (shipment_line.sscc in 0007); SSCC serials come from the
 * per-organization integration_counter 'sscc' (0007) that EDI despatch advices also draw from, so an
 * SSCC is never issued twice. Written for PostgreSQL 15.
 */
const statements = [
  `create table shipment_package (
    organization_id text not null,
    shipment_number text not null,
    package_number integer not null check (package_number > 0),
    package_type text not null check (package_type in ('pallet','parcel')),
    sscc text not null check (sscc ~ '^[0-9]{18}$'),
    gross_weight_kg numeric(18,6) check (gross_weight_kg >= 0),
    primary key (organization_id, shipment_number, package_number),
    foreign key (organization_id, shipment_number) references shipment(organization_id, shipment_number) on delete cascade
  )`,
  `create unique index shipment_package_sscc_idx on shipment_package (organization_id, sscc)`,
  `alter table shipment_line add column package_number integer`,
  `alter table shipment_line add constraint shipment_line_package_fk foreign key (organization_id, shipment_number, package_number)
    references shipment_package(organization_id, shipment_number, package_number)`,
  `create table shipment_status_event (
    organization_id text not null,
    shipment_number text not null,
    event_number integer not null check (event_number > 0),
    status text not null check (status in ('planned','loaded','dispatched','delivered','cancelled')),
    occurred_at timestamptz not null,
    recorded_by text,
    note text,
    primary key (organization_id, shipment_number, event_number),
    foreign key (organization_id, shipment_number) references shipment(organization_id, shipment_number) on delete cascade
  )`,
  `create table shipment_delivery (
    organization_id text not null,
    shipment_number text not null,
    delivered_at timestamptz not null,
    received_by text not null check (length(received_by) > 0),
    signature_reference text,
    note text,
    recorded_by text,
    primary key (organization_id, shipment_number),
    foreign key (organization_id, shipment_number) references shipment(organization_id, shipment_number) on delete cascade
  )`,
  `create table shipment_delivery_exception (
    organization_id text not null,
    shipment_number text not null,
    exception_number integer not null check (exception_number > 0),
    line_number integer,
    exception_type text not null check (exception_type in ('damaged','short')),
    quantity numeric(18,6) not null check (quantity > 0),
    note text,
    primary key (organization_id, shipment_number, exception_number),
    foreign key (organization_id, shipment_number) references shipment_delivery(organization_id, shipment_number) on delete cascade
  )`,
  `create index inventory_movement_reference_idx on inventory_movement (organization_id, reference)`,
  `create index inventory_movement_lot_idx on inventory_movement (organization_id, item_code, lot_number)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop index if exists inventory_movement_lot_idx').execute(db);
  await sql.raw('drop index if exists inventory_movement_reference_idx').execute(db);
  await sql.raw('drop table if exists shipment_delivery_exception').execute(db);
  await sql.raw('drop table if exists shipment_delivery').execute(db);
  await sql.raw('drop table if exists shipment_status_event').execute(db);
  await sql.raw('alter table shipment_line drop constraint if exists shipment_line_package_fk').execute(db);
  await sql.raw('alter table shipment_line drop column if exists package_number').execute(db);
  await sql.raw('drop table if exists shipment_package').execute(db);
}
