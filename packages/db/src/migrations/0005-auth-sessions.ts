import { sql, type Kysely } from 'kysely';

/**
 * Users' sessions, API tokens, login attempts; audit trail columns.
 * Secrets are never stored: a session or token row keeps the SHA-256 of the secret the client holds.
 */
const statements = [
  `create table user_session (
    id text primary key,
    secret_sha256 text not null unique,
    user_id text not null references app_user(id) on delete cascade,
    organization_id text not null references organization(id) on delete cascade,
    csrf_token text not null,
    created_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    expires_at timestamptz not null
  )`,
  `create index user_session_user_idx on user_session (user_id)`,
  `create table api_token (
    id text primary key,
    organization_id text not null references organization(id) on delete cascade,
    user_id text not null references app_user(id) on delete cascade,
    name text not null,
    secret_sha256 text not null unique,
    created_at timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at timestamptz,
    unique (organization_id, name)
  )`,
  `create table login_attempt (
    id bigint generated always as identity primary key,
    email text not null,
    client_address text not null,
    succeeded boolean not null,
    attempted_at timestamptz not null default now()
  )`,
  `create index login_attempt_email_idx on login_attempt (email, attempted_at desc)`,
  `create index login_attempt_address_idx on login_attempt (client_address, attempted_at desc)`,
  `alter table membership add column active boolean not null default true`,
  `alter table audit_log add column user_email text`,
  `alter table audit_log add column via text`,
  `create index audit_log_entity_idx on audit_log (organization_id, entity, entity_key)`,
  // Reads of the API: a run's planned orders in date order.
  `create index planned_order_run_receipt_idx on planned_order (run_id, receipt_date, item_code, order_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop index if exists planned_order_run_receipt_idx').execute(db);
  await sql.raw('drop index if exists audit_log_entity_idx').execute(db);
  await sql.raw('alter table audit_log drop column if exists via').execute(db);
  await sql.raw('alter table audit_log drop column if exists user_email').execute(db);
  await sql.raw('alter table membership drop column if exists active').execute(db);
  for (const table of ['login_attempt', 'api_token', 'user_session']) await sql.raw(`drop table if exists ${table}`).execute(db);
}
