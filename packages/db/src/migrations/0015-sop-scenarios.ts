import { sql, type Kysely } from 'kysely';

/**
 * S&OP what-if scenarios kept to compare: a planner changes the parameters of one product family's
 * aggregate plan (demand factor, costs, limits) taken from a stored S&OP run; the scenario keeps the
 * changes, the full input solved, the plan and its cost next to the base plan's cost with the same
 * strategy, so every figure can be explained later. Never edited: a new scenario is a new row.
 */
const statements = [
  `create table sop_scenario (
    id bigint generated always as identity primary key,
    organization_id text not null references organization(id) on delete cascade,
    name text not null check (length(trim(name)) > 0),
    family_code text not null,
    base_run_id text not null references planning_run(id) on delete cascade,
    strategy text not null check (strategy in ('level','chase','optimal')),
    workforce_mode text not null check (workforce_mode in ('integer','continuous')),
    changes jsonb not null default '{}'::jsonb,
    input jsonb not null,
    status text not null,
    total_cost numeric(18,2),
    base_total_cost numeric(18,2),
    result jsonb not null,
    created_by text,
    created_at timestamptz not null default now()
  )`,
  `create unique index sop_scenario_name_idx on sop_scenario (organization_id, lower(name))`,
  `create index sop_scenario_family_idx on sop_scenario (organization_id, family_code)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table if exists sop_scenario').execute(db);
}
