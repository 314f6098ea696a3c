import { sql } from 'kysely';
import type { AbcClassBound } from '@flowpilot/core';
import type { DatabaseHandle } from '@flowpilot/db';
import { CountingError } from './counting-error';
import { DEFAULT_COUNT_CLASS_SETTINGS, validateCountClassSettings, type CountClassSettingsByClass } from './counting-settings';
import { planCountSchedule, type CountScheduleResult } from './plan-count-schedule';
import { addDays, isWeekday } from './internal/dates';
import { requireLocation } from './internal/require-location';
import { requireItems } from './internal/require-items';
import { recordAuditEntry, type AuditActor } from '../auth/audit';

export type RunCountPlanOptions = {
  organizationId: string;
  /** First day of the plan, YYYY-MM-DD. */
  fromDate: string;
  /** Horizon in months (default 12). */
  months?: number;
  /** Only this location's stock points (default: every location). */
  locationCode?: string;
  settings?: CountClassSettingsByClass;
  abcClasses?: AbcClassBound[];
  /** Working days from this calendar's shifts and exceptions (default Monday to Friday). */
  calendarCode?: string;
  planNumber?: string;
  /** Only these items (chosen or pasted codes): each keeps the ABC class it has among every stock point. */
  itemCodes?: string[];
  createdBy?: string;
  /** Who plans (audit trail); default the system with createdBy as its e-mail. */
  actor?: AuditActor;
};

export type CountPlanResult = CountScheduleResult & {
  planNumber: string;
  /** How each stock point's usage was measured: the ledger's outbound movements, else sales history, over 365 days. */
  usageWindow: { fromDate: string; toDate: string };
  usageSources: Record<string, number>;
  /** Chosen items (itemCodes) with no stock point in the plan's scope, so not planned; empty without itemCodes. */
  itemsWithoutStockPoint: string[];
};

// Movements that consume stock: their units, valued at standard cost, are the usage ranked by ABC.
const OUTBOUND = ['issue', 'shipment', 'consumption', 'scrap', 'transfer_out'];

/**
 * Builds and stores a cycle-count plan: every active stock point (a stock_point row, a lot or a ledger balance) of
 * the location(s) gets its annual usage value = outbound units over the 365 days before the plan × standard cost
 * (sales history when the ledger shows none), an ABC class, and count dates spread over working days by
 * planCountSchedule. With itemCodes only those items' stock points are scheduled (classes still ranked over all of them).
 * A plan with the same number is replaced (one transaction).
 * Throws CountingError not_found (location, calendar, item codes the organization lacks, all named), invalid_input
 * (settings, no stock point, none of the chosen items has a stock point).
 */
