import { sql, type Kysely } from 'kysely';

/**
 * Per stock point overrides of the ABC × XYZ default policy, and where a safety stock came from.
 * service_target_type: which service target_service_level states, a cycle service level (alpha) or a fill rate
 * (beta); null takes the segment's. review_type: continuous (s, Q) or periodic (R, S) review; null takes the segment's.
 * safety_stock_run_id and computed_safety_stock_qty: the inventory-policy planning run that wrote safety_stock_qty
 * (purchased components) and the figure it wrote. A safety stock is a person's when no run wrote it or when it no
 * longer equals the run's figure (changed by an import or a screen); a person's figure is never overwritten by a run.
 */
const statements = [
  `alter table stock_point add column service_target_type text check (service_target_type in ('cycle_service_level','fill_rate'))`,
  `alter table stock_point add column review_type text check (review_type in ('continuous','periodic'))`,
  `alter table stock_point add column safety_stock_run_id text`,
  `alter table stock_point add column computed_safety_stock_qty numeric(18,6) check (computed_safety_stock_qty >= 0)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['computed_safety_stock_qty', 'safety_stock_run_id', 'review_type', 'service_target_type']) {
    await sql.raw(`alter table stock_point drop column if exists ${column}`).execute(db);
  }
}
