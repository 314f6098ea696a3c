import { CoreError } from '../shared/core-error';
import type {
  DrpDemandInput, DrpException, DrpInput, DrpLaneInput, DrpPegRecord, DrpPlannedTransfer, DrpRecord, DrpResult, DrpScheduledReceiptInput, DrpShipmentSizing,
  DrpSourceDemand, DrpStockPointInput,
} from './types';

const EPSILON = 1e-9;

type NodeDemand = { id: string; period: number; quantity: number; kind: 'independent' | 'dependent' };

/** One item at one location while planning. */
type Node = {
  itemId: string;
  locationId: string;
  lane: DrpLaneInput | undefined;
  /** Replenishment depth: 0 for a source that no lane feeds, parent level + 1 otherwise. */
  level: number;
  onHand: number;
  safetyStock: number;
  demands: NodeDemand[];
  receipts: DrpScheduledReceiptInput[];
};

function check(condition: boolean, path: string, message: string, code: 'invalid_input' | 'negative_value' | 'not_finite' | 'out_of_range' = 'invalid_input'): void {
  if (!condition) throw new CoreError(code, `${path}: ${message}`, { path });
}

function checkQuantity(value: number | undefined, path: string, positive = false): void {
  if (value === undefined) return;
  check(Number.isFinite(value), path, 'must be a finite number', 'not_finite');
  check(positive ? value > 0 : value >= 0, path, positive ? 'must be > 0' : 'must be >= 0', 'negative_value');
}

function validate(input: DrpInput): void {
  check(Number.isInteger(input.horizonPeriods) && input.horizonPeriods >= 1, 'horizonPeriods', 'must be a whole number >= 1', 'out_of_range');
  input.lanes.forEach((lane, k) => {
    const path = `lanes[${k}]`;
    check(lane.fromLocationId.length > 0 && lane.toLocationId.length > 0, path, 'fromLocationId and toLocationId are required');
    check(lane.fromLocationId !== lane.toLocationId, `${path}.toLocationId`, 'a lane must join two different locations');
    check(Number.isInteger(lane.transitLeadTimePeriods) && lane.transitLeadTimePeriods >= 0, `${path}.transitLeadTimePeriods`, 'must be a whole number >= 0', 'out_of_range');
    checkQuantity(lane.fixedQuantity, `${path}.fixedQuantity`, true);
    checkQuantity(lane.minimumQuantity, `${path}.minimumQuantity`);
    checkQuantity(lane.multipleQuantity, `${path}.multipleQuantity`, true);
  });
  (input.stockPoints ?? []).forEach((point, k) => {
    checkQuantity(point.onHandQuantity, `stockPoints[${k}].onHandQuantity`);
    checkQuantity(point.safetyStockQuantity, `stockPoints[${k}].safetyStockQuantity`);
  });
  for (const [name, rows] of [['demands', input.demands ?? []], ['scheduledReceipts', input.scheduledReceipts ?? []]] as const) {
    rows.forEach((row, k) => {
      check(Number.isInteger(row.period), `${name}[${k}].period`, 'must be a whole number', 'out_of_range');
      checkQuantity(row.quantity, `${name}[${k}].quantity`);
    });
  }
}

