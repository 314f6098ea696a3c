import { sql } from 'kysely';
import { computeCapacityLoad, levelCapacity, type CapacityOrder, type CapacityRouting, type CapacityWorkCenter } from '@flowpilot/core';
import type { DatabaseHandle } from '@flowpilot/db';
import { createWeeklyBuckets } from './weekly-buckets';
import { finishPlanningRun, hashInputs, insertRows, startPlanningRun } from './planning-run-store';

export type CapacityStepOptions = {
  organizationId: string;
  asOfDate: string;
  horizonWeeks: number;
  makeOrders: { orderId: string; itemCode: string; releaseQuantity: number; receiptPeriod: number }[];
  mrpRunId?: string | undefined;
  /** Weeks a planned order may be pulled earlier by levelling (default 2). */
  levellingSlackWeeks?: number;
};

export type CapacityStepResult = { runId: string; overloadCount: number; unresolvedCount: number; movedOrderCount: number; peakUtilization: number; durationMs: number };

/** Hours of one calendar in each weekly bucket: shift hours per weekday, holidays and exceptions applied. */
export async function computeCalendarWeeklyHours(handle: DatabaseHandle, organizationId: string, asOfDate: string, weeks: number): Promise<Map<string, number[]>> {
  const buckets = createWeeklyBuckets(asOfDate, weeks);
  const shifts = (await sql<{ calendar_code: string; weekday: number; hours: string }>`
    select calendar_code, weekday, sum(extract(epoch from (case when end_time > start_time then end_time - start_time else end_time - start_time + interval '24 hours' end)) / 3600)::text as hours
    from calendar_shift where organization_id = ${organizationId} group by 1, 2`.execute(handle.db)).rows;
  const exceptions = (await sql<{ calendar_code: string; exception_date: string; available_hours: string }>`
    select calendar_code, exception_date::text, available_hours::text from calendar_exception
    where organization_id = ${organizationId} and exception_date >= ${buckets.firstMonday} and exception_date < ${buckets.startOf(weeks)}`.execute(handle.db)).rows;
  const perWeekday = new Map<string, number[]>();
  for (const s of shifts) {
    const list = perWeekday.get(s.calendar_code) ?? new Array<number>(8).fill(0);
    list[s.weekday] = Number(s.hours);
    perWeekday.set(s.calendar_code, list);
  }
  const result = new Map<string, number[]>();
  for (const [calendar, hoursByWeekday] of perWeekday) {
    const weekTotal = hoursByWeekday.reduce((sum, h) => sum + h, 0);
    result.set(calendar, new Array<number>(weeks).fill(weekTotal));
  }
  for (const e of exceptions) {
    const hours = result.get(e.calendar_code);
    const byWeekday = perWeekday.get(e.calendar_code);
    if (!hours || !byWeekday) continue;
    const week = buckets.periodOf(e.exception_date);
    const weekday = ((new Date(`${e.exception_date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    hours[week] = Math.max(0, (hours[week] ?? 0) - (byWeekday[weekday] ?? 0) + Number(e.available_hours));
  }
  return result;
}

/**
 * Capacity requirements planning (CRP) on weekly buckets: planned make orders and open production
 * orders load their routing's work centres (setup + run hours) in their due week, against calendar
 * hours × machines × utilisation × efficiency; overloads are listed with the orders causing them,
 * then levelling pulls planned orders earlier within their slack and reports what it could not fix.
 */
export async function runCapacityStep(handle: DatabaseHandle, options: CapacityStepOptions): Promise<CapacityStepResult> {
  const org = options.organizationId;
  const buckets = createWeeklyBuckets(options.asOfDate, options.horizonWeeks);
  const slack = options.levellingSlackWeeks ?? 2;
  const calendarHours = await computeCalendarWeeklyHours(handle, org, options.asOfDate, options.horizonWeeks);
  const centres = (await sql<{ code: string; calendar_code: string; machine_count: number; efficiency: string; utilization: string }>`
    select code, calendar_code, machine_count, efficiency::text, utilization::text from work_center where organization_id = ${org} order by code`.execute(handle.db)).rows;
  const workCenters: CapacityWorkCenter[] = centres.map((c) => ({
    workCenterId: c.code,
    calendarHoursPerBucket: (calendarHours.get(c.calendar_code) ?? new Array<number>(options.horizonWeeks).fill(0)).map((h) => h * c.machine_count),
    utilization: Number(c.utilization),
    efficiency: Number(c.efficiency),
  }));
  const operations = (await sql<{ item_code: string; operation_number: number; work_center_code: string; setup_hours: string; run_hours_per_unit: string }>`
    select item_code, operation_number, work_center_code, setup_hours::text, run_hours_per_unit::text from routing_operation where organization_id = ${org} order by item_code, operation_number`.execute(handle.db)).rows;
  const routingMap = new Map<string, CapacityRouting>();
  for (const op of operations) {
    const routing = routingMap.get(op.item_code) ?? { itemId: op.item_code, operations: [] };
    routing.operations.push({ sequence: op.operation_number, workCenterId: op.work_center_code, setupHours: Number(op.setup_hours), runHoursPerUnit: Number(op.run_hours_per_unit) });
    routingMap.set(op.item_code, routing);
  }
  const firm = (await sql<{ order_number: string; item_code: string; due_date: string; open_quantity: string; status: 'firm' | 'released' }>`
    select order_number, item_code, due_date::text, (quantity - completed_quantity)::text as open_quantity, status from production_order
    where organization_id = ${org} and status in ('firm','released') and quantity > completed_quantity order by order_number`.execute(handle.db)).rows;
  const orders: CapacityOrder[] = [
    ...firm.map((o) => ({ orderId: `MO ${o.order_number}`, itemId: o.item_code, quantityUnits: Number(o.open_quantity), dueBucket: Math.max(0, buckets.periodOf(o.due_date)), status: o.status })),
    ...options.makeOrders.map((o) => ({ orderId: o.orderId, itemId: o.itemCode, quantityUnits: o.releaseQuantity, dueBucket: o.receiptPeriod, status: 'planned' as const, maxEarlierBuckets: Math.min(slack, o.receiptPeriod) })),
  ].filter((o) => o.dueBucket < options.horizonWeeks);
  const bucketLabels = Array.from({ length: options.horizonWeeks }, (_, p) => buckets.startOf(p));
  const input = { bucketLabels, orders, routings: [...routingMap.values()], workCenters };
  const parameters = { horizonWeeks: options.horizonWeeks, levellingSlackWeeks: slack, mrpRunId: options.mrpRunId ?? null, firstWeek: buckets.firstMonday };
  const run = await startPlanningRun(handle, { organizationId: org, runType: 'capacity', asOfDate: options.asOfDate, parameters });
  try {
    const load = computeCapacityLoad(input);
    const levelled = levelCapacity(input);
    await insertRows(handle, 'capacity_load', ['run_id', 'organization_id', 'work_center_code', 'period_start', 'load_hours', 'available_hours', 'order_ids'],
      levelled.after.loads.map((l) => [run.id, org, l.workCenterId, buckets.startOf(l.bucket), l.loadHours.toFixed(4), l.availableHours.toFixed(4), JSON.stringify(l.orders.map((o) => o.orderId))]));
    const peakUtilization = Math.max(0, ...levelled.after.loads.map((l) => l.utilization));
    const summary = {
      orderCount: orders.length, overloadsBefore: load.exceptions.filter((e) => e.code === 'overload').length,
      overloadsAfter: levelled.after.exceptions.filter((e) => e.code === 'overload').length, movedOrderCount: levelled.moves.length,
      unresolvedCount: levelled.unresolved.length, levellingStatus: levelled.status, peakUtilization: Math.round(peakUtilization * 1000) / 1000,
    };
    const durationMs = await finishPlanningRun(handle, run, { status: 'succeeded', inputsHash: hashInputs(input), summary, exceptions: [...levelled.unresolved, ...levelled.moves.map((m) => ({ code: 'moved', ...m }))] });
    return { runId: run.id, overloadCount: summary.overloadsBefore, unresolvedCount: summary.unresolvedCount, movedOrderCount: summary.movedOrderCount, peakUtilization, durationMs };
  } catch (error) {
    await finishPlanningRun(handle, run, { status: 'failed', summary: { error: error instanceof Error ? error.message : String(error) } });
    throw error;
  }
}
