import { itemDemands, itemReceipts, plannedOrderId } from './internal/plan-state';
import type { MrpPlan } from './run-mrp';
import type { MrpPegDemandKind, MrpPegRecord, MrpPegSupplyKind } from './types';

type DemandElement = { kind: MrpPegDemandKind; id: string; period: number; quantity: number };
type SupplyElement = { kind: MrpPegSupplyKind; id: string; period: number; quantity: number };

const EPSILON = 1e-9;

/**
 * Full pegging of a plan: for every item, supplies (on hand, then scheduled receipts in due order, then
 * planned orders by receipt period — the order in which netting used them) are matched first-in
 * first-out to demand elements sorted by period (independent demand, and dependent demand identified by
 * the parent planned order that causes it). Supply left over pegs to safety stock, then to excess
 * (lot-size remainder or unneeded receipt). Every planned order gets at least one record.
 * Chain records with traceMrpPeggingUp / traceMrpPeggingDown for multi-level pegging.
 * Source: Vollmann et al., Manufacturing Planning and Control (5th ed.), ch. 6 (pegging).
 * Example: A (on hand 0) with demands D1 = 5 in period 1 and D2 = 5 in period 2, lot-for-lot →
 * PL-A-1 pegs 5 to D1, PL-A-2 pegs 5 to D2.
 */
