import { sql, type Kysely } from 'kysely';

/**
 * Policy parameters computed by the inventory-policy planning run, and where they came from.
 * For items replenished by a policy (item.replenishment_method reorder_point or periodic_review) the run computes
 * s (reorder_point_qty), Q (order_qty) and S (max_stock_qty) of each stock point. parameters_run_id: the run that
 * last computed them; computed_*_qty: the figures it computed; parameter_basis: its inputs, formula and results.
 * A field is the run's while it is empty or still equals the run's figure; any other value is a person's and is
 * never overwritten (the same rule as safety_stock_qty / computed_safety_stock_qty, migration 0014).
 */
const statements = [
  `alter table stock_point add column parameters_run_id text`,
  `alter table stock_point add column computed_reorder_point_qty numeric(18,6) check (computed_reorder_point_qty >= 0)`,
  `alter table stock_point add column computed_order_qty numeric(18,6) check (computed_order_qty > 0)`,
  `alter table stock_point add column computed_max_stock_qty numeric(18,6) check (computed_max_stock_qty >= 0)`,
  `alter table stock_point add column parameter_basis jsonb`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['parameter_basis', 'computed_max_stock_qty', 'computed_order_qty', 'computed_reorder_point_qty', 'parameters_run_id']) {
    await sql.raw(`alter table stock_point drop column if exists ${column}`).execute(db);
  }
}
