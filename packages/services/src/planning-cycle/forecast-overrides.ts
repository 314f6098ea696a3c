import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { recordAuditEntry, type AuditActor } from '../auth/audit';

export type ForecastOverride = {
  id: string; itemCode: string; locationCode: string; weekStart: string; quantity: string; reason: string;
  authorEmail: string | null; createdAt: string; withdrawnAt: string | null; withdrawnBy: string | null; withdrawalReason: string | null;
};

export type OverrideProblem = 'not_monday' | 'negative_quantity' | 'reason_required' | 'unknown_item' | 'unknown_location' | 'not_found';
export type OverrideOutcome<T> = { ok: true; value: T } | { ok: false; problem: OverrideProblem };

const SELECT = sql`id::text, item_code as "itemCode", location_code as "locationCode", week_start::text as "weekStart", quantity::text, reason,
  author_email as "authorEmail", to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt",
  to_char(withdrawn_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "withdrawnAt", withdrawn_by as "withdrawnBy", withdrawal_reason as "withdrawalReason"`;

/**
 * A planner's override of the forecast of one item × location × week (Monday): replaces the
 * statistical figure in the next planning runs, with the reason and the author kept. An active
 * override of the same week is superseded (withdrawn), never edited. Audited.
 */
export async function setForecastOverride(handle: DatabaseHandle, input: { organizationId: string; itemCode: string; locationCode: string; weekStart: string; quantity: number; reason: string; actor: AuditActor }): Promise<OverrideOutcome<ForecastOverride>> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.weekStart) || new Date(`${input.weekStart}T00:00:00Z`).getUTCDay() !== 1) return { ok: false, problem: 'not_monday' };
  if (!Number.isFinite(input.quantity) || input.quantity < 0) return { ok: false, problem: 'negative_quantity' };
  if (!input.reason.trim()) return { ok: false, problem: 'reason_required' };
  const org = input.organizationId;
  if (!(await sql`select 1 from item where organization_id = ${org} and code = ${input.itemCode}`.execute(handle.db)).rows[0]) return { ok: false, problem: 'unknown_item' };
  if (!(await sql`select 1 from location where organization_id = ${org} and code = ${input.locationCode}`.execute(handle.db)).rows[0]) return { ok: false, problem: 'unknown_location' };
  const id = await handle.db.transaction().execute(async (trx) => {
    const previous = (await sql<{ id: string; quantity: string; reason: string }>`update forecast_override set withdrawn_at = now(), withdrawn_by = ${input.actor.email}, withdrawal_reason = 'superseded'
      where organization_id = ${org} and item_code = ${input.itemCode} and location_code = ${input.locationCode} and week_start = ${input.weekStart} and withdrawn_at is null
      returning id::text, quantity::text, reason`.execute(trx)).rows[0];
    const row = (await sql<{ id: string }>`insert into forecast_override (organization_id, item_code, location_code, week_start, quantity, reason, author_user_id, author_email)
      values (${org}, ${input.itemCode}, ${input.locationCode}, ${input.weekStart}, ${input.quantity}, ${input.reason.trim()}, ${input.actor.userId}, ${input.actor.email}) returning id::text`.execute(trx)).rows[0];
    await recordAuditEntry(trx, {
      organizationId: org, actor: input.actor, action: 'override', entity: 'forecast', entityKey: `${input.itemCode}@${input.locationCode}/${input.weekStart}`,
      before: previous ? { quantity: previous.quantity, reason: previous.reason, overrideId: previous.id } : null, after: { quantity: String(input.quantity), overrideId: row?.id }, reason: input.reason.trim(),
    });
    return row?.id ?? '';
  });
  const created = (await sql<ForecastOverride>`select ${SELECT} from forecast_override where id = ${id}::bigint`.execute(handle.db)).rows[0];
  return created ? { ok: true, value: created } : { ok: false, problem: 'not_found' };
}

/** Withdraws an active override (the statistical forecast applies again from the next run). */
export async function withdrawForecastOverride(handle: DatabaseHandle, input: { organizationId: string; id: string; reason?: string | null; actor: AuditActor }): Promise<OverrideOutcome<ForecastOverride>> {
  if (!/^\d+$/.test(input.id)) return { ok: false, problem: 'not_found' };
  const done = await handle.db.transaction().execute(async (trx) => {
    const row = (await sql<{ item_code: string; location_code: string; week_start: string; quantity: string }>`update forecast_override set withdrawn_at = now(), withdrawn_by = ${input.actor.email}, withdrawal_reason = ${input.reason ?? 'withdrawn'}
      where organization_id = ${input.organizationId} and id = ${input.id}::bigint and withdrawn_at is null returning item_code, location_code, week_start::text, quantity::text`.execute(trx)).rows[0];
    if (!row) return false;
    await recordAuditEntry(trx, { organizationId: input.organizationId, actor: input.actor, action: 'withdraw', entity: 'forecast', entityKey: `${row.item_code}@${row.location_code}/${row.week_start}`, before: { quantity: row.quantity, overrideId: input.id }, after: null, reason: input.reason ?? null });
    return true;
  });
  if (!done) return { ok: false, problem: 'not_found' };
  const row = (await sql<ForecastOverride>`select ${SELECT} from forecast_override where id = ${input.id}::bigint`.execute(handle.db)).rows[0];
  return row ? { ok: true, value: row } : { ok: false, problem: 'not_found' };
}

/** Overrides of the organization, newest first: active only by default, or with their history. */
export async function listForecastOverrides(handle: DatabaseHandle, query: { organizationId: string; itemCode?: string; includeWithdrawn?: boolean }): Promise<ForecastOverride[]> {
  return (await sql<ForecastOverride>`select ${SELECT} from forecast_override where organization_id = ${query.organizationId}
    and (${query.itemCode ?? null}::text is null or item_code = ${query.itemCode ?? null}) and (${query.includeWithdrawn === true} or withdrawn_at is null)
    order by created_at desc, id desc`.execute(handle.db)).rows;
}

/** Active overrides per `item@location` and week start, for the forecast step. */
export async function loadActiveForecastOverrides(handle: DatabaseHandle, organizationId: string): Promise<Map<string, Map<string, { id: string; quantity: number }>>> {
  const rows = (await sql<{ id: string; item_code: string; location_code: string; week_start: string; quantity: string }>`select id::text, item_code, location_code, week_start::text, quantity::text
    from forecast_override where organization_id = ${organizationId} and withdrawn_at is null`.execute(handle.db)).rows;
  const map = new Map<string, Map<string, { id: string; quantity: number }>>();
  for (const row of rows) {
    const key = `${row.item_code}@${row.location_code}`;
    const weeks = map.get(key) ?? new Map<string, { id: string; quantity: number }>();
    weeks.set(row.week_start, { id: row.id, quantity: Number(row.quantity) });
    map.set(key, weeks);
  }
  return map;
}
