import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import type {
  KpiActuals, KpiCostRecord, KpiCountRecord, KpiFinancialRecord, KpiForecastRecord, KpiInventorySnapshot, KpiMovement, KpiOrderLine, KpiProductionEvent, KpiShipment, KpiSupplierReceipt,
} from '@flowpilot/core';

/** The measurement window: ISO dates, both included. */
export type ImprovementKpiWindow = { organizationId: string; from: string; to: string };

/**
 * Record ids carry the table they come from, so a drill-down names the row:
 * `sales_order_line:SO-1/2`, `shipment:SH-1`, `inventory_movement:42`, `stock:ITEM@LOC@2026-05-01`,
 * `purchase_order_line:PO-1/1`, `production_event:PE-1`, `cost_entry:CE-1`,
 * `forecast_value:<run>/<item>@<location>/<week>`, `forecast_snapshot:<item>@<location>/<as of>/<week>`,
 * `inventory_count_line:<count>/<line>`, `financials:<date>`, `customer_invoice:<number>`, `supplier_invoice:<supplier>/<number>`.
 */
export const IMPROVEMENT_RECORD_PREFIXES = ['sales_order_line', 'shipment', 'inventory_movement', 'stock', 'purchase_order_line', 'production_event', 'cost_entry', 'forecast_value', 'forecast_snapshot',
  'inventory_count_line', 'financials', 'customer_invoice', 'supplier_invoice'] as const;

const num = (value: string | null | undefined): number => (value === null || value === undefined ? 0 : Number(value));

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Customer order lines due in the window (requested date from..to, order not cancelled), with what
 * was delivered: Σ quantity of the lines of delivered shipments linked to the order line
 * (shipment_line.sales_order_number/line_number), delivered date = the latest of those deliveries.
 * Revenue = ordered quantity × unit price.
 */
export async function loadImprovementOrderLines(handle: DatabaseHandle, window: ImprovementKpiWindow): Promise<KpiOrderLine[]> {
  const rows = (await sql<{
    order_number: string; line_number: number; order_date: string; requested_date: string; promised_date: string | null; quantity: string; unit_price: string | null;
    item_code: string; family_code: string | null; location_code: string; customer_code: string; delivered_date: string | null; delivered_quantity: string | null; carrier_code: string | null;
  }>`
    select l.order_number, l.line_number, o.order_date::text, l.requested_date::text, l.promised_date::text, l.quantity::text, l.unit_price::text,
           l.item_code, i.family_code, l.location_code, o.customer_code, d.delivered_date, d.delivered_quantity, d.carrier_code
    from sales_order_line l
    join sales_order o on o.organization_id = l.organization_id and o.order_number = l.order_number
    join item i on i.organization_id = l.organization_id and i.code = l.item_code
    left join lateral (
      select max(s.delivered_date)::text as delivered_date, sum(sl.quantity)::text as delivered_quantity, max(s.carrier_code) as carrier_code
      from shipment_line sl join shipment s on s.organization_id = sl.organization_id and s.shipment_number = sl.shipment_number
      where sl.organization_id = l.organization_id and sl.sales_order_number = l.order_number and sl.sales_order_line_number = l.line_number
        and s.status = 'delivered' and s.delivered_date is not null and s.delivered_date <= ${window.to}
    ) d on true
    where l.organization_id = ${window.organizationId} and o.status <> 'cancelled'
      and l.requested_date between ${window.from} and ${window.to}
    order by l.order_number, l.line_number`.execute(handle.db)).rows;
  return rows.map((r) => {
    const line: KpiOrderLine = {
      id: `sales_order_line:${r.order_number}/${r.line_number}`, orderId: r.order_number, orderDate: r.order_date, requestedDate: r.requested_date,
      orderedQuantity: num(r.quantity), deliveredQuantity: num(r.delivered_quantity),
      itemId: r.item_code, customerId: r.customer_code, siteId: r.location_code, revenueAmount: num(r.quantity) * num(r.unit_price),
    };
    if (r.promised_date) line.promisedDate = r.promised_date;
    if (r.delivered_date) line.deliveredDate = r.delivered_date;
    if (r.family_code) line.family = r.family_code;
    if (r.carrier_code) line.carrierId = r.carrier_code;
    return line;
  });
}

