import { sql } from 'kysely';
import { allocateSupply, type AllocationResult, type AllocationRules } from '@flowpilot/core';
import type { DatabaseHandle } from '@flowpilot/db';
import { createWeeklyBuckets } from './weekly-buckets';
import { finishPlanningRun, hashInputs, startPlanningRun } from './planning-run-store';
import { findLatestRun, loadMasterSchedule } from './load-latest-runs';

/** Customer classes (customer.priority_class) as allocation priority classes: A serves first. */
export const PRIORITY_CLASS_OF_CUSTOMER: Record<string, number> = { A: 1, B: 2, C: 3 };

export type AllocationStepOptions = {
  organizationId: string;
  asOfDate: string;
  /** Only these finished goods (default: every one with open order lines). */
  itemCodes?: string[];
  /** Default: priority class then due date, fair share within a tie, whole units. */
  rules?: AllocationRules;
};

export type AllocationStepResult = {
  runId: string;
  mpsRunId: string | null;
  itemCount: number;
  shortItemCount: number;
  lineCount: number;
  backorderedUnits: number;
  onTimeFillRate: number;
  durationMs: number;
  items: Array<AllocationResult & { weekStarts: string[] }>;
};

/**
 * Service arbitration on stored data (ADV): per finished good, the supply (available stock plus the
 * latest MPS run's receipts per week) is allocated to the open customer order lines by rules —
 * customer class (A, B, C) then due week, fair share within a tie — with the reason of every line's
 * outcome. The run keeps its inputs and results (summary), so each promise can be explained.
 */
export async function runAllocationStep(handle: DatabaseHandle, options: AllocationStepOptions): Promise<AllocationStepResult> {
  const org = options.organizationId;
  const mpsRun = await findLatestRun(handle, org, 'mps');
  const schedule = mpsRun ? await loadMasterSchedule(handle, mpsRun.id) : new Map<string, number[]>();
  const horizon = Math.max(1, ...[...schedule.values()].map((weeks) => weeks.length));
  const buckets = createWeeklyBuckets(options.asOfDate, horizon);
  const lines = (await sql<{ order_number: string; line_number: number; item_code: string; customer_code: string; priority_class: string; due: string; open: string }>`
    select l.order_number, l.line_number, l.item_code, o.customer_code, c.priority_class, coalesce(l.promised_date, l.requested_date)::text as due, (l.quantity - l.shipped_quantity)::text as open
    from sales_order_line l join sales_order o on o.organization_id = l.organization_id and o.order_number = l.order_number
      join customer c on c.organization_id = o.organization_id and c.code = o.customer_code
      join item i on i.organization_id = l.organization_id and i.code = l.item_code
    where l.organization_id = ${org} and o.status in ('open', 'confirmed', 'partially_shipped') and l.quantity > l.shipped_quantity and i.item_type = 'finished_good'
      and (${options.itemCodes ?? null}::text[] is null or l.item_code = any(${options.itemCodes ?? null}::text[]))
    order by l.item_code, due, l.order_number, l.line_number`.execute(handle.db)).rows;
  const stock = new Map((await sql<{ item_code: string; quantity: string }>`select item_code, sum(quantity)::text as quantity from stock_lot
    where organization_id = ${org} and status = 'available' group by item_code`.execute(handle.db)).rows.map((r) => [r.item_code, Number(r.quantity)]));
  const rules: AllocationRules = options.rules ?? { sequence: 'priority-then-due', shareWithinGroup: 'fair-share', wholeUnits: true };
  const byItem = new Map<string, typeof lines>();
  for (const line of lines) byItem.set(line.item_code, [...(byItem.get(line.item_code) ?? []), line]);
  const inputs = [...byItem].map(([itemId, itemLines]) => ({
    itemId, onHandUnits: stock.get(itemId) ?? 0,
    receiptsUnits: schedule.get(itemId) ?? new Array<number>(horizon).fill(0),
    orderLines: itemLines.map((l) => ({
      lineId: `${l.order_number}/${l.line_number}`, customerId: l.customer_code, quantityUnits: Number(l.open),
      dueBucket: Math.min(horizon - 1, Math.max(0, buckets.periodOf(l.due))), priorityClass: PRIORITY_CLASS_OF_CUSTOMER[l.priority_class] ?? 2,
    })),
    rules,
  }));
  const parameters = { mpsRunId: mpsRun?.id ?? null, rules, supply: 'available stock lots + MPS receipts per week (latest MPS run)', priority: 'customer class A → 1, B → 2, C → 3', firstWeek: buckets.firstMonday, itemCodes: options.itemCodes ?? null };
  const run = await startPlanningRun(handle, { organizationId: org, runType: 'allocation', asOfDate: options.asOfDate, parameters });
  try {
    const weekStarts = Array.from({ length: horizon }, (_, p) => buckets.startOf(p));
    const items = inputs.map((input) => ({ ...allocateSupply(input), weekStarts }));
    const requested = items.reduce((sum, r) => sum + r.lines.reduce((s, l) => s + l.requestedUnits, 0), 0);
    const onTime = items.reduce((sum, r) => sum + r.lines.reduce((s, l) => s + l.onTimeUnits, 0), 0);
    const backorderedUnits = items.reduce((sum, r) => sum + r.lines.reduce((s, l) => s + l.backorderUnits, 0), 0);
    const exceptions = items.flatMap((r) => r.lines.filter((l) => l.status !== 'filled_on_time').map((l) => ({ itemId: r.itemId, lineId: l.lineId, customerId: l.customerId, status: l.status, lateUnits: l.lateUnits, backorderUnits: l.backorderUnits, reasons: l.reasons })));
    const result = {
      mpsRunId: mpsRun?.id ?? null, itemCount: items.length, shortItemCount: items.filter((r) => r.status === 'shortage').length, lineCount: lines.length,
      backorderedUnits, onTimeFillRate: requested > 0 ? Math.round((onTime / requested) * 10000) / 10000 : 1,
    };
    const durationMs = await finishPlanningRun(handle, run, { status: 'succeeded', inputsHash: hashInputs(inputs), summary: { ...result, items }, exceptions, inputs });
    return { runId: run.id, ...result, durationMs, items };
  } catch (error) {
    await finishPlanningRun(handle, run, { status: 'failed', summary: { error: error instanceof Error ? error.message : String(error) } });
    throw error;
  }
}
