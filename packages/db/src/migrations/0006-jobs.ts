import { sql, type Kysely } from 'kysely';

/**
 * Jobs: queue-independent job records, their partitions (the units of work workers claim) and their
 * logs. The same rows serve the in-process runner (embedded database) and pg-boss (PostgreSQL): pg-boss
 * only carries the "partition p of job j is ready" messages; who holds a partition, its heartbeat,
 * its attempt number (a fencing token) and its result live here, so a killed worker loses nothing committed.
 */
const statements = [
  `create table job (
    id text primary key,
    organization_id text not null references organization(id) on delete cascade,
    kind text not null,
    params jsonb not null default '{}'::jsonb,
    status text not null check (status in ('queued','running','succeeded','failed','cancelled')),
    cancel_requested boolean not null default false,
    created_by text,
    state jsonb not null default '{}'::jsonb,
    result jsonb,
    error text,
    retry_count integer not null default 0 check (retry_count >= 0),
    created_at timestamptz not null default now(),
    started_at timestamptz,
    finished_at timestamptz,
    updated_at timestamptz not null default now()
  )`,
  `create index job_organization_created_idx on job (organization_id, created_at desc, id)`,
  `create table job_partition (
    job_id text not null references job(id) on delete cascade,
    partition_index integer not null check (partition_index >= 0),
    organization_id text not null,
    status text not null check (status in ('pending','running','done','failed','cancelled')),
    input jsonb not null default '{}'::jsonb,
    attempt integer not null default 0 check (attempt >= 0),
    worker_id text,
    claimed_at timestamptz,
    heartbeat_at timestamptz,
    finished_at timestamptz,
    progress_done integer not null default 0,
    progress_total integer not null default 0,
    result jsonb,
    error text,
    primary key (job_id, partition_index)
  )`,
  `create index job_partition_status_idx on job_partition (status, job_id, partition_index)`,
  `create table job_log (
    id bigint generated always as identity primary key,
    job_id text not null references job(id) on delete cascade,
    organization_id text not null,
    logged_at timestamptz not null default clock_timestamp(),
    level text not null check (level in ('info','warn','error')),
    message_key text not null,
    params jsonb not null default '{}'::jsonb
  )`,
  `create index job_log_job_idx on job_log (job_id, id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['job_log', 'job_partition', 'job']) await sql.raw(`drop table if exists ${table}`).execute(db);
}