/**
 * Purchase order lines due in the window that were received: receipts are the ledger's 'receipt'
 * movements whose reference is `<order number>/<line number>`; received date = the last receipt,
 * received quantity = Σ receipts − Σ 'scrap' movements of reason 'quality_reject' on the same reference.
 */
export async function loadImprovementSupplierReceipts(handle: DatabaseHandle, window: ImprovementKpiWindow): Promise<KpiSupplierReceipt[]> {
  const rows = (await sql<{ order_number: string; line_number: number; supplier_code: string; order_date: string; due_date: string; quantity: string; item_code: string; family_code: string | null; location_code: string; received_date: string; received_quantity: string }>`
    select l.order_number, l.line_number, o.supplier_code, o.order_date::text, l.due_date::text, l.quantity::text, l.item_code, i.family_code, l.location_code,
           r.received_date, r.received_quantity
    from purchase_order_line l
    join purchase_order o on o.organization_id = l.organization_id and o.order_number = l.order_number
    join item i on i.organization_id = l.organization_id and i.code = l.item_code
    join lateral (
      select max((m.occurred_at at time zone 'UTC')::date) filter (where m.movement_type = 'receipt')::text as received_date,
             (coalesce(sum(m.quantity) filter (where m.movement_type = 'receipt'), 0)
              + coalesce(sum(m.quantity) filter (where m.movement_type = 'scrap' and m.reason = 'quality_reject'), 0))::text as received_quantity
      from inventory_movement m
      where m.organization_id = l.organization_id and m.reference = l.order_number || '/' || l.line_number and m.movement_type in ('receipt', 'scrap')
    ) r on r.received_date is not null
    where l.organization_id = ${window.organizationId} and o.status <> 'cancelled' and l.due_date between ${window.from} and ${window.to}
    order by l.order_number, l.line_number`.execute(handle.db)).rows;
  return rows.map((r) => {
    const receipt: KpiSupplierReceipt = {
      id: `purchase_order_line:${r.order_number}/${r.line_number}`, supplierId: r.supplier_code, orderDate: r.order_date, dueDate: r.due_date, receivedDate: r.received_date,
      orderedQuantity: num(r.quantity), receivedQuantity: Math.max(0, num(r.received_quantity)), itemId: r.item_code, siteId: r.location_code,
    };
    if (r.family_code) receipt.family = r.family_code;
    return receipt;
  });
}

/** Production events of the window (OEE loss model: planned, downtime, ideal cycle, total and good units). */
export async function loadImprovementProductionEvents(handle: DatabaseHandle, window: ImprovementKpiWindow): Promise<KpiProductionEvent[]> {
  const rows = (await sql<{ event_number: string; work_center_code: string; item_code: string | null; family_code: string | null; location_code: string; event_date: string; planned_minutes: string; downtime_minutes: string; ideal_cycle_minutes: string; total_units: string; good_units: string; available_minutes: string | null }>`
    select e.event_number, e.work_center_code, e.item_code, i.family_code, w.location_code, e.event_date::text, e.planned_minutes::text, e.downtime_minutes::text,
           e.ideal_cycle_minutes::text, e.total_units::text, e.good_units::text, e.available_minutes::text
    from production_event e
    join work_center w on w.organization_id = e.organization_id and w.code = e.work_center_code
    left join item i on i.organization_id = e.organization_id and i.code = e.item_code
    where e.organization_id = ${window.organizationId} and e.event_date between ${window.from} and ${window.to}
    order by e.event_date, e.event_number`.execute(handle.db)).rows;
  return rows.map((r) => {
    const event: KpiProductionEvent = {
      id: `production_event:${r.event_number}`, resourceId: r.work_center_code, date: r.event_date, siteId: r.location_code,
      plannedProductionMinutes: num(r.planned_minutes), downtimeMinutes: num(r.downtime_minutes), idealCycleTimeMinutes: num(r.ideal_cycle_minutes),
      totalUnits: num(r.total_units), goodUnits: num(r.good_units),
    };
    if (r.item_code) event.itemId = r.item_code;
    if (r.family_code) event.family = r.family_code;
    if (r.available_minutes !== null) event.availableMinutes = num(r.available_minutes);
    return event;
  });
}