export function pegMrpPlan(plan: MrpPlan, itemIds?: readonly string[]): MrpPegRecord[] {
  const s = plan.state;
  const m = s.model;
  const B = m.horizonPeriods;
  const items = itemIds
    ? itemIds.map((id) => m.indexById.get(id)).filter((i): i is number => i !== undefined).sort((a, b) => (m.planningPosition[a] as number) - (m.planningPosition[b] as number))
    : Array.from(m.planningOrder);
  const records: MrpPegRecord[] = [];
  for (const i of items) {
    const itemId = m.itemIds[i] as string;
    const demands: DemandElement[] = [];
    const own = itemDemands(s, i);
    for (let k = own.start; k < own.end; k++) {
      const period = own.periods[k] as number;
      if (period >= B) continue;
      demands.push({ kind: 'independent', id: own.ids[k] as string, period: Math.max(0, period), quantity: own.quantities[k] as number });
    }
    const dependent = new Map<number, DemandElement>();
    for (let k = m.parentStart[i] as number, end = m.parentStart[i + 1] as number; k < end; k++) {
      const line = m.parentLine[k] as number;
      const p = m.lineParent[line] as number;
      for (let slot = s.itemOrderStart[p] as number, last = slot + (s.itemOrderCount[p] as number); slot < last; slot++) {
        const release = s.orderRelease[slot] as number;
        if (release < (m.lineFrom[line] as number) || release > (m.lineTo[line] as number)) continue;
        const quantity = (s.orderReleaseQuantity[slot] as number) * (m.lineFactor[line] as number);
        const existing = dependent.get(slot);
        if (existing) existing.quantity += quantity;
        else dependent.set(slot, { kind: 'dependent', id: plannedOrderId(s, slot), period: release, quantity });
      }
    }
    demands.push(...dependent.values());
    const rank = (kind: MrpPegDemandKind): number => (kind === 'independent' ? 0 : 1);
    demands.sort((a, b) => a.period - b.period || rank(a.kind) - rank(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

    const supplies: SupplyElement[] = [];
    const onHand = m.onHand[i] as number;
    if (onHand > EPSILON) supplies.push({ kind: 'on_hand', id: `OH-${itemId}`, period: 0, quantity: onHand });
    const receipts = itemReceipts(s, i);
    for (let k = receipts.start; k < receipts.end; k++) {
      supplies.push({ kind: 'scheduled_receipt', id: receipts.ids[k] as string, period: Math.max(0, receipts.periods[k] as number), quantity: receipts.quantities[k] as number });
    }
    for (let slot = s.itemOrderStart[i] as number, last = slot + (s.itemOrderCount[i] as number); slot < last; slot++) {
      supplies.push({ kind: 'planned_order', id: plannedOrderId(s, slot), period: s.orderReceipt[slot] as number, quantity: s.orderQuantity[slot] as number });
    }

    let si = 0;
    let supplyLeft = supplies[0]?.quantity ?? 0;
    const link = (demand: DemandElement | null, kind: MrpPegDemandKind, quantity: number): void => {
      const supply = supplies[si]!;
      records.push({
        itemId,
        supplyKind: supply.kind,
        supplyId: supply.id,
        supplyPeriod: supply.period,
        demandKind: kind,
        demandId: demand ? demand.id : null,
        demandPeriod: demand ? demand.period : B - 1,
        demandQuantity: demand ? demand.quantity : quantity,
        quantity,
      });
    };
    for (const demand of demands) {
      let open = demand.quantity;
      while (open > EPSILON && si < supplies.length) {
        const used = Math.min(open, supplyLeft);
        if (used > EPSILON) link(demand, demand.kind, used);
        open -= used;
        supplyLeft -= used;
        if (supplyLeft <= EPSILON) {
          si++;
          supplyLeft = supplies[si]?.quantity ?? 0;
        }
      }
    }
    let safety = m.safetyStock[i] as number;
    while (si < supplies.length) {
      if (supplyLeft > EPSILON) {
        const toSafety = Math.min(safety, supplyLeft);
        if (toSafety > EPSILON) link(null, 'safety_stock', toSafety);
        if (supplyLeft - toSafety > EPSILON) link(null, 'excess', supplyLeft - toSafety);
        safety -= toSafety;
      }
      si++;
      supplyLeft = supplies[si]?.quantity ?? 0;
    }
  }
  return records;
}

/** What an end demand received: one line per supply reached, with its item, depth and quantity in that item's units. */
export type MrpPeggedSupply = { itemId: string; supplyKind: MrpPegSupplyKind; supplyId: string; supplyPeriod: number; depth: number; quantity: number };

/**
 * Pegging downwards: every supply, at every BOM level, that serves independent demand `demandId`;
 * component quantities are prorated by the share of each parent order that serves the demand.
 */
export function traceMrpPeggingDown(records: readonly MrpPegRecord[], demandId: string): MrpPeggedSupply[] {
  const byDemand = new Map<string, MrpPegRecord[]>();
  for (const r of records) {
    if (r.demandId === null || (r.demandKind !== 'independent' && r.demandKind !== 'dependent')) continue;
    const list = byDemand.get(r.demandId) ?? [];
    list.push(r);
    byDemand.set(r.demandId, list);
  }
  const supplyQuantity = new Map<string, number>();
  for (const r of records) supplyQuantity.set(r.supplyId, (supplyQuantity.get(r.supplyId) ?? 0) + r.quantity);
  const out: MrpPeggedSupply[] = [];
  const visit = (id: string, share: number, depth: number, independent: boolean): void => {
    for (const r of byDemand.get(id) ?? []) {
      if (independent !== (r.demandKind === 'independent')) continue;
      const quantity = r.quantity * share;
      out.push({ itemId: r.itemId, supplyKind: r.supplyKind, supplyId: r.supplyId, supplyPeriod: r.supplyPeriod, depth, quantity });
      // The planned order's own dependent demand below: the share of it that serves this demand.
      if (r.supplyKind === 'planned_order') visit(r.supplyId, quantity / (supplyQuantity.get(r.supplyId) ?? quantity), depth + 1, false);
    }
  };
  visit(demandId, 1, 0, true);
  return out;
}

/** The end demands one supply serves: independent demand ids with the quantity in end-item units. */
export type MrpPeggedDemand = { demandKind: MrpPegDemandKind; demandId: string | null; itemId: string; quantity: number };

/**
 * Pegging upwards: from a supply (planned order, scheduled receipt, on hand) to the independent demands,
 * safety stock or excess it ultimately serves, through every parent planned order.
 */
export function traceMrpPeggingUp(records: readonly MrpPegRecord[], supplyId: string): MrpPeggedDemand[] {
  const bySupply = new Map<string, MrpPegRecord[]>();
  for (const r of records) {
    const list = bySupply.get(r.supplyId) ?? [];
    list.push(r);
    bySupply.set(r.supplyId, list);
  }
  const totals = new Map<string, MrpPeggedDemand>();
  const visit = (id: string, share: number): void => {
    for (const r of bySupply.get(id) ?? []) {
      if (r.demandKind === 'dependent' && r.demandId !== null) {
        visit(r.demandId, (share * r.quantity) / r.demandQuantity);
        continue;
      }
      const key = `${r.demandKind}|${r.itemId}|${r.demandId ?? ''}`;
      const entry = totals.get(key) ?? { demandKind: r.demandKind, demandId: r.demandId, itemId: r.itemId, quantity: 0 };
      entry.quantity += share * r.quantity;
      totals.set(key, entry);
    }
  };
  visit(supplyId, 1);
  return [...totals.values()];
}
