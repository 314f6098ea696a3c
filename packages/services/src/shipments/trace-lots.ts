import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { ShipmentError } from './shipment-error';

/*
 * Traceability from the movement ledger (inventory_movement), under these conventions (docs/shipments.md):
 * - a lot is identified by (item, lot number) across locations: transfers keep the lot, so they are not steps;
 * - 'shipment' movements carry reference = shipment number (the customer comes from the shipment row);
 * - 'consumption' (component lot out) and 'production_receipt' (produced lot in) carry reference = production
 *   order number: every lot consumed by an order is linked to every lot the order produced;
 * - 'receipt' carries reference `<purchase order>/<line>`: the supplier comes from the purchase order;
 * - other inflows (opening balance, adjustments, returns) end a backward branch as they are;
 * - a lot met a second time in the same tree is shown once more without its branches (stopped 'repeated').
 * Quantities are the ledger's (absolute values): what the order consumed or produced in total, not a share.
 */

const MAX_NODES = 2000;

type Movement = { movement_type: string; item_code: string; lot_number: string; quantity: string; reference: string | null; occurred_at: string };

export type TraceShipmentRef = { shipmentNumber: string; customerCode: string | null; customerName: string | null; shipDate: string | null; status: string | null; quantity: number };

/** Forward: where a lot went — shipments (customers), production orders that consumed it (and the lots they made). */
export type TraceForwardNode = {
  itemCode: string; lotNumber: string;
  /** Σ inflows except transfers (receipts, production, opening balance, adjustments, returns). */
  receivedQuantity: number; shippedQuantity: number; consumedQuantity: number; otherOutQuantity: number; onHandQuantity: number;
  shipments: TraceShipmentRef[];
  productionOrders: { orderNumber: string; consumedQuantity: number; outputs: (TraceForwardNode & { producedQuantity: number })[] }[];
  /** 'cycle': the lot is already on the path; 'repeated': expanded earlier in this tree; 'limit': the tree reached its node limit. */
  stopped: TraceStop;
};

export type TraceStop = 'cycle' | 'repeated' | 'limit' | null;

export type TraceLotForwardResult = {
  itemCode: string; lotNumber: string; tree: TraceForwardNode;
  /** Every customer reached, with the shipped quantity per item and lot. */
  customers: { customerCode: string; customerName: string | null; shipments: { shipmentNumber: string; itemCode: string; lotNumber: string; quantity: number; shipDate: string | null }[] }[];
  nodeCount: number; truncated: boolean;
};

export type TraceOrigin =
  | { kind: 'production'; orderNumber: string; producedQuantity: number; components: TraceBackwardNode[] }
  | { kind: 'purchase'; purchaseOrderNumber: string; purchaseOrderLine: number | null; supplierCode: string | null; supplierName: string | null; receivedQuantity: number; receivedAt: string }
  | { kind: 'other'; movementType: string; quantity: number; reference: string | null; occurredAt: string };

/** Backward: where a lot came from — production orders (and their component lots) or purchase receipts (suppliers). */
export type TraceBackwardNode = { itemCode: string; lotNumber: string; quantity: number; origins: TraceOrigin[]; stopped: TraceStop };

export type TraceShipmentBackwardResult = {
  shipmentNumber: string; customerCode: string; status: string;
  /** 'ledger' once dispatched (the shipment movements), 'shipment_lines' before. */
  source: 'ledger' | 'shipment_lines';
  lots: TraceBackwardNode[];
  suppliers: { supplierCode: string; supplierName: string | null; receipts: { purchaseOrderNumber: string; purchaseOrderLine: number | null; itemCode: string; lotNumber: string; receivedQuantity: number }[] }[];
  nodeCount: number; truncated: boolean;
};

const abs = (value: string | number): number => Math.abs(Math.round(Number(value) * 1e6) / 1e6);
const sum = (values: number[]): number => Math.round(values.reduce((s, v) => s + v, 0) * 1e6) / 1e6;