/** Shipments that left in the window (dispatched or delivered), units = Σ lines, CO2 and freight as recorded. */
export type ImprovementShipmentRecord = KpiShipment & { freightCostEur: number | null; co2Recorded: boolean };

export async function loadImprovementShipments(handle: DatabaseHandle, window: ImprovementKpiWindow): Promise<ImprovementShipmentRecord[]> {
  const rows = (await sql<{ shipment_number: string; from_location_code: string; customer_code: string; carrier_code: string | null; ship_date: string; co2_kg: string | null; freight_cost: string | null; units: string }>`
    select s.shipment_number, s.from_location_code, s.customer_code, s.carrier_code, s.ship_date::text, s.co2_kg::text, s.freight_cost::text,
           coalesce((select sum(sl.quantity) from shipment_line sl where sl.organization_id = s.organization_id and sl.shipment_number = s.shipment_number), 0)::text as units
    from shipment s
    where s.organization_id = ${window.organizationId} and s.status in ('dispatched', 'delivered') and s.ship_date between ${window.from} and ${window.to}
    order by s.ship_date, s.shipment_number`.execute(handle.db)).rows;
  return rows.map((r) => {
    const shipment: ImprovementShipmentRecord = {
      id: `shipment:${r.shipment_number}`, date: r.ship_date, quantityUnits: num(r.units), co2Kg: num(r.co2_kg),
      siteId: r.from_location_code, customerId: r.customer_code, freightCostEur: r.freight_cost === null ? null : num(r.freight_cost), co2Recorded: r.co2_kg !== null,
    };
    if (r.carrier_code) shipment.carrierId = r.carrier_code;
    return shipment;
  });
}

/**
 * Logistics costs of the window: every cost_entry, plus the freight cost recorded on each shipment
 * as a 'transport' cost (id `shipment:<number>`), so freight is never entered twice.
 */
