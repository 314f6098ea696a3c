import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { computeRecordAccuracy, type RecordAccuracyResult } from './compute-record-accuracy';
import { summarizeCountVariances, type CountVarianceSummary } from './summarize-count-variances';

export type InventoryCountHeader = {
  countNumber: string; locationCode: string; countDate: string; status: 'open' | 'closed' | 'cancelled'; planNumber: string | null;
  startedAt: string; closedAt: string | null; approvedBy: string | null; lineCount: number; linesCounted: number; linesToRecount: number;
};

/** Counts of an organization, newest first, optionally one status or location; a page of them and the total. */
export async function listInventoryCounts(handle: DatabaseHandle, options: { organizationId: string; status?: string; locationCode?: string; page?: number; pageSize?: number }): Promise<{ items: InventoryCountHeader[]; total: number }> {
  const org = options.organizationId;
  const pageSize = options.pageSize ?? 50;
  const offset = ((options.page ?? 1) - 1) * pageSize;
  const where = sql`c.organization_id = ${org} and (${options.status ?? null}::text is null or c.status = ${options.status ?? null}) and (${options.locationCode ?? null}::text is null or c.location_code = ${options.locationCode ?? null})`;
  const total = Number((await sql<{ n: string }>`select count(*)::text as n from inventory_count c where ${where}`.execute(handle.db)).rows[0]?.n ?? 0);
  const rows = (await sql<{ count_number: string; location_code: string; count_date: string; status: InventoryCountHeader['status']; plan_number: string | null; started_at: Date; closed_at: Date | null; approved_by: string | null; line_count: string; counted: string; recount: string }>`
    select c.count_number, c.location_code, c.count_date::text, c.status, c.plan_number, c.started_at, c.closed_at, c.approved_by,
      (select count(*) from inventory_count_line l where l.organization_id = c.organization_id and l.count_number = c.count_number)::text as line_count,
      (select count(*) from inventory_count_line l where l.organization_id = c.organization_id and l.count_number = c.count_number and l.status in ('counted','recounted'))::text as counted,
      (select count(*) from inventory_count_line l where l.organization_id = c.organization_id and l.count_number = c.count_number and l.status = 'recount')::text as recount
    from inventory_count c where ${where} order by c.count_date desc, c.count_number desc limit ${pageSize} offset ${offset}`.execute(handle.db)).rows;
  return {
    total,
    items: rows.map((r) => ({
      countNumber: r.count_number, locationCode: r.location_code, countDate: r.count_date, status: r.status, planNumber: r.plan_number, startedAt: new Date(r.started_at).toISOString(),
      closedAt: r.closed_at === null ? null : new Date(r.closed_at).toISOString(), approvedBy: r.approved_by, lineCount: Number(r.line_count), linesCounted: Number(r.counted), linesToRecount: Number(r.recount),
    })),
  };
}

export type CountPeriodOptions = { organizationId: string; from?: string; to?: string; locationCode?: string };

async function closedLines(handle: DatabaseHandle, options: CountPeriodOptions) {
  return (await sql<{ abc_class: string; cause_code: string | null; count_date: string; variance_quantity: string; variance_value: string; within_tolerance: boolean }>`
    select l.abc_class, l.cause_code, c.count_date::text, l.variance_quantity::text, l.variance_value::text, l.within_tolerance
    from inventory_count_line l join inventory_count c on c.organization_id = l.organization_id and c.count_number = l.count_number
    where c.organization_id = ${options.organizationId} and c.status = 'closed'
      and (${options.from ?? null}::date is null or c.count_date >= ${options.from ?? null}::date) and (${options.to ?? null}::date is null or c.count_date <= ${options.to ?? null}::date)
      and (${options.locationCode ?? null}::text is null or c.location_code = ${options.locationCode ?? null})
    order by c.count_date, c.count_number, l.line_number`.execute(handle.db)).rows;
}

/** Inventory record accuracy of the closed counts in a period: overall, per ABC class and per month (computeRecordAccuracy). */
export async function computeRecordAccuracyFromDatabase(handle: DatabaseHandle, options: CountPeriodOptions): Promise<RecordAccuracyResult & { from: string | null; to: string | null }> {
  const lines = await closedLines(handle, options);
  return { from: options.from ?? null, to: options.to ?? null, ...computeRecordAccuracy(lines.map((l) => ({ abcClass: l.abc_class, countDate: l.count_date, withinTolerance: l.within_tolerance, varianceQuantity: Number(l.variance_quantity) }))) };
}

/** Variance analysis (quantity and value, by class and by cause) of the closed counts in a period. */
export async function analyzeCountVariances(handle: DatabaseHandle, options: CountPeriodOptions): Promise<CountVarianceSummary & { from: string | null; to: string | null }> {
  const lines = await closedLines(handle, options);
  return { from: options.from ?? null, to: options.to ?? null, ...summarizeCountVariances(lines.map((l) => ({ abcClass: l.abc_class, causeCode: l.cause_code, varianceQuantity: Number(l.variance_quantity), varianceValueEur: Number(l.variance_value), withinTolerance: l.within_tolerance }))) };
}

/** A count plan's lines in a date range (default: all), by date, location and item. */
export async function listCountPlanLines(handle: DatabaseHandle, options: { organizationId: string; planNumber: string; from?: string; to?: string }): Promise<{ itemCode: string; locationCode: string; scheduledDate: string; abcClass: string; annualUsageValue: number; usageSource: string }[]> {
  const rows = (await sql<{ item_code: string; location_code: string; scheduled_date: string; abc_class: string; annual_usage_value: string; usage_source: string }>`
    select item_code, location_code, scheduled_date::text, abc_class, annual_usage_value::text, usage_source from count_plan_line
    where organization_id = ${options.organizationId} and plan_number = ${options.planNumber}
      and (${options.from ?? null}::date is null or scheduled_date >= ${options.from ?? null}::date) and (${options.to ?? null}::date is null or scheduled_date <= ${options.to ?? null}::date)
    order by scheduled_date, location_code, item_code`.execute(handle.db)).rows;
  return rows.map((r) => ({ itemCode: r.item_code, locationCode: r.location_code, scheduledDate: r.scheduled_date, abcClass: r.abc_class, annualUsageValue: Number(r.annual_usage_value), usageSource: r.usage_source }));
}
