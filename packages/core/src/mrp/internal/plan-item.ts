import { applyLotSizeModifiers, runLotSizingKernel, type LotSizingParameters } from '../../lot-sizing/index';
import type { MrpActionKind, MrpActionMessage, MrpException, MrpExceptionKind, MrpReasonCode } from '../types';
import { ensureOrderCapacity, itemDemands, itemReceipts, plannedOrderId, type MrpPlanState } from './plan-state';

const EPSILON = 1e-9;

/** Buffers reused across items so the hot loop allocates nothing per period. */
export type PlanScratch = { net: Float64Array; lots: Float64Array; receiptsDue: Float64Array; setup: Float64Array };

export function createScratch(horizonPeriods: number): PlanScratch {
  return { net: new Float64Array(horizonPeriods), lots: new Float64Array(horizonPeriods), receiptsDue: new Float64Array(horizonPeriods), setup: new Float64Array(1) };
}

function pushException(state: MrpPlanState, item: number, kind: MrpExceptionKind, period: number, quantity: number, periodsLate: number, referenceId: string | null): void {
  const list = state.exceptionsByItem[item] ?? (state.exceptionsByItem[item] = []);
  const exception: MrpException = { kind, itemId: state.model.itemIds[item] as string, period, quantity, periodsLate, referenceId, ownerCode: state.model.ownerCode[item] ?? null };
  list.push(exception);
}

function pushMessage(
  state: MrpPlanState,
  item: number,
  kind: MrpActionKind,
  orderKind: MrpActionMessage['orderKind'],
  orderId: string,
  period: number,
  suggestedPeriod: number | null,
  quantity: number,
  suggestedQuantity: number | null,
  reason: MrpReasonCode,
): void {
  const list = state.messagesByItem[item] ?? (state.messagesByItem[item] = []);
  const sourcing = state.model.sourcing[item];
  list.push({
    kind,
    itemId: state.model.itemIds[item] as string,
    ownerCode: state.model.ownerCode[item] ?? null,
    ownerRole: sourcing === 'buy' ? 'buyer' : 'planner',
    orderKind,
    orderId,
    period,
    suggestedPeriod,
    quantity,
    suggestedQuantity,
    reason,
  });
}

/**
 * Clears an item's outputs and sets its gross requirements to its independent demand (past-due demand
 * lands in period 0; demand beyond the horizon is reported and left out). Parents add the rest.
 */
export function resetItem(state: MrpPlanState, item: number, rowIsZero = false): void {
  const B = state.model.horizonPeriods;
  const row = item * B;
  if (!rowIsZero) state.gross.fill(0, row, row + B);
  state.messagesByItem[item] = undefined;
  state.exceptionsByItem[item] = undefined;
  state.itemOrderCount[item] = 0;
  const demands = itemDemands(state, item);
  for (let k = demands.start; k < demands.end; k++) {
    const period = demands.periods[k] as number;
    const quantity = demands.quantities[k] as number;
    if (period >= B) {
      pushException(state, item, 'demand_beyond_horizon', period, quantity, 0, demands.ids[k] as string);
      continue;
    }
    if (period < 0) pushException(state, item, 'past_due_demand', period, quantity, -period, demands.ids[k] as string);
    state.gross[row + Math.max(0, period)]! += quantity;
  }
}

/** Adds the dependent demand of parent order `slot` to component rows along the parent's BOM lines. */
export function explodeOrder(state: MrpPlanState, parent: number, slot: number, onlyComponent = -1): void {
  const m = state.model;
  const B = m.horizonPeriods;
  const release = state.orderRelease[slot] as number;
  const quantity = state.orderReleaseQuantity[slot] as number;
  for (let l = m.childStart[parent] as number, end = m.childStart[parent + 1] as number; l < end; l++) {
    if (release < (m.lineFrom[l] as number) || release > (m.lineTo[l] as number)) continue;
    const c = m.childItem[l] as number;
    if (onlyComponent >= 0 && c !== onlyComponent) continue;
    state.gross[c * B + release]! += quantity * (m.lineFactor[l] as number);
  }
}