async function lotMovements(handle: DatabaseHandle, org: string, itemCode: string, lotNumber: string): Promise<Movement[]> {
  return (await sql<Movement>`select movement_type, item_code, lot_number, quantity::text, reference, to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD') as occurred_at
    from inventory_movement where organization_id = ${org} and item_code = ${itemCode} and lot_number = ${lotNumber} order by occurred_at, id`.execute(handle.db)).rows;
}

async function orderMovements(handle: DatabaseHandle, org: string, orderNumber: string, type: 'production_receipt' | 'consumption'): Promise<{ item_code: string; lot_number: string; quantity: string }[]> {
  return (await sql<{ item_code: string; lot_number: string; quantity: string }>`select item_code, lot_number, sum(quantity)::text as quantity from inventory_movement
    where organization_id = ${org} and reference = ${orderNumber} and movement_type = ${type} group by item_code, lot_number order by item_code, lot_number`.execute(handle.db)).rows;
}

/**
 * Forward trace of lot `lotNumber` of `itemCode`: every shipment (customer) that received it and, when it was
 * consumed by production orders, the lots those orders produced, recursively (cycles stopped, at most 2000 nodes).
 * Example (trace-lots test): component lot C-L1 consumed by PO-1, which produced FG lot F-L1, shipped to C1 → customers [C1].
 * Throws ShipmentError not_found when the lot has no movement and no stock.
 */
export async function traceLotForward(handle: DatabaseHandle, input: { organizationId: string; itemCode: string; lotNumber: string }): Promise<TraceLotForwardResult> {
  const org = input.organizationId;
  let nodeCount = 0;
  let truncated = false;
  const shipmentCache = new Map<string, { customer_code: string; customer_name: string; ship_date: string; status: string } | null>();
  const customers = new Map<string, { customerCode: string; customerName: string | null; shipments: TraceLotForwardResult['customers'][number]['shipments'] }>();
  const expanded = new Set<string>();

  const visit = async (itemCode: string, lotNumber: string, path: Set<string>): Promise<TraceForwardNode> => {
    nodeCount += 1;
    const key = `${itemCode}\u0000${lotNumber}`;
    const moves = await lotMovements(handle, org, itemCode, lotNumber);
    const onHand = Number((await sql<{ q: string }>`select coalesce(sum(quantity), 0)::text as q from stock_lot where organization_id = ${org} and item_code = ${itemCode} and lot_number = ${lotNumber}`.execute(handle.db)).rows[0]?.q ?? 0);
    const node: TraceForwardNode = {
      itemCode, lotNumber,
      receivedQuantity: sum(moves.filter((m) => Number(m.quantity) > 0 && m.movement_type !== 'transfer_in').map((m) => abs(m.quantity))),
      shippedQuantity: sum(moves.filter((m) => m.movement_type === 'shipment').map((m) => -Number(m.quantity))),
      consumedQuantity: sum(moves.filter((m) => m.movement_type === 'consumption').map((m) => -Number(m.quantity))),
      otherOutQuantity: sum(moves.filter((m) => Number(m.quantity) < 0 && !['shipment', 'consumption', 'transfer_out'].includes(m.movement_type)).map((m) => abs(m.quantity))),
      onHandQuantity: onHand, shipments: [], productionOrders: [], stopped: null,
    };
    if (path.has(key) || expanded.has(key)) {
      node.stopped = path.has(key) ? 'cycle' : 'repeated';
      return node;
    }
    expanded.add(key);
    const shipped = new Map<string, number>();
    for (const m of moves.filter((mv) => mv.movement_type === 'shipment')) shipped.set(m.reference ?? '', (shipped.get(m.reference ?? '') ?? 0) - Number(m.quantity));
    for (const [reference, quantity] of [...shipped].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      if (!shipmentCache.has(reference)) {
        shipmentCache.set(reference, (await sql<{ customer_code: string; customer_name: string; ship_date: string; status: string }>`select s.customer_code, c.name as customer_name, s.ship_date::text, s.status
          from shipment s join customer c on c.organization_id = s.organization_id and c.code = s.customer_code where s.organization_id = ${org} and s.shipment_number = ${reference}`.execute(handle.db)).rows[0] ?? null);
      }
      const s = shipmentCache.get(reference) ?? null;
      const q = Math.round(quantity * 1e6) / 1e6;
      node.shipments.push({ shipmentNumber: reference, customerCode: s?.customer_code ?? null, customerName: s?.customer_name ?? null, shipDate: s?.ship_date ?? null, status: s?.status ?? null, quantity: q });
      const customerKey = s?.customer_code ?? '?';
      const entry = customers.get(customerKey) ?? { customerCode: customerKey, customerName: s?.customer_name ?? null, shipments: [] };
      entry.shipments.push({ shipmentNumber: reference, itemCode, lotNumber, quantity: q, shipDate: s?.ship_date ?? null });
      customers.set(customerKey, entry);
    }
    const consumedBy = new Map<string, number>();
    for (const m of moves.filter((mv) => mv.movement_type === 'consumption' && mv.reference)) consumedBy.set(m.reference!, (consumedBy.get(m.reference!) ?? 0) - Number(m.quantity));
    const nextPath = new Set(path).add(key);
    for (const [orderNumber, consumed] of [...consumedBy].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      const order: TraceForwardNode['productionOrders'][number] = { orderNumber, consumedQuantity: Math.round(consumed * 1e6) / 1e6, outputs: [] };
      for (const output of await orderMovements(handle, org, orderNumber, 'production_receipt')) {
        if (nodeCount >= MAX_NODES) {
          truncated = true;
          order.outputs.push({ itemCode: output.item_code, lotNumber: output.lot_number, producedQuantity: abs(output.quantity), receivedQuantity: 0, shippedQuantity: 0, consumedQuantity: 0, otherOutQuantity: 0, onHandQuantity: 0, shipments: [], productionOrders: [], stopped: 'limit' });
          continue;
        }
        const child = await visit(output.item_code, output.lot_number, nextPath);
        order.outputs.push({ ...child, producedQuantity: abs(output.quantity) });
      }
      node.productionOrders.push(order);
    }
    return node;
  };

  const exists = (await sql`select 1 from inventory_movement where organization_id = ${org} and item_code = ${input.itemCode} and lot_number = ${input.lotNumber}
    union all select 1 from stock_lot where organization_id = ${org} and item_code = ${input.itemCode} and lot_number = ${input.lotNumber} limit 1`.execute(handle.db)).rows[0];
  if (!exists) throw new ShipmentError('not_found', 'shipments.error.unknownLot', { item: input.itemCode, lot: input.lotNumber || "''" }, 'lotNumber');
  const tree = await visit(input.itemCode, input.lotNumber, new Set());
  const customerList = [...customers.values()].sort((a, b) => (a.customerCode < b.customerCode ? -1 : a.customerCode > b.customerCode ? 1 : 0));
  return { itemCode: input.itemCode, lotNumber: input.lotNumber, tree, customers: customerList, nodeCount, truncated };
}

