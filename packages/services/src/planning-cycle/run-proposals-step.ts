import { sql, type Kysely } from 'kysely';
import { translate } from '@flowpilot/contract';
import { planPolicyReplenishment, type PolicyReplenishmentResult, type PolicyStockPointInput, type PurchasePriceBreak } from '@flowpilot/core';
import type { Database, DatabaseHandle } from '@flowpilot/db';
import { createWeeklyBuckets } from './weekly-buckets';
import { finishPlanningRun, insertRows, startPlanningRun } from './planning-run-store';
import { integrationEmitWebhookEvent } from '../integration/webhooks';
import { nextIntegrationCounter } from '../integration/integration-ids';
import { recordAuditEntry, type AuditActor } from '../auth/audit';

export type ProposalsStepOptions = {
  organizationId: string;
  asOfDate: string;
  mrpRunId: string;
  /** Planned buy orders released within this many weeks become proposals (default 4). */
  windowWeeks?: number;
  /** A periodic review stock point is reviewed when one of its review dates falls in [asOfDate, asOfDate + this many days) (default 7: a weekly cycle). */
  reviewWindowDays?: number;
};

export type ProposalsStepResult = {
  runId: string; supplierCount: number; lineCount: number; totalValue: number; durationMs: number;
  /** Lines from MRP's planned buy orders and from inventory policies (reorder point, periodic review). */
  mrpLineCount: number; policyLineCount: number;
};

type ProposalLineValues = [string, string, string, string, string, string | null, string, string, string, string, string, string, 'mrp' | 'policy', string | null];

/**
 * Purchase proposals, grouped per supplier, from two origins.
 * MRP: every planned buy order of an MRP run whose release falls within the window (past-due releases included)
 * becomes a line for the item's preferred supplier, priced at the best price break the quantity reaches (else the
 * supply term's price). MOQ and multiples were already applied by MRP's lot sizing.
 * Policy: items whose replenishment_method is reorder_point or periodic_review are replenished per stock point by
 * core planPolicyReplenishment: inventory position IP = on hand (available lots at the location) + on order (open
 * approved/sent/partially received purchase order lines to the location) − backorders (open customer order lines
 * of the location due by the as-of date); (s, Q): IP ≤ s → n × Q; (R, S): on a review date, S − IP; rounded to
 * MOQ, multiple and price break of the preferred supplier, due after its lead time. Their lines (id
 * POL-<item>@<location>) keep the numbers behind them in policy_basis, with parameterSource: whether s, Q or S is
 * the inventory-policy run's figure (computed, run id) or a person's (manual). MRP's planned buy orders of policy items are
 * not proposed (no double ordering): they are counted in the summary as skipped.
 * Buyers approve both kinds alike into purchase orders (`approvePurchaseProposals`).
 */
