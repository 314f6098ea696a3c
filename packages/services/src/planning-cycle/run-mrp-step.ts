import { sql } from 'kysely';
import {
  applyMrpNetChange, runMrp, toMrpReport, type MrpItemChange, type MrpPlan, type LotSizingMethod, type MrpBomLineInput, type MrpDemandInput, type MrpInput, type MrpItemInput,
  type MrpLotSizingRule, type MrpScheduledReceiptInput,
} from '@flowpilot/core';
import type { DatabaseHandle } from '@flowpilot/db';
import { createWeeklyBuckets, leadTimeWeeks, sumForecastsByItem } from './weekly-buckets';
import { finishPlanningRun, hashInputs, insertRows, startPlanningRun } from './planning-run-store';
import { planDistribution } from './plan-distribution';

export type MrpStepOptions = {
  organizationId: string;
  asOfDate: string;
  horizonWeeks: number;
  /** Weekly independent demand per `item@location` (from the forecast step); customer orders are added by consumption. */
  forecasts: Map<string, number[]>;
  /** Annual holding cost rate applied to the standard cost (default 25 %). */
  annualHoldingRate?: number;
  /** Cost of placing one purchase order, in currency (default 40). */
  purchaseOrderCost?: number;
  forecastRunId?: string | undefined;
  /**
   * The master schedule per end item and week (firm + planned MPS receipts). When given, MRP explodes
   * it as MRP II does: those items are not re-planned (lot for lot, on-hand and safety stock already
   * netted by the MPS), their MPS quantities drive the components.
   */
  masterSchedule?: Map<string, number[]>;
  mpsRunId?: string | undefined;
  /**
   * Net change: the input of the previous MRP run. Its plan is rebuilt, then only the items whose
   * inputs differ (and everything below them) are re-planned. Falls back to a regenerative run, with
   * a note, when the horizon, the item set or the BOM changed.
   */
  netChangeFrom?: { runId: string; input: MrpInput } | undefined;
};

export type MrpStepResult = {
  runId: string;
  plannedOrderCount: number;
  makeOrderCount: number;
  buyOrderCount: number;
  actionMessageCount: number;
  exceptionCount: number;
  durationMs: number;
  /** Planned make orders for capacity planning. */
  makeOrders: { orderId: string; itemCode: string; releaseQuantity: number; receiptPeriod: number }[];
  /** Planned transfer orders of DRP (0 when the organization has no distribution lane). */
  transferOrderCount: number;
  mode: 'regenerative' | 'net-change';
  /** Items re-planned by a net change; every item for a regenerative run. */
  replannedItemIds: string[];
  notes: string[];
};

/** JSON with object keys sorted, so values read back from jsonb (which reorders keys) compare equal. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Per item, what differs between two MRP inputs (demands, receipts, on-hand, safety stock, lead time, yield, lot sizing). */
export function diffMrpInputs(previous: MrpInput, next: MrpInput): { changes: MrpItemChange[]; structural: string | null } {
  if (previous.horizonPeriods !== next.horizonPeriods) return { changes: [], structural: 'the horizon changed' };
  const ids = (input: MrpInput): string => input.items.map((i) => `${i.id}:${i.sourcing ?? ''}`).join(',');
  if (ids(previous) !== ids(next)) return { changes: [], structural: 'the item set changed' };
  if (canonicalJson(previous.bomLines ?? []) !== canonicalJson(next.bomLines ?? [])) return { changes: [], structural: 'the bills of materials changed' };
  const byItem = <T extends { itemId: string }>(rows: readonly T[] | undefined): Map<string, Omit<T, 'itemId'>[]> => {
    const map = new Map<string, Omit<T, 'itemId'>[]>();
    for (const { itemId, ...rest } of rows ?? []) map.set(itemId, [...(map.get(itemId) ?? []), rest]);
    return map;
  };
  const [demandsBefore, demandsAfter] = [byItem(previous.demands), byItem(next.demands)];
  const [receiptsBefore, receiptsAfter] = [byItem(previous.scheduledReceipts), byItem(next.scheduledReceipts)];
  const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);
  const changes: MrpItemChange[] = [];
  next.items.forEach((item, index) => {
    const before = previous.items[index]!;
    const change: MrpItemChange = { itemId: item.id };
    let changed = false;
    if (!same(demandsBefore.get(item.id), demandsAfter.get(item.id))) { change.demands = demandsAfter.get(item.id) ?? []; changed = true; }
    if (!same(receiptsBefore.get(item.id), receiptsAfter.get(item.id))) { change.scheduledReceipts = receiptsAfter.get(item.id) ?? []; changed = true; }
    if (!same(before.onHandQuantity, item.onHandQuantity)) { change.onHandQuantity = item.onHandQuantity ?? 0; changed = true; }
    if (!same(before.safetyStockQuantity, item.safetyStockQuantity)) { change.safetyStockQuantity = item.safetyStockQuantity ?? 0; changed = true; }
    if (!same(before.leadTimePeriods, item.leadTimePeriods)) { change.leadTimePeriods = item.leadTimePeriods; changed = true; }
    if (!same(before.yieldFraction, item.yieldFraction)) { change.yieldFraction = item.yieldFraction ?? 1; changed = true; }
    if (!same(before.lotSizing, item.lotSizing)) { change.lotSizing = item.lotSizing ?? { method: 'lot-for-lot' }; changed = true; }
    if (changed) changes.push(change);
  });
  return { changes, structural: null };
}