export async function runCountPlan(handle: DatabaseHandle, options: RunCountPlanOptions): Promise<CountPlanResult> {
  const org = options.organizationId;
  const settings = validateCountClassSettings(options.settings ?? DEFAULT_COUNT_CLASS_SETTINGS);
  const location = options.locationCode ?? null;
  if (location !== null) await requireLocation(handle, org, location);
  const chosen = options.itemCodes && options.itemCodes.length > 0 ? await requireItems(handle.db, org, options.itemCodes) : null;
  const usageFrom = addDays(options.fromDate, -365);
  const usageTo = addDays(options.fromDate, -1);
  const rows = (await sql<{ item_code: string; location_code: string; standard_cost: string; outbound: string; sold: string }>`
    with points as (
      select item_code, location_code from stock_point where organization_id = ${org}
      union select item_code, location_code from stock_lot where organization_id = ${org}
      union select item_code, location_code from inventory_movement where organization_id = ${org} group by 1, 2 having sum(quantity) <> 0
    )
    select p.item_code, p.location_code, i.standard_cost::text,
      coalesce((select sum(-m.quantity) from inventory_movement m where m.organization_id = ${org} and m.item_code = p.item_code and m.location_code = p.location_code
        and m.movement_type in (${sql.join(OUTBOUND)}) and m.quantity < 0 and m.occurred_at >= ${usageFrom}::date and m.occurred_at < ${options.fromDate}::date), 0)::text as outbound,
      coalesce((select sum(s.quantity) from sales_history s where s.organization_id = ${org} and s.item_code = p.item_code and s.location_code = p.location_code
        and s.sale_date >= ${usageFrom}::date and s.sale_date < ${options.fromDate}::date), 0)::text as sold
    from points p join item i on i.organization_id = ${org} and i.code = p.item_code
    where i.active and (${location}::text is null or p.location_code = ${location})
    order by 1, 2`.execute(handle.db)).rows;
  if (rows.length === 0) throw new CountingError('invalid_input', 'counting.error.noStockPoint', { location: location ?? '*' });
  const usageSources: Record<string, number> = { ledger: 0, sales_history: 0, none: 0 };
  const sourceOf = new Map<string, string>();
  const stockPoints = rows.map((r) => {
    const outbound = Number(r.outbound);
    const source = outbound > 0 ? 'ledger' : Number(r.sold) > 0 ? 'sales_history' : 'none';
    usageSources[source]! += 1;
    sourceOf.set(`${r.item_code}@${r.location_code}`, source);
    const units = source === 'ledger' ? outbound : source === 'sales_history' ? Number(r.sold) : 0;
    return { itemCode: r.item_code, locationCode: r.location_code, annualUsageValue: Math.round(units * Number(r.standard_cost) * 100) / 100 };
  });
  const withPoint = new Set(stockPoints.map((p) => p.itemCode));
  const itemsWithoutStockPoint = (chosen ?? []).filter((code) => !withPoint.has(code));
  if (chosen && itemsWithoutStockPoint.length === chosen.length) throw new CountingError('invalid_input', 'counting.error.noStockPointForItems', { items: chosen.join(', '), location: location ?? '*' });
  const isWorkingDay = options.calendarCode ? await loadCalendar(handle, org, options.calendarCode) : isWeekday;
  const schedule = planCountSchedule({
    stockPoints, fromDate: options.fromDate, months: options.months ?? 12, settings, isWorkingDay,
    ...(options.abcClasses ? { abcClasses: options.abcClasses } : {}), ...(chosen ? { onlyItemCodes: chosen } : {}),
  });
  const planNumber = options.planNumber ?? `CP-${options.fromDate}-${location ?? 'ALL'}`;
  const parameters = { months: options.months ?? 12, locationCode: location, settings, abcClasses: options.abcClasses ?? null, calendarCode: options.calendarCode ?? null, itemCodes: chosen, usageWindow: { fromDate: usageFrom, toDate: usageTo }, classes: schedule.classes };
  await handle.db.transaction().execute(async (trx) => {
    // The plan it replaces, if any (the audit entry's before).
    const replaced = (await sql<{ from_date: string; to_date: string; parameters: unknown; line_count: string }>`select from_date::text, to_date::text, parameters,
      (select count(*) from count_plan_line l where l.organization_id = p.organization_id and l.plan_number = p.plan_number)::text as line_count
      from count_plan p where organization_id = ${org} and plan_number = ${planNumber}`.execute(trx)).rows[0];
    await sql`delete from count_plan where organization_id = ${org} and plan_number = ${planNumber}`.execute(trx);
    await sql`insert into count_plan (organization_id, plan_number, from_date, to_date, parameters, created_by) values (${org}, ${planNumber}, ${schedule.fromDate}, ${schedule.toDate}, ${JSON.stringify(parameters)}::jsonb, ${options.createdBy ?? null})`.execute(trx);
    for (let start = 0; start < schedule.lines.length; start += 500) {
      const chunk = schedule.lines.slice(start, start + 500);
      await sql`insert into count_plan_line (organization_id, plan_number, item_code, location_code, scheduled_date, abc_class, annual_usage_value, usage_source) values ${sql.join(chunk.map((l) => sql`(${org}, ${planNumber}, ${l.itemCode}, ${l.locationCode}, ${l.scheduledDate}, ${l.abcClass}, ${l.annualUsageValue}, ${sourceOf.get(`${l.itemCode}@${l.locationCode}`) ?? 'none'})`))}`.execute(trx);
    }
    await recordAuditEntry(trx, {
      organizationId: org, actor: options.actor ?? { userId: null, email: options.createdBy ?? null, via: 'system' }, action: replaced ? 'replace' : 'create', entity: 'count_plan', entityKey: planNumber,
      before: replaced ? { fromDate: replaced.from_date, toDate: replaced.to_date, lineCount: Number(replaced.line_count), parameters: replaced.parameters } : null,
      after: { fromDate: schedule.fromDate, toDate: schedule.toDate, lineCount: schedule.lines.length, parameters },
    });
  });
  return { ...schedule, planNumber, usageWindow: { fromDate: usageFrom, toDate: usageTo }, usageSources, itemsWithoutStockPoint };
}

/** Working days of a calendar: weekdays with a shift (1 = Monday … 7 = Sunday), minus exception days with 0 hours. */
async function loadCalendar(handle: DatabaseHandle, org: string, code: string): Promise<(date: string) => boolean> {
  const calendar = (await sql<{ code: string }>`select code from calendar where organization_id = ${org} and code = ${code}`.execute(handle.db)).rows[0];
  if (!calendar) throw new CountingError('not_found', 'counting.error.unknownCalendar', { calendar: code });
  const weekdays = new Set((await sql<{ weekday: number }>`select distinct weekday from calendar_shift where organization_id = ${org} and calendar_code = ${code}`.execute(handle.db)).rows.map((r) => Number(r.weekday)));
  const closed = new Set((await sql<{ d: string }>`select exception_date::text as d from calendar_exception where organization_id = ${org} and calendar_code = ${code} and available_hours = 0`.execute(handle.db)).rows.map((r) => r.d));
  return (date: string) => {
    const day = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekdays.has(day === 0 ? 7 : day) && !closed.has(date);
  };
}