export async function runProposalsStep(handle: DatabaseHandle, options: ProposalsStepOptions): Promise<ProposalsStepResult> {
  const org = options.organizationId;
  const windowWeeks = options.windowWeeks ?? 4;
  const reviewWindowDays = options.reviewWindowDays ?? 7;
  const buckets = createWeeklyBuckets(options.asOfDate, windowWeeks);
  const run = await startPlanningRun(handle, { organizationId: org, runType: 'proposals', asOfDate: options.asOfDate, parameters: { mrpRunId: options.mrpRunId, windowWeeks, reviewWindowDays } });
  try {
    const rows = (await sql<{ order_id: string; item_code: string; location_code: string | null; supplier_code: string; quantity: string; release_date: string; receipt_date: string; term_price: string; currency: string; break_price: string | null; break_min: string | null; replenishment_method: string }>`
      select p.order_id, p.item_code, p.location_code, p.supplier_code, p.quantity::text, p.release_date::text, p.receipt_date::text,
        st.unit_price::text as term_price, st.currency,
        (select b.unit_price::text from price_break b where b.organization_id = p.organization_id and b.item_code = p.item_code and b.supplier_code = p.supplier_code and b.min_quantity <= p.quantity order by b.min_quantity desc limit 1) as break_price,
        (select b.min_quantity::text from price_break b where b.organization_id = p.organization_id and b.item_code = p.item_code and b.supplier_code = p.supplier_code and b.min_quantity <= p.quantity order by b.min_quantity desc limit 1) as break_min,
        coalesce((select i.replenishment_method from item i where i.organization_id = p.organization_id and i.code = p.item_code), 'mrp') as replenishment_method
      from planned_order p join supply_term st on st.organization_id = p.organization_id and st.item_code = p.item_code and st.supplier_code = p.supplier_code
      where p.run_id = ${options.mrpRunId} and p.organization_id = ${org} and p.sourcing = 'buy' and p.release_date < ${buckets.startOf(windowWeeks)}
      order by p.supplier_code, p.release_date, p.item_code, p.order_id`.execute(handle.db)).rows;
    const skippedMrpOrderIds = rows.filter((r) => r.replenishment_method !== 'mrp').map((r) => r.order_id);
    const lines: ProposalLineValues[] = rows.filter((r) => r.replenishment_method === 'mrp').map((r) => {
      const useBreak = r.break_price !== null && Number(r.break_price) < Number(r.term_price);
      return [run.id, org, r.supplier_code, r.order_id, r.item_code, r.location_code, r.quantity, useBreak ? r.break_price! : r.term_price,
        useBreak ? `price break from ${Number(r.break_min)}` : 'supply term price', r.currency, r.release_date, r.receipt_date, 'mrp', null];
    });
    const mrpLineCount = lines.length;
    const policy = await planPolicyLines(handle, org, options.asOfDate, reviewWindowDays);
    for (const line of policy.result.lines) {
      const parameterSource = policy.parameterSourceByPoint.get(`${line.itemId}@${line.locationId}`);
      lines.push([run.id, org, line.supplierId, `POL-${line.itemId}@${line.locationId}`, line.itemId, line.locationId, String(line.quantity), String(line.unitPrice), line.priceBasis,
        policy.currencyBySupplierItem.get(`${line.supplierId}|${line.itemId}`) ?? 'EUR', line.releaseDate, line.dueDate, 'policy', JSON.stringify(parameterSource ? { ...line.basis, parameterSource } : line.basis)]);
    }
    await insertRows(handle, 'purchase_proposal_line', ['run_id', 'organization_id', 'supplier_code', 'planned_order_id', 'item_code', 'location_code', 'quantity', 'unit_price', 'price_basis', 'currency', 'release_date', 'due_date', 'origin', 'policy_basis'], lines);
    const bySupplier = new Map<string, { lines: number; value: number }>();
    for (const line of [...lines].sort((a, b) => (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0))) {
      const entry = bySupplier.get(line[2]) ?? { lines: 0, value: 0 };
      entry.lines++;
      entry.value += Number(line[6]) * Number(line[7]);
      bySupplier.set(line[2], entry);
    }
    const totalValue = Math.round([...bySupplier.values()].reduce((sum, e) => sum + e.value, 0) * 100) / 100;
    const policyLineCount = policy.result.lines.length;
    const summary = {
      supplierCount: bySupplier.size, lineCount: lines.length, totalValue, bySupplier: Object.fromEntries([...bySupplier].map(([k, v]) => [k, { lines: v.lines, value: Math.round(v.value * 100) / 100 }])),
      mrpLineCount, policyLineCount, skippedMrpOrderIds,
      policy: {
        itemCount: policy.itemCount, stockPointCount: policy.stockPointCount, itemsWithoutStockPoint: policy.itemsWithoutStockPoint,
        exceptions: policy.result.outcomes.filter((o) => o.exception), noOrder: policy.result.outcomes.filter((o) => !o.exception),
      },
    };
    const durationMs = await finishPlanningRun(handle, run, { status: 'succeeded', summary });
    return { runId: run.id, supplierCount: bySupplier.size, lineCount: lines.length, totalValue, durationMs, mrpLineCount, policyLineCount };
  } catch (error) {
    await finishPlanningRun(handle, run, { status: 'failed', summary: { error: error instanceof Error ? error.message : String(error) } });
    throw error;
  }
}

type PolicyPointRow = {
  item_code: string; location_code: string; method: 'reorder_point' | 'periodic_review'; reorder_point_qty: string | null; order_qty: string | null; max_stock_qty: string | null;
  review_period_days: number | null; review_anchor_date: string | null; on_hand: string; on_order: string; backorders: string;
  parameters_run_id: string | null; computed_reorder_point_qty: string | null; computed_order_qty: string | null; computed_max_stock_qty: string | null;
  supplier_code: string | null; lead_time_days: string | null; min_order_qty: string | null; order_multiple: string | null; unit_price: string | null; currency: string | null;
};

