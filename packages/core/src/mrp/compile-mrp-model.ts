import { CoreError } from '../shared/core-error';
import { LOT_SIZING_METHODS } from '../lot-sizing/index';
import { computeLowLevelCodes } from './compute-low-level-codes';
import type { MrpInput, MrpLotSizingRule, MrpSourcing } from './types';

/**
 * The MRP model in flat arrays indexed by item number (CSR for BOM lines, demands and receipts), built
 * once and shared by regenerative and net-change runs. Treat as read-only outside the mrp module.
 */
export type CompiledMrpModel = {
  horizonPeriods: number;
  rescheduleToleranceBuckets: number;
  itemIds: string[];
  indexById: Map<string, number>;
  leadTime: Int32Array;
  onHand: Float64Array;
  safetyStock: Float64Array;
  yieldFraction: Float64Array;
  lotRule: (MrpLotSizingRule | undefined)[];
  ownerCode: (string | undefined)[];
  sourcing: MrpSourcing[];
  /** BOM lines grouped by parent: lines childStart[p] … childStart[p+1]−1. */
  childStart: Int32Array;
  childItem: Int32Array;
  /** quantityPer / (1 − scrapFraction). */
  lineFactor: Float64Array;
  lineFrom: Int32Array;
  lineTo: Int32Array;
  /** Where-used: for component c, parentLine[parentStart[c] … parentStart[c+1]−1] are line numbers. */
  parentStart: Int32Array;
  parentLine: Int32Array;
  lineParent: Int32Array;
  demandStart: Int32Array;
  demandPeriod: Int32Array;
  demandQuantity: Float64Array;
  demandIds: string[];
  receiptStart: Int32Array;
  /** Due period as given (may be negative: past due). */
  receiptPeriod: Int32Array;
  receiptQuantity: Float64Array;
  receiptIds: string[];
  lowLevelCode: Int32Array;
  planningOrder: Int32Array;
  /** Position of each item in planningOrder. */
  planningPosition: Int32Array;
};

const NO_LIMIT_FROM = -2147483648;
const NO_LIMIT_TO = 2147483647;

function fail(code: 'invalid_input' | 'not_finite' | 'negative_value' | 'out_of_range' | 'unknown_reference' | 'empty_input', message: string, path: string): never {
  throw new CoreError(code, message, { path });
}

// Paths are built lazily (only on failure): validation runs for millions of fields.
function checkNumber(value: unknown, path: () => string, integer = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail('not_finite', `${path()} must be a finite number`, path());
  if (integer && !Number.isInteger(value)) fail('invalid_input', `${path()} must be a whole number`, path());
  if (value < 0) fail('negative_value', `${path()} must be >= 0 (got ${value})`, path());
  return value;
}

function checkPeriod(value: unknown, path: () => string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) fail('invalid_input', `${path()} must be a whole period index`, path());
  return value;
}

/** Groups `count` records by item into CSR offsets; returns [start, order of records]. */
function groupByItem(itemOf: Int32Array, itemCount: number, sortKey?: Int32Array): { start: Int32Array; order: Int32Array } {
  const start = new Int32Array(itemCount + 1);
  for (let k = 0; k < itemOf.length; k++) start[(itemOf[k] as number) + 1]!++;
  for (let i = 0; i < itemCount; i++) start[i + 1]! += start[i] as number;
  const cursor = start.slice(0, itemCount);
  const order = new Int32Array(itemOf.length);
  for (let k = 0; k < itemOf.length; k++) order[cursor[itemOf[k] as number]!++] = k;
  if (sortKey) {
    // Within an item: by key then input order (stable), e.g. receipts by due period.
    for (let i = 0; i < itemCount; i++) {
      const a = start[i] as number;
      const b = start[i + 1] as number;
      if (b - a > 1) {
        const slice = Array.from(order.subarray(a, b));
        slice.sort((x, y) => (sortKey[x] as number) - (sortKey[y] as number) || x - y);
        order.set(slice, a);
      }
    }
  }
  return { start, order };
}

/**
 * Validates an MRP input and compiles it into flat arrays with low-level codes (O(items + lines +
 * demands + receipts), plus a sort of each item's receipts and demands by period).
 * Example: the Jacobs & Chase model compiles to low-level codes A 0, C 1, B 2, D 3, F 3, E 4.
 * Throws empty_input, invalid_input, not_finite, negative_value, out_of_range, unknown_reference, cycle_detected.
 */