/** Appends one planned order of `item` received in `period` and explodes it into the components. */
function addOrder(state: MrpPlanState, item: number, period: number, quantity: number): void {
  ensureOrderCapacity(state);
  const m = state.model;
  const slot = state.orderSlots++;
  const release = period - (m.leadTime[item] as number);
  const yieldFraction = m.yieldFraction[item] as number;
  state.orderItem[slot] = item;
  state.orderReceipt[slot] = period;
  state.orderRelease[slot] = release < 0 ? 0 : release;
  state.orderPeriodsLate[slot] = release < 0 ? -release : 0;
  state.orderQuantity[slot] = quantity;
  state.orderReleaseQuantity[slot] = yieldFraction === 1 ? quantity : quantity / yieldFraction;
  state.itemOrderCount[item]!++;
  explodeOrder(state, item, slot);
}

/**
 * Gross-to-net for one item whose gross requirements are complete: nets on-hand and scheduled receipts
 * (pulled in due order when needed — the rescheduling assumption), keeps safety stock, sizes lots,
 * offsets by lead time, explodes planned orders into components, and raises messages and exceptions.
 */
export function planItem(state: MrpPlanState, item: number, scratch: PlanScratch): void {
  const m = state.model;
  const B = m.horizonPeriods;
  const row = item * B;
  const gross = state.gross;
  const net = scratch.net;
  const safety = m.safetyStock[item] as number;
  const receipts = itemReceipts(state, item);
  const tolerance = m.rescheduleToleranceBuckets;

  // 1. Net requirements per period, pulling scheduled receipts forward or back to where they are needed.
  let available = m.onHand[item] as number;
  let next = receipts.start;
  let anyNet = false;
  for (let t = 0; t < B; t++) {
    available -= gross[row + t] as number;
    while (available < safety - EPSILON && next < receipts.end) {
      receipts.need[next] = t;
      available += receipts.quantities[next] as number;
      next++;
    }
    if (available < safety - EPSILON) {
      net[t] = safety - available;
      available = safety;
      anyNet = true;
    } else net[t] = 0;
  }
  for (let k = next; k < receipts.end; k++) receipts.need[k] = -1;

  // 2. Messages on scheduled receipts.
  if (receipts.end > receipts.start) {
    for (let k = receipts.start; k < receipts.end; k++) {
      const due = receipts.periods[k] as number;
      const need = receipts.need[k] as number;
      const quantity = receipts.quantities[k] as number;
      const id = receipts.ids[k] as string;
      if (due < 0) pushException(state, item, 'past_due_receipt', due, quantity, -due, id);
      const dueInHorizon = Math.max(0, due);
      // An unneeded order due beyond the horizon may serve later demand: no message for it.
      if (need < 0) {
        if (due < B) pushMessage(state, item, 'cancel', 'scheduled_receipt', id, due, null, quantity, 0, 'not_needed');
      }
      else if (need < dueInHorizon - tolerance) pushMessage(state, item, 'expedite', 'scheduled_receipt', id, due, need, quantity, null, 'needed_earlier');
      else if (need > dueInHorizon + tolerance) pushMessage(state, item, 'defer', 'scheduled_receipt', id, due, need, quantity, null, 'needed_later');
    }
    // Only the last receipt pulled can be partly unneeded: what is left above safety stock at the end.
    const last = next - 1;
    if (last >= receipts.start && !anyNet) {
      const surplus = Math.min(available - safety, receipts.quantities[last] as number);
      if (surplus > EPSILON) {
        const quantity = receipts.quantities[last] as number;
        pushMessage(state, item, 'decrease', 'scheduled_receipt', receipts.ids[last] as string, receipts.periods[last] as number, null, quantity, quantity - surplus, 'quantity_exceeds_need');
      }
    }
  }

  // 3. Lot sizing and planned orders.
  state.itemOrderStart[item] = state.orderSlots;
  state.itemOrderCount[item] = 0;
  if (anyNet) {
    const rule = m.lotRule[item];
    let lots: Float64Array = net;
    if (rule && rule.method !== 'lot-for-lot') {
      scratch.setup[0] = rule.orderingCostPerOrder ?? 0;
      const params: LotSizingParameters = {
        setupCostPerOrder: scratch.setup,
        holdingCostPerUnitPerPeriod: rule.holdingCostPerUnitPerPeriod ?? 0,
        fixedQuantity: rule.fixedQuantity,
        periodsOfSupply: rule.periodsOfSupply,
      };
      runLotSizingKernel(rule.method, net, B, params, scratch.lots);
      lots = scratch.lots;
    }
    if (rule && (rule.minimumQuantity !== undefined || rule.maximumQuantity !== undefined || rule.multipleQuantity !== undefined)) {
      applyLotSizeModifiers(net, lots, B, rule, (period, quantity) => addOrder(state, item, period, quantity));
    } else {
      for (let t = 0; t < B; t++) if ((lots[t] as number) > EPSILON) addOrder(state, item, t, lots[t] as number);
    }
    for (let s = state.itemOrderStart[item] as number, end = s + (state.itemOrderCount[item] as number); s < end; s++) {
      if ((state.orderRelease[s] as number) > 0) continue;
      const id = plannedOrderId(state, s);
      const late = state.orderPeriodsLate[s] as number;
      if (late > 0) pushException(state, item, 'past_due_release', -late, state.orderReleaseQuantity[s] as number, late, id);
      pushMessage(state, item, 'release', 'planned_order', id, 0, null, state.orderReleaseQuantity[s] as number, null, late > 0 ? 'release_past_due' : 'release_period_reached');
    }
    // A planned receipt in the same period as an open order that is already needed: enlarge that order instead.
    for (let k = receipts.start; k < receipts.end; k++) {
      if ((receipts.need[k] as number) < 0) continue;
      const due = Math.max(0, receipts.periods[k] as number);
      for (let s = state.itemOrderStart[item] as number, end = s + (state.itemOrderCount[item] as number); s < end; s++) {
        if (state.orderReceipt[s] !== due) continue;
        const quantity = receipts.quantities[k] as number;
        pushMessage(state, item, 'increase', 'scheduled_receipt', receipts.ids[k] as string, receipts.periods[k] as number, null, quantity, quantity + (state.orderQuantity[s] as number), 'more_needed_same_period');
        break;
      }
    }
  }

  // 4. Projected on hand with receipts where they are due: report any dip below safety stock.
  if (receipts.end > receipts.start) {
    const due = scratch.receiptsDue;
    due.fill(0);
    for (let k = receipts.start; k < receipts.end; k++) {
      const p = Math.max(0, receipts.periods[k] as number);
      if (p < B) due[p]! += receipts.quantities[k] as number;
    }
    let onHand = m.onHand[item] as number;
    let slot = state.itemOrderStart[item] as number;
    const lastSlot = slot + (state.itemOrderCount[item] as number);
    let firstShort = -1;
    let worst = 0;
    for (let t = 0; t < B; t++) {
      onHand += (due[t] as number) - (gross[row + t] as number);
      while (slot < lastSlot && state.orderReceipt[slot] === t) onHand += state.orderQuantity[slot++] as number;
      const short = safety - onHand;
      if (short > EPSILON) {
        if (firstShort < 0) firstShort = t;
        if (short > worst) worst = short;
      }
    }
    if (firstShort >= 0) {
      let cause: string | null = null;
      for (let k = receipts.start; k < receipts.end && cause === null; k++) {
        const need = receipts.need[k] as number;
        if (need >= 0 && need < Math.max(0, receipts.periods[k] as number)) cause = receipts.ids[k] as string;
      }
      pushException(state, item, 'below_safety_stock', firstShort, worst, 0, cause);
    }
  }
}
