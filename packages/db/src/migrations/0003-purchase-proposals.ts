import { sql, type Kysely } from 'kysely';

/** Purchase proposals made from MRP's planned buy orders, grouped per supplier, until a buyer approves them into purchase orders. */
const statements = [
  `create table purchase_proposal_line (
    run_id text not null references planning_run(id) on delete cascade,
    organization_id text not null,
    supplier_code text not null,
    planned_order_id text not null,
    item_code text not null,
    location_code text,
    quantity numeric(18,6) not null check (quantity > 0),
    unit_price numeric(18,4) not null check (unit_price >= 0),
    price_basis text not null,
    currency char(3) not null,
    release_date date not null,
    due_date date not null,
    status text not null default 'proposed' check (status in ('proposed','approved','rejected')),
    purchase_order_number text,
    decided_by text,
    decided_at timestamptz,
    primary key (run_id, planned_order_id)
  )`,
  `create index purchase_proposal_supplier_idx on purchase_proposal_line (organization_id, supplier_code, status)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table if exists purchase_proposal_line').execute(db);
}
