import { compileMrpModel, type CompiledMrpModel } from './compile-mrp-model';
import { createPlanState, plannedOrderId, type MrpPlanState } from './internal/plan-state';
import { createScratch, planItem, resetItem } from './internal/plan-item';
import type { MrpActionMessage, MrpException, MrpInput, MrpPlannedOrder, MrpStatus } from './types';

/**
 * The result of an MRP run. Bulk figures live in flat typed arrays (`state`) so that a million-item
 * run fits in memory; read it with listMrpPlannedOrders, listMrpActionMessages, listMrpExceptions,
 * toMrpItemRecord or toMrpReport (JSON). applyMrpNetChange re-plans part of it.
 */
export type MrpPlan = {
  status: MrpStatus;
  itemCount: number;
  plannedOrderCount: number;
  actionMessageCount: number;
  exceptionCount: number;
  state: MrpPlanState;
};

/**
 * Regenerative MRP (CBN): explodes independent demand through every BOM level in low-level-code order
 * and nets each item once. For each item and period t:
 *   net(t) = max(0, gross(t) + safetyStock − (onHand(t−1) + scheduled receipts pulled in));
 *   planned receipts = lot-sizing rule on net; release = receipt − leadTime; release quantity =
 *   receipt / yield; component gross(release) += release quantity × quantityPer / (1 − scrap) for lines
 *   effective in the release period.
 * Source: Orlicky, Material Requirements Planning (1975); Vollmann, Berry, Whybark & Jacobs,
 * Manufacturing Planning and Control for Supply Chain Management (5th ed.), ch. 6.
 * Example: A (LT 1) needs 2 B (LT 2); 10 A in period 3 → A released 10 in 2, B released 20 in 0.
 * Throws the errors of compileMrpModel (invalid input, unknown_reference, cycle_detected).
 */
export function runMrp(input: MrpInput): MrpPlan {
  return planCompiledMrpModel(compileMrpModel(input));
}

/** Regenerative run on an already compiled model (the benchmark times compile and plan apart). */
export function planCompiledMrpModel(model: CompiledMrpModel): MrpPlan {
  const state = createPlanState(model);
  const n = model.itemIds.length;
  for (let i = 0; i < n; i++) resetItem(state, i, true);
  const scratch = createScratch(model.horizonPeriods);
  for (let k = 0; k < n; k++) planItem(state, model.planningOrder[k] as number, scratch);
  return summarizeMrpPlan(state);
}

/** Counts of orders, messages and exceptions over `items` (all items when absent). */
export function countMrpOutputs(state: MrpPlanState, items?: readonly number[]): { plannedOrderCount: number; actionMessageCount: number; exceptionCount: number } {
  let plannedOrderCount = 0;
  let actionMessageCount = 0;
  let exceptionCount = 0;
  const count = (i: number): void => {
    plannedOrderCount += state.itemOrderCount[i] as number;
    actionMessageCount += state.messagesByItem[i]?.length ?? 0;
    exceptionCount += state.exceptionsByItem[i]?.length ?? 0;
  };
  if (items) for (const i of items) count(i);
  else for (let i = 0, n = state.model.itemIds.length; i < n; i++) count(i);
  return { plannedOrderCount, actionMessageCount, exceptionCount };
}

/** Counts orders, messages and exceptions and sets the status. */
export function summarizeMrpPlan(state: MrpPlanState, counts = countMrpOutputs(state)): MrpPlan {
  return { status: counts.exceptionCount > 0 ? 'exceptions' : 'ok', itemCount: state.model.itemIds.length, ...counts, state };
}

function selectItems(plan: MrpPlan, itemIds?: readonly string[]): number[] {
  const model = plan.state.model;
  if (!itemIds) return Array.from(model.planningOrder);
  return itemIds.map((id) => model.indexById.get(id)).filter((i): i is number => i !== undefined).sort((a, b) => (model.planningPosition[a] as number) - (model.planningPosition[b] as number));
}

/** Planned orders in low-level-code order, then receipt period (optionally for some items only). */
export function listMrpPlannedOrders(plan: MrpPlan, itemIds?: readonly string[]): MrpPlannedOrder[] {
  const s = plan.state;
  const out: MrpPlannedOrder[] = [];
  for (const i of selectItems(plan, itemIds)) {
    for (let slot = s.itemOrderStart[i] as number, end = slot + (s.itemOrderCount[i] as number); slot < end; slot++) {
      out.push({
        id: plannedOrderId(s, slot),
        itemId: s.model.itemIds[i] as string,
        releasePeriod: s.orderRelease[slot] as number,
        receiptPeriod: s.orderReceipt[slot] as number,
        quantity: s.orderQuantity[slot] as number,
        releaseQuantity: s.orderReleaseQuantity[slot] as number,
        sourcing: s.model.sourcing[i]!,
      });
    }
  }
  return out;
}

/** Action messages in low-level-code order (optionally for some items only). */
export function listMrpActionMessages(plan: MrpPlan, itemIds?: readonly string[]): MrpActionMessage[] {
  return selectItems(plan, itemIds).flatMap((i) => plan.state.messagesByItem[i] ?? []);
}

/** Exceptions (past due, beyond horizon, below safety stock) in low-level-code order. */
export function listMrpExceptions(plan: MrpPlan, itemIds?: readonly string[]): MrpException[] {
  return selectItems(plan, itemIds).flatMap((i) => plan.state.exceptionsByItem[i] ?? []);
}
