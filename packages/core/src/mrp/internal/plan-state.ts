import type { CompiledMrpModel } from '../compile-mrp-model';
import type { MrpActionMessage, MrpException } from '../types';

/** Replacement demand or receipt list for one item (net change), period order. */
export type ItemRecordsOverride = { ids: string[]; periods: number[]; quantities: number[]; need: Int32Array };

/**
 * The mutable state behind an MrpPlan: gross requirements per item and period (dense, item-major),
 * planned orders in growable flat arrays (each item's orders contiguous), messages and exceptions per item.
 */
export type MrpPlanState = {
  model: CompiledMrpModel;
  gross: Float64Array;
  orderItem: Int32Array;
  orderReceipt: Int32Array;
  orderRelease: Int32Array;
  orderPeriodsLate: Int32Array;
  orderQuantity: Float64Array;
  orderReleaseQuantity: Float64Array;
  /** Slots used in the order arrays (dead slots stay after a net change). */
  orderSlots: number;
  itemOrderStart: Int32Array;
  itemOrderCount: Int32Array;
  /** Period in which each scheduled receipt is needed (rescheduling assumption); −1 when not needed. */
  receiptNeedPeriod: Int32Array;
  messagesByItem: (MrpActionMessage[] | undefined)[];
  exceptionsByItem: (MrpException[] | undefined)[];
  demandOverrides: Map<number, ItemRecordsOverride>;
  receiptOverrides: Map<number, ItemRecordsOverride>;
};

export function createPlanState(model: CompiledMrpModel): MrpPlanState {
  const n = model.itemIds.length;
  const capacity = Math.max(16, n * 4);
  return {
    model,
    gross: new Float64Array(n * model.horizonPeriods),
    orderItem: new Int32Array(capacity),
    orderReceipt: new Int32Array(capacity),
    orderRelease: new Int32Array(capacity),
    orderPeriodsLate: new Int32Array(capacity),
    orderQuantity: new Float64Array(capacity),
    orderReleaseQuantity: new Float64Array(capacity),
    orderSlots: 0,
    itemOrderStart: new Int32Array(n),
    itemOrderCount: new Int32Array(n),
    receiptNeedPeriod: new Int32Array(model.receiptIds.length).fill(-1),
    messagesByItem: new Array(n),
    exceptionsByItem: new Array(n),
    demandOverrides: new Map(),
    receiptOverrides: new Map(),
  };
}

function grow<T extends Int32Array | Float64Array>(array: T, capacity: number): T {
  const next = new (array.constructor as new (length: number) => T)(capacity);
  next.set(array);
  return next;
}

/** Makes room for one more order slot. */
export function ensureOrderCapacity(state: MrpPlanState): void {
  if (state.orderSlots < state.orderItem.length) return;
  const capacity = state.orderItem.length * 2;
  state.orderItem = grow(state.orderItem, capacity);
  state.orderReceipt = grow(state.orderReceipt, capacity);
  state.orderRelease = grow(state.orderRelease, capacity);
  state.orderPeriodsLate = grow(state.orderPeriodsLate, capacity);
  state.orderQuantity = grow(state.orderQuantity, capacity);
  state.orderReleaseQuantity = grow(state.orderReleaseQuantity, capacity);
}

/** A deep copy (net change without touching the previous plan). */
export function clonePlanState(state: MrpPlanState): MrpPlanState {
  const model = state.model;
  return {
    ...state,
    model: {
      ...model,
      leadTime: model.leadTime.slice(),
      onHand: model.onHand.slice(),
      safetyStock: model.safetyStock.slice(),
      yieldFraction: model.yieldFraction.slice(),
      lotRule: model.lotRule.slice(),
    },
    gross: state.gross.slice(),
    orderItem: state.orderItem.slice(),
    orderReceipt: state.orderReceipt.slice(),
    orderRelease: state.orderRelease.slice(),
    orderPeriodsLate: state.orderPeriodsLate.slice(),
    orderQuantity: state.orderQuantity.slice(),
    orderReleaseQuantity: state.orderReleaseQuantity.slice(),
    itemOrderStart: state.itemOrderStart.slice(),
    itemOrderCount: state.itemOrderCount.slice(),
    receiptNeedPeriod: state.receiptNeedPeriod.slice(),
    messagesByItem: state.messagesByItem.slice(),
    exceptionsByItem: state.exceptionsByItem.slice(),
    demandOverrides: new Map(state.demandOverrides),
    receiptOverrides: new Map([...state.receiptOverrides].map(([k, v]) => [k, { ...v, need: v.need.slice() }])),
  };
}

/** An item's demand or receipt list, from the compiled model or from a net-change override. */
export type ItemRecordsView = {
  ids: ArrayLike<string>;
  periods: ArrayLike<number>;
  quantities: ArrayLike<number>;
  need: Int32Array;
  start: number;
  end: number;
};

export function itemDemands(state: MrpPlanState, item: number): ItemRecordsView {
  const override = state.demandOverrides.get(item);
  if (override) return { ids: override.ids, periods: override.periods, quantities: override.quantities, need: override.need, start: 0, end: override.ids.length };
  const m = state.model;
  return { ids: m.demandIds, periods: m.demandPeriod, quantities: m.demandQuantity, need: EMPTY, start: m.demandStart[item] as number, end: m.demandStart[item + 1] as number };
}

export function itemReceipts(state: MrpPlanState, item: number): ItemRecordsView {
  const override = state.receiptOverrides.get(item);
  if (override) return { ids: override.ids, periods: override.periods, quantities: override.quantities, need: override.need, start: 0, end: override.ids.length };
  const m = state.model;
  return { ids: m.receiptIds, periods: m.receiptPeriod, quantities: m.receiptQuantity, need: state.receiptNeedPeriod, start: m.receiptStart[item] as number, end: m.receiptStart[item + 1] as number };
}

const EMPTY = new Int32Array(0);

/** Planned order id: PL-<item>-<receipt period>, with -2, -3 … when a maximum splits one period's need. */
export function plannedOrderId(state: MrpPlanState, slot: number): string {
  const item = state.orderItem[slot] as number;
  const receipt = state.orderReceipt[slot] as number;
  let rank = 1;
  for (let s = slot - 1; s >= (state.itemOrderStart[item] as number); s--) if (state.orderReceipt[s] === receipt) rank++;
  const base = `PL-${state.model.itemIds[item]}-${receipt}`;
  return rank === 1 ? base : `${base}-${rank}`;
}
