import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { createWeeklyBuckets } from './weekly-buckets';
import { finishPlanningRun, insertRows, startPlanningRun } from './planning-run-store';
import { integrationEmitWebhookEvent } from '../integration/webhooks';

export type ProposalsStepOptions = {
  organizationId: string;
  asOfDate: string;
  mrpRunId: string;
  /** Planned buy orders released within this many weeks become proposals (default 4). */
  windowWeeks?: number;
};

export type ProposalsStepResult = { runId: string; supplierCount: number; lineCount: number; totalValue: number; durationMs: number };

/**
 * Purchase proposals: every planned buy order of an MRP run whose release falls within the window
 * (past-due releases included) becomes a proposal line for the item's preferred supplier, priced at
 * the best price break the quantity reaches (else the supply term's price); lines are grouped per
 * supplier. MOQ and multiples were already applied by MRP's lot sizing. Buyers approve them into
 * purchase orders (`approvePurchaseProposals`).
 */
export async function runProposalsStep(handle: DatabaseHandle, options: ProposalsStepOptions): Promise<ProposalsStepResult> {
  const org = options.organizationId;
  const windowWeeks = options.windowWeeks ?? 4;
  const buckets = createWeeklyBuckets(options.asOfDate, windowWeeks);
  const run = await startPlanningRun(handle, { organizationId: org, runType: 'proposals', asOfDate: options.asOfDate, parameters: { mrpRunId: options.mrpRunId, windowWeeks } });
  try {
    const rows = (await sql<{ order_id: string; item_code: string; location_code: string | null; supplier_code: string; quantity: string; release_date: string; receipt_date: string; term_price: string; currency: string; break_price: string | null; break_min: string | null }>`
      select p.order_id, p.item_code, p.location_code, p.supplier_code, p.quantity::text, p.release_date::text, p.receipt_date::text,
        st.unit_price::text as term_price, st.currency,
        (select b.unit_price::text from price_break b where b.organization_id = p.organization_id and b.item_code = p.item_code and b.supplier_code = p.supplier_code and b.min_quantity <= p.quantity order by b.min_quantity desc limit 1) as break_price,
        (select b.min_quantity::text from price_break b where b.organization_id = p.organization_id and b.item_code = p.item_code and b.supplier_code = p.supplier_code and b.min_quantity <= p.quantity order by b.min_quantity desc limit 1) as break_min
      from planned_order p join supply_term st on st.organization_id = p.organization_id and st.item_code = p.item_code and st.supplier_code = p.supplier_code
      where p.run_id = ${options.mrpRunId} and p.organization_id = ${org} and p.sourcing = 'buy' and p.release_date < ${buckets.startOf(windowWeeks)}
      order by p.supplier_code, p.release_date, p.item_code, p.order_id`.execute(handle.db)).rows;
    const lines = rows.map((r) => {
      const useBreak = r.break_price !== null && Number(r.break_price) < Number(r.term_price);
      return [run.id, org, r.supplier_code, r.order_id, r.item_code, r.location_code, r.quantity, useBreak ? r.break_price : r.term_price,
        useBreak ? `price break from ${Number(r.break_min)}` : 'supply term price', r.currency, r.release_date, r.receipt_date];
    });
    await insertRows(handle, 'purchase_proposal_line', ['run_id', 'organization_id', 'supplier_code', 'planned_order_id', 'item_code', 'location_code', 'quantity', 'unit_price', 'price_basis', 'currency', 'release_date', 'due_date'], lines);
    const bySupplier = new Map<string, { lines: number; value: number }>();
    for (const line of lines) {
      const entry = bySupplier.get(line[2] as string) ?? { lines: 0, value: 0 };
      entry.lines++;
      entry.value += Number(line[6]) * Number(line[7]);
      bySupplier.set(line[2] as string, entry);
    }
    const totalValue = Math.round([...bySupplier.values()].reduce((sum, e) => sum + e.value, 0) * 100) / 100;
    const summary = { supplierCount: bySupplier.size, lineCount: lines.length, totalValue, bySupplier: Object.fromEntries([...bySupplier].map(([k, v]) => [k, { lines: v.lines, value: Math.round(v.value * 100) / 100 }])) };
    const durationMs = await finishPlanningRun(handle, run, { status: 'succeeded', summary });
    return { runId: run.id, supplierCount: bySupplier.size, lineCount: lines.length, totalValue, durationMs };
  } catch (error) {
    await finishPlanningRun(handle, run, { status: 'failed', summary: { error: error instanceof Error ? error.message : String(error) } });
    throw error;
  }
}

