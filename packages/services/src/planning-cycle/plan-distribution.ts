import { sql } from 'kysely';
import { planDistributionRequirements, type DrpDemandInput, type DrpInput, type DrpLaneInput, type DrpResult, type DrpScheduledReceiptInput, type DrpStockPointInput } from '@flowpilot/core';
import type { DatabaseHandle } from '@flowpilot/db';
import { leadTimeWeeks, type WeeklyBuckets } from './weekly-buckets';

export type DistributionPlan = {
  input: DrpInput;
  result: DrpResult;
  /** `item@location` pairs netted by DRP: their demand, stock and safety stock leave the item's pooled MRP / MPS netting. */
  plannedStockPoints: Set<string>;
  /** Per item: on hand and safety stock held at the DRP-planned locations (to take out of the pool). */
  heldByItem: Map<string, { onHandQuantity: number; safetyStockQuantity: number }>;
  /** Per item and week: the planned shipments from source locations that no lane feeds (plants): dependent demand there. */
  sourceDemandByItem: Map<string, number[]>;
};

export type PlanDistributionOptions = {
  organizationId: string;
  buckets: WeeklyBuckets;
  horizonWeeks: number;
  /** Weekly forecast per `item@location`. */
  forecasts: ReadonlyMap<string, readonly number[]>;
  /** Only these items (the active items planned). */
  itemCodes: ReadonlySet<string>;
};

/**
 * Distribution requirements planning on stored data, on weekly buckets: loads the distribution lanes
 * (`distribution_lane`), available stock and safety stock per item × location, the forecast per
 * item × location consumed by open customer order lines at that location (the greater of the two per
 * week, past-due lines in week 0), and open transfer orders (planned, released, in transit) as
 * receipts at their destination; runs planDistributionRequirements. Transit lead times in days become
 * whole weeks (a partial week counts). Returns null when the organization has no lane: every
 * location is then netted as one pool per item, as before.
 */
