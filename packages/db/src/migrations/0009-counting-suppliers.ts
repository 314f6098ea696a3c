import { sql, type Kysely } from 'kysely';

/**
 * Cycle counting: count plans (which stock point is counted on which working day, by ABC class),
 * storage bins (the order of a count sheet), counts with a snapshot of the book at their start,
 * count lines (blind count, recount, reconciled variance, the adjustment posted to the ledger).
 * Supplier performance is computed from purchase orders and the movement ledger: no table of its own.
 * PostgreSQL 15 SQL; quantities numeric(18,6), money numeric(18,4).
 */
const statements = [
  `create table count_plan (
    organization_id text not null references organization(id) on delete cascade,
    plan_number text not null,
    from_date date not null,
    to_date date not null,
    parameters jsonb not null default '{}'::jsonb,
    created_by text,
    created_at timestamptz not null default now(),
    primary key (organization_id, plan_number),
    check (to_date >= from_date)
  )`,
  `create table count_plan_line (
    organization_id text not null,
    plan_number text not null,
    item_code text not null,
    location_code text not null,
    scheduled_date date not null,
    abc_class text not null,
    annual_usage_value numeric(18,4) not null,
    usage_source text not null,
    primary key (organization_id, plan_number, item_code, location_code, scheduled_date),
    foreign key (organization_id, plan_number) references count_plan(organization_id, plan_number) on delete cascade,
    foreign key (organization_id, item_code) references item(organization_id, code) on delete cascade,
    foreign key (organization_id, location_code) references location(organization_id, code) on delete cascade
  )`,
  `create index count_plan_line_date_idx on count_plan_line (organization_id, plan_number, location_code, scheduled_date)`,
  `create table storage_bin (
    organization_id text not null,
    item_code text not null,
    location_code text not null,
    bin_code text not null,
    primary key (organization_id, item_code, location_code),
    foreign key (organization_id, item_code) references item(organization_id, code) on delete cascade,
    foreign key (organization_id, location_code) references location(organization_id, code) on delete cascade
  )`,
  `create table inventory_count (
    organization_id text not null references organization(id) on delete cascade,
    count_number text not null,
    location_code text not null,
    count_date date not null,
    plan_number text,
    status text not null default 'open' check (status in ('open','closed','cancelled')),
    started_at timestamptz not null,
    ledger_high_water_id bigint not null default 0,
    tolerances jsonb not null default '{}'::jsonb,
    created_by text,
    closed_at timestamptz,
    approved_by text,
    summary jsonb,
    primary key (organization_id, count_number),
    foreign key (organization_id, location_code) references location(organization_id, code)
  )`,
  `create table inventory_count_line (
    organization_id text not null,
    count_number text not null,
    line_number integer not null check (line_number > 0),
    item_code text not null,
    location_code text not null,
    lot_number text not null default '',
    bin_code text not null default '',
    abc_class text not null,
    unit_cost numeric(18,4) not null default 0,
    snapshot_quantity numeric(18,6) not null,
    status text not null default 'to_count' check (status in ('to_count','counted','recount','recounted')),
    first_count_quantity numeric(18,6) check (first_count_quantity >= 0),
    counted_quantity numeric(18,6) check (counted_quantity >= 0),
    counted_at timestamptz,
    counted_by text,
    cause_code text,
    movements_during_count_quantity numeric(18,6),
    expected_quantity numeric(18,6),
    variance_quantity numeric(18,6),
    variance_value numeric(18,4),
    within_tolerance boolean,
    adjustment_movement_id bigint,
    primary key (organization_id, count_number, line_number),
    unique (organization_id, count_number, item_code, lot_number),
    foreign key (organization_id, count_number) references inventory_count(organization_id, count_number) on delete cascade,
    foreign key (organization_id, item_code) references item(organization_id, code)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['inventory_count_line', 'inventory_count', 'storage_bin', 'count_plan_line', 'count_plan']) {
    await sql.raw(`drop table if exists ${table} cascade`).execute(db);
  }
}
