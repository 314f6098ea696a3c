import { sql, type Kysely } from 'kysely';

/**
 * The foundation schema: tenants and users, master data (items, locations, BOMs, routings, work
 * centres and calendars, suppliers, customers, carriers, vehicles), stock and the append-only
 * movement ledger, orders (sales, purchase, production, transfer), shipments, returns, planning runs
 * and the audit trail. Written for PostgreSQL 15 (PGlite is 18: nothing newer than 15 is used).
 *
 * Keys: master data is keyed by (organization_id, code) — the codes users see in their ERP — so
 * exports and imports round-trip without surrogate ids; documents by (organization_id, number).
 * Quantities are numeric(18,6), money numeric(18,4): exact decimals, never floats.
 */
const statements = [
  `create table organization (
    id text primary key,
    name text not null,
    default_language text not null default 'fr' check (default_language in ('en','fr')),
    currency char(3) not null default 'EUR',
    created_at timestamptz not null default now()
  )`,
  `create table app_user (
    id text primary key,
    email text not null unique,
    display_name text not null,
    password_hash text,
    language text check (language in ('en','fr')),
    active boolean not null default true,
    created_at timestamptz not null default now()
  )`,
  `create table membership (
    user_id text not null references app_user(id) on delete cascade,
    organization_id text not null references organization(id) on delete cascade,
    role text not null check (role in ('admin','planner','buyer','warehouse','transport','viewer')),
    primary key (user_id, organization_id)
  )`,
  `create table unit_of_measure (
    organization_id text not null references organization(id) on delete cascade,
    code text not null,
    name text not null,
    dimension text not null check (dimension in ('count','mass','volume','length','time')),
    primary key (organization_id, code)
  )`,
  `create table item_family (
    organization_id text not null references organization(id) on delete cascade,
    code text not null,
    name text not null,
    primary key (organization_id, code)
  )`,
  `create table item (
    organization_id text not null references organization(id) on delete cascade,
    code text not null,
    name text not null,
    item_type text not null check (item_type in ('finished_good','semi_finished','component','raw_material')),
    uom_code text not null,
    family_code text,
    make_or_buy text not null check (make_or_buy in ('make','buy')),
    standard_cost numeric(18,4) not null default 0 check (standard_cost >= 0),
    sale_price numeric(18,4) check (sale_price >= 0),
    weight_kg numeric(18,6) check (weight_kg >= 0),
    volume_m3 numeric(18,6) check (volume_m3 >= 0),
    shelf_life_days integer check (shelf_life_days > 0),
    lead_time_days integer not null default 0 check (lead_time_days >= 0),
    safety_stock_qty numeric(18,6) not null default 0 check (safety_stock_qty >= 0),
    lot_size_rule text not null default 'lot_for_lot' check (lot_size_rule in ('lot_for_lot','fixed_quantity','eoq','periods_of_supply','wagner_whitin','silver_meal','least_unit_cost','part_period_balancing')),
    lot_size_qty numeric(18,6) check (lot_size_qty > 0),
    min_order_qty numeric(18,6) check (min_order_qty >= 0),
    order_multiple numeric(18,6) check (order_multiple > 0),
    yield_rate numeric(7,6) not null default 1 check (yield_rate > 0 and yield_rate <= 1),
    planner_code text,
    buyer_code text,
    active boolean not null default true,
    primary key (organization_id, code),
    foreign key (organization_id, uom_code) references unit_of_measure(organization_id, code),
    foreign key (organization_id, family_code) references item_family(organization_id, code)
  )`,
  `create table uom_conversion (
    organization_id text not null references organization(id) on delete cascade,
    item_code text not null default '',
    from_uom_code text not null,
    to_uom_code text not null,
    factor numeric(24,10) not null check (factor > 0),
    primary key (organization_id, item_code, from_uom_code, to_uom_code),
    foreign key (organization_id, from_uom_code) references unit_of_measure(organization_id, code),
    foreign key (organization_id, to_uom_code) references unit_of_measure(organization_id, code)
  )`,
  `create table location (
    organization_id text not null references organization(id) on delete cascade,
    code text not null,
    name text not null,
    location_type text not null check (location_type in ('plant','warehouse','distribution_center')),
    city text,
    postal_code text,
    country char(2) not null default 'FR',
    latitude numeric(9,6) check (latitude between -90 and 90),
    longitude numeric(9,6) check (longitude between -180 and 180),
    primary key (organization_id, code)
  )`,
  `create table stock_point (
    organization_id text not null,
    item_code text not null,
    location_code text not null,
    safety_stock_qty numeric(18,6) check (safety_stock_qty >= 0),
    reorder_point_qty numeric(18,6) check (reorder_point_qty >= 0),
    max_stock_qty numeric(18,6) check (max_stock_qty >= 0),
    review_period_days integer check (review_period_days > 0),
    target_service_level numeric(7,6) check (target_service_level > 0 and target_service_level < 1),
    primary key (organization_id, item_code, location_code),
    foreign key (organization_id, item_code) references item(organization_id, code) on delete cascade,
    foreign key (organization_id, location_code) references location(organization_id, code) on delete cascade
  )`,
  `create table stock_lot (
    organization_id text not null,
    item_code text not null,
    location_code text not null,
    lot_number text not null default '',
    serial_number text not null default '',
    quantity numeric(18,6) not null check (quantity >= 0),
    expiry_date date,
    received_date date,
    status text not null default 'available' check (status in ('available','quarantine','blocked')),
    primary key (organization_id, item_code, location_code, lot_number, serial_number),
    foreign key (organization_id, item_code) references item(organization_id, code) on delete cascade,
    foreign key (organization_id, location_code) references location(organization_id, code) on delete cascade
  )`,
  `create table bom (
    organization_id text not null,
    parent_item_code text not null,
    version text not null,
    status text not null default 'active' check (status in ('draft','active','obsolete')),
    valid_from date,
    valid_to date,
    primary key (organization_id, parent_item_code, version),
    foreign key (organization_id, parent_item_code) references item(organization_id, code) on delete cascade,
    check (valid_to is null or valid_from is null or valid_to >= valid_from)
  )`,
  `create table bom_line (
    organization_id text not null,
    parent_item_code text not null,
    bom_version text not null,
    line_number integer not null check (line_number > 0),
    component_item_code text not null,
    quantity_per numeric(18,6) not null check (quantity_per > 0),
    scrap_rate numeric(7,6) not null default 0 check (scrap_rate >= 0 and scrap_rate < 1),
    valid_from date,
    valid_to date,
    primary key (organization_id, parent_item_code, bom_version, line_number),
    foreign key (organization_id, parent_item_code, bom_version) references bom(organization_id, parent_item_code, version) on delete cascade,
    foreign key (organization_id, component_item_code) references item(organization_id, code),
    check (component_item_code <> parent_item_code),
    check (valid_to is null or valid_from is null or valid_to >= valid_from)
  )`,
  `create table calendar (
    organization_id text not null references organization(id) on delete cascade,
    code text not null,
    name text not null,
    primary key (organization_id, code)
  )`,
  `create table calendar_shift (
    organization_id text not null,
    calendar_code text not null,
    weekday integer not null check (weekday between 1 and 7),
    shift_code text not null,
    start_time time not null,
    end_time time not null,
    primary key (organization_id, calendar_code, weekday, shift_code),
    foreign key (organization_id, calendar_code) references calendar(organization_id, code) on delete cascade
  )`,
  `create table calendar_exception (
    organization_id text not null,
    calendar_code text not null,
    exception_date date not null,
    available_hours numeric(6,2) not null check (available_hours >= 0 and available_hours <= 24),
    reason text,
    primary key (organization_id, calendar_code, exception_date),
    foreign key (organization_id, calendar_code) references calendar(organization_id, code) on delete cascade
  )`,
  `create table work_center (
    organization_id text not null,
    code text not null,
    name text not null,
    location_code text not null,
    calendar_code text not null,
    machine_count integer not null default 1 check (machine_count > 0),
    efficiency numeric(7,6) not null default 1 check (efficiency > 0),
    utilization numeric(7,6) not null default 1 check (utilization > 0 and utilization <= 1),
    cost_per_hour numeric(18,4) check (cost_per_hour >= 0),
    primary key (organization_id, code),
    foreign key (organization_id, location_code) references location(organization_id, code),
    foreign key (organization_id, calendar_code) references calendar(organization_id, code)
  )`,
  `create table routing_operation (
    organization_id text not null,
    item_code text not null,
    operation_number integer not null check (operation_number > 0),
    work_center_code text not null,
    description text,
    setup_hours numeric(12,4) not null default 0 check (setup_hours >= 0),
    run_hours_per_unit numeric(14,6) not null check (run_hours_per_unit >= 0),
    primary key (organization_id, item_code, operation_number),
    foreign key (organization_id, item_code) references item(organization_id, code) on delete cascade,
    foreign key (organization_id, work_center_code) references work_center(organization_id, code)
  )`,
  `create table supplier (
    organization_id text not null references organization(id) on delete cascade,
    code text not null,
    name text not null,
    country char(2) not null,
    city text,
    latitude numeric(9,6) check (latitude between -90 and 90),
    longitude numeric(9,6) check (longitude between -180 and 180),
    currency char(3) not null default 'EUR',
    primary key (organization_id, code)
  )`,
  `create table supply_term (
    organization_id text not null,
    item_code text not null,
    supplier_code text not null,
    lead_time_days numeric(8,2) not null check (lead_time_days >= 0),
    lead_time_std_days numeric(8,2) not null default 0 check (lead_time_std_days >= 0),
    min_order_qty numeric(18,6) not null default 0 check (min_order_qty >= 0),
    order_multiple numeric(18,6) not null default 1 check (order_multiple > 0),
    unit_price numeric(18,4) not null check (unit_price >= 0),
    currency char(3) not null default 'EUR',
    preferred boolean not null default false,
    primary key (organization_id, item_code, supplier_code),
    foreign key (organization_id, item_code) references item(organization_id, code) on delete cascade,
    foreign key (organization_id, supplier_code) references supplier(organization_id, code) on delete cascade
  )`,
  `create table price_break (
    organization_id text not null,
    item_code text not null,
    supplier_code text not null,
    min_quantity numeric(18,6) not null check (min_quantity >= 0),
    unit_price numeric(18,4) not null check (unit_price >= 0),
    primary key (organization_id, item_code, supplier_code, min_quantity),
    foreign key (organization_id, item_code, supplier_code) references supply_term(organization_id, item_code, supplier_code) on delete cascade
  )`,
  `create table customer (
    organization_id text not null references organization(id) on delete cascade,
    code text not null,
    name text not null,
    city text,
    postal_code text,
    country char(2) not null default 'FR',
    latitude numeric(9,6) check (latitude between -90 and 90),
    longitude numeric(9,6) check (longitude between -180 and 180),
    priority_class text not null default 'B' check (priority_class in ('A','B','C')),
    delivery_window_start time,
    delivery_window_end time,
    service_minutes integer not null default 15 check (service_minutes >= 0),
    primary key (organization_id, code)
  )`,
  `create table sales_history (
    organization_id text not null,
    item_code text not null,
    location_code text not null,
    sale_date date not null,
    quantity numeric(18,6) not null,
    promotion boolean not null default false,
    primary key (organization_id, item_code, location_code, sale_date),
    foreign key (organization_id, item_code) references item(organization_id, code) on delete cascade,
    foreign key (organization_id, location_code) references location(organization_id, code) on delete cascade
  )`,
  `create table sales_order (
    organization_id text not null,
    order_number text not null,
    customer_code text not null,
    order_date date not null,
    status text not null default 'open' check (status in ('open','confirmed','partially_shipped','shipped','closed','cancelled')),
    primary key (organization_id, order_number),
    foreign key (organization_id, customer_code) references customer(organization_id, code)
  )`,
  `create table sales_order_line (
    organization_id text not null,
    order_number text not null,
    line_number integer not null check (line_number > 0),
    item_code text not null,
    location_code text not null,
    quantity numeric(18,6) not null check (quantity > 0),
    shipped_quantity numeric(18,6) not null default 0 check (shipped_quantity >= 0),
    requested_date date not null,
    promised_date date,
    priority integer not null default 3 check (priority between 1 and 9),
    unit_price numeric(18,4) check (unit_price >= 0),
    primary key (organization_id, order_number, line_number),
    foreign key (organization_id, order_number) references sales_order(organization_id, order_number) on delete cascade,
    foreign key (organization_id, item_code) references item(organization_id, code),
    foreign key (organization_id, location_code) references location(organization_id, code)
  )`,
  `create table purchase_order (
    organization_id text not null,
    order_number text not null,
    supplier_code text not null,
    order_date date not null,
    status text not null default 'draft' check (status in ('draft','approved','sent','partially_received','received','cancelled')),
    currency char(3) not null default 'EUR',
    primary key (organization_id, order_number),
    foreign key (organization_id, supplier_code) references supplier(organization_id, code)
  )`,
  `create table purchase_order_line (
    organization_id text not null,
    order_number text not null,
    line_number integer not null check (line_number > 0),
    item_code text not null,
    location_code text not null,
    quantity numeric(18,6) not null check (quantity > 0),
    received_quantity numeric(18,6) not null default 0 check (received_quantity >= 0),
    unit_price numeric(18,4) not null check (unit_price >= 0),
    due_date date not null,
    primary key (organization_id, order_number, line_number),
    foreign key (organization_id, order_number) references purchase_order(organization_id, order_number) on delete cascade,
    foreign key (organization_id, item_code) references item(organization_id, code),
    foreign key (organization_id, location_code) references location(organization_id, code)
  )`,
  `create table production_order (
    organization_id text not null,
    order_number text not null,
    item_code text not null,
    location_code text not null,
    quantity numeric(18,6) not null check (quantity > 0),
    completed_quantity numeric(18,6) not null default 0 check (completed_quantity >= 0),
    start_date date not null,
    due_date date not null,
    status text not null default 'firm' check (status in ('planned','firm','released','completed','cancelled')),
    primary key (organization_id, order_number),
    foreign key (organization_id, item_code) references item(organization_id, code),
    foreign key (organization_id, location_code) references location(organization_id, code),
    check (due_date >= start_date)
  )`,
  `create table transfer_order (
    organization_id text not null,
    order_number text not null,
    item_code text not null,
    from_location_code text not null,
    to_location_code text not null,
    quantity numeric(18,6) not null check (quantity > 0),
    ship_date date not null,
    due_date date not null,
    status text not null default 'planned' check (status in ('planned','released','in_transit','received','cancelled')),
    primary key (organization_id, order_number),
    foreign key (organization_id, item_code) references item(organization_id, code),
    foreign key (organization_id, from_location_code) references location(organization_id, code),
    foreign key (organization_id, to_location_code) references location(organization_id, code),
    check (from_location_code <> to_location_code),
    check (due_date >= ship_date)
  )`,
  `create table inventory_movement (
    id bigint generated always as identity primary key,
    organization_id text not null,
    item_code text not null,
    location_code text not null,
    lot_number text not null default '',
    movement_type text not null check (movement_type in ('opening_balance','receipt','issue','shipment','production_receipt','consumption','transfer_out','transfer_in','adjustment','count_adjustment','return_receipt','scrap')),
    quantity numeric(18,6) not null check (quantity <> 0),
    unit_cost numeric(18,4),
    occurred_at timestamptz not null,
    reference text,
    reason text,
    created_by text,
    created_at timestamptz not null default now(),
    foreign key (organization_id, item_code) references item(organization_id, code),
    foreign key (organization_id, location_code) references location(organization_id, code)
  )`,
  `create index inventory_movement_item_idx on inventory_movement (organization_id, item_code, location_code, occurred_at)`,
  // The ledger is append-only: corrections are new movements, never edits.
  `create function flowpilot_refuse_ledger_change() returns trigger language plpgsql as $$
   begin
     raise exception 'inventory_movement is append-only: post a correcting movement instead'
       using errcode = 'check_violation';
   end $$`,
  `create trigger inventory_movement_append_only before update or delete on inventory_movement
   for each row execute function flowpilot_refuse_ledger_change()`,
  `create table carrier (
    organization_id text not null references organization(id) on delete cascade,
    code text not null,
    name text not null,
    transport_mode text not null check (transport_mode in ('road_ftl','road_ltl','parcel','rail','sea','air','intermodal')),
    fuel_surcharge_rate numeric(7,6) not null default 0 check (fuel_surcharge_rate >= 0),
    on_time_rate numeric(7,6) check (on_time_rate between 0 and 1),
    primary key (organization_id, code)
  )`,
  `create table carrier_tariff (
    organization_id text not null,
    carrier_code text not null,
    zone text not null,
    min_weight_kg numeric(18,6) not null check (min_weight_kg >= 0),
    max_weight_kg numeric(18,6) not null,
    price_per_100kg numeric(18,4) not null check (price_per_100kg >= 0),
    minimum_charge numeric(18,4) not null default 0 check (minimum_charge >= 0),
    transit_days integer not null check (transit_days >= 0),
    primary key (organization_id, carrier_code, zone, min_weight_kg),
    foreign key (organization_id, carrier_code) references carrier(organization_id, code) on delete cascade,
    check (max_weight_kg > min_weight_kg)
  )`,
  `create table vehicle (
    organization_id text not null,
    code text not null,
    location_code text not null,
    carrier_code text,
    vehicle_type text not null,
    capacity_kg numeric(18,6) not null check (capacity_kg > 0),
    capacity_m3 numeric(18,6) check (capacity_m3 > 0),
    capacity_pallets integer check (capacity_pallets > 0),
    fixed_cost_per_day numeric(18,4) not null default 0 check (fixed_cost_per_day >= 0),
    cost_per_km numeric(18,4) not null default 0 check (cost_per_km >= 0),
    co2_kg_per_km numeric(12,6) not null default 0 check (co2_kg_per_km >= 0),
    max_route_hours numeric(6,2) check (max_route_hours > 0),
    primary key (organization_id, code),
    foreign key (organization_id, location_code) references location(organization_id, code),
    foreign key (organization_id, carrier_code) references carrier(organization_id, code)
  )`,
  `create table shipment (
    organization_id text not null,
    shipment_number text not null,
    from_location_code text not null,
    customer_code text not null,
    carrier_code text,
    ship_date date not null,
    planned_delivery_date date,
    delivered_date date,
    status text not null default 'planned' check (status in ('planned','loaded','dispatched','delivered','cancelled')),
    weight_kg numeric(18,6),
    freight_cost numeric(18,4),
    co2_kg numeric(18,6),
    primary key (organization_id, shipment_number),
    foreign key (organization_id, from_location_code) references location(organization_id, code),
    foreign key (organization_id, customer_code) references customer(organization_id, code),
    foreign key (organization_id, carrier_code) references carrier(organization_id, code)
  )`,
  `create table shipment_line (
    organization_id text not null,
    shipment_number text not null,
    line_number integer not null check (line_number > 0),
    sales_order_number text,
    sales_order_line_number integer,
    item_code text not null,
    lot_number text not null default '',
    quantity numeric(18,6) not null check (quantity > 0),
    primary key (organization_id, shipment_number, line_number),
    foreign key (organization_id, shipment_number) references shipment(organization_id, shipment_number) on delete cascade,
    foreign key (organization_id, item_code) references item(organization_id, code)
  )`,
  `create table return_order (
    organization_id text not null,
    rma_number text not null,
    customer_code text not null,
    item_code text not null,
    lot_number text not null default '',
    quantity numeric(18,6) not null check (quantity > 0),
    reason text not null check (reason in ('damaged','defective','wrong_item','not_needed','expired','other')),
    status text not null default 'authorized' check (status in ('authorized','received','inspected','closed','cancelled')),
    disposition text check (disposition in ('restock','refurbish','return_to_supplier','recycle','scrap')),
    authorized_date date not null,
    received_date date,
    location_code text,
    primary key (organization_id, rma_number),
    foreign key (organization_id, customer_code) references customer(organization_id, code),
    foreign key (organization_id, item_code) references item(organization_id, code)
  )`,
  `create table planning_run (
    id text primary key,
    organization_id text not null references organization(id) on delete cascade,
    run_type text not null,
    status text not null check (status in ('queued','running','succeeded','failed','cancelled')),
    as_of_date date,
    inputs_hash text,
    parameters jsonb not null default '{}'::jsonb,
    summary jsonb not null default '{}'::jsonb,
    exceptions jsonb not null default '[]'::jsonb,
    started_at timestamptz,
    finished_at timestamptz,
    duration_ms integer,
    created_by text,
    created_at timestamptz not null default now()
  )`,
  `create index planning_run_org_idx on planning_run (organization_id, run_type, created_at desc)`,
  `create table audit_log (
    id bigint generated always as identity primary key,
    organization_id text not null,
    user_id text,
    action text not null,
    entity text not null,
    entity_key text not null,
    before jsonb,
    after jsonb,
    reason text,
    created_at timestamptz not null default now()
  )`,
  `create index audit_log_org_idx on audit_log (organization_id, created_at desc)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = ['audit_log', 'planning_run', 'return_order', 'shipment_line', 'shipment', 'vehicle', 'carrier_tariff', 'carrier', 'inventory_movement', 'transfer_order', 'production_order', 'purchase_order_line', 'purchase_order', 'sales_order_line', 'sales_order', 'sales_history', 'customer', 'price_break', 'supply_term', 'supplier', 'routing_operation', 'work_center', 'calendar_exception', 'calendar_shift', 'calendar', 'bom_line', 'bom', 'stock_lot', 'stock_point', 'location', 'uom_conversion', 'item', 'item_family', 'unit_of_measure', 'membership', 'app_user', 'organization'];
  for (const table of tables) await sql.raw(`drop table if exists ${table} cascade`).execute(db);
  await sql.raw('drop function if exists flowpilot_refuse_ledger_change()').execute(db);
}
