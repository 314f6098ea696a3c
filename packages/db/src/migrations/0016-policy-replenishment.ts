import { sql, type Kysely } from 'kysely';

/**
 * Replenishment by inventory policy instead of MRP.
 * item.replenishment_method: mrp (default: MRP plans the item), reorder_point ((s, Q) on each stock point) or
 * periodic_review ((R, S) on each stock point). MRP's planned buy orders of a policy item are not proposed.
 * stock_point.order_qty: Q of the (s, Q) policy (s is reorder_point_qty, S is max_stock_qty, R is review_period_days).
 * stock_point.review_anchor_date: one review date of the (R, S) policy; the others fall every review_period_days.
 * purchase_proposal_line.origin: mrp (a planned buy order) or policy; policy_basis: the numbers behind a policy line
 * (inventory position, s and Q, or S and the review date, the rounding to MOQ / multiple / price break).
 */
const statements = [
  `alter table item add column replenishment_method text not null default 'mrp' check (replenishment_method in ('mrp','reorder_point','periodic_review'))`,
  `alter table stock_point add column order_qty numeric(18,6) check (order_qty > 0)`,
  `alter table stock_point add column review_anchor_date date`,
  `alter table purchase_proposal_line add column origin text not null default 'mrp' check (origin in ('mrp','policy'))`,
  `alter table purchase_proposal_line add column policy_basis jsonb`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table purchase_proposal_line drop column if exists policy_basis').execute(db);
  await sql.raw('alter table purchase_proposal_line drop column if exists origin').execute(db);
  await sql.raw('alter table stock_point drop column if exists review_anchor_date').execute(db);
  await sql.raw('alter table stock_point drop column if exists order_qty').execute(db);
  await sql.raw('alter table item drop column if exists replenishment_method').execute(db);
}