const RULES: Record<string, LotSizingMethod> = {
  lot_for_lot: 'lot-for-lot', fixed_quantity: 'fixed-quantity', eoq: 'economic-order-quantity', periods_of_supply: 'period-order-quantity',
  wagner_whitin: 'wagner-whitin', silver_meal: 'silver-meal', least_unit_cost: 'least-unit-cost', part_period_balancing: 'part-period-balancing',
};

type ItemRow = {
  code: string; make_or_buy: 'make' | 'buy'; standard_cost: string; lead_time_days: number; safety_stock_qty: string; lot_size_rule: string;
  lot_size_qty: string | null; min_order_qty: string | null; order_multiple: string | null; yield_rate: string; planner_code: string | null; buyer_code: string | null;
  supplier_code: string | null; supplier_lead_time_days: string | null; supplier_moq: string | null; supplier_multiple: string | null;
  on_hand: string; stock_point_safety: string; setup_cost: string | null; home_location: string | null; uom_dimension: string;
};

/**
 * Regenerative MRP over every BOM level on weekly buckets from the as-of week, after distribution
 * requirements planning (DRP, planDistribution) when the organization has distribution lanes: each
 * item at each location a lane replenishes is netted there (its demand, stock and safety stock), and
 * the planned transfer orders (TR-…, stored as planned orders of kind 'transfer', pegged to the
 * location's demand) become dependent demand of the item at the source (the plant), identified by the
 * transfer id so pegging chains. The other locations are netted as one pool per item.
 * Demand of each end item per week = forecast consumed by customer orders (the greater of the two),
 * past-due order lines in week 0. Lead times in days become whole weeks (a partial week counts).
 * Items in the master schedule are exploded from it (the MPS nets their plant demand itself).
 * Lot sizing follows each item's rule with ordering cost (setup hours × work-centre rate for made
 * items, a fixed purchase-order cost for bought ones) and holding cost = standard cost × annual rate / 52.
 */