/**
 * Backward trace of a shipment: its lots (the ledger's shipment movements once dispatched, else its lines),
 * for each lot the production orders that made it and their consumed component lots (recursively) or the
 * purchase receipts it came from, with supplier and purchase order. At most 2000 nodes; cycles stopped.
 * Throws ShipmentError not_found for an unknown shipment.
 */
export async function traceShipmentBackward(handle: DatabaseHandle, input: { organizationId: string; shipmentNumber: string }): Promise<TraceShipmentBackwardResult> {
  const org = input.organizationId;
  const shipment = (await sql<{ customer_code: string; status: string }>`select customer_code, status from shipment where organization_id = ${org} and shipment_number = ${input.shipmentNumber}`.execute(handle.db)).rows[0];
  if (!shipment) throw new ShipmentError('not_found', 'shipments.error.unknownShipment', { shipment: input.shipmentNumber }, 'shipmentNumber');
  let roots = (await sql<{ item_code: string; lot_number: string; quantity: string }>`select item_code, lot_number, (-sum(quantity))::text as quantity from inventory_movement
    where organization_id = ${org} and reference = ${input.shipmentNumber} and movement_type = 'shipment' group by item_code, lot_number order by item_code, lot_number`.execute(handle.db)).rows;
  let source: TraceShipmentBackwardResult['source'] = 'ledger';
  if (roots.length === 0) {
    source = 'shipment_lines';
    roots = (await sql<{ item_code: string; lot_number: string; quantity: string }>`select item_code, lot_number, sum(quantity)::text as quantity from shipment_line
      where organization_id = ${org} and shipment_number = ${input.shipmentNumber} group by item_code, lot_number order by item_code, lot_number`.execute(handle.db)).rows;
  }
  let nodeCount = 0;
  let truncated = false;
  const suppliers = new Map<string, TraceShipmentBackwardResult['suppliers'][number]>();
  const expanded = new Set<string>();

  const visit = async (itemCode: string, lotNumber: string, quantity: number, path: Set<string>): Promise<TraceBackwardNode> => {
    nodeCount += 1;
    const key = `${itemCode}\u0000${lotNumber}`;
    const node: TraceBackwardNode = { itemCode, lotNumber, quantity, origins: [], stopped: null };
    if (path.has(key) || expanded.has(key)) {
      node.stopped = path.has(key) ? 'cycle' : 'repeated';
      return node;
    }
    expanded.add(key);
    const nextPath = new Set(path).add(key);
    const inflows = (await lotMovements(handle, org, itemCode, lotNumber)).filter((m) => Number(m.quantity) > 0 && m.movement_type !== 'transfer_in');
    const produced = new Map<string, number>();
    for (const m of inflows) {
      if (m.movement_type === 'production_receipt' && m.reference) {
        produced.set(m.reference, (produced.get(m.reference) ?? 0) + Number(m.quantity));
      } else if (m.movement_type === 'receipt' && m.reference) {
        const match = /^(.+)\/(\d+)$/.exec(m.reference);
        const poNumber = match ? match[1]! : m.reference;
        const poLine = match ? Number(match[2]) : null;
        const po = (await sql<{ supplier_code: string; name: string | null }>`select p.supplier_code, s.name from purchase_order p left join supplier s on s.organization_id = p.organization_id and s.code = p.supplier_code
          where p.organization_id = ${org} and p.order_number = ${poNumber}`.execute(handle.db)).rows[0];
        const receivedQuantity = abs(m.quantity);
        node.origins.push({ kind: 'purchase', purchaseOrderNumber: poNumber, purchaseOrderLine: poLine, supplierCode: po?.supplier_code ?? null, supplierName: po?.name ?? null, receivedQuantity, receivedAt: m.occurred_at });
        if (po) {
          const entry = suppliers.get(po.supplier_code) ?? { supplierCode: po.supplier_code, supplierName: po.name, receipts: [] };
          entry.receipts.push({ purchaseOrderNumber: poNumber, purchaseOrderLine: poLine, itemCode, lotNumber, receivedQuantity });
          suppliers.set(po.supplier_code, entry);
        }
      } else {
        node.origins.push({ kind: 'other', movementType: m.movement_type, quantity: abs(m.quantity), reference: m.reference, occurredAt: m.occurred_at });
      }
    }
    for (const [orderNumber, producedQuantity] of [...produced].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      const components: TraceBackwardNode[] = [];
      for (const c of await orderMovements(handle, org, orderNumber, 'consumption')) {
        if (nodeCount >= MAX_NODES) {
          truncated = true;
          components.push({ itemCode: c.item_code, lotNumber: c.lot_number, quantity: abs(c.quantity), origins: [], stopped: 'limit' });
          continue;
        }
        components.push(await visit(c.item_code, c.lot_number, abs(c.quantity), nextPath));
      }
      node.origins.push({ kind: 'production', orderNumber, producedQuantity: Math.round(producedQuantity * 1e6) / 1e6, components });
    }
    return node;
  };

  const lots: TraceBackwardNode[] = [];
  for (const root of roots) lots.push(await visit(root.item_code, root.lot_number, abs(root.quantity), new Set()));
  const supplierList = [...suppliers.values()].sort((a, b) => (a.supplierCode < b.supplierCode ? -1 : a.supplierCode > b.supplierCode ? 1 : 0));
  return { shipmentNumber: input.shipmentNumber, customerCode: shipment.customer_code, status: shipment.status, source, lots, suppliers: supplierList, nodeCount, truncated };
}