/** Who set each parameter the policy uses: the inventory-policy run (the field still holds its figure) or a person. */
type ParameterSource = { runId: string | null; reorderPoint?: 'computed' | 'manual'; orderQuantity?: 'computed' | 'manual'; orderUpToLevel?: 'computed' | 'manual' };

function parameterSourceOf(p: PolicyPointRow): ParameterSource {
  const sourceOf = (live: string | null, computed: string | null): 'computed' | 'manual' => (p.parameters_run_id !== null && live !== null && computed !== null && Number(live) === Number(computed) ? 'computed' : 'manual');
  return p.method === 'reorder_point'
    ? { runId: p.parameters_run_id, reorderPoint: sourceOf(p.reorder_point_qty, p.computed_reorder_point_qty), orderQuantity: sourceOf(p.order_qty, p.computed_order_qty) }
    : { runId: p.parameters_run_id, orderUpToLevel: sourceOf(p.max_stock_qty, p.computed_max_stock_qty) };
}

/** Loads the stock points of policy items with their inventory position parts and preferred supplier, and plans them (core planPolicyReplenishment). */
async function planPolicyLines(handle: DatabaseHandle, org: string, asOfDate: string, reviewWindowDays: number): Promise<{
  result: PolicyReplenishmentResult; currencyBySupplierItem: Map<string, string>; itemCount: number; stockPointCount: number; itemsWithoutStockPoint: string[];
  parameterSourceByPoint: Map<string, ParameterSource>;
}> {
  const items = (await sql<{ code: string; has_stock_point: boolean }>`
    select i.code, exists (select 1 from stock_point sp where sp.organization_id = i.organization_id and sp.item_code = i.code) as has_stock_point
    from item i where i.organization_id = ${org} and i.active and i.replenishment_method <> 'mrp' order by i.code`.execute(handle.db)).rows;
  if (items.length === 0) return { result: { lines: [], outcomes: [] }, currencyBySupplierItem: new Map(), itemCount: 0, stockPointCount: 0, itemsWithoutStockPoint: [], parameterSourceByPoint: new Map() };
  const points = (await sql<PolicyPointRow>`
    select sp.item_code, sp.location_code, i.replenishment_method as method, sp.reorder_point_qty::text, sp.order_qty::text, sp.max_stock_qty::text, sp.review_period_days,
      sp.review_anchor_date::text, sp.parameters_run_id, sp.computed_reorder_point_qty::text, sp.computed_order_qty::text, sp.computed_max_stock_qty::text,
      coalesce((select sum(l.quantity) from stock_lot l where l.organization_id = sp.organization_id and l.item_code = sp.item_code and l.location_code = sp.location_code and l.status = 'available'), 0)::text as on_hand,
      coalesce((select sum(pl.quantity - pl.received_quantity) from purchase_order_line pl join purchase_order po on po.organization_id = pl.organization_id and po.order_number = pl.order_number
        where pl.organization_id = sp.organization_id and pl.item_code = sp.item_code and pl.location_code = sp.location_code and po.status in ('approved','sent','partially_received') and pl.quantity > pl.received_quantity), 0)::text as on_order,
      coalesce((select sum(sl.quantity - sl.shipped_quantity) from sales_order_line sl join sales_order so on so.organization_id = sl.organization_id and so.order_number = sl.order_number
        where sl.organization_id = sp.organization_id and sl.item_code = sp.item_code and sl.location_code = sp.location_code and so.status in ('open','confirmed','partially_shipped')
          and sl.quantity > sl.shipped_quantity and coalesce(sl.promised_date, sl.requested_date) <= ${asOfDate}::date), 0)::text as backorders,
      st.supplier_code, st.lead_time_days::text, coalesce(nullif(i.min_order_qty, 0), st.min_order_qty)::text as min_order_qty, coalesce(i.order_multiple, st.order_multiple)::text as order_multiple,
      st.unit_price::text, st.currency
    from stock_point sp join item i on i.organization_id = sp.organization_id and i.code = sp.item_code
    left join lateral (select * from supply_term s where s.organization_id = i.organization_id and s.item_code = i.code order by s.preferred desc, s.unit_price, s.supplier_code limit 1) st on true
    where sp.organization_id = ${org} and i.active and i.replenishment_method <> 'mrp' order by sp.item_code, sp.location_code`.execute(handle.db)).rows;
  const breaks = (await sql<{ item_code: string; supplier_code: string; min_quantity: string; unit_price: string }>`
    select b.item_code, b.supplier_code, b.min_quantity::text, b.unit_price::text from price_break b join item i on i.organization_id = b.organization_id and i.code = b.item_code
    where b.organization_id = ${org} and i.replenishment_method <> 'mrp' order by 1, 2, 3`.execute(handle.db)).rows;
  const breaksOf = (itemCode: string, supplierCode: string): PurchasePriceBreak[] =>
    breaks.filter((b) => b.item_code === itemCode && b.supplier_code === supplierCode).map((b) => ({ minimumQuantity: Number(b.min_quantity), unitPrice: Number(b.unit_price) }));
  const currencyBySupplierItem = new Map<string, string>();
  const stockPoints: PolicyStockPointInput[] = points.map((p) => {
    if (p.supplier_code !== null && p.currency !== null) currencyBySupplierItem.set(`${p.supplier_code}|${p.item_code}`, p.currency);
    return {
      itemId: p.item_code, locationId: p.location_code, method: p.method, onHandQuantity: Number(p.on_hand), onOrderQuantity: Number(p.on_order), backorderQuantity: Number(p.backorders),
      reorderPointQuantity: p.reorder_point_qty === null ? null : Number(p.reorder_point_qty), orderQuantity: p.order_qty === null ? null : Number(p.order_qty),
      orderUpToQuantity: p.max_stock_qty === null ? null : Number(p.max_stock_qty), reviewPeriodDays: p.review_period_days, reviewAnchorDate: p.review_anchor_date,
      supplier: p.supplier_code === null ? null : {
        supplierId: p.supplier_code, leadTimeDays: Number(p.lead_time_days), minimumQuantity: Number(p.min_order_qty ?? 0), multipleQuantity: Number(p.order_multiple ?? 0),
        unitPrice: Number(p.unit_price), priceBreaks: breaksOf(p.item_code, p.supplier_code),
      },
    };
  });
  return {
    result: planPolicyReplenishment({ asOfDate, reviewWindowDays, stockPoints }), currencyBySupplierItem, parameterSourceByPoint: new Map(points.map((p) => [`${p.item_code}@${p.location_code}`, parameterSourceOf(p)])),
    itemCount: items.length, stockPointCount: points.length, itemsWithoutStockPoint: items.filter((i) => !i.has_stock_point).map((i) => i.code),
  };
}

