import { sql, type Kysely } from 'kysely';

/**
 * Judgmental forecast overrides: a planner replaces the statistical forecast of one item × location ×
 * week with a quantity, a reason and their name. Overrides are never edited: a new one supersedes
 * the active one (withdrawn_at set), so the history of who changed what stays. Forecast values keep
 * the statistical figure next to the one used.
 */
const statements = [
  `create table forecast_override (
    id bigint generated always as identity primary key,
    organization_id text not null,
    item_code text not null,
    location_code text not null,
    week_start date not null check (extract(isodow from week_start) = 1),
    quantity numeric(18,6) not null check (quantity >= 0),
    reason text not null check (length(trim(reason)) > 0),
    author_user_id text,
    author_email text,
    created_at timestamptz not null default now(),
    withdrawn_at timestamptz,
    withdrawn_by text,
    withdrawal_reason text,
    foreign key (organization_id, item_code) references item(organization_id, code),
    foreign key (organization_id, location_code) references location(organization_id, code)
  )`,
  `create unique index forecast_override_active_idx on forecast_override (organization_id, item_code, location_code, week_start) where withdrawn_at is null`,
  `alter table forecast_value add column statistical_forecast numeric(18,6)`,
  `alter table forecast_value add column override_id bigint`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table forecast_value drop column if exists override_id').execute(db);
  await sql.raw('alter table forecast_value drop column if exists statistical_forecast').execute(db);
  await sql.raw('drop table if exists forecast_override').execute(db);
}
