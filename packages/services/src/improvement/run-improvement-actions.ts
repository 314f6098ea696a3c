import { sql, type Transaction } from 'kysely';
import type { Database, DatabaseHandle } from '@flowpilot/db';
import { CoreError, KPI_CATALOG, type KpiDirection, type KpiId } from '@flowpilot/core';
import { recordAuditEntry, type AuditActor } from '../auth/audit';
import { computeKpisFromDatabase } from './compute-kpis-from-database';
import { inTransaction, requireDate } from './internal/record-helpers';

export const IMPROVEMENT_ACTION_STATUSES = ['plan', 'do', 'check', 'act', 'closed'] as const;
export type ImprovementActionStatus = (typeof IMPROVEMENT_ACTION_STATUSES)[number];

/** Days of the baseline window measured before an action starts when none is given (13 weeks). */
export const IMPROVEMENT_BASELINE_DAYS = 91;

/** One improvement action (PDCA) with its KPI baseline and measured effect. */
export type ImprovementAction = {
  actionNumber: string; title: string; description: string | null; kpiId: KpiId | null; auditFinding: string | null; owner: string; dueDate: string;
  status: ImprovementActionStatus; baselineFrom: string | null; baselineTo: string | null; baselineValue: number | null;
  effectFrom: string | null; effectTo: string | null; measuredValue: number | null;
  /** measuredValue − baselineValue (null until both are known). */
  effect: number | null;
  /** Whether the effect goes the KPI's good way (higher-is-better, lower-is-better, closer-to-zero). */
  improved: boolean | null;
  closedAt: string | null;
};

type ActionRow = {
  action_number: string; title: string; description: string | null; kpi_id: string | null; audit_finding: string | null; owner: string; due_date: string; status: ImprovementActionStatus;
  baseline_from: string | null; baseline_to: string | null; baseline_value: string | null; effect_from: string | null; effect_to: string | null; measured_value: string | null; closed_at: Date | null;
};
const ACTION_COLUMNS = sql`action_number, title, description, kpi_id, audit_finding, owner, due_date::text, status, baseline_from::text, baseline_to::text, baseline_value::text,
  effect_from::text, effect_to::text, measured_value::text, closed_at`;
const SYSTEM_ACTOR: AuditActor = { userId: null, email: null, via: 'system' };

/** Whether moving from baseline to measured is an improvement for a KPI of this direction. */
export function isImprovementEffectPositive(direction: KpiDirection, baseline: number, measured: number): boolean {
  switch (direction) {
    case 'higher-is-better':
      return measured > baseline;
    case 'lower-is-better':
      return measured < baseline;
    case 'closer-to-zero':
      return Math.abs(measured) < Math.abs(baseline);
    default: {
      const never: never = direction;
      throw new Error(`Unexpected direction ${String(never)}`);
    }
  }
}

function toAction(row: ActionRow): ImprovementAction {
  const baselineValue = row.baseline_value === null ? null : Number(row.baseline_value);
  const measuredValue = row.measured_value === null ? null : Number(row.measured_value);
  const definition = KPI_CATALOG.find((d) => d.id === row.kpi_id);
  const both = baselineValue !== null && measuredValue !== null;
  return {
    actionNumber: row.action_number, title: row.title, description: row.description, kpiId: (definition?.id ?? null), auditFinding: row.audit_finding, owner: row.owner,
    dueDate: row.due_date, status: row.status, baselineFrom: row.baseline_from, baselineTo: row.baseline_to, baselineValue, effectFrom: row.effect_from, effectTo: row.effect_to,
    measuredValue, effect: both ? Math.round((measuredValue - baselineValue) * 1e9) / 1e9 : null,
    improved: both && definition ? isImprovementEffectPositive(definition.direction, baselineValue, measuredValue) : null,
    closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
  };
}

function shiftDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

async function readAction(db: DatabaseHandle['db'] | Transaction<Database>, organizationId: string, actionNumber: string): Promise<ImprovementAction> {
  const row = (await sql<ActionRow>`select ${ACTION_COLUMNS} from improvement_action where organization_id = ${organizationId} and action_number = ${actionNumber}`.execute(db)).rows[0];
  if (!row) throw new CoreError('unknown_reference', `Action ${actionNumber} does not exist: check the number (flowpilot actions list)`, { path: 'actionNumber' });
  return toAction(row);
}