export type ApproveProposalsResult = { purchaseOrders: { orderNumber: string; supplierCode: string; lineCount: number; plannedOrderIds: string[] }[] };

export type ApproveProposalsOptions = {
  organizationId: string;
  runId: string;
  /** Only this supplier's lines. */
  supplierCode?: string | undefined;
  /**
   * Partial approval: only these lines (planned order ids of the run); the others stay proposed for a
   * later decision. Every id must be an open line of the run (and of `supplierCode` when given).
   */
  plannedOrderIds?: readonly string[] | undefined;
  approvedBy: string;
  /** Who approves, for the audit trail (default: `approvedBy` as a command-line operator). */
  actor?: AuditActor | undefined;
  /** 'YYYY-MM-DD'; its year goes into the order number. */
  orderDate: string;
};

export type ProposalApprovalErrorKind = 'not_found' | 'already_decided';

/** A refused approval: lines that are not in the run, or already decided. `key` is a message of the planning catalogue. */
export class ProposalApprovalError extends Error {
  readonly kind: ProposalApprovalErrorKind;
  readonly key: string;
  readonly params: Record<string, string>;
  constructor(kind: ProposalApprovalErrorKind, key: string, params: Record<string, string>) {
    super(translate('en', key, params));
    this.name = 'ProposalApprovalError';
    this.kind = kind;
    this.key = key;
    this.params = params;
  }
}

/**
 * The next purchase order number of an organization: PO-<year of the order date>-<6-digit sequence>,
 * e.g. PO-2026-000123. The sequence is one counter per organization (row-locked by the upsert, so two
 * approvals at once never get the same number); a number already used (an imported order) is skipped.
 */