export async function loadImprovementCosts(handle: DatabaseHandle, window: ImprovementKpiWindow, shipments?: ImprovementShipmentRecord[]): Promise<KpiCostRecord[]> {
  const rows = (await sql<{ entry_number: string; entry_date: string; category: KpiCostRecord['category']; amount_eur: string; customer_code: string | null; location_code: string | null; carrier_code: string | null; item_code: string | null }>`
    select entry_number, entry_date::text, category, amount_eur::text, customer_code, location_code, carrier_code, item_code
    from cost_entry where organization_id = ${window.organizationId} and entry_date between ${window.from} and ${window.to}
    order by entry_date, entry_number`.execute(handle.db)).rows;
  const costs: KpiCostRecord[] = rows.map((r) => {
    const cost: KpiCostRecord = { id: `cost_entry:${r.entry_number}`, date: r.entry_date, category: r.category, amount: num(r.amount_eur) };
    if (r.customer_code) cost.customerId = r.customer_code;
    if (r.location_code) cost.siteId = r.location_code;
    if (r.carrier_code) cost.carrierId = r.carrier_code;
    if (r.item_code) cost.itemId = r.item_code;
    return cost;
  });
  for (const shipment of shipments ?? (await loadImprovementShipments(handle, window))) {
    if (shipment.freightCostEur === null || shipment.freightCostEur === 0) continue;
    const cost: KpiCostRecord = { id: shipment.id, date: shipment.date, category: 'transport', amount: shipment.freightCostEur };
    if (shipment.customerId) cost.customerId = shipment.customerId;
    if (shipment.siteId) cost.siteId = shipment.siteId;
    if (shipment.carrierId) cost.carrierId = shipment.carrierId;
    costs.push(cost);
  }
  return costs.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Ledger movements of the window that enter inventory turns: shipments and issues are the cost of
 * goods sold (valued at the movement's unit cost, else the item's standard cost); receipts,
 * production receipts and return receipts are inflows. Internal flows (consumption into production,
 * transfers, adjustments, scrap) are left out so a finished good is not counted twice in COGS.
 */
export async function loadImprovementMovements(handle: DatabaseHandle, window: ImprovementKpiWindow): Promise<KpiMovement[]> {
  const rows = (await sql<{ id: string; item_code: string; family_code: string | null; location_code: string; movement_type: string; quantity: string; unit_cost: string; day: string }>`
    select m.id::text, m.item_code, i.family_code, m.location_code, m.movement_type, m.quantity::text, coalesce(m.unit_cost, i.standard_cost)::text as unit_cost,
           (m.occurred_at at time zone 'UTC')::date::text as day
    from inventory_movement m join item i on i.organization_id = m.organization_id and i.code = m.item_code
    where m.organization_id = ${window.organizationId} and m.movement_type in ('shipment', 'issue', 'receipt', 'production_receipt', 'return_receipt')
      and (m.occurred_at at time zone 'UTC')::date between ${window.from} and ${window.to}
    order by m.id`.execute(handle.db)).rows;
  const kindOf: Record<string, KpiMovement['kind']> = { shipment: 'shipment', issue: 'issue', receipt: 'receipt', production_receipt: 'receipt', return_receipt: 'return' };
  return rows.map((r) => {
    const movement: KpiMovement = { id: `inventory_movement:${r.id}`, itemId: r.item_code, siteId: r.location_code, date: r.day, kind: kindOf[r.movement_type] ?? 'adjustment', quantity: Math.abs(num(r.quantity)), unitCost: num(r.unit_cost) };
    if (r.family_code) movement.family = r.family_code;
    return movement;
  });
}

/**
 * End-of-day stock positions rebuilt from the ledger: for every item × location the ledger knows,
 * the running Σ quantity up to each day of the window (one snapshot per day), valued at the item's
 * standard cost. Id `stock:<item>@<location>@<date>`. Stock positions are the declared stock points,
 * the positions that hold lots today and those with stock before the window; pass-through positions
 * (a plant where goods are made and transferred on) are left out.
 */
export async function loadImprovementInventorySnapshots(handle: DatabaseHandle, window: ImprovementKpiWindow): Promise<KpiInventorySnapshot[]> {
  const opening = (await sql<{ item_code: string; location_code: string; quantity: string }>`
    select item_code, location_code, sum(quantity)::text as quantity from inventory_movement
    where organization_id = ${window.organizationId} and (occurred_at at time zone 'UTC')::date < ${window.from}
    group by 1, 2`.execute(handle.db)).rows;
  const moves = (await sql<{ item_code: string; location_code: string; day: string; quantity: string }>`
    select item_code, location_code, (occurred_at at time zone 'UTC')::date::text as day, sum(quantity)::text as quantity from inventory_movement
    where organization_id = ${window.organizationId} and (occurred_at at time zone 'UTC')::date between ${window.from} and ${window.to}
    group by 1, 2, 3 order by 1, 2, 3`.execute(handle.db)).rows;
  const items = new Map((await sql<{ code: string; family_code: string | null; standard_cost: string }>`
    select code, family_code, standard_cost::text from item where organization_id = ${window.organizationId}`.execute(handle.db)).rows.map((r) => [r.code, r] as const));
  // Stock positions: declared stock points, positions holding lots today, and positions with stock before the window.
  const stockPoints = new Set((await sql<{ key: string }>`
    select item_code || '@' || location_code as key from stock_point where organization_id = ${window.organizationId}
    union select item_code || '@' || location_code from stock_lot where organization_id = ${window.organizationId}`.execute(handle.db)).rows.map((r) => r.key));
  for (const row of opening) if (Number(row.quantity) !== 0) stockPoints.add(`${row.item_code}@${row.location_code}`);
  const balance = new Map<string, number>();
  const deltas = new Map<string, Map<string, number>>();
  for (const row of opening) balance.set(`${row.item_code}@${row.location_code}`, num(row.quantity));
  for (const row of moves) {
    const key = `${row.item_code}@${row.location_code}`;
    if (!balance.has(key)) balance.set(key, 0);
    const perDay = deltas.get(key) ?? new Map<string, number>();
    perDay.set(row.day, num(row.quantity));
    deltas.set(key, perDay);
  }
  const snapshots: KpiInventorySnapshot[] = [];
  const keys = [...balance.keys()].sort();
  for (const key of keys) {
    const [itemCode = '', locationCode = ''] = key.split('@');
    const item = items.get(itemCode);
    let onHand = balance.get(key) ?? 0;
    const perDay = deltas.get(key);
    const series: KpiInventorySnapshot[] = [];
    for (let day = window.from; day <= window.to; day = addDays(day, 1)) {
      onHand += perDay?.get(day) ?? 0;
      const snapshot: KpiInventorySnapshot = { id: `stock:${key}@${day}`, itemId: itemCode, siteId: locationCode, date: day, onHandQuantity: Math.round(onHand * 1e6) / 1e6, unitCost: num(item?.standard_cost) };
      if (item?.family_code) snapshot.family = item.family_code;
      series.push(snapshot);
    }
    // A pass-through position (a plant where goods are made and shipped on) is not a stock position.
    if (stockPoints.has(key)) snapshots.push(...series);
  }
  return snapshots;
}

/**
 * Forecasts against what was sold: for each item × location × week (a Monday) that ends inside the
 * window, the latest forecast made no later than the start of that week (as-of date ≤ week start:
 * a forecast, not a hindcast), against Σ sales_history of the seven days. Forecasts come from the
 * succeeded forecast runs (forecast_value, as-of date of the run) and from the imported forecast
 * snapshots (forecast_snapshot, e.g. the previous tool's forecast history); on the same as-of date a
 * run wins over a snapshot. Weeks nobody forecast before they began are left out.
 */
export async function loadImprovementForecasts(handle: DatabaseHandle, window: ImprovementKpiWindow): Promise<KpiForecastRecord[]> {
  const rows = (await sql<{ source: 'run' | 'snapshot'; run_id: string; as_of_date: string; item_code: string; family_code: string | null; location_code: string; period_start: string; forecast: string; actual: string }>`
    with candidates as (
      select 'run' as source, 0 as rank, v.run_id, r.as_of_date, v.item_code, v.location_code, v.period_start, v.forecast
      from forecast_value v join planning_run r on r.id = v.run_id
      where v.organization_id = ${window.organizationId} and r.organization_id = ${window.organizationId} and r.run_type = 'forecast' and r.status = 'succeeded'
        and r.as_of_date is not null and r.as_of_date <= v.period_start
        and v.period_start >= ${window.from}::date and v.period_start + 6 <= ${window.to}::date
      union all
      select 'snapshot', 1, '', f.as_of_date, f.item_code, f.location_code, f.period_start, f.forecast_quantity
      from forecast_snapshot f
      where f.organization_id = ${window.organizationId} and f.as_of_date <= f.period_start
        and f.period_start >= ${window.from}::date and f.period_start + 6 <= ${window.to}::date
    ), latest as (
      select distinct on (item_code, location_code, period_start) source, run_id, as_of_date, item_code, location_code, period_start, forecast
      from candidates order by item_code, location_code, period_start, as_of_date desc, rank, run_id desc
    )
    select l.source, l.run_id, l.as_of_date::text, l.item_code, i.family_code, l.location_code, l.period_start::text, l.forecast::text,
           coalesce((select sum(h.quantity) from sales_history h where h.organization_id = ${window.organizationId} and h.item_code = l.item_code
                     and h.location_code = l.location_code and h.sale_date between l.period_start and l.period_start + 6), 0)::text as actual
    from latest l join item i on i.organization_id = ${window.organizationId} and i.code = l.item_code
    order by l.item_code, l.location_code, l.period_start`.execute(handle.db)).rows;
  return rows.map((r) => {
    const id = r.source === 'run'
      ? `forecast_value:${r.run_id}/${r.item_code}@${r.location_code}/${r.period_start}`
      : `forecast_snapshot:${r.item_code}@${r.location_code}/${r.as_of_date}/${r.period_start}`;
    const record: KpiForecastRecord = { id, itemId: r.item_code, siteId: r.location_code, periodDate: r.period_start, forecastQuantity: num(r.forecast), actualQuantity: num(r.actual) };
    if (r.family_code) record.family = r.family_code;
    return record;
  });
}

/** One customer or supplier invoice as the cash-to-cash cycle reads it (amount in EUR excluding VAT). */
export type ImprovementInvoiceRecord = {
  id: string;
  side: 'receivable' | 'payable';
  partnerCode: string;
  invoiceDate: string;
  dueDate: string;
  paymentDate: string | null;
  amountEur: number;
};

/**
 * Customer and supplier invoices that were open at some point of the window or issued in it:
 * invoice date ≤ to and (not paid, or paid on/after from). A supplier invoice counts with its amount
 * in EUR (amount_eur from the AP extract, else the total of an EUR invoice received by EDI); one
 * without a payment date is open. Ids `customer_invoice:<number>` and
 * `supplier_invoice:<supplier>/<number>`.
 */
export async function loadImprovementInvoices(handle: DatabaseHandle, window: ImprovementKpiWindow): Promise<ImprovementInvoiceRecord[]> {
  const rows = (await sql<{ side: 'receivable' | 'payable'; partner_code: string; invoice_number: string; invoice_date: string; due_date: string; payment_date: string | null; amount_eur: string }>`
    select 'receivable' as side, customer_code as partner_code, invoice_number, invoice_date::text, due_date::text, payment_date::text, amount_eur::text
    from customer_invoice where organization_id = ${window.organizationId} and invoice_date <= ${window.to}::date and (payment_date is null or payment_date >= ${window.from}::date)
    union all
    select 'payable', supplier_code, invoice_number, invoice_date::text, coalesce(due_date, invoice_date)::text, payment_date::text,
           coalesce(amount_eur, case when currency = 'EUR' then total_amount end)::text
    from supplier_invoice where organization_id = ${window.organizationId} and invoice_date <= ${window.to}::date and (payment_date is null or payment_date >= ${window.from}::date)
      and coalesce(amount_eur, case when currency = 'EUR' then total_amount end) is not null
    order by 1 desc, 4, 2, 3`.execute(handle.db)).rows;
  return rows.map((r) => ({
    id: r.side === 'receivable' ? `customer_invoice:${r.invoice_number}` : `supplier_invoice:${r.partner_code}/${r.invoice_number}`,
    side: r.side, partnerCode: r.partner_code, invoiceDate: r.invoice_date, dueDate: r.due_date, paymentDate: r.payment_date, amountEur: num(r.amount_eur),
  }));
}

/** Whether an invoice is unpaid at the end of a day: issued on or before it, not yet settled. */
export function isImprovementInvoiceOpen(invoice: ImprovementInvoiceRecord, day: string): boolean {
  return invoice.invoiceDate <= day && (invoice.paymentDate === null || invoice.paymentDate > day);
}

/**
 * One financial record per day of the window for the cash-to-cash cycle (SCOR AM.1.1), so any
 * period averages its balances over its days and sums its flows:
 * - inventory value = Σ end-of-day stock × standard cost (the inventory snapshots);
 * - receivables / payables = Σ amount of the customer / supplier invoices open at the end of the day
 *   (issued on or before it, paid after it or not yet);
 * - revenue = Σ customer invoices dated that day; cost of goods sold = Σ shipments and issues of the
 *   day at unit cost (the movements of inventory turns).
 * Id `financials:<date>`. Returns no record when the organization has no invoice at all (no AR/AP
 * extract imported: a cash-to-cash cycle of inventory days alone would mislead).
 */
export function toImprovementDailyFinancials(window: ImprovementKpiWindow, input: { invoices: ImprovementInvoiceRecord[]; snapshots: KpiInventorySnapshot[]; movements: KpiMovement[] }): KpiFinancialRecord[] {
  if (input.invoices.length === 0) return [];
  const days: string[] = [];
  for (let day = window.from; day <= window.to; day = addDays(day, 1)) days.push(day);
  const indexOf = new Map(days.map((day, index) => [day, index] as const));
  const inventory = new Array<number>(days.length).fill(0);
  const cogs = new Array<number>(days.length).fill(0);
  const revenue = new Array<number>(days.length).fill(0);
  const delta = { receivable: new Array<number>(days.length + 1).fill(0), payable: new Array<number>(days.length + 1).fill(0) };
  for (const snapshot of input.snapshots) {
    const index = indexOf.get(snapshot.date);
    if (index !== undefined) inventory[index]! += snapshot.onHandQuantity * snapshot.unitCost;
  }
  for (const movement of input.movements) {
    const index = indexOf.get(movement.date);
    if (index !== undefined && (movement.kind === 'shipment' || movement.kind === 'issue')) cogs[index]! += movement.quantity * movement.unitCost;
  }
  for (const invoice of input.invoices) {
    // Open from max(invoice date, from) to the day before payment (or the end of the window).
    const first = invoice.invoiceDate < window.from ? 0 : (indexOf.get(invoice.invoiceDate) ?? days.length);
    const last = invoice.paymentDate === null || invoice.paymentDate > window.to ? days.length : (indexOf.get(invoice.paymentDate) ?? 0);
    if (last > first) {
      delta[invoice.side][first]! += invoice.amountEur;
      delta[invoice.side][last]! -= invoice.amountEur;
    }
    if (invoice.side === 'receivable' && invoice.invoiceDate >= window.from) {
      const index = indexOf.get(invoice.invoiceDate);
      if (index !== undefined) revenue[index]! += invoice.amountEur;
    }
  }
  const round = (value: number): number => Math.round(value * 1e4) / 1e4;
  let receivables = 0;
  let payables = 0;
  return days.map((day, index) => {
    receivables += delta.receivable[index]!;
    payables += delta.payable[index]!;
    return {
      id: `financials:${day}`, date: day, periodDays: 1, inventoryValue: round(inventory[index]!), receivablesAmount: round(Math.max(0, receivables)),
      payablesAmount: round(Math.max(0, payables)), revenueAmount: round(Math.max(0, revenue[index]!)), costOfGoodsSoldAmount: round(cogs[index]!),
    };
  });
}

/**
 * Cycle-count lines counted in the window (counts not cancelled): system quantity = the expected
 * quantity the count compared with (snapshot ± movements during the count), counted = the final count.
 */
export async function loadImprovementCounts(handle: DatabaseHandle, window: ImprovementKpiWindow): Promise<KpiCountRecord[]> {
  const rows = (await sql<{ count_number: string; line_number: number; count_date: string; item_code: string; family_code: string | null; location_code: string; system_quantity: string; counted_quantity: string }>`
    select l.count_number, l.line_number, c.count_date::text, l.item_code, i.family_code, l.location_code,
           coalesce(l.expected_quantity, l.snapshot_quantity)::text as system_quantity, l.counted_quantity::text
    from inventory_count_line l
    join inventory_count c on c.organization_id = l.organization_id and c.count_number = l.count_number
    join item i on i.organization_id = l.organization_id and i.code = l.item_code
    where l.organization_id = ${window.organizationId} and c.status <> 'cancelled' and l.counted_quantity is not null
      and c.count_date between ${window.from} and ${window.to}
    order by c.count_date, l.count_number, l.line_number`.execute(handle.db)).rows;
  return rows.map((r) => {
    const record: KpiCountRecord = {
      id: `inventory_count_line:${r.count_number}/${r.line_number}`, itemId: r.item_code, siteId: r.location_code, date: r.count_date,
      systemQuantity: num(r.system_quantity), countedQuantity: num(r.counted_quantity),
    };
    if (r.family_code) record.family = r.family_code;
    return record;
  });
}

/** Everything the KPI catalogue can read from the database for one window. */
export async function loadImprovementKpiActuals(handle: DatabaseHandle, window: ImprovementKpiWindow): Promise<KpiActuals> {
  const shipments = await loadImprovementShipments(handle, window);
  const movements = await loadImprovementMovements(handle, window);
  const inventorySnapshots = await loadImprovementInventorySnapshots(handle, window);
  return {
    orderLines: await loadImprovementOrderLines(handle, window),
    supplierReceipts: await loadImprovementSupplierReceipts(handle, window),
    productionEvents: await loadImprovementProductionEvents(handle, window),
    // CO2 intensity only over shipments whose emissions were recorded (a missing figure is not 0 kg).
    shipments: shipments.filter((s) => s.co2Recorded).map(({ freightCostEur: _freight, co2Recorded: _recorded, ...shipment }) => shipment),
    costs: await loadImprovementCosts(handle, window, shipments),
    movements,
    inventorySnapshots,
    forecasts: await loadImprovementForecasts(handle, window),
    counts: await loadImprovementCounts(handle, window),
    financials: toImprovementDailyFinancials(window, { invoices: await loadImprovementInvoices(handle, window), snapshots: inventorySnapshots, movements }),
  };
}