/** The value of one KPI over a window for the whole organization (null when nothing was measured). */
export async function measureImprovementKpi(handle: DatabaseHandle, organizationId: string, kpiId: KpiId, from: string, to: string): Promise<number | null> {
  const result = await computeKpisFromDatabase(handle, { organizationId, from, to, kpiIds: [kpiId], period: 'all' });
  return result.values.find((v) => v.periodKey === 'all' && v.dimensionKey === 'all')?.value ?? null;
}

export type AddImprovementActionInput = {
  organizationId: string; actionNumber?: string; title: string; description?: string; kpiId?: KpiId; auditFinding?: string; owner: string; dueDate: string;
  /** Day the action is raised: the baseline window ends the day before (default: today). */
  asOfDate: string;
  baselineFrom?: string; baselineTo?: string; actor?: AuditActor;
};

/**
 * Raises an action (status plan) linked to a KPI deviation or an audit finding, with its owner and
 * due date. With a KPI, the baseline value is measured over the 13 weeks before `asOfDate` (or the
 * given window) so the effect can be measured later. Throws invalid_input, unknown_reference.
 */
export async function addImprovementAction(handle: DatabaseHandle, input: AddImprovementActionInput): Promise<ImprovementAction> {
  if (!input.title.trim()) throw new CoreError('invalid_input', 'title must not be empty', { path: 'title' });
  if (!input.owner.trim()) throw new CoreError('invalid_input', 'owner must not be empty', { path: 'owner' });
  if (!input.kpiId && !input.auditFinding) throw new CoreError('invalid_input', 'an action is linked to a KPI (--kpi) or an audit finding (--finding): give one', { path: 'kpiId' });
  if (input.kpiId && !KPI_CATALOG.some((d) => d.id === input.kpiId)) throw new CoreError('unknown_reference', `Unknown KPI ${input.kpiId}: use one of ${KPI_CATALOG.map((d) => d.id).join(', ')}`, { path: 'kpiId' });
  requireDate(input.dueDate, 'dueDate');
  requireDate(input.asOfDate, 'asOfDate');
  const baselineTo = input.baselineTo ?? shiftDays(input.asOfDate, -1);
  const baselineFrom = input.baselineFrom ?? shiftDays(baselineTo, -(IMPROVEMENT_BASELINE_DAYS - 1));
  requireDate(baselineFrom, 'baselineFrom');
  requireDate(baselineTo, 'baselineTo');
  const baselineValue = input.kpiId ? await measureImprovementKpi(handle, input.organizationId, input.kpiId, baselineFrom, baselineTo) : null;
  return inTransaction(handle, async (trx) => {
    const org = input.organizationId;
    let actionNumber = input.actionNumber;
    if (!actionNumber) {
      const last = (await sql<{ n: string | null }>`select max(substring(action_number from '^ACT-([0-9]+)$')::bigint)::text as n from improvement_action where organization_id = ${org}`.execute(trx)).rows[0]?.n;
      actionNumber = `ACT-${Number(last ?? 0) + 1}`;
    }
    const exists = (await sql`select 1 from improvement_action where organization_id = ${org} and action_number = ${actionNumber}`.execute(trx)).rows[0];
    if (exists) throw new CoreError('invalid_input', `Action ${actionNumber} already exists: choose another number`, { path: 'actionNumber' });
    await sql`insert into improvement_action (organization_id, action_number, title, description, kpi_id, audit_finding, owner, due_date, status, baseline_from, baseline_to, baseline_value)
      values (${org}, ${actionNumber}, ${input.title}, ${input.description ?? null}, ${input.kpiId ?? null}, ${input.auditFinding ?? null}, ${input.owner}, ${input.dueDate}, 'plan',
        ${input.kpiId ? baselineFrom : null}, ${input.kpiId ? baselineTo : null}, ${baselineValue})`.execute(trx);
    const created = await readAction(trx, org, actionNumber);
    await recordAuditEntry(trx, { organizationId: org, actor: input.actor ?? SYSTEM_ACTOR, action: 'action.add', entity: 'improvement_action', entityKey: actionNumber, after: created });
    return created;
  });
}

export type UpdateImprovementActionInput = {
  organizationId: string; actionNumber: string; status?: ImprovementActionStatus; owner?: string; dueDate?: string; title?: string; description?: string;
  /** Day of the change: entering 'do' starts the effect window on this day (default today). */
  asOfDate: string; actor?: AuditActor;
};

/**
 * Updates an action; the PDCA status only moves forward (plan → do → check → act → closed).
 * Entering 'do' starts the effect window; entering 'check' or later measures the KPI from the start
 * of 'do' up to `asOfDate`. Throws invalid_input (backward move, closed action), unknown_reference.
 */