/** Shipment quantity for a net requirement: whole fixed lots, else at least the minimum, rounded up to the multiple. */
export function sizeDrpShipment(net: number, sizing: DrpShipmentSizing): number {
  if (sizing.fixedQuantity !== undefined) return Math.ceil(net / sizing.fixedQuantity - EPSILON) * sizing.fixedQuantity;
  let quantity = Math.max(net, sizing.minimumQuantity ?? 0);
  if (sizing.multipleQuantity !== undefined) quantity = Math.ceil(quantity / sizing.multipleQuantity - EPSILON) * sizing.multipleQuantity;
  return quantity;
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Distribution requirements planning (DRP): nets each item at each location that a lane replenishes,
 * from the locations farthest from the source up to it, and plans transfer orders.
 * For a location L fed from S with transit lead time T, per period t:
 *   gross(t) = independent demand at L + planned shipments from L to the locations it feeds;
 *   POH(t) = POH(t−1) + in transit due(t) − gross(t); when POH(t) < safety stock a transfer is
 *   received in t for the shipment size of (safety stock − POH(t)) and shipped from S in t − T
 *   (before period 0: shipped in 0 with a past_due_shipment exception).
 * The shipments add to the gross requirements of S; where S is not itself replenished by a lane (a
 * plant), they become `sourceDemands`, the dependent demand its MPS / MRP plans.
 * Source: Vollmann, Berry, Whybark & Jacobs, Manufacturing Planning and Control for Supply Chain
 * Management (5th ed.), ch. 9 "Distribution requirements planning"; Martin, DRP (1983).
 * Example: a DC with 30 on hand, safety stock 10, 20 a week of demand and 15 in transit for week 1,
 * fed in 2 weeks: receipts 5 (shipment past due by 1 week), then 20 a week shipped two weeks ahead.
 * Throws invalid_input, out_of_range, not_finite, negative_value (with the path of the field) and
 * cycle_detected (`details.cycleLocationIds`, e.g. A → B → A) when lanes loop for an item.
 */
export function planDistributionRequirements(input: DrpInput): DrpResult {
  validate(input);
  const H = input.horizonPeriods;
  const specificLanes = new Map<string, DrpLaneInput>();
  const generalLanes = new Map<string, DrpLaneInput>();
  input.lanes.forEach((lane, k) => {
    const key = lane.itemId === undefined ? lane.toLocationId : `${lane.itemId}\u0000${lane.toLocationId}`;
    const map = lane.itemId === undefined ? generalLanes : specificLanes;
    check(!map.has(key), `lanes[${k}]`, `a second lane into ${lane.toLocationId}${lane.itemId === undefined ? '' : ` for ${lane.itemId}`}: one source per item and location`);
    map.set(key, lane);
  });
  const laneOf = (itemId: string, locationId: string): DrpLaneInput | undefined => specificLanes.get(`${itemId}\u0000${locationId}`) ?? generalLanes.get(locationId);

  // Nodes per item: every location with stock, demand or receipts, and the sources above them.
  const nodes = new Map<string, Node>();
  const nodeOf = (itemId: string, locationId: string): Node => {
    const key = `${itemId}@${locationId}`;
    let node = nodes.get(key);
    if (!node) {
      node = { itemId, locationId, lane: laneOf(itemId, locationId), level: -1, onHand: 0, safetyStock: 0, demands: [], receipts: [] };
      nodes.set(key, node);
    }
    return node;
  };
  const exceptions: DrpException[] = [];
  (input.stockPoints ?? []).forEach((p: DrpStockPointInput) => {
    const node = nodeOf(p.itemId, p.locationId);
    node.onHand += p.onHandQuantity ?? 0;
    node.safetyStock += p.safetyStockQuantity ?? 0;
  });
  (input.demands ?? []).forEach((d: DrpDemandInput) => {
    const node = nodeOf(d.itemId, d.locationId);
    if (d.period >= H) {
      if (node.lane) exceptions.push({ kind: 'demand_beyond_horizon', itemId: d.itemId, locationId: d.locationId, period: d.period, quantity: d.quantity, periodsLate: 0, referenceId: d.id });
      return;
    }
    if (d.period < 0 && node.lane) exceptions.push({ kind: 'past_due_demand', itemId: d.itemId, locationId: d.locationId, period: d.period, quantity: d.quantity, periodsLate: -d.period, referenceId: d.id });
    node.demands.push({ id: d.id, period: Math.max(0, d.period), quantity: d.quantity, kind: 'independent' });
  });
  (input.scheduledReceipts ?? []).forEach((r) => nodeOf(r.itemId, r.locationId).receipts.push(r));

  // Levels: follow each node's source chain (one source per node, so the network of an item is a forest).
  for (const node of [...nodes.values()]) {
    const chain: Node[] = [];
    let current: Node = node;
    while (current.level < 0 && current.lane) {
      if (chain.includes(current)) {
        const start = chain.indexOf(current);
        const cycle = [...chain.slice(start).map((n) => n.locationId), current.locationId].reverse();
        throw new CoreError('cycle_detected', `The lanes of item ${node.itemId} loop: ${cycle.join(' → ')}`, { path: 'lanes', details: { itemId: node.itemId, cycleLocationIds: cycle } });
      }
      chain.push(current);
      current = nodeOf(current.itemId, current.lane.fromLocationId);
    }
    if (current.level < 0) current.level = 0;
    for (let k = chain.length - 1; k >= 0; k--) chain[k]!.level = (k === chain.length - 1 ? current.level : chain[k + 1]!.level) + 1;
  }

  // Plan the replenished nodes, deepest first, so every location sees its downstream shipments.
  const order = [...nodes.values()].filter((n) => n.lane).sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : b.level - a.level || (a.locationId < b.locationId ? -1 : a.locationId > b.locationId ? 1 : 0)));
  const transfers: DrpPlannedTransfer[] = [];
  const records: DrpRecord[] = [];
  const pegging: DrpPegRecord[] = [];
  const sourceDemands: DrpSourceDemand[] = [];
  for (const node of order) {
    const lane = node.lane as DrpLaneInput;
    const T = lane.transitLeadTimePeriods;
    const gross = new Array<number>(H).fill(0);
    for (const d of node.demands) gross[d.period]! += d.quantity;
    const due = new Array<number>(H).fill(0);
    const receipts = [...node.receipts].sort((a, b) => a.period - b.period || byId(a, b));
    for (const r of receipts) if (r.period < H) due[Math.max(0, r.period)]! += r.quantity;
    const net = new Array<number>(H).fill(0);
    const planned = new Array<number>(H).fill(0);
    const shipments = new Array<number>(H).fill(0);
    const projected = new Array<number>(H).fill(0);
    const nodeTransfers: DrpPlannedTransfer[] = [];
    let onHand = node.onHand;
    for (let t = 0; t < H; t++) {
      onHand += (due[t] as number) - (gross[t] as number);
      if (onHand < node.safetyStock - EPSILON) {
        const need = node.safetyStock - onHand;
        const quantity = sizeDrpShipment(need, lane);
        net[t] = need;
        planned[t] = quantity;
        onHand += quantity;
        const ship = t - T;
        const transfer: DrpPlannedTransfer = {
          id: `TR-${node.itemId}-${node.locationId}-${t}`, itemId: node.itemId, fromLocationId: lane.fromLocationId, toLocationId: node.locationId,
          shipPeriod: Math.max(0, ship), receiptPeriod: t, quantity, periodsLate: ship < 0 ? -ship : 0,
        };
        shipments[transfer.shipPeriod]! += quantity;
        nodeTransfers.push(transfer);
        if (ship < 0) exceptions.push({ kind: 'past_due_shipment', itemId: node.itemId, locationId: node.locationId, period: ship, quantity, periodsLate: -ship, referenceId: transfer.id });
        const source = nodeOf(node.itemId, lane.fromLocationId);
        source.demands.push({ id: transfer.id, period: transfer.shipPeriod, quantity, kind: 'dependent' });
        if (!source.lane) sourceDemands.push({ id: transfer.id, itemId: node.itemId, locationId: lane.fromLocationId, period: transfer.shipPeriod, quantity });
      }
      projected[t] = onHand;
    }
    transfers.push(...nodeTransfers);
    records.push({
      itemId: node.itemId, locationId: node.locationId, sourceLocationId: lane.fromLocationId, transitLeadTimePeriods: T, safetyStockQuantity: node.safetyStock,
      grossRequirements: gross, scheduledReceipts: due, projectedOnHand: projected, netRequirements: net, plannedReceipts: planned, plannedShipments: shipments,
    });
    pegging.push(...pegNode(node, receipts.filter((r) => r.period < H), nodeTransfers));
  }
  return {
    status: exceptions.length > 0 ? 'exceptions' : 'ok',
    transfers, records, sourceDemands, pegging, exceptions,
    plannedStockPoints: order.map((n) => `${n.itemId}@${n.locationId}`),
  };
}

