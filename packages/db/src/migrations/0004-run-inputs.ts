import { sql, type Kysely } from 'kysely';

/** The full input of a run (e.g. the MRP model), so a run can be replayed, explained, and net-changed. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table planning_run add column inputs jsonb').execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table planning_run drop column inputs').execute(db);
}