export async function updateImprovementAction(handle: DatabaseHandle, input: UpdateImprovementActionInput): Promise<ImprovementAction> {
  requireDate(input.asOfDate, 'asOfDate');
  if (input.dueDate) requireDate(input.dueDate, 'dueDate');
  if (input.status && !IMPROVEMENT_ACTION_STATUSES.includes(input.status)) throw new CoreError('invalid_input', `status must be one of ${IMPROVEMENT_ACTION_STATUSES.join(', ')}, got "${input.status}"`, { path: 'status' });
  const before = await readAction(handle.db, input.organizationId, input.actionNumber);
  if (before.status === 'closed') throw new CoreError('invalid_input', `Action ${before.actionNumber} is closed: raise a new action instead`, { path: 'status' });
  const status = input.status ?? before.status;
  if (IMPROVEMENT_ACTION_STATUSES.indexOf(status) < IMPROVEMENT_ACTION_STATUSES.indexOf(before.status)) {
    throw new CoreError('invalid_input', `Action ${before.actionNumber} is at ${before.status}: PDCA moves forward only (plan → do → check → act → closed)`, { path: 'status' });
  }
  const leavingPlan = before.status === 'plan' && status !== 'plan';
  const effectFrom = before.effectFrom ?? (leavingPlan ? input.asOfDate : null);
  const measuring = before.kpiId !== null && effectFrom !== null && ['check', 'act', 'closed'].includes(status) && input.asOfDate >= effectFrom;
  const measuredValue = measuring ? await measureImprovementKpi(handle, input.organizationId, before.kpiId!, effectFrom, input.asOfDate) : before.measuredValue;
  const effectTo = measuring ? input.asOfDate : before.effectTo;
  return inTransaction(handle, async (trx) => {
    const org = input.organizationId;
    await sql`update improvement_action set status = ${status}, owner = ${input.owner ?? before.owner}, due_date = ${input.dueDate ?? before.dueDate}, title = ${input.title ?? before.title},
      description = ${input.description ?? before.description}, effect_from = ${effectFrom}, effect_to = ${effectTo}, measured_value = ${measuredValue},
      closed_at = ${status === 'closed' ? sql`now()` : null}
      where organization_id = ${org} and action_number = ${before.actionNumber}`.execute(trx);
    const after = await readAction(trx, org, before.actionNumber);
    await recordAuditEntry(trx, { organizationId: org, actor: input.actor ?? SYSTEM_ACTOR, action: status === 'closed' ? 'action.close' : 'action.update', entity: 'improvement_action', entityKey: before.actionNumber, before, after });
    return after;
  });
}

/** Closes an action, measuring its KPI effect from the start of 'do' up to `asOfDate`. */
export async function closeImprovementAction(handle: DatabaseHandle, input: { organizationId: string; actionNumber: string; asOfDate: string; actor?: AuditActor }): Promise<ImprovementAction> {
  return updateImprovementAction(handle, { ...input, status: 'closed' });
}