/**
 * FIFO pegging at one location: supplies in the order they become available (on hand, then in-transit
 * receipts and planned transfers by period) against demands by period; what is left pegs to safety
 * stock, then excess (a lot-size remainder). Netting keeps cumulative supply ≥ cumulative demand, so
 * each unit is pegged to a demand no earlier than its arrival.
 */
function pegNode(node: Node, receipts: DrpScheduledReceiptInput[], transfers: DrpPlannedTransfer[]): DrpPegRecord[] {
  type Supply = { kind: DrpPegRecord['supplyKind']; id: string; period: number; left: number };
  const supplies: Supply[] = [];
  if (node.onHand > EPSILON) supplies.push({ kind: 'on_hand', id: `OH-${node.itemId}@${node.locationId}`, period: 0, left: node.onHand });
  const arriving: Supply[] = [
    ...receipts.map((r) => ({ kind: 'scheduled_receipt' as const, id: r.id, period: Math.max(0, r.period), left: r.quantity })),
    ...transfers.map((t) => ({ kind: 'planned_transfer' as const, id: t.id, period: t.receiptPeriod, left: t.quantity })),
  ];
  // Stable: receipts before transfers in the same period.
  arriving.sort((a, b) => a.period - b.period);
  supplies.push(...arriving);
  const demands = [...node.demands].sort((a, b) => a.period - b.period || byId(a, b));
  const out: DrpPegRecord[] = [];
  let s = 0;
  const take = (kind: DrpPegRecord['demandKind'], id: string | null, period: number, quantity: number): void => {
    let left = quantity;
    while (left > EPSILON && s < supplies.length) {
      const supply = supplies[s]!;
      const q = Math.min(left, supply.left);
      if (q > EPSILON) out.push({ itemId: node.itemId, locationId: node.locationId, supplyKind: supply.kind, supplyId: supply.id, supplyPeriod: supply.period, demandKind: kind, demandId: id, demandPeriod: period, quantity: q });
      supply.left -= q;
      left -= q;
      if (supply.left <= EPSILON) s++;
    }
  };
  for (const d of demands) take(d.kind, d.id, d.period, d.quantity);
  const lastPeriod = Math.max(0, ...supplies.map((x) => x.period));
  take('safety_stock', null, lastPeriod, node.safetyStock);
  for (; s < supplies.length; s++) {
    const supply = supplies[s]!;
    if (supply.left > EPSILON) out.push({ itemId: node.itemId, locationId: node.locationId, supplyKind: supply.kind, supplyId: supply.id, supplyPeriod: supply.period, demandKind: 'excess', demandId: null, demandPeriod: supply.period, quantity: supply.left });
  }
  return out;
}