export function compileMrpModel(input: MrpInput): CompiledMrpModel {
  const horizonPeriods = input.horizonPeriods;
  if (typeof horizonPeriods !== 'number' || !Number.isInteger(horizonPeriods) || horizonPeriods < 1) {
    fail('out_of_range', 'horizonPeriods must be a whole number >= 1', 'horizonPeriods');
  }
  const items = input.items;
  if (!Array.isArray(items) || items.length === 0) fail('empty_input', 'items must be a non-empty array', 'items');
  const n = items.length;
  const itemIds = new Array<string>(n);
  const indexById = new Map<string, number>();
  const leadTime = new Int32Array(n);
  const onHand = new Float64Array(n);
  const safetyStock = new Float64Array(n);
  const yieldFraction = new Float64Array(n);
  const lotRule = new Array<MrpLotSizingRule | undefined>(n);
  const ownerCode = new Array<string | undefined>(n);
  const sourcingGiven = new Array<MrpSourcing | undefined>(n);
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    const path = `items[${i}]`;
    if (typeof item?.id !== 'string' || item.id.length === 0) fail('invalid_input', `${path}.id must be a non-empty string`, `${path}.id`);
    if (indexById.has(item.id)) fail('invalid_input', `duplicate item id ${item.id}`, `${path}.id`);
    indexById.set(item.id, i);
    itemIds[i] = item.id;
    leadTime[i] = checkNumber(item.leadTimePeriods, () => `${path}.leadTimePeriods`, true);
    onHand[i] = item.onHandQuantity === undefined ? 0 : checkNumber(item.onHandQuantity, () => `${path}.onHandQuantity`);
    safetyStock[i] = item.safetyStockQuantity === undefined ? 0 : checkNumber(item.safetyStockQuantity, () => `${path}.safetyStockQuantity`);
    const y = item.yieldFraction === undefined ? 1 : checkNumber(item.yieldFraction, () => `${path}.yieldFraction`);
    if (!(y > 0 && y <= 1)) fail('out_of_range', `${path}.yieldFraction must be in (0, 1]`, `${path}.yieldFraction`);
    yieldFraction[i] = y;
    if (item.lotSizing !== undefined) lotRule[i] = checkLotRule(item.lotSizing, `${path}.lotSizing`);
    ownerCode[i] = item.ownerCode;
    if (item.sourcing !== undefined && item.sourcing !== 'make' && item.sourcing !== 'buy') fail('invalid_input', `${path}.sourcing must be make or buy`, `${path}.sourcing`);
    sourcingGiven[i] = item.sourcing;
  }

  const lines = input.bomLines ?? [];
  const L = lines.length;
  const lineParentRaw = new Int32Array(L);
  const lineChildRaw = new Int32Array(L);
  for (let l = 0; l < L; l++) {
    const line = lines[l]!;
    const path = `bomLines[${l}]`;
    const p = indexById.get(line.parentId);
    if (p === undefined) fail('unknown_reference', `${path}.parentId ${String(line.parentId)} is not an item`, `${path}.parentId`);
    const c = indexById.get(line.componentId);
    if (c === undefined) fail('unknown_reference', `${path}.componentId ${String(line.componentId)} is not an item`, `${path}.componentId`);
    lineParentRaw[l] = p;
    lineChildRaw[l] = c;
  }
  const byParent = groupByItem(lineParentRaw, n);
  const childStart = byParent.start;
  const childItem = new Int32Array(L);
  const lineFactor = new Float64Array(L);
  const lineFrom = new Int32Array(L);
  const lineTo = new Int32Array(L);
  const lineParent = new Int32Array(L);
  for (let k = 0; k < L; k++) {
    const l = byParent.order[k] as number;
    const line = lines[l]!;
    const path = `bomLines[${l}]`;
    const quantityPer = checkNumber(line.quantityPer, () => `${path}.quantityPer`);
    const scrap = line.scrapFraction === undefined ? 0 : checkNumber(line.scrapFraction, () => `${path}.scrapFraction`);
    if (scrap >= 1) fail('out_of_range', `${path}.scrapFraction must be < 1`, `${path}.scrapFraction`);
    childItem[k] = lineChildRaw[l] as number;
    lineParent[k] = lineParentRaw[l] as number;
    lineFactor[k] = quantityPer / (1 - scrap);
    lineFrom[k] = line.effectiveFromPeriod === undefined ? NO_LIMIT_FROM : checkPeriod(line.effectiveFromPeriod, () => `${path}.effectiveFromPeriod`);
    lineTo[k] = line.effectiveToPeriod === undefined ? NO_LIMIT_TO : checkPeriod(line.effectiveToPeriod, () => `${path}.effectiveToPeriod`);
    if ((lineFrom[k] as number) > (lineTo[k] as number)) fail('out_of_range', `${path}.effectiveFromPeriod is after effectiveToPeriod`, `${path}.effectiveFromPeriod`);
  }
  const byChild = groupByItem(childItem, n);
  const parentStart = byChild.start;
  const parentLine = byChild.order;

  const sourcing = new Array<MrpSourcing>(n);
  for (let i = 0; i < n; i++) sourcing[i] = sourcingGiven[i] ?? ((childStart[i + 1] as number) > (childStart[i] as number) ? 'make' : 'buy');

  const { lowLevelCode, planningOrder } = computeLowLevelCodes({ itemIds, childStart, childItem });
  const planningPosition = new Int32Array(n);
  for (let k = 0; k < n; k++) planningPosition[planningOrder[k] as number] = k;

  const demands = input.demands ?? [];
  const demandItemRaw = new Int32Array(demands.length);
  const demandPeriodRaw = new Int32Array(demands.length);
  demands.forEach((d, k) => {
    const i = indexById.get(d.itemId);
    if (i === undefined) fail('unknown_reference', `demands[${k}].itemId ${String(d.itemId)} is not an item`, `demands[${k}].itemId`);
    demandItemRaw[k] = i;
    demandPeriodRaw[k] = checkPeriod(d.period, () => `demands[${k}].period`);
    checkNumber(d.quantity, () => `demands[${k}].quantity`);
  });
  const byDemandItem = groupByItem(demandItemRaw, n, demandPeriodRaw);
  const demandPeriod = new Int32Array(demands.length);
  const demandQuantity = new Float64Array(demands.length);
  const demandIds = new Array<string>(demands.length);
  byDemandItem.order.forEach((k, pos) => {
    const d = demands[k]!;
    demandPeriod[pos] = d.period;
    demandQuantity[pos] = d.quantity;
    demandIds[pos] = typeof d.id === 'string' ? d.id : `demand-${k}`;
  });

  const receipts = input.scheduledReceipts ?? [];
  const receiptItemRaw = new Int32Array(receipts.length);
  const receiptPeriodRaw = new Int32Array(receipts.length);
  receipts.forEach((r, k) => {
    const i = indexById.get(r.itemId);
    if (i === undefined) fail('unknown_reference', `scheduledReceipts[${k}].itemId ${String(r.itemId)} is not an item`, `scheduledReceipts[${k}].itemId`);
    receiptItemRaw[k] = i;
    receiptPeriodRaw[k] = checkPeriod(r.period, () => `scheduledReceipts[${k}].period`);
    checkNumber(r.quantity, () => `scheduledReceipts[${k}].quantity`);
  });
  const byReceiptItem = groupByItem(receiptItemRaw, n, receiptPeriodRaw);
  const receiptPeriod = new Int32Array(receipts.length);
  const receiptQuantity = new Float64Array(receipts.length);
  const receiptIds = new Array<string>(receipts.length);
  byReceiptItem.order.forEach((k, pos) => {
    const r = receipts[k]!;
    receiptPeriod[pos] = r.period;
    receiptQuantity[pos] = r.quantity;
    receiptIds[pos] = typeof r.id === 'string' ? r.id : `receipt-${k}`;
  });

  const tolerance = input.options?.rescheduleToleranceBuckets ?? 0;
  checkNumber(tolerance, () => 'options.rescheduleToleranceBuckets', true);

  return {
    horizonPeriods,
    rescheduleToleranceBuckets: tolerance,
    itemIds,
    indexById,
    leadTime,
    onHand,
    safetyStock,
    yieldFraction,
    lotRule,
    ownerCode,
    sourcing,
    childStart,
    childItem,
    lineFactor,
    lineFrom,
    lineTo,
    parentStart,
    parentLine,
    lineParent,
    demandStart: byDemandItem.start,
    demandPeriod,
    demandQuantity,
    demandIds,
    receiptStart: byReceiptItem.start,
    receiptPeriod,
    receiptQuantity,
    receiptIds,
    lowLevelCode,
    planningOrder,
    planningPosition,
  };
}