export async function nextPurchaseOrderNumber(trx: Kysely<Database>, organizationId: string, orderDate: string): Promise<string> {
  for (;;) {
    const value = await nextIntegrationCounter(trx, organizationId, 'purchase_order_number');
    const orderNumber = `PO-${orderDate.slice(0, 4)}-${String(value).padStart(6, '0')}`;
    const taken = (await sql`select 1 from purchase_order where organization_id = ${organizationId} and order_number = ${orderNumber}`.execute(trx)).rows.length > 0;
    if (!taken) return orderNumber;
  }
}

/**
 * Approves open proposal lines of a run into purchase orders: all of them, one supplier's, or chosen
 * lines (`plannedOrderIds`, partial approval: the rest stay proposed). Each call makes one approved
 * purchase order per supplier concerned, numbered from the organization's sequence
 * (nextPurchaseOrderNumber), lines in due-date order; a second partial approval for the same supplier
 * makes a second order. All in one transaction, audited, with a purchase_order.approved webhook event.
 * Without `plannedOrderIds`, lines already decided are left alone; with them, a line that is not in
 * the run throws ProposalApprovalError('not_found') and a decided line ('already_decided').
 */
export async function approvePurchaseProposals(handle: DatabaseHandle, options: ApproveProposalsOptions): Promise<ApproveProposalsResult> {
  const wanted = options.plannedOrderIds ? [...new Set(options.plannedOrderIds)].sort() : null;
  return handle.db.transaction().execute(async (trx) => {
    const selected = (await sql<{ supplier_code: string; planned_order_id: string; item_code: string; location_code: string | null; quantity: string; unit_price: string; currency: string; due_date: string; status: string }>`
      select supplier_code, planned_order_id, item_code, location_code, quantity::text, unit_price::text, currency, due_date::text, status from purchase_proposal_line
      where organization_id = ${options.organizationId} and run_id = ${options.runId}
        and (${options.supplierCode ?? null}::text is null or supplier_code = ${options.supplierCode ?? null})
        and ${wanted ? sql`planned_order_id in (${sql.join(wanted.length > 0 ? wanted : [''])})` : sql`status = 'proposed'`}
      order by supplier_code, due_date, item_code, planned_order_id for update`.execute(trx)).rows;
    if (wanted) {
      const missing = wanted.filter((id) => !selected.some((l) => l.planned_order_id === id));
      if (missing.length > 0) throw new ProposalApprovalError('not_found', 'planning.proposals.error.line_not_found', { ids: missing.join(', '), runId: options.runId, supplier: options.supplierCode ?? '*' });
      const decided = selected.filter((l) => l.status !== 'proposed');
      if (decided.length > 0) throw new ProposalApprovalError('already_decided', 'planning.proposals.error.line_decided', { ids: decided.map((l) => `${l.planned_order_id} (${l.status})`).join(', '), runId: options.runId });
    }
    const lines = selected;
    const purchaseOrders: ApproveProposalsResult['purchaseOrders'] = [];
    const suppliers = [...new Set(lines.map((l) => l.supplier_code))];
    for (const supplier of suppliers) {
      const supplierLines = lines.filter((l) => l.supplier_code === supplier);
      const orderNumber = await nextPurchaseOrderNumber(trx, options.organizationId, options.orderDate);
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
      await recordAuditEntry(trx, {
        organizationId: options.organizationId, actor: options.actor ?? { userId: options.approvedBy, email: null, via: 'cli' }, action: 'approve', entity: 'purchase_order', entityKey: orderNumber,
        before: { runId: options.runId, proposalLines: supplierLines.map((l) => ({ plannedOrderId: l.planned_order_id, status: 'proposed' })) },
        after: { supplier, lines: supplierLines.length, runId: options.runId, plannedOrderIds: supplierLines.map((l) => l.planned_order_id) },
        reason: wanted ? 'purchase proposal lines approved (partial)' : 'purchase proposals approved',
      });
      await integrationEmitWebhookEvent(trx, options.organizationId, 'purchase_order.approved', { orderNumber, supplierCode: supplier, lineCount: supplierLines.length, runId: options.runId, approvedBy: options.approvedBy });
      purchaseOrders.push({ orderNumber, supplierCode: supplier, lineCount: supplierLines.length, plannedOrderIds: supplierLines.map((l) => l.planned_order_id) });
    }
    return { purchaseOrders };
  });
}