/** Actions of an organization, open ones first by due date. */
export async function listImprovementActions(handle: DatabaseHandle, input: { organizationId: string; status?: ImprovementActionStatus; page?: number; pageSize?: number }): Promise<{ items: ImprovementAction[]; page: number; pageSize: number; total: number }> {
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 50;
  const where = input.status ? sql`organization_id = ${input.organizationId} and status = ${input.status}` : sql`organization_id = ${input.organizationId}`;
  const total = Number((await sql<{ n: string }>`select count(*)::text as n from improvement_action where ${where}`.execute(handle.db)).rows[0]?.n ?? 0);
  const rows = (await sql<ActionRow>`select ${ACTION_COLUMNS} from improvement_action where ${where}
    order by (status = 'closed'), due_date, action_number limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(handle.db)).rows;
  return { items: rows.map(toAction), page, pageSize, total };
}

/** One action by number; throws unknown_reference. */
export async function getImprovementAction(handle: DatabaseHandle, organizationId: string, actionNumber: string): Promise<ImprovementAction> {
  return readAction(handle.db, organizationId, actionNumber);
}

export type ImprovementMeeting = {
  meetingNumber: string; meetingDate: string; workGroup: string; title: string; participants: string | null;
  decisions: { decisionNumber: number; text: string; actionNumber: string | null }[];
};

export type AddImprovementMeetingInput = {
  organizationId: string; meetingNumber?: string; meetingDate: string; workGroup: string; title: string; participants?: string;
  decisions: { text: string; actionNumber?: string }[]; actor?: AuditActor;
};

/** Records a work-group meeting and its decisions (each may point to an action), in one transaction. */
export async function addImprovementMeeting(handle: DatabaseHandle, input: AddImprovementMeetingInput): Promise<ImprovementMeeting> {
  requireDate(input.meetingDate, 'meetingDate');
  if (!input.workGroup.trim()) throw new CoreError('invalid_input', 'workGroup must not be empty', { path: 'workGroup' });
  input.decisions.forEach((d, i) => {
    if (!d.text.trim()) throw new CoreError('invalid_input', `decisions[${i}].text must not be empty`, { path: `decisions[${i}].text` });
  });
  return inTransaction(handle, async (trx) => {
    const org = input.organizationId;
    let meetingNumber = input.meetingNumber;
    if (!meetingNumber) {
      const last = (await sql<{ n: string | null }>`select max(substring(meeting_number from '^MTG-([0-9]+)$')::bigint)::text as n from meeting where organization_id = ${org}`.execute(trx)).rows[0]?.n;
      meetingNumber = `MTG-${Number(last ?? 0) + 1}`;
    }
    for (const [i, d] of input.decisions.entries()) {
      if (!d.actionNumber) continue;
      const found = (await sql`select 1 from improvement_action where organization_id = ${org} and action_number = ${d.actionNumber}`.execute(trx)).rows[0];
      if (!found) throw new CoreError('unknown_reference', `decisions[${i}]: action ${d.actionNumber} does not exist`, { path: `decisions[${i}].actionNumber` });
    }
    await sql`insert into meeting (organization_id, meeting_number, meeting_date, work_group, title, participants)
      values (${org}, ${meetingNumber}, ${input.meetingDate}, ${input.workGroup}, ${input.title}, ${input.participants ?? null})`.execute(trx);
    for (const [i, d] of input.decisions.entries()) {
      await sql`insert into meeting_decision (organization_id, meeting_number, decision_number, decision_text, action_number)
        values (${org}, ${meetingNumber}, ${i + 1}, ${d.text}, ${d.actionNumber ?? null})`.execute(trx);
    }
    const meeting: ImprovementMeeting = {
      meetingNumber, meetingDate: input.meetingDate, workGroup: input.workGroup, title: input.title, participants: input.participants ?? null,
      decisions: input.decisions.map((d, i) => ({ decisionNumber: i + 1, text: d.text, actionNumber: d.actionNumber ?? null })),
    };
    await recordAuditEntry(trx, { organizationId: org, actor: input.actor ?? SYSTEM_ACTOR, action: 'meeting.add', entity: 'meeting', entityKey: meetingNumber, after: meeting });
    return meeting;
  });
}

/** Meetings with their decisions, newest first. */
export async function listImprovementMeetings(handle: DatabaseHandle, input: { organizationId: string; page?: number; pageSize?: number }): Promise<{ items: ImprovementMeeting[]; page: number; pageSize: number; total: number }> {
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 50;
  const org = input.organizationId;
  const total = Number((await sql<{ n: string }>`select count(*)::text as n from meeting where organization_id = ${org}`.execute(handle.db)).rows[0]?.n ?? 0);
  const meetings = (await sql<{ meeting_number: string; meeting_date: string; work_group: string; title: string; participants: string | null }>`
    select meeting_number, meeting_date::text, work_group, title, participants from meeting where organization_id = ${org}
    order by meeting_date desc, meeting_number desc limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(handle.db)).rows;
  const numbers = meetings.map((m) => m.meeting_number);
  const decisions = numbers.length === 0 ? [] : (await sql<{ meeting_number: string; decision_number: number; decision_text: string; action_number: string | null }>`
    select meeting_number, decision_number, decision_text, action_number from meeting_decision
    where organization_id = ${org} and meeting_number in (${sql.join(numbers)}) order by meeting_number, decision_number`.execute(handle.db)).rows;
  return {
    items: meetings.map((m) => ({
      meetingNumber: m.meeting_number, meetingDate: m.meeting_date, workGroup: m.work_group, title: m.title, participants: m.participants,
      decisions: decisions.filter((d) => d.meeting_number === m.meeting_number).map((d) => ({ decisionNumber: d.decision_number, text: d.decision_text, actionNumber: d.action_number })),
    })),
    page, pageSize, total,
  };
}
