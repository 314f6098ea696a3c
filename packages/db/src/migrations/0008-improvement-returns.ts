import { sql, type Kysely } from 'kysely';

/**
 * Performance and improvement: production events (OEE), logistics cost entries and monthly budgets,
 * KPI targets, improvement actions (PDCA) with their measured effect, work-group meetings and their
 * decisions, SMED studies and 5S audits, and the inspection/disposition/cost columns of returns
 * (return_order is in 0001).
 * Written for PostgreSQL 15. Money is numeric(18,4) in EUR, durations in minutes.
 */
const statements = [
  `create table production_event (
    organization_id text not null references organization(id) on delete cascade,
    event_number text not null,
    work_center_code text not null,
    production_order_number text,
    item_code text,
    event_date date not null,
    shift_code text not null default '',
    planned_minutes numeric(12,4) not null check (planned_minutes >= 0),
    downtime_minutes numeric(12,4) not null default 0 check (downtime_minutes >= 0),
    ideal_cycle_minutes numeric(14,6) not null check (ideal_cycle_minutes >= 0),
    total_units numeric(18,6) not null check (total_units >= 0),
    good_units numeric(18,6) not null check (good_units >= 0),
    available_minutes numeric(12,4) check (available_minutes >= 0),
    primary key (organization_id, event_number),
    foreign key (organization_id, work_center_code) references work_center(organization_id, code),
    check (good_units <= total_units),
    check (downtime_minutes <= planned_minutes)
  )`,
  `create index production_event_date_idx on production_event (organization_id, event_date)`,
  `create table cost_entry (
    organization_id text not null references organization(id) on delete cascade,
    entry_number text not null,
    entry_date date not null,
    category text not null check (category in ('procurement','storage','handling','transport','financial','returns','other')),
    amount_eur numeric(18,4) not null,
    customer_code text,
    location_code text,
    carrier_code text,
    item_code text,
    reference text,
    description text,
    primary key (organization_id, entry_number)
  )`,
  `create index cost_entry_date_idx on cost_entry (organization_id, entry_date)`,
  `create table cost_budget (
    organization_id text not null references organization(id) on delete cascade,
    budget_month date not null check (extract(day from budget_month) = 1),
    category text not null check (category in ('procurement','storage','handling','transport','financial','returns','other')),
    amount_eur numeric(18,4) not null check (amount_eur >= 0),
    primary key (organization_id, budget_month, category)
  )`,
  `create table kpi_target (
    organization_id text not null references organization(id) on delete cascade,
    kpi_id text not null,
    target_value numeric(18,6),
    alert_threshold numeric(18,6),
    primary key (organization_id, kpi_id)
  )`,
  `create table improvement_action (
    organization_id text not null references organization(id) on delete cascade,
    action_number text not null,
    title text not null,
    description text,
    kpi_id text,
    audit_finding text,
    owner text not null,
    due_date date not null,
    status text not null default 'plan' check (status in ('plan','do','check','act','closed')),
    baseline_from date,
    baseline_to date,
    baseline_value numeric(18,6),
    effect_from date,
    effect_to date,
    measured_value numeric(18,6),
    created_at timestamptz not null default now(),
    closed_at timestamptz,
    primary key (organization_id, action_number),
    check (kpi_id is not null or audit_finding is not null)
  )`,
  `create table meeting (
    organization_id text not null references organization(id) on delete cascade,
    meeting_number text not null,
    meeting_date date not null,
    work_group text not null,
    title text not null,
    participants text,
    primary key (organization_id, meeting_number)
  )`,
  `create table meeting_decision (
    organization_id text not null,
    meeting_number text not null,
    decision_number integer not null check (decision_number > 0),
    decision_text text not null,
    action_number text,
    primary key (organization_id, meeting_number, decision_number),
    foreign key (organization_id, meeting_number) references meeting(organization_id, meeting_number) on delete cascade,
    foreign key (organization_id, action_number) references improvement_action(organization_id, action_number)
  )`,
  `create table smed_study (
    organization_id text not null references organization(id) on delete cascade,
    study_number text not null,
    work_center_code text,
    study_date date not null,
    title text not null,
    changeovers_per_week numeric(12,4) check (changeovers_per_week >= 0),
    elements jsonb not null,
    primary key (organization_id, study_number),
    foreign key (organization_id, work_center_code) references work_center(organization_id, code)
  )`,
  `create table five_s_audit (
    organization_id text not null references organization(id) on delete cascade,
    audit_number text not null,
    area text not null,
    audit_date date not null,
    auditor text,
    max_score_per_question integer not null check (max_score_per_question in (4, 5)),
    answers jsonb not null,
    primary key (organization_id, audit_number)
  )`,
  `create index five_s_audit_area_idx on five_s_audit (organization_id, area, audit_date)`,
  `alter table return_order
    add column inspected_date date,
    add column inspection_result text check (inspection_result in ('as_new','repairable','unusable')),
    add column inspection_note text,
    add column disposed_date date,
    add column return_cost_eur numeric(18,4) not null default 0 check (return_cost_eur >= 0),
    add column credit_amount_eur numeric(18,4) check (credit_amount_eur >= 0)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`alter table return_order
    drop column if exists inspected_date, drop column if exists inspection_result, drop column if exists inspection_note,
    drop column if exists disposed_date, drop column if exists return_cost_eur, drop column if exists credit_amount_eur`).execute(db);
  for (const table of ['five_s_audit', 'smed_study', 'meeting_decision', 'meeting', 'improvement_action', 'kpi_target', 'cost_budget', 'cost_entry', 'production_event']) {
    await sql.raw(`drop table if exists ${table} cascade`).execute(db);
  }
}