/** Checks one item's lot-sizing rule and returns it. */
export function checkLotRule(rule: MrpLotSizingRule, path: string): MrpLotSizingRule {
  if (typeof rule !== 'object' || rule === null || !LOT_SIZING_METHODS.includes(rule.method)) {
    fail('invalid_input', `${path}.method must be one of ${LOT_SIZING_METHODS.join(', ')}`, `${path}.method`);
  }
  for (const key of ['fixedQuantity', 'periodsOfSupply', 'orderingCostPerOrder', 'holdingCostPerUnitPerPeriod', 'minimumQuantity', 'maximumQuantity', 'multipleQuantity'] as const) {
    if (rule[key] !== undefined) checkNumber(rule[key], () => `${path}.${key}`);
  }
  if (rule.method === 'fixed-quantity' && !((rule.fixedQuantity ?? 0) > 0)) fail('invalid_input', `${path}.fixedQuantity must be > 0`, `${path}.fixedQuantity`);
  if (rule.periodsOfSupply !== undefined && !(Number.isInteger(rule.periodsOfSupply) && rule.periodsOfSupply >= 1)) {
    fail('invalid_input', `${path}.periodsOfSupply must be a whole number >= 1`, `${path}.periodsOfSupply`);
  }
  const costBased = rule.method === 'wagner-whitin' || rule.method === 'silver-meal' || rule.method === 'least-unit-cost' || rule.method === 'part-period-balancing' || rule.method === 'economic-order-quantity' || (rule.method === 'period-order-quantity' && rule.periodsOfSupply === undefined);
  if (costBased && (rule.orderingCostPerOrder === undefined || rule.holdingCostPerUnitPerPeriod === undefined)) {
    fail('invalid_input', `${path}: ${rule.method} needs orderingCostPerOrder and holdingCostPerUnitPerPeriod`, path);
  }
  if ((rule.maximumQuantity ?? 1) <= 0 || (rule.multipleQuantity ?? 1) <= 0) fail('out_of_range', `${path}: maximumQuantity and multipleQuantity must be > 0`, path);
  return rule;
}
