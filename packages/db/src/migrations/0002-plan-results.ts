import { sql, type Kysely } from 'kysely';

/**
 * Results of planning runs, kept per run so every number can be explained later: forecasts with
 * their model and intervals, MRP records, planned orders with pegging, action messages, capacity
 * load. Rows belong to a planning_run and disappear with it.
 */
const statements = [
  `create table forecast_model (
    run_id text not null references planning_run(id) on delete cascade,
    organization_id text not null,
    item_code text not null,
    location_code text not null,
    method text not null,
    demand_class text,
    history_periods integer not null,
    parameters jsonb not null default '{}'::jsonb,
    accuracy jsonb not null default '{}'::jsonb,
    notes jsonb not null default '[]'::jsonb,
    primary key (run_id, item_code, location_code)
  )`,
  `create table forecast_value (
    run_id text not null references planning_run(id) on delete cascade,
    organization_id text not null,
    item_code text not null,
    location_code text not null,
    step integer not null check (step >= 1),
    period_start date not null,
    forecast numeric(18,6) not null,
    lower_80 numeric(18,6), upper_80 numeric(18,6), lower_95 numeric(18,6), upper_95 numeric(18,6),
    primary key (run_id, item_code, location_code, step)
  )`,
  `create table mrp_record (
    run_id text not null references planning_run(id) on delete cascade,
    organization_id text not null,
    item_code text not null,
    low_level_code integer not null,
    record jsonb not null,
    primary key (run_id, item_code)
  )`,
  `create table planned_order (
    run_id text not null references planning_run(id) on delete cascade,
    organization_id text not null,
    order_id text not null,
    item_code text not null,
    sourcing text not null check (sourcing in ('make','buy')),
    location_code text,
    supplier_code text,
    release_date date not null,
    receipt_date date not null,
    quantity numeric(18,6) not null,
    release_quantity numeric(18,6) not null,
    pegging jsonb not null default '[]'::jsonb,
    primary key (run_id, order_id)
  )`,
  `create index planned_order_item_idx on planned_order (run_id, item_code)`,
  `create table action_message (
    run_id text not null references planning_run(id) on delete cascade,
    organization_id text not null,
    sequence integer not null,
    kind text not null check (kind in ('release','expedite','defer','cancel','increase','decrease')),
    item_code text not null,
    owner_code text,
    owner_role text not null check (owner_role in ('planner','buyer')),
    order_kind text not null,
    order_id text not null,
    period_date date not null,
    suggested_date date,
    quantity numeric(18,6) not null,
    suggested_quantity numeric(18,6),
    reason text not null,
    status text not null default 'open' check (status in ('open','approved','dismissed')),
    primary key (run_id, sequence)
  )`,
  `create table capacity_load (
    run_id text not null references planning_run(id) on delete cascade,
    organization_id text not null,
    work_center_code text not null,
    period_start date not null,
    load_hours numeric(14,4) not null,
    available_hours numeric(14,4) not null,
    order_ids jsonb not null default '[]'::jsonb,
    primary key (run_id, work_center_code, period_start)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['capacity_load', 'action_message', 'planned_order', 'mrp_record', 'forecast_value', 'forecast_model']) await sql.raw(`drop table if exists ${table}`).execute(db);
}
