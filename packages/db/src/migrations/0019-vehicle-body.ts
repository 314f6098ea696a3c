import { sql, type Kysely } from 'kysely';

/**
 * Inner body of a vehicle (issue #6): length, width and height in cm, optional. The 3D load planner
 * (plan-shipment-load.ts) uses them when they are given; without them it assumes a body from capacity_m3 and says so.
 * A body is all three sizes or none (a check constraint), each > 0.
 */
const statements = [
  `alter table vehicle add column body_length_cm numeric(18,6) check (body_length_cm > 0)`,
  `alter table vehicle add column body_width_cm numeric(18,6) check (body_width_cm > 0)`,
  `alter table vehicle add column body_height_cm numeric(18,6) check (body_height_cm > 0)`,
  `alter table vehicle add constraint vehicle_body_all_or_none check (
    (body_length_cm is null and body_width_cm is null and body_height_cm is null)
    or (body_length_cm is not null and body_width_cm is not null and body_height_cm is not null))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table vehicle drop constraint if exists vehicle_body_all_or_none').execute(db);
  for (const column of ['body_height_cm', 'body_width_cm', 'body_length_cm']) await sql.raw(`alter table vehicle drop column if exists ${column}`).execute(db);
}