export async function runMrpStep(handle: DatabaseHandle, options: MrpStepOptions): Promise<MrpStepResult> {
  const org = options.organizationId;
  const buckets = createWeeklyBuckets(options.asOfDate, options.horizonWeeks);
  const annualHoldingRate = options.annualHoldingRate ?? 0.25;
  const purchaseOrderCost = options.purchaseOrderCost ?? 40;
  const db = handle.db;

  const items = (await sql<ItemRow>`
    select i.code, i.make_or_buy, i.standard_cost, i.lead_time_days, i.safety_stock_qty, i.lot_size_rule, i.lot_size_qty, i.min_order_qty, i.order_multiple,
      i.yield_rate, i.planner_code, i.buyer_code, (select u.dimension from unit_of_measure u where u.organization_id = i.organization_id and u.code = i.uom_code) as uom_dimension,
      st.supplier_code, st.lead_time_days::text as supplier_lead_time_days, st.min_order_qty::text as supplier_moq, st.order_multiple::text as supplier_multiple,
      coalesce((select sum(l.quantity) from stock_lot l where l.organization_id = i.organization_id and l.item_code = i.code and l.status = 'available'), 0)::text as on_hand,
      coalesce((select sum(sp.safety_stock_qty) from stock_point sp where sp.organization_id = i.organization_id and sp.item_code = i.code), 0)::text as stock_point_safety,
      (select sum(r.setup_hours * coalesce(w.cost_per_hour, 0))::text from routing_operation r join work_center w on w.organization_id = r.organization_id and w.code = r.work_center_code
        where r.organization_id = i.organization_id and r.item_code = i.code) as setup_cost,
      coalesce((select w.location_code from routing_operation r join work_center w on w.organization_id = r.organization_id and w.code = r.work_center_code
        where r.organization_id = i.organization_id and r.item_code = i.code order by r.operation_number limit 1),
        (select l.location_code from stock_lot l where l.organization_id = i.organization_id and l.item_code = i.code order by l.quantity desc, l.location_code limit 1)) as home_location
    from item i
    left join lateral (select * from supply_term s where s.organization_id = i.organization_id and s.item_code = i.code order by s.preferred desc, s.unit_price, s.supplier_code limit 1) st on true
    where i.organization_id = ${org} and i.active order by i.code`.execute(db)).rows;

  const distribution = await planDistribution(handle, { organizationId: org, buckets, horizonWeeks: options.horizonWeeks, forecasts: options.forecasts, itemCodes: new Set(items.map((row) => row.code)) });
  const drpPlanned = distribution?.plannedStockPoints ?? new Set<string>();

  const mrpItems: MrpItemInput[] = items.map((row) => {
    const unitCost = Math.max(Number(row.standard_cost), 0.01);
    const buy = row.make_or_buy === 'buy';
    const method = RULES[row.lot_size_rule] ?? 'lot-for-lot';
    const lotSizeQty = row.lot_size_qty === null ? undefined : Number(row.lot_size_qty);
    const minimum = Number(row.min_order_qty ?? 0) || Number(buy ? row.supplier_moq ?? 0 : 0);
    // Items counted in units are ordered in whole units: a multiple of 1 at least.
    const multiple = Number(row.order_multiple ?? 0) || Number(buy ? row.supplier_multiple ?? 0 : 0) || (row.uom_dimension === 'count' ? 1 : 0);
    const rule: MrpLotSizingRule = {
      method,
      orderingCostPerOrder: buy ? purchaseOrderCost : Math.max(Number(row.setup_cost ?? 0), 1),
      holdingCostPerUnitPerPeriod: (unitCost * annualHoldingRate) / 52,
      ...(method === 'fixed-quantity' && lotSizeQty ? { fixedQuantity: lotSizeQty } : {}),
      ...(method === 'period-order-quantity' && lotSizeQty ? { periodsOfSupply: Math.max(1, Math.round(lotSizeQty)) } : {}),
      ...(minimum > 0 ? { minimumQuantity: minimum } : {}),
      ...(multiple > 0 ? { multipleQuantity: multiple } : {}),
    };
    if (method === 'fixed-quantity' && !lotSizeQty) rule.method = 'lot-for-lot';
    const leadTimeDays = buy && row.supplier_lead_time_days !== null ? Number(row.supplier_lead_time_days) : row.lead_time_days;
    if (options.masterSchedule?.has(row.code)) {
      return { id: row.code, leadTimePeriods: leadTimeWeeks(leadTimeDays), onHandQuantity: 0, safetyStockQuantity: 0, yieldFraction: Number(row.yield_rate), lotSizing: { method: 'lot-for-lot' }, ownerCode: row.planner_code || undefined, sourcing: row.make_or_buy } as MrpItemInput;
    }
    // Stock and safety stock at DRP-planned locations serve those locations only.
    const held = distribution?.heldByItem.get(row.code);
    return {
      id: row.code,
      leadTimePeriods: leadTimeWeeks(leadTimeDays),
      onHandQuantity: Math.max(0, Number(row.on_hand) - (held?.onHandQuantity ?? 0)),
      safetyStockQuantity: Math.max(0, Number(row.safety_stock_qty) + Number(row.stock_point_safety) - (held?.safetyStockQuantity ?? 0)),
      yieldFraction: Number(row.yield_rate),
      lotSizing: rule,
      ownerCode: (buy ? row.buyer_code : row.planner_code) || undefined,
      sourcing: row.make_or_buy,
    } as MrpItemInput;
  });

  const bomRows = (await sql<{ parent_item_code: string; component_item_code: string; quantity_per: string; scrap_rate: string; valid_from: string | null; valid_to: string | null }>`
    select l.parent_item_code, l.component_item_code, l.quantity_per, l.scrap_rate,
      greatest(coalesce(l.valid_from, b.valid_from), coalesce(b.valid_from, l.valid_from))::text as valid_from,
      least(coalesce(l.valid_to, b.valid_to), coalesce(b.valid_to, l.valid_to))::text as valid_to
    from bom_line l join bom b on b.organization_id = l.organization_id and b.parent_item_code = l.parent_item_code and b.version = l.bom_version
    where l.organization_id = ${org} and b.status = 'active' order by 1, 2`.execute(db)).rows;
  const bomLines: MrpBomLineInput[] = bomRows
    .map((r) => ({
      parentId: r.parent_item_code, componentId: r.component_item_code, quantityPer: Number(r.quantity_per), scrapFraction: Number(r.scrap_rate),
      ...(r.valid_from ? { effectiveFromPeriod: Math.max(0, buckets.periodOf(r.valid_from)) } : {}),
      ...(r.valid_to ? { effectiveToPeriod: buckets.periodOf(r.valid_to) } : {}),
    }))
    .filter((line) => line.effectiveToPeriod === undefined || line.effectiveToPeriod >= 0);

  // Demand: forecast consumed by customer orders, per item and week (locations summed, except those DRP nets).
  const forecastByItem = sumForecastsByItem(drpPlanned.size === 0 ? options.forecasts : new Map([...options.forecasts].filter(([key]) => !drpPlanned.has(key))), options.horizonWeeks);
  const orderLines = (await sql<{ item_code: string; location_code: string; requested_date: string; open_quantity: string }>`
    select l.item_code, l.location_code, coalesce(l.promised_date, l.requested_date)::text as requested_date, (l.quantity - l.shipped_quantity)::text as open_quantity
    from sales_order_line l join sales_order o on o.organization_id = l.organization_id and o.order_number = l.order_number
    where l.organization_id = ${org} and o.status in ('open','confirmed','partially_shipped') and l.quantity > l.shipped_quantity`.execute(db)).rows;
  const ordersByItem = new Map<string, number[]>();
  for (const line of orderLines) {
    if (drpPlanned.has(`${line.item_code}@${line.location_code}`)) continue;
    const period = Math.max(0, buckets.periodOf(line.requested_date));
    if (period >= options.horizonWeeks) continue;
    const list = ordersByItem.get(line.item_code) ?? new Array<number>(options.horizonWeeks).fill(0);
    list[period] = (list[period] ?? 0) + Number(line.open_quantity);
    ordersByItem.set(line.item_code, list);
  }
  const demands: MrpDemandInput[] = [];
  for (const [item, quantities] of [...(options.masterSchedule ?? new Map<string, number[]>())].sort((a, b) => a[0].localeCompare(b[0]))) {
    quantities.slice(0, options.horizonWeeks).forEach((quantity, p) => {
      if (quantity > 1e-9) demands.push({ id: `MPS-${item}-${p}`, itemId: item, period: p, quantity });
    });
  }
  for (const item of [...new Set([...forecastByItem.keys(), ...ordersByItem.keys()])].filter((code) => !options.masterSchedule?.has(code)).sort()) {
    const forecast = forecastByItem.get(item);
    const orders = ordersByItem.get(item);
    for (let p = 0; p < options.horizonWeeks; p++) {
      const quantity = Math.max(forecast?.[p] ?? 0, orders?.[p] ?? 0);
      if (quantity > 1e-9) demands.push({ id: `D-${item}-${p}`, itemId: item, period: p, quantity: Math.round(quantity * 1000) / 1000 });
    }
  }
  // DRP's planned shipments from the plant: dependent demand of items MRP plans (the MPS covers its own items).
  for (const demand of distribution?.result.sourceDemands ?? []) {
    if (options.masterSchedule?.has(demand.itemId)) continue;
    demands.push({ id: demand.id, itemId: demand.itemId, period: demand.period, quantity: demand.quantity });
  }
  const receiptsRows = (await sql<{ id: string; item_code: string; due_date: string; quantity: string }>`
    select 'PO ' || l.order_number || '/' || l.line_number as id, l.item_code, l.due_date::text as due_date, (l.quantity - l.received_quantity)::text as quantity
    from purchase_order_line l join purchase_order o on o.organization_id = l.organization_id and o.order_number = l.order_number
    where l.organization_id = ${org} and o.status in ('approved','sent','partially_received') and l.quantity > l.received_quantity
    union all
    select 'MO ' || order_number, item_code, due_date::text, (quantity - completed_quantity)::text from production_order
    where organization_id = ${org} and status in ('firm','released') and quantity > completed_quantity
    order by 1`.execute(db)).rows;
  const scheduledReceipts: MrpScheduledReceiptInput[] = receiptsRows.map((r) => ({ id: r.id, itemId: r.item_code, period: buckets.periodOf(r.due_date), quantity: Number(r.quantity) }));

  const input: MrpInput = { horizonPeriods: options.horizonWeeks, items: mrpItems, bomLines, demands, scheduledReceipts, options: { rescheduleToleranceBuckets: 0 } };
  const parameters = {
    horizonWeeks: options.horizonWeeks, annualHoldingRate, purchaseOrderCost, firstWeek: buckets.firstMonday, forecastRunId: options.forecastRunId ?? null, mpsRunId: options.mpsRunId ?? null,
    netting: distribution ? `DRP per item × location on ${distribution.input.lanes.length} lane(s) (${drpPlanned.size} stock point(s)), the rest one pool per item` : 'one pool per item (all locations)',
    endItems: options.masterSchedule ? 'exploded from the MPS' : 'planned from forecast consumed by orders',
  };
  const run = await startPlanningRun(handle, { organizationId: org, runType: 'mrp', asOfDate: options.asOfDate, parameters });
  try {
    let plan: MrpPlan;
    let mode: MrpStepResult['mode'] = 'regenerative';
    let replannedItemIds = input.items.map((i) => i.id);
    const notes: string[] = [];
    if (options.netChangeFrom) {
      const { changes, structural } = diffMrpInputs(options.netChangeFrom.input, input);
      if (structural) {
        notes.push(`net change not possible (${structural}): regenerative run`);
        plan = runMrp(input);
      } else {
        const result = applyMrpNetChange(runMrp(options.netChangeFrom.input), changes, { inPlace: true });
        plan = result.plan;
        mode = 'net-change';
        replannedItemIds = result.replannedItemIds;
        notes.push(`net change from ${options.netChangeFrom.runId}: ${changes.length} item(s) changed, ${replannedItemIds.length} re-planned`);
      }
    } else {
      plan = runMrp(input);
    }
    const report = toMrpReport(plan, { records: true, pegging: true });
    const itemByCode = new Map(items.map((row) => [row.code, row]));
    const pegsBySupply = new Map<string, { demandKind: string; demandId: string | null; quantity: number }[]>();
    for (const peg of report.pegging ?? []) {
      if (peg.supplyKind !== 'planned_order') continue;
      const list = pegsBySupply.get(peg.supplyId) ?? [];
      list.push({ demandKind: peg.demandKind, demandId: peg.demandId, quantity: peg.quantity });
      pegsBySupply.set(peg.supplyId, list);
    }
    await insertRows(handle, 'planned_order', ['run_id', 'organization_id', 'order_id', 'item_code', 'sourcing', 'location_code', 'supplier_code', 'release_date', 'receipt_date', 'quantity', 'release_quantity', 'pegging'],
      report.plannedOrders.map((o) => {
        const row = itemByCode.get(o.itemId);
        return [run.id, org, o.id, o.itemId, o.sourcing, row?.home_location ?? null, o.sourcing === 'buy' ? row?.supplier_code ?? null : null, buckets.startOf(o.releasePeriod), buckets.startOf(o.receiptPeriod), String(o.quantity), String(o.releaseQuantity), JSON.stringify(pegsBySupply.get(o.id) ?? [])];
      }));
    const transfers = distribution?.result.transfers ?? [];
    const transferPegs = new Map<string, { demandKind: string; demandId: string | null; quantity: number }[]>();
    for (const peg of distribution?.result.pegging ?? []) {
      if (peg.supplyKind !== 'planned_transfer') continue;
      const list = transferPegs.get(peg.supplyId) ?? [];
      list.push({ demandKind: peg.demandKind, demandId: peg.demandId, quantity: peg.quantity });
      transferPegs.set(peg.supplyId, list);
    }
    await insertRows(handle, 'planned_order', ['run_id', 'organization_id', 'order_id', 'item_code', 'sourcing', 'location_code', 'from_location_code', 'supplier_code', 'release_date', 'receipt_date', 'quantity', 'release_quantity', 'pegging'],
      transfers.map((o) => [run.id, org, o.id, o.itemId, 'transfer', o.toLocationId, o.fromLocationId, null, buckets.startOf(o.shipPeriod), buckets.startOf(o.receiptPeriod), String(o.quantity), String(o.quantity), JSON.stringify(transferPegs.get(o.id) ?? [])]));
    await insertRows(handle, 'action_message', ['run_id', 'organization_id', 'sequence', 'kind', 'item_code', 'owner_code', 'owner_role', 'order_kind', 'order_id', 'period_date', 'suggested_date', 'quantity', 'suggested_quantity', 'reason'],
      report.actionMessages.map((m, index) => [run.id, org, index + 1, m.kind, m.itemId, m.ownerCode, m.ownerRole, m.orderKind, m.orderId, buckets.startOf(m.period), m.suggestedPeriod === null ? null : buckets.startOf(m.suggestedPeriod), String(m.quantity), m.suggestedQuantity === null ? null : String(m.suggestedQuantity), m.reason]));
    await insertRows(handle, 'mrp_record', ['run_id', 'organization_id', 'item_code', 'low_level_code', 'record'],
      (report.records ?? []).map((r) => [run.id, org, r.itemId, r.lowLevelCode, JSON.stringify({ ...r, periodStarts: Array.from({ length: options.horizonWeeks }, (_, p) => buckets.startOf(p)) })]));
    const makeOrders = report.plannedOrders.filter((o) => o.sourcing === 'make').map((o) => ({ orderId: o.id, itemCode: o.itemId, releaseQuantity: o.releaseQuantity, receiptPeriod: o.receiptPeriod }));
    const summary = {
      itemCount: report.itemCount, plannedOrderCount: report.plannedOrders.length, makeOrderCount: makeOrders.length,
      buyOrderCount: report.plannedOrders.length - makeOrders.length, actionMessageCount: report.actionMessages.length, exceptionCount: report.exceptions.length,
      actionMessagesByKind: countBy(report.actionMessages.map((m) => m.kind)), exceptionsByKind: countBy(report.exceptions.map((e) => e.kind)), status: report.status,
      mode, replannedItemCount: replannedItemIds.length, notes,
      ...(distribution ? { drp: { laneCount: distribution.input.lanes.length, stockPointCount: drpPlanned.size, transferOrderCount: transfers.length, exceptionsByKind: countBy(distribution.result.exceptions.map((e) => e.kind)), status: distribution.result.status } } : {}),
    };
    // The DRP input is kept beside the MRP model, so the transfers can be explained too.
    const storedInputs = distribution ? { ...input, distribution: distribution.input } : input;
    const durationMs = await finishPlanningRun(handle, run, { status: 'succeeded', inputsHash: hashInputs(storedInputs), summary, exceptions: [...report.exceptions, ...(distribution?.result.exceptions ?? [])].map((e) => ({ ...e, date: buckets.startOf(e.period) })), inputs: storedInputs });
    return { runId: run.id, plannedOrderCount: summary.plannedOrderCount, makeOrderCount: summary.makeOrderCount, buyOrderCount: summary.buyOrderCount, actionMessageCount: summary.actionMessageCount, exceptionCount: summary.exceptionCount, durationMs, makeOrders, transferOrderCount: transfers.length, mode, replannedItemIds, notes };
  } catch (error) {
    await finishPlanningRun(handle, run, { status: 'failed', summary: { error: error instanceof Error ? error.message : String(error) } });
    throw error;
  }
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