export async function planDistribution(handle: DatabaseHandle, options: PlanDistributionOptions): Promise<DistributionPlan | null> {
  const org = options.organizationId;
  const db = handle.db;
  const H = options.horizonWeeks;
  const laneRows = (await sql<{ to_location_code: string; item_code: string; from_location_code: string; transit_lead_time_days: number; fixed_shipment_qty: string | null; min_shipment_qty: string | null; shipment_multiple: string | null }>`
    select to_location_code, item_code, from_location_code, transit_lead_time_days, fixed_shipment_qty::text, min_shipment_qty::text, shipment_multiple::text
    from distribution_lane where organization_id = ${org} order by item_code, to_location_code`.execute(db)).rows;
  if (laneRows.length === 0) return null;
  const lanes: DrpLaneInput[] = laneRows
    .filter((r) => r.item_code === '' || options.itemCodes.has(r.item_code))
    .map((r) => ({
      ...(r.item_code === '' ? {} : { itemId: r.item_code }),
      fromLocationId: r.from_location_code, toLocationId: r.to_location_code, transitLeadTimePeriods: leadTimeWeeks(r.transit_lead_time_days),
      ...(r.fixed_shipment_qty === null ? {} : { fixedQuantity: Number(r.fixed_shipment_qty) }),
      ...(r.min_shipment_qty === null ? {} : { minimumQuantity: Number(r.min_shipment_qty) }),
      ...(r.shipment_multiple === null ? {} : { multipleQuantity: Number(r.shipment_multiple) }),
    }));
  const destinations = new Set(laneRows.map((r) => r.to_location_code));
  const wanted = (item: string, location: string): boolean => options.itemCodes.has(item) && destinations.has(location);

  const stockRows = (await sql<{ item_code: string; location_code: string; on_hand: string; safety: string }>`
    select coalesce(s.item_code, p.item_code) as item_code, coalesce(s.location_code, p.location_code) as location_code,
      coalesce(s.on_hand, 0)::text as on_hand, coalesce(p.safety_stock_qty, 0)::text as safety
    from (select item_code, location_code, sum(quantity) as on_hand from stock_lot where organization_id = ${org} and status = 'available' group by item_code, location_code) s
    full join (select item_code, location_code, safety_stock_qty from stock_point where organization_id = ${org}) p on p.item_code = s.item_code and p.location_code = s.location_code
    order by 1, 2`.execute(db)).rows;
  const stockPoints: DrpStockPointInput[] = stockRows
    .filter((r) => wanted(r.item_code, r.location_code))
    .map((r) => ({ itemId: r.item_code, locationId: r.location_code, onHandQuantity: Number(r.on_hand), safetyStockQuantity: Number(r.safety) }));

  const orderRows = (await sql<{ item_code: string; location_code: string; due: string; quantity: string }>`
    select l.item_code, l.location_code, coalesce(l.promised_date, l.requested_date)::text as due, (l.quantity - l.shipped_quantity)::text as quantity
    from sales_order_line l join sales_order o on o.organization_id = l.organization_id and o.order_number = l.order_number
    where l.organization_id = ${org} and o.status in ('open','confirmed','partially_shipped') and l.quantity > l.shipped_quantity
    order by 1, 2, 3`.execute(db)).rows;
  const ordersByPoint = new Map<string, number[]>();
  for (const row of orderRows) {
    if (!wanted(row.item_code, row.location_code)) continue;
    const period = Math.max(0, options.buckets.periodOf(row.due));
    if (period >= H) continue;
    const key = `${row.item_code}@${row.location_code}`;
    const list = ordersByPoint.get(key) ?? new Array<number>(H).fill(0);
    list[period] = (list[period] ?? 0) + Number(row.quantity);
    ordersByPoint.set(key, list);
  }
  const demands: DrpDemandInput[] = [];
  const points = [...new Set([...[...options.forecasts.keys()].filter((k) => wanted(k.split('@')[0] as string, k.split('@')[1] ?? '')), ...ordersByPoint.keys()])].sort();
  for (const key of points) {
    const [itemId, locationId] = key.split('@') as [string, string];
    const forecast = options.forecasts.get(key);
    const orders = ordersByPoint.get(key);
    for (let p = 0; p < H; p++) {
      const quantity = Math.max(forecast?.[p] ?? 0, orders?.[p] ?? 0);
      if (quantity > 1e-9) demands.push({ id: `D-${itemId}@${locationId}-${p}`, itemId, locationId, period: p, quantity: Math.round(quantity * 1000) / 1000 });
    }
  }

  const transferRows = (await sql<{ order_number: string; item_code: string; to_location_code: string; due: string; quantity: string }>`
    select order_number, item_code, to_location_code, due_date::text as due, quantity::text from transfer_order
    where organization_id = ${org} and status in ('planned','released','in_transit') order by order_number`.execute(db)).rows;
  const scheduledReceipts: DrpScheduledReceiptInput[] = transferRows
    .filter((r) => wanted(r.item_code, r.to_location_code))
    .map((r) => ({ id: `TO ${r.order_number}`, itemId: r.item_code, locationId: r.to_location_code, period: options.buckets.periodOf(r.due), quantity: Number(r.quantity) }));

  const input: DrpInput = { horizonPeriods: H, lanes, stockPoints, demands, scheduledReceipts };
  const result = planDistributionRequirements(input);
  const plannedStockPoints = new Set(result.plannedStockPoints);
  const heldByItem = new Map<string, { onHandQuantity: number; safetyStockQuantity: number }>();
  for (const point of stockPoints) {
    if (!plannedStockPoints.has(`${point.itemId}@${point.locationId}`)) continue;
    const held = heldByItem.get(point.itemId) ?? { onHandQuantity: 0, safetyStockQuantity: 0 };
    held.onHandQuantity += point.onHandQuantity ?? 0;
    held.safetyStockQuantity += point.safetyStockQuantity ?? 0;
    heldByItem.set(point.itemId, held);
  }
  const sourceDemandByItem = new Map<string, number[]>();
  for (const demand of result.sourceDemands) {
    const list = sourceDemandByItem.get(demand.itemId) ?? new Array<number>(H).fill(0);
    list[demand.period] = (list[demand.period] ?? 0) + demand.quantity;
    sourceDemandByItem.set(demand.itemId, list);
  }
  return { input, result, plannedStockPoints, heldByItem, sourceDemandByItem };
}
