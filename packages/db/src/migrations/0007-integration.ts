import { sql, type Kysely } from 'kysely';

/**
 * Integration: EDI interchanges and messages (exactly-once keys), party and item identifiers (GLN, GTIN,
 * SSCC), supplier despatch advices (expected receipts), supplier invoices, customer receiving advices,
 * ERP column-mapping profiles, webhooks (subscriptions, outbox written with the event, deliveries and
 * their attempts), ERP export log, and per-organization counters for outgoing references.
 */
const statements = [
  `alter table organization add column gln text`,
  `alter table organization add column gs1_company_prefix text check (gs1_company_prefix ~ '^[0-9]{6,12}$')`,
  `alter table customer add column gln text check (gln ~ '^[0-9]{13}$')`,
  `alter table supplier add column gln text check (gln ~ '^[0-9]{13}$')`,
  `alter table location add column gln text check (gln ~ '^[0-9]{13}$')`,
  `alter table item add column gtin text check (gtin ~ '^[0-9]{8,14}$')`,
  `alter table shipment_line add column sscc text check (sscc ~ '^[0-9]{18}$')`,
  `create unique index customer_gln_idx on customer (organization_id, gln) where gln is not null`,
  `create unique index supplier_gln_idx on supplier (organization_id, gln) where gln is not null`,
  `create unique index location_gln_idx on location (organization_id, gln) where gln is not null`,
  `create unique index item_gtin_idx on item (organization_id, gtin) where gtin is not null`,
  `create table edi_interchange (
    id text primary key,
    organization_id text not null references organization(id) on delete cascade,
    direction text not null check (direction in ('in','out')),
    sender_id text not null,
    sender_qualifier text not null default '',
    recipient_id text not null,
    recipient_qualifier text not null default '',
    control_reference text not null,
    syntax_identifier text not null default '',
    status text not null check (status in ('accepted','rejected','sent')),
    message_count integer not null default 0,
    issues jsonb not null default '[]'::jsonb,
    content text not null,
    acknowledgement text,
    duplicate_count integer not null default 0,
    file_name text,
    created_by text,
    created_at timestamptz not null default now()
  )`,
  // Exactly once: one accepted interchange per sender and control reference (rejected ones may be resent corrected).
  `create unique index edi_interchange_once_idx on edi_interchange (organization_id, direction, sender_id, control_reference) where status in ('accepted','sent')`,
  `create index edi_interchange_org_idx on edi_interchange (organization_id, created_at desc)`,
  `create table edi_message (
    interchange_id text not null references edi_interchange(id) on delete cascade,
    message_reference text not null,
    organization_id text not null,
    direction text not null check (direction in ('in','out')),
    sender_id text not null,
    message_type text not null,
    document_number text not null default '',
    status text not null check (status in ('accepted','rejected','sent')),
    entity text,
    entity_key text,
    issues jsonb not null default '[]'::jsonb,
    primary key (interchange_id, message_reference)
  )`,
  // Exactly once per document: a sender's order, despatch advice or invoice number is applied once.
  `create unique index edi_message_once_idx on edi_message (organization_id, direction, sender_id, message_type, document_number) where status = 'accepted'`,
  `create table expected_receipt (
    organization_id text not null,
    supplier_code text not null,
    despatch_number text not null,
    line_number integer not null check (line_number > 0),
    purchase_order_number text,
    purchase_order_line_number integer,
    item_code text not null,
    lot_number text not null default '',
    sscc text,
    expiry_date date,
    quantity numeric(18,6) not null check (quantity > 0),
    despatch_date date,
    expected_date date,
    interchange_id text references edi_interchange(id) on delete set null,
    primary key (organization_id, supplier_code, despatch_number, line_number),
    foreign key (organization_id, supplier_code) references supplier(organization_id, code),
    foreign key (organization_id, item_code) references item(organization_id, code)
  )`,
  `create table supplier_invoice (
    organization_id text not null,
    supplier_code text not null,
    invoice_number text not null,
    invoice_date date not null,
    purchase_order_number text,
    currency char(3) not null default 'EUR',
    total_amount numeric(18,4),
    interchange_id text references edi_interchange(id) on delete set null,
    primary key (organization_id, supplier_code, invoice_number),
    foreign key (organization_id, supplier_code) references supplier(organization_id, code)
  )`,
  `create table supplier_invoice_line (
    organization_id text not null,
    supplier_code text not null,
    invoice_number text not null,
    line_number integer not null check (line_number > 0),
    item_code text not null,
    quantity numeric(18,6) not null,
    unit_price numeric(18,4),
    line_amount numeric(18,4),
    primary key (organization_id, supplier_code, invoice_number, line_number),
    foreign key (organization_id, supplier_code, invoice_number) references supplier_invoice(organization_id, supplier_code, invoice_number) on delete cascade,
    foreign key (organization_id, item_code) references item(organization_id, code)
  )`,
  `create table receiving_advice_line (
    organization_id text not null,
    customer_code text not null,
    advice_number text not null,
    line_number integer not null check (line_number > 0),
    shipment_number text not null,
    item_code text not null,
    lot_number text not null default '',
    quantity_received numeric(18,6) not null check (quantity_received >= 0),
    quantity_accepted numeric(18,6),
    receipt_date date,
    primary key (organization_id, customer_code, advice_number, line_number),
    foreign key (organization_id, shipment_number) references shipment(organization_id, shipment_number),
    foreign key (organization_id, item_code) references item(organization_id, code)
  )`,
  `create table mapping_profile (
    organization_id text not null references organization(id) on delete cascade,
    code text not null,
    name text not null,
    entity text not null,
    definition jsonb not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (organization_id, code)
  )`,
  `create table webhook_subscription (
    id text primary key,
    organization_id text not null references organization(id) on delete cascade,
    url text not null check (url ~ '^https?://'),
    secret text not null check (length(secret) >= 16),
    events jsonb not null,
    active boolean not null default true,
    created_at timestamptz not null default now()
  )`,
  `create index webhook_subscription_org_idx on webhook_subscription (organization_id)`,
  `create table webhook_event (
    id bigint generated always as identity primary key,
    organization_id text not null references organization(id) on delete cascade,
    event_type text not null check (event_type in ('plan.published','purchase_order.approved','shipment.dispatched')),
    payload jsonb not null,
    created_at timestamptz not null default now()
  )`,
  `create table webhook_delivery (
    id bigint generated always as identity primary key,
    organization_id text not null,
    event_id bigint not null references webhook_event(id) on delete cascade,
    subscription_id text not null references webhook_subscription(id) on delete cascade,
    status text not null default 'pending' check (status in ('pending','delivered','failed')),
    attempt_count integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_status_code integer,
    last_error text,
    delivered_at timestamptz,
    unique (event_id, subscription_id)
  )`,
  `create index webhook_delivery_due_idx on webhook_delivery (organization_id, status, next_attempt_at)`,
  `create table webhook_delivery_attempt (
    delivery_id bigint not null references webhook_delivery(id) on delete cascade,
    attempt integer not null,
    attempted_at timestamptz not null,
    status_code integer,
    error text,
    duration_ms integer not null,
    primary key (delivery_id, attempt)
  )`,
  `create table erp_export_log (
    organization_id text not null references organization(id) on delete cascade,
    kind text not null check (kind in ('purchase_order','purchase_proposal')),
    document_key text not null,
    file_name text not null,
    exported_at timestamptz not null default now(),
    primary key (organization_id, kind, document_key)
  )`,
  `create table integration_counter (
    organization_id text not null references organization(id) on delete cascade,
    name text not null,
    value bigint not null,
    primary key (organization_id, name)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = ['integration_counter', 'erp_export_log', 'webhook_delivery_attempt', 'webhook_delivery', 'webhook_event', 'webhook_subscription', 'mapping_profile', 'receiving_advice_line', 'supplier_invoice_line', 'supplier_invoice', 'expected_receipt', 'edi_message', 'edi_interchange'];
  for (const table of tables) await sql.raw(`drop table if exists ${table} cascade`).execute(db);
  for (const index of ['customer_gln_idx', 'supplier_gln_idx', 'location_gln_idx', 'item_gtin_idx']) await sql.raw(`drop index if exists ${index}`).execute(db);
  await sql.raw('alter table shipment_line drop column if exists sscc').execute(db);
  await sql.raw('alter table item drop column if exists gtin').execute(db);
  for (const table of ['location', 'supplier', 'customer']) await sql.raw(`alter table ${table} drop column if exists gln`).execute(db);
  await sql.raw('alter table organization drop column if exists gs1_company_prefix').execute(db);
  await sql.raw('alter table organization drop column if exists gln').execute(db);
}
