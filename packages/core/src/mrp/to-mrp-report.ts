import { CoreError } from '../shared/core-error';
import { itemReceipts } from './internal/plan-state';
import { pegMrpPlan } from './peg-mrp-plan';
import { listMrpActionMessages, listMrpExceptions, listMrpPlannedOrders, type MrpPlan } from './run-mrp';
import type { MrpActionMessage, MrpException, MrpItemRecord, MrpPegRecord, MrpPlannedOrder, MrpStatus } from './types';

/** Rounds away floating-point noise (9 decimals): the one rounding policy of reported figures. */
function clean(value: number): number {
  const rounded = Math.round(value * 1e9) / 1e9;
  return rounded === 0 ? 0 : rounded;
}

/**
 * The time-phased MRP record of one item, as printed in textbooks: gross requirements, scheduled
 * receipts (in their due period), projected on hand POH(t) = POH(t−1) + SR(t) + PR(t) − GR(t),
 * net requirements NR(t) = max(0, GR(t) + SS − POH(t−1) − SR(t)), planned order receipts and releases.
 * Source: Vollmann et al., Manufacturing Planning and Control (5th ed.), ch. 6 (the basic MRP record).
 * Example (Jacobs & Chase problem, item B, on hand 10, lots of 40): gross 60 in week 7 and 20 in week 8,
 * open order 20 in week 7 → net 30 and 10, planned receipts 40 and 40, releases in weeks 5 and 6.
 * Throws unknown_reference for an unknown item.
 */
export function toMrpItemRecord(plan: MrpPlan, itemId: string): MrpItemRecord {
  const s = plan.state;
  const m = s.model;
  const i = m.indexById.get(itemId);
  if (i === undefined) throw new CoreError('unknown_reference', `item ${itemId} is not in the plan`, { path: 'itemId' });
  const B = m.horizonPeriods;
  const grossRequirements = Array.from(s.gross.subarray(i * B, (i + 1) * B), clean);
  const scheduledReceipts = new Array<number>(B).fill(0);
  const receipts = itemReceipts(s, i);
  for (let k = receipts.start; k < receipts.end; k++) {
    const p = Math.max(0, receipts.periods[k] as number);
    if (p < B) scheduledReceipts[p]! += receipts.quantities[k] as number;
  }
  const plannedOrderReceipts = new Array<number>(B).fill(0);
  const plannedOrderReleases = new Array<number>(B).fill(0);
  for (let slot = s.itemOrderStart[i] as number, end = slot + (s.itemOrderCount[i] as number); slot < end; slot++) {
    plannedOrderReceipts[s.orderReceipt[slot] as number]! += s.orderQuantity[slot] as number;
    plannedOrderReleases[s.orderRelease[slot] as number]! += s.orderReleaseQuantity[slot] as number;
  }
  const safety = m.safetyStock[i] as number;
  const projectedOnHand: number[] = [];
  const netRequirements: number[] = [];
  let previous = m.onHand[i] as number;
  for (let t = 0; t < B; t++) {
    netRequirements.push(clean(Math.max(0, (grossRequirements[t] as number) + safety - previous - (scheduledReceipts[t] as number))));
    previous = previous + (scheduledReceipts[t] as number) + (plannedOrderReceipts[t] as number) - (grossRequirements[t] as number);
    projectedOnHand.push(clean(previous));
  }
  return {
    itemId,
    lowLevelCode: m.lowLevelCode[i] as number,
    grossRequirements,
    scheduledReceipts: scheduledReceipts.map(clean),
    projectedOnHand,
    netRequirements,
    plannedOrderReceipts: plannedOrderReceipts.map(clean),
    plannedOrderReleases: plannedOrderReleases.map(clean),
  };
}

export type MrpReport = {
  status: MrpStatus;
  horizonPeriods: number;
  itemCount: number;
  lowLevelCodes: Record<string, number>;
  plannedOrders: MrpPlannedOrder[];
  actionMessages: MrpActionMessage[];
  exceptions: MrpException[];
  records?: MrpItemRecord[];
  pegging?: MrpPegRecord[];
};

/**
 * The plan as JSON for files, the CLI and storage (meant for models of up to some thousands of
 * items; larger runs read the plan with the list functions). Quantities rounded to 9 decimals.
 */
export function toMrpReport(plan: MrpPlan, options: { records?: boolean; pegging?: boolean; itemIds?: readonly string[] } = {}): MrpReport {
  const m = plan.state.model;
  const items = options.itemIds ?? Array.from(m.planningOrder, (i) => m.itemIds[i] as string);
  const lowLevelCodes: Record<string, number> = {};
  for (const id of items) {
    const i = m.indexById.get(id);
    if (i !== undefined) lowLevelCodes[id] = m.lowLevelCode[i] as number;
  }
  const report: MrpReport = {
    status: plan.status,
    horizonPeriods: m.horizonPeriods,
    itemCount: plan.itemCount,
    lowLevelCodes,
    plannedOrders: listMrpPlannedOrders(plan, options.itemIds).map((o) => ({ ...o, quantity: clean(o.quantity), releaseQuantity: clean(o.releaseQuantity) })),
    actionMessages: listMrpActionMessages(plan, options.itemIds).map((a) => ({ ...a, quantity: clean(a.quantity), suggestedQuantity: a.suggestedQuantity === null ? null : clean(a.suggestedQuantity) })),
    exceptions: listMrpExceptions(plan, options.itemIds).map((e) => ({ ...e, quantity: clean(e.quantity) })),
  };
  if (options.records) report.records = items.filter((id) => m.indexById.has(id)).map((id) => toMrpItemRecord(plan, id));
  if (options.pegging) report.pegging = pegMrpPlan(plan, options.itemIds).map((r) => ({ ...r, quantity: clean(r.quantity), demandQuantity: clean(r.demandQuantity) }));
  return report;
}