export type ApproveProposalsResult = { purchaseOrders: { orderNumber: string; supplierCode: string; lineCount: number }[] };

/**
 * Approves the open proposal lines of a run (optionally one supplier's) into purchase orders: one
 * approved purchase order per supplier, numbered PO-<run>-<supplier>, lines in due-date order. All in
 * one transaction; lines already decided are left alone.
 */
export async function approvePurchaseProposals(handle: DatabaseHandle, options: { organizationId: string; runId: string; supplierCode?: string; approvedBy: string; orderDate: string }): Promise<ApproveProposalsResult> {
  return handle.db.transaction().execute(async (trx) => {
    const lines = (await sql<{ supplier_code: string; planned_order_id: string; item_code: string; location_code: string | null; quantity: string; unit_price: string; currency: string; due_date: string }>`
      select supplier_code, planned_order_id, item_code, location_code, quantity::text, unit_price::text, currency, due_date::text from purchase_proposal_line
      where organization_id = ${options.organizationId} and run_id = ${options.runId} and status = 'proposed'
        and (${options.supplierCode ?? null}::text is null or supplier_code = ${options.supplierCode ?? null})
      order by supplier_code, due_date, item_code, planned_order_id for update`.execute(trx)).rows;
    const purchaseOrders: ApproveProposalsResult['purchaseOrders'] = [];
    const suppliers = [...new Set(lines.map((l) => l.supplier_code))];
    for (const supplier of suppliers) {
      const supplierLines = lines.filter((l) => l.supplier_code === supplier);
      const orderNumber = `PO-${options.runId.slice(-8)}-${supplier}`;
      await sql`insert into purchase_order (organization_id, order_number, supplier_code, order_date, status, currency) values (${options.organizationId}, ${orderNumber}, ${supplier}, ${options.orderDate}, 'approved', ${supplierLines[0]?.currency ?? 'EUR'})`.execute(trx);
      let lineNumber = 0;
      for (const line of supplierLines) {
        lineNumber++;
        const location = line.location_code ?? (await sql<{ code: string }>`select code from location where organization_id = ${options.organizationId} order by location_type <> 'plant', code limit 1`.execute(trx)).rows[0]?.code;
        await sql`insert into purchase_order_line (organization_id, order_number, line_number, item_code, location_code, quantity, unit_price, due_date)
          values (${options.organizationId}, ${orderNumber}, ${lineNumber}, ${line.item_code}, ${location}, ${line.quantity}, ${line.unit_price}, ${line.due_date})`.execute(trx);
        await sql`update purchase_proposal_line set status = 'approved', purchase_order_number = ${orderNumber}, decided_by = ${options.approvedBy}, decided_at = now()
          where run_id = ${options.runId} and planned_order_id = ${line.planned_order_id}`.execute(trx);
      }
      await sql`insert into audit_log (organization_id, user_id, action, entity, entity_key, after, reason) values (${options.organizationId}, ${options.approvedBy}, 'approve', 'purchase_order', ${orderNumber}, ${JSON.stringify({ supplier, lines: supplierLines.length, runId: options.runId })}::jsonb, 'purchase proposals approved')`.execute(trx);
      await integrationEmitWebhookEvent(trx, options.organizationId, 'purchase_order.approved', { orderNumber, supplierCode: supplier, lineCount: supplierLines.length, runId: options.runId, approvedBy: options.approvedBy });
      purchaseOrders.push({ orderNumber, supplierCode: supplier, lineCount: supplierLines.length });
    }
    return { purchaseOrders };
  });
}
