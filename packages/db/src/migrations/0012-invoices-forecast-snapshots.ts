import { sql, type Kysely } from 'kysely';

/**
 * Receivables, payables and past forecasts, as an ERP / planning-tool extract gives them:
 * - customer_invoice (new) and supplier_invoice (0007, completed here): one row per invoice (or credit note, negative amount)
 *   with its invoice date, due date, amount in EUR excluding VAT and the date it was settled
 *   (null while open). The cash-to-cash cycle rebuilds daily receivables and payables from them.
 * - forecast_snapshot: forecasts made on an as-of date for a later week (Monday), kept as they were
 *   (a forecast history exported from the previous planning tool, or rolling backtests), so forecast
 *   accuracy compares what was forecast before the week with what was sold.
 * Written for PostgreSQL 15 and PGlite.
 */
const statements = [
  `create table customer_invoice (
    organization_id text not null references organization(id) on delete cascade,
    invoice_number text not null,
    customer_code text not null,
    invoice_date date not null,
    due_date date not null,
    amount_eur numeric(18,4) not null,
    payment_date date,
    sales_order_number text,
    shipment_number text,
    primary key (organization_id, invoice_number),
    foreign key (organization_id, customer_code) references customer(organization_id, code),
    check (due_date >= invoice_date),
    check (payment_date is null or payment_date >= invoice_date)
  )`,
  `create index customer_invoice_dates_idx on customer_invoice (organization_id, invoice_date)`,
  // supplier_invoice exists since 0007 (EDI INVOIC, amount in the invoice currency): the AP extract adds
  // the due date, the payment date and the amount in EUR, the company currency.
  `alter table supplier_invoice
    add column due_date date,
    add column payment_date date,
    add column amount_eur numeric(18,4),
    add constraint supplier_invoice_due_check check (due_date is null or due_date >= invoice_date),
    add constraint supplier_invoice_payment_check check (payment_date is null or payment_date >= invoice_date)`,
  `create index supplier_invoice_dates_idx on supplier_invoice (organization_id, invoice_date)`,
  `create table forecast_snapshot (
    organization_id text not null references organization(id) on delete cascade,
    item_code text not null,
    location_code text not null,
    as_of_date date not null,
    period_start date not null check (extract(isodow from period_start) = 1),
    forecast_quantity numeric(18,6) not null check (forecast_quantity >= 0),
    method text,
    primary key (organization_id, item_code, location_code, as_of_date, period_start),
    foreign key (organization_id, item_code) references item(organization_id, code),
    foreign key (organization_id, location_code) references location(organization_id, code),
    check (as_of_date <= period_start)
  )`,
  `create index forecast_snapshot_period_idx on forecast_snapshot (organization_id, period_start)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`alter table supplier_invoice drop constraint if exists supplier_invoice_payment_check, drop constraint if exists supplier_invoice_due_check,
    drop column if exists amount_eur, drop column if exists payment_date, drop column if exists due_date`).execute(db);
  for (const table of ['forecast_snapshot', 'customer_invoice']) await sql.raw(`drop table if exists ${table} cascade`).execute(db);
}
