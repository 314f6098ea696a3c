import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, DatabaseHandle } from '@flowpilot/db';
import { toDbError } from '@flowpilot/db';
import { buildSscc, CoreError } from '@flowpilot/core';
import { recordAuditEntry, type AuditActor } from '../auth/audit';
import { integrationEmitWebhookEvent } from '../integration/webhooks';
import { ShipmentError } from './shipment-error';
import { planShipmentLoadIn, type ShipmentLoadPlan } from './plan-shipment-load';

export const SHIPMENT_STATUSES = ['planned', 'loaded', 'dispatched', 'delivered', 'cancelled'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];
export const SHIPMENT_PACKAGE_TYPES = ['pallet', 'parcel'] as const;
export type ShipmentPackageType = (typeof SHIPMENT_PACKAGE_TYPES)[number];
export const SHIPMENT_PICKING_RULES = ['fefo', 'fifo'] as const;
export type ShipmentPickingRule = (typeof SHIPMENT_PICKING_RULES)[number];
export const SHIPMENT_PACKING_MODES = ['per-line', 'single'] as const;
export type ShipmentPackingMode = (typeof SHIPMENT_PACKING_MODES)[number];
export const SHIPMENT_EXCEPTION_TYPES = ['damaged', 'short'] as const;
export type ShipmentExceptionType = (typeof SHIPMENT_EXCEPTION_TYPES)[number];

export type ShipmentLine = {
  lineNumber: number; orderNumber: string | null; orderLineNumber: number | null; itemCode: string; itemName: string; gtin: string | null;
  lotNumber: string; expiryDate: string | null; quantity: number; uomCode: string; packageNumber: number | null; sscc: string | null;
};
export type ShipmentPackage = { packageNumber: number; packageType: ShipmentPackageType; sscc: string; grossWeightKg: number | null; lineNumbers: number[] };
export type ShipmentStatusEvent = { eventNumber: number; status: ShipmentStatus; occurredAt: string; recordedBy: string | null; note: string | null };
export type ShipmentDeliveryException = { exceptionNumber: number; lineNumber: number | null; exceptionType: ShipmentExceptionType; quantity: number; note: string | null };
export type ShipmentDelivery = { deliveredAt: string; receivedBy: string; signatureReference: string | null; note: string | null; exceptions: ShipmentDeliveryException[] };

/** One shipment with its lines (lots, packages), packages (SSCC), status history and proof of delivery. */
export type Shipment = {
  shipmentNumber: string; warehouseCode: string; customerCode: string; customerName: string; carrierCode: string | null; shipDate: string;
  plannedDeliveryDate: string | null; deliveredDate: string | null; status: ShipmentStatus; weightKg: number | null;
  lines: ShipmentLine[]; packages: ShipmentPackage[]; history: ShipmentStatusEvent[]; delivery: ShipmentDelivery | null;
};

type Db = Kysely<Database> | Transaction<Database>;
const SYSTEM_ACTOR: AuditActor = { userId: null, email: null, via: 'system' };

function actorName(actor: AuditActor | undefined): string {
  return actor?.email ?? actor?.via ?? 'system';
}

async function inTransaction<T>(handle: DatabaseHandle, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  try {
    return await handle.db.transaction().execute(work);
  } catch (error) {
    if (error instanceof ShipmentError || error instanceof CoreError) throw error;
    throw toDbError(error);
  }
}

function requireDate(value: string, field: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new ShipmentError('invalid_input', 'shipments.error.date', { field, value }, field);
}

function requireTimestamp(value: string, field: string): string {
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time)) throw new ShipmentError('invalid_input', 'shipments.error.timestamp', { field, value }, field);
  return new Date(time).toISOString();
}

function requirePositive(value: number, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new ShipmentError('invalid_input', 'shipments.error.quantity', { field, value: String(value) }, field);
}

/** Quantities are numeric(18,6): compare and sum in millionths so 0.1 + 0.2 is 0.3. */
const micro = (value: number | string): number => Math.round(Number(value) * 1e6);
const fromMicro = (value: number): number => value / 1e6;

// ---------------------------------------------------------------------------------------------------------
// Reading a shipment
// ---------------------------------------------------------------------------------------------------------

/** One shipment by number; throws ShipmentError not_found (shipments.error.unknownShipment). */
export async function getShipment(handle: DatabaseHandle | { db: Db }, organizationId: string, shipmentNumber: string): Promise<Shipment> {
  return loadShipment(handle.db, organizationId, shipmentNumber);
}

async function loadShipment(db: Db, org: string, shipmentNumber: string, lock = false): Promise<Shipment> {
  const head = (await sql<{ shipment_number: string; from_location_code: string; customer_code: string; customer_name: string; carrier_code: string | null; ship_date: string; planned_delivery_date: string | null; delivered_date: string | null; status: ShipmentStatus; weight_kg: string | null }>`
    select s.shipment_number, s.from_location_code, s.customer_code, c.name as customer_name, s.carrier_code, s.ship_date::text, s.planned_delivery_date::text, s.delivered_date::text, s.status, s.weight_kg::text
    from shipment s join customer c on c.organization_id = s.organization_id and c.code = s.customer_code
    where s.organization_id = ${org} and s.shipment_number = ${shipmentNumber} ${lock ? sql`for update of s` : sql``}`.execute(db)).rows[0];
  if (!head) throw new ShipmentError('not_found', 'shipments.error.unknownShipment', { shipment: shipmentNumber }, 'shipmentNumber');
  const lines = (await sql<{ line_number: number; sales_order_number: string | null; sales_order_line_number: number | null; item_code: string; item_name: string; gtin: string | null; uom_code: string; lot_number: string; quantity: string; package_number: number | null; sscc: string | null; expiry_date: string | null }>`
    select l.line_number, l.sales_order_number, l.sales_order_line_number, l.item_code, i.name as item_name, i.gtin, i.uom_code, l.lot_number, l.quantity::text, l.package_number, l.sscc,
      (select min(sl.expiry_date)::text from stock_lot sl where sl.organization_id = l.organization_id and sl.item_code = l.item_code and sl.lot_number = l.lot_number and l.lot_number <> '') as expiry_date
    from shipment_line l join item i on i.organization_id = l.organization_id and i.code = l.item_code
    where l.organization_id = ${org} and l.shipment_number = ${shipmentNumber} order by l.line_number`.execute(db)).rows;
  const packages = (await sql<{ package_number: number; package_type: ShipmentPackageType; sscc: string; gross_weight_kg: string | null }>`
    select package_number, package_type, sscc, gross_weight_kg::text from shipment_package where organization_id = ${org} and shipment_number = ${shipmentNumber} order by package_number`.execute(db)).rows;
  const history = (await sql<{ event_number: number; status: ShipmentStatus; occurred_at: string; recorded_by: string | null; note: string | null }>`
    select event_number, status, to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as occurred_at, recorded_by, note
    from shipment_status_event where organization_id = ${org} and shipment_number = ${shipmentNumber} order by event_number`.execute(db)).rows;
  const pod = (await sql<{ delivered_at: string; received_by: string; signature_reference: string | null; note: string | null }>`
    select to_char(delivered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as delivered_at, received_by, signature_reference, note
    from shipment_delivery where organization_id = ${org} and shipment_number = ${shipmentNumber}`.execute(db)).rows[0];
  const exceptions = pod ? (await sql<{ exception_number: number; line_number: number | null; exception_type: ShipmentExceptionType; quantity: string; note: string | null }>`
    select exception_number, line_number, exception_type, quantity::text, note from shipment_delivery_exception
    where organization_id = ${org} and shipment_number = ${shipmentNumber} order by exception_number`.execute(db)).rows : [];
  return {
    shipmentNumber: head.shipment_number, warehouseCode: head.from_location_code, customerCode: head.customer_code, customerName: head.customer_name, carrierCode: head.carrier_code,
    shipDate: head.ship_date, plannedDeliveryDate: head.planned_delivery_date, deliveredDate: head.delivered_date, status: head.status, weightKg: head.weight_kg === null ? null : Number(head.weight_kg),
    lines: lines.map((l) => ({
      lineNumber: l.line_number, orderNumber: l.sales_order_number, orderLineNumber: l.sales_order_line_number, itemCode: l.item_code, itemName: l.item_name, gtin: l.gtin,
      lotNumber: l.lot_number, expiryDate: l.expiry_date, quantity: Number(l.quantity), uomCode: l.uom_code, packageNumber: l.package_number, sscc: l.sscc,
    })),
    packages: packages.map((p) => ({
      packageNumber: p.package_number, packageType: p.package_type, sscc: p.sscc, grossWeightKg: p.gross_weight_kg === null ? null : Number(p.gross_weight_kg),
      lineNumbers: lines.filter((l) => l.package_number === p.package_number).map((l) => l.line_number),
    })),
    history: history.map((h) => ({ eventNumber: h.event_number, status: h.status, occurredAt: h.occurred_at, recordedBy: h.recorded_by, note: h.note })),
    delivery: pod ? {
      deliveredAt: pod.delivered_at, receivedBy: pod.received_by, signatureReference: pod.signature_reference, note: pod.note,
      exceptions: exceptions.map((e) => ({ exceptionNumber: e.exception_number, lineNumber: e.line_number, exceptionType: e.exception_type, quantity: Number(e.quantity), note: e.note })),
    } : null,
  };
}

async function addStatusEvent(db: Db, org: string, shipmentNumber: string, status: ShipmentStatus, occurredAt: string, recordedBy: string, note: string | null = null): Promise<void> {
  await sql`insert into shipment_status_event (organization_id, shipment_number, event_number, status, occurred_at, recorded_by, note)
    select ${org}, ${shipmentNumber}, coalesce(max(event_number), 0) + 1, ${status}, ${occurredAt}::timestamptz, ${recordedBy}, ${note}
    from shipment_status_event where organization_id = ${org} and shipment_number = ${shipmentNumber}`.execute(db);
}

export type ListShipmentsInput = { organizationId: string; status?: ShipmentStatus; customerCode?: string; page?: number; pageSize?: number };
export type ShipmentSummary = {
  shipmentNumber: string; warehouseCode: string; customerCode: string; customerName: string; carrierCode: string | null; shipDate: string; plannedDeliveryDate: string | null;
  deliveredDate: string | null; status: ShipmentStatus; lineCount: number; packageCount: number; totalQuantity: number;
};

/** Shipments of an organization, newest ship date first (then number), one page at a time. */
export async function listShipments(handle: DatabaseHandle, input: ListShipmentsInput): Promise<{ items: ShipmentSummary[]; page: number; pageSize: number; total: number }> {
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 50;
  const where = sql`s.organization_id = ${input.organizationId}
    and (${input.status ?? null}::text is null or s.status = ${input.status ?? null})
    and (${input.customerCode ?? null}::text is null or s.customer_code = ${input.customerCode ?? null})`;
  const total = Number((await sql<{ n: string }>`select count(*)::text as n from shipment s where ${where}`.execute(handle.db)).rows[0]?.n ?? 0);
  const rows = (await sql<{ shipment_number: string; from_location_code: string; customer_code: string; customer_name: string; carrier_code: string | null; ship_date: string; planned_delivery_date: string | null; delivered_date: string | null; status: ShipmentStatus; line_count: number; package_count: number; total_quantity: string }>`
    select s.shipment_number, s.from_location_code, s.customer_code, c.name as customer_name, s.carrier_code, s.ship_date::text, s.planned_delivery_date::text, s.delivered_date::text, s.status,
      (select count(*)::int from shipment_line l where l.organization_id = s.organization_id and l.shipment_number = s.shipment_number) as line_count,
      (select count(*)::int from shipment_package p where p.organization_id = s.organization_id and p.shipment_number = s.shipment_number) as package_count,
      (select coalesce(sum(l.quantity), 0)::text from shipment_line l where l.organization_id = s.organization_id and l.shipment_number = s.shipment_number) as total_quantity
    from shipment s join customer c on c.organization_id = s.organization_id and c.code = s.customer_code
    where ${where} order by s.ship_date desc, s.shipment_number desc limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(handle.db)).rows;
  return {
    page, pageSize, total,
    items: rows.map((r) => ({
      shipmentNumber: r.shipment_number, warehouseCode: r.from_location_code, customerCode: r.customer_code, customerName: r.customer_name, carrierCode: r.carrier_code, shipDate: r.ship_date,
      plannedDeliveryDate: r.planned_delivery_date, deliveredDate: r.delivered_date, status: r.status, lineCount: r.line_count, packageCount: r.package_count, totalQuantity: Number(r.total_quantity),
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Creating a shipment: order lines → lots (FEFO/FIFO) → packages with SSCC
// ---------------------------------------------------------------------------------------------------------

export type CreateShipmentLineInput = { orderNumber: string; lineNumber: number; quantity?: number; lotNumber?: string };

export type CreateShipmentInput = {
  organizationId: string;
  warehouseCode: string;
  lines: CreateShipmentLineInput[];
  shipDate: string;
  shipmentNumber?: string;
  plannedDeliveryDate?: string;
  carrierCode?: string;
  packageType?: ShipmentPackageType;
  /** per-line (default): each order line on its own packages; single: everything on one package. */
  packing?: ShipmentPackingMode;
  /** With per-line packing: at most this many units per package (a line is split over several packages). */
  maxQuantityPerPackage?: number;
  /** fefo (default): earliest expiry first; fifo: earliest received first. Either way lots expired on the ship date are skipped. */
  pickingRule?: ShipmentPickingRule;
  /** GS1 Company Prefix (6–12 digits); default the organization's. */
  companyPrefix?: string;
  /** SSCC extension digit 0–9 (default 0, as EDI despatch advices use). */
  extensionDigit?: number;
  /** When the shipment is recorded (status history), ISO timestamp; default now. */
  recordedAt?: string;
  actor?: AuditActor;
};

type OrderLineRow = { order_number: string; line_number: number; item_code: string; location_code: string; quantity: string; shipped_quantity: string; customer_code: string; order_status: string; weight_kg: string | null };
type Pick = { inputIndex: number; order: OrderLineRow; lotNumber: string; quantityMicro: number };

/**
 * Creates a planned shipment from open sales order lines of one warehouse, in one transaction:
 * - open quantity of a line = ordered − shipped − already on planned/loaded shipments; quantity defaults to it;
 * - lots picked per line from available stock_lot rows of the warehouse (serial number ''), minus what other
 *   planned/loaded shipments already hold, lots expired on the ship date skipped: FEFO = expiry ascending, then
 *   received date, then lot number; FIFO = received date, then lot; a named lot is taken as asked;
 * - packages: one per order line (split at maxQuantityPerPackage) or one for all; each gets an SSCC =
 *   extension digit + GS1 Company Prefix + serial from the organization's 'sscc' counter + check digit;
 * - status history 'planned', audit entry. Stock moves only at dispatch.
 * Example: line SO-1/1 for 30 units, lots L1 (20, expires 2027-01-31) and L2 (50, expires 2027-03-31) →
 * FEFO picks 20 of L1 and 10 of L2 (two shipment lines, one pallet).
 * Throws ShipmentError (unknown order line, wrong warehouse, more than open, not enough stock, several customers…).
 */
export async function createShipment(handle: DatabaseHandle, input: CreateShipmentInput): Promise<Shipment> {
  const org = input.organizationId;
  if (input.lines.length === 0) throw new ShipmentError('invalid_input', 'shipments.error.noLines', {}, 'lines');
  requireDate(input.shipDate, 'shipDate');
  if (input.plannedDeliveryDate) {
    requireDate(input.plannedDeliveryDate, 'plannedDeliveryDate');
    if (input.plannedDeliveryDate < input.shipDate) throw new ShipmentError('invalid_input', 'shipments.error.deliveryBeforeShip', { delivery: input.plannedDeliveryDate, ship: input.shipDate }, 'plannedDeliveryDate');
  }
  input.lines.forEach((line, index) => {
    if (!Number.isInteger(line.lineNumber) || line.lineNumber <= 0) throw new ShipmentError('invalid_input', 'shipments.error.lineNumber', { value: String(line.lineNumber) }, `lines[${index}].lineNumber`);
    if (line.quantity !== undefined) requirePositive(line.quantity, `lines[${index}].quantity`);
  });
  const packageType = input.packageType ?? 'pallet';
  const packing = input.packing ?? 'per-line';
  const pickingRule = input.pickingRule ?? 'fefo';
  if (!SHIPMENT_PACKAGE_TYPES.includes(packageType)) throw new ShipmentError('invalid_input', 'shipments.error.choice', { field: 'packageType', value: packageType, choices: SHIPMENT_PACKAGE_TYPES.join(', ') }, 'packageType');
  if (!SHIPMENT_PACKING_MODES.includes(packing)) throw new ShipmentError('invalid_input', 'shipments.error.choice', { field: 'packing', value: packing, choices: SHIPMENT_PACKING_MODES.join(', ') }, 'packing');
  if (!SHIPMENT_PICKING_RULES.includes(pickingRule)) throw new ShipmentError('invalid_input', 'shipments.error.choice', { field: 'pickingRule', value: pickingRule, choices: SHIPMENT_PICKING_RULES.join(', ') }, 'pickingRule');
  if (input.maxQuantityPerPackage !== undefined) requirePositive(input.maxQuantityPerPackage, 'maxQuantityPerPackage');
  const extensionDigit = input.extensionDigit ?? 0;
  if (!Number.isInteger(extensionDigit) || extensionDigit < 0 || extensionDigit > 9) throw new ShipmentError('invalid_input', 'shipments.error.extensionDigit', { value: String(extensionDigit) }, 'extensionDigit');
  if (input.companyPrefix !== undefined && !/^\d{6,12}$/.test(input.companyPrefix)) throw new ShipmentError('invalid_input', 'shipments.error.companyPrefix', { value: input.companyPrefix }, 'companyPrefix');
  const recordedAt = requireTimestamp(input.recordedAt ?? new Date().toISOString(), 'recordedAt');

  return inTransaction(handle, async (trx) => {
    const warehouse = (await sql`select 1 from location where organization_id = ${org} and code = ${input.warehouseCode}`.execute(trx)).rows[0];
    if (!warehouse) throw new ShipmentError('not_found', 'shipments.error.unknownWarehouse', { warehouse: input.warehouseCode }, 'warehouseCode');
    if (input.carrierCode) {
      const carrier = (await sql`select 1 from carrier where organization_id = ${org} and code = ${input.carrierCode}`.execute(trx)).rows[0];
      if (!carrier) throw new ShipmentError('not_found', 'shipments.error.unknownCarrier', { carrier: input.carrierCode }, 'carrierCode');
    }
    const prefix = input.companyPrefix ?? (await sql<{ p: string | null }>`select gs1_company_prefix as p from organization where id = ${org}`.execute(trx)).rows[0]?.p ?? null;
    if (!prefix) throw new ShipmentError('invalid_input', 'shipments.error.noCompanyPrefix', {}, 'companyPrefix');

    // 1. Order lines: known, this warehouse, one customer, enough open quantity.
    const seen = new Set<string>();
    const wanted: { order: OrderLineRow; quantityMicro: number; lotNumber: string | undefined }[] = [];
    for (const [index, line] of input.lines.entries()) {
      const key = `${line.orderNumber}/${line.lineNumber}`;
      if (seen.has(key)) throw new ShipmentError('invalid_input', 'shipments.error.duplicateLine', { order: line.orderNumber, line: line.lineNumber }, `lines[${index}]`);
      seen.add(key);
      const order = (await sql<OrderLineRow>`
        select l.order_number, l.line_number, l.item_code, l.location_code, l.quantity::text, l.shipped_quantity::text, o.customer_code, o.status as order_status, i.weight_kg::text
        from sales_order_line l join sales_order o on o.organization_id = l.organization_id and o.order_number = l.order_number
        join item i on i.organization_id = l.organization_id and i.code = l.item_code
        where l.organization_id = ${org} and l.order_number = ${line.orderNumber} and l.line_number = ${line.lineNumber} for update of l`.execute(trx)).rows[0];
      if (!order) throw new ShipmentError('not_found', 'shipments.error.unknownOrderLine', { order: line.orderNumber, line: line.lineNumber }, `lines[${index}]`);
      if (order.order_status === 'cancelled' || order.order_status === 'closed') throw new ShipmentError('invalid_state', 'shipments.error.orderNotOpen', { order: line.orderNumber, status: order.order_status }, `lines[${index}]`);
      if (order.location_code !== input.warehouseCode) {
        throw new ShipmentError('invalid_input', 'shipments.error.wrongWarehouse', { order: line.orderNumber, line: line.lineNumber, location: order.location_code, warehouse: input.warehouseCode }, `lines[${index}]`);
      }
      if (wanted.length > 0 && wanted[0]!.order.customer_code !== order.customer_code) {
        throw new ShipmentError('invalid_input', 'shipments.error.severalCustomers', { order: line.orderNumber, customer: order.customer_code, first: wanted[0]!.order.customer_code }, `lines[${index}]`);
      }
      const planned = (await sql<{ q: string }>`select coalesce(sum(l.quantity), 0)::text as q from shipment_line l join shipment s on s.organization_id = l.organization_id and s.shipment_number = l.shipment_number
        where l.organization_id = ${org} and l.sales_order_number = ${order.order_number} and l.sales_order_line_number = ${order.line_number} and s.status in ('planned','loaded')`.execute(trx)).rows[0]?.q ?? '0';
      const openMicro = micro(order.quantity) - micro(order.shipped_quantity) - micro(planned);
      if (openMicro <= 0) throw new ShipmentError('invalid_input', 'shipments.error.nothingOpen', { order: line.orderNumber, line: line.lineNumber, ordered: Number(order.quantity), shipped: Number(order.shipped_quantity), planned: Number(planned) }, `lines[${index}]`);
      const quantityMicro = line.quantity === undefined ? openMicro : micro(line.quantity);
      if (quantityMicro > openMicro) {
        throw new ShipmentError('invalid_input', 'shipments.error.moreThanOpen', { order: line.orderNumber, line: line.lineNumber, quantity: fromMicro(quantityMicro), open: fromMicro(openMicro) }, `lines[${index}].quantity`);
      }
      wanted.push({ order, quantityMicro, lotNumber: line.lotNumber });
    }

    // 2. Lots: available stock minus what planned/loaded shipments (and earlier lines of this one) already hold.
    const taken = new Map<string, number>();
    const picks: Pick[] = [];
    for (const [index, want] of wanted.entries()) {
      const lots = (await sql<{ lot_number: string; quantity: string; expiry_date: string | null; received_date: string | null; held: string }>`
        select sl.lot_number, sl.quantity::text, sl.expiry_date::text, sl.received_date::text,
          (select coalesce(sum(l.quantity), 0)::text from shipment_line l join shipment s on s.organization_id = l.organization_id and s.shipment_number = l.shipment_number
           where l.organization_id = sl.organization_id and l.item_code = sl.item_code and l.lot_number = sl.lot_number and s.from_location_code = sl.location_code and s.status in ('planned','loaded')) as held
        from stock_lot sl
        where sl.organization_id = ${org} and sl.item_code = ${want.order.item_code} and sl.location_code = ${input.warehouseCode} and sl.serial_number = '' and sl.status = 'available' and sl.quantity > 0
          and (${want.lotNumber ?? null}::text is null or sl.lot_number = ${want.lotNumber ?? null})
        for update of sl`.execute(trx)).rows;
      const candidates = lots
        .filter((lot) => want.lotNumber !== undefined || lot.expiry_date === null || lot.expiry_date >= input.shipDate)
        .sort((a, b) => (pickingRule === 'fefo' ? compareNullsLast(a.expiry_date, b.expiry_date) : 0) || compareNullsLast(a.received_date, b.received_date) || (a.lot_number < b.lot_number ? -1 : a.lot_number > b.lot_number ? 1 : 0));
      let remaining = want.quantityMicro;
      let available = 0;
      for (const lot of candidates) {
        const key = `${want.order.item_code}\u0000${lot.lot_number}`;
        const free = micro(lot.quantity) - micro(lot.held) - (taken.get(key) ?? 0);
        if (free <= 0) continue;
        available += free;
        if (remaining <= 0) continue;
        const take = Math.min(free, remaining);
        taken.set(key, (taken.get(key) ?? 0) + take);
        picks.push({ inputIndex: index, order: want.order, lotNumber: lot.lot_number, quantityMicro: take });
        remaining -= take;
      }
      if (remaining > 0) {
        const params = { item: want.order.item_code, warehouse: input.warehouseCode, quantity: fromMicro(want.quantityMicro), available: fromMicro(available), order: want.order.order_number, line: want.order.line_number };
        if (want.lotNumber !== undefined) throw new ShipmentError('invalid_input', 'shipments.error.notEnoughLot', { ...params, lot: want.lotNumber }, `lines[${index}].lotNumber`);
        throw new ShipmentError('invalid_input', 'shipments.error.notEnoughStock', params, `lines[${index}].quantity`);
      }
    }

    // 3. Number, packages and SSCCs.
    let shipmentNumber = input.shipmentNumber;
    if (!shipmentNumber) {
      const last = (await sql<{ n: string | null }>`select max(substring(shipment_number from '^SH-([0-9]+)$')::bigint)::text as n from shipment where organization_id = ${org}`.execute(trx)).rows[0]?.n;
      shipmentNumber = `SH-${Number(last ?? 0) + 1}`;
    }
    const exists = (await sql`select 1 from shipment where organization_id = ${org} and shipment_number = ${shipmentNumber}`.execute(trx)).rows[0];
    if (exists) throw new ShipmentError('invalid_input', 'shipments.error.shipmentExists', { shipment: shipmentNumber }, 'shipmentNumber');

    type Part = { pick: Pick; quantityMicro: number; packageNumber: number };
    const parts: Part[] = [];
    let packageCount = 0;
    if (packing === 'single') {
      packageCount = 1;
      for (const pick of picks) parts.push({ pick, quantityMicro: pick.quantityMicro, packageNumber: 1 });
    } else {
      const maxMicro = input.maxQuantityPerPackage === undefined ? Infinity : micro(input.maxQuantityPerPackage);
      for (let index = 0; index < wanted.length; index += 1) {
        let room = 0;
        for (const pick of picks.filter((p) => p.inputIndex === index)) {
          let left = pick.quantityMicro;
          while (left > 0) {
            if (room <= 0) {
              packageCount += 1;
              room = maxMicro;
            }
            const put = Math.min(left, room);
            parts.push({ pick, quantityMicro: put, packageNumber: packageCount });
            left -= put;
            room -= put;
          }
        }
      }
    }
    const ssccs: string[] = [];
    for (let p = 0; p < packageCount; p += 1) {
      const serial = (await sql<{ value: string }>`insert into integration_counter (organization_id, name, value) values (${org}, 'sscc', 1)
        on conflict (organization_id, name) do update set value = integration_counter.value + 1 returning value::text`.execute(trx)).rows[0]?.value ?? '1';
      try {
        ssccs.push(buildSscc({ extensionDigit, companyPrefix: prefix, serialReference: serial }).sscc);
      } catch (error) {
        if (error instanceof CoreError) throw new ShipmentError('invalid_input', 'shipments.error.ssccExhausted', { prefix, serial }, 'companyPrefix');
        throw error;
      }
    }

    const weightOf = (part: Part): number | null => (part.pick.order.weight_kg === null ? null : fromMicro(part.quantityMicro) * Number(part.pick.order.weight_kg));
    const sumWeights = (list: Part[]): number | null => (list.some((p) => weightOf(p) === null) ? null : Math.round(list.reduce((s, p) => s + weightOf(p)!, 0) * 1e6) / 1e6);
    const customer = wanted[0]!.order.customer_code;
    await sql`insert into shipment (organization_id, shipment_number, from_location_code, customer_code, carrier_code, ship_date, planned_delivery_date, status, weight_kg)
      values (${org}, ${shipmentNumber}, ${input.warehouseCode}, ${customer}, ${input.carrierCode ?? null}, ${input.shipDate}, ${input.plannedDeliveryDate ?? null}, 'planned', ${sumWeights(parts)})`.execute(trx);
    for (let p = 1; p <= packageCount; p += 1) {
      await sql`insert into shipment_package (organization_id, shipment_number, package_number, package_type, sscc, gross_weight_kg)
        values (${org}, ${shipmentNumber}, ${p}, ${packageType}, ${ssccs[p - 1]!}, ${sumWeights(parts.filter((part) => part.packageNumber === p))})`.execute(trx);
    }
    for (const [index, part] of parts.entries()) {
      await sql`insert into shipment_line (organization_id, shipment_number, line_number, sales_order_number, sales_order_line_number, item_code, lot_number, quantity, package_number, sscc)
        values (${org}, ${shipmentNumber}, ${index + 1}, ${part.pick.order.order_number}, ${part.pick.order.line_number}, ${part.pick.order.item_code}, ${part.pick.lotNumber},
          ${fromMicro(part.quantityMicro)}, ${part.packageNumber}, ${ssccs[part.packageNumber - 1]!})`.execute(trx);
    }
    await addStatusEvent(trx, org, shipmentNumber, 'planned', recordedAt, actorName(input.actor), `${pickingRule.toUpperCase()}, ${packageCount} ${packageType}(s)`);
    const created = await loadShipment(trx, org, shipmentNumber);
    await recordAuditEntry(trx, { organizationId: org, actor: input.actor ?? SYSTEM_ACTOR, action: 'shipment.create', entity: 'shipment', entityKey: shipmentNumber, after: { lines: created.lines, packages: created.packages } });
    return created;
  });
}

function compareNullsLast(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

// ---------------------------------------------------------------------------------------------------------
// Dispatch, delivery, cancellation
// ---------------------------------------------------------------------------------------------------------

export type DispatchShipmentInput = { organizationId: string; shipmentNumber: string; dispatchedAt?: string; actor?: AuditActor };

/**
 * Dispatches a planned (or loaded) shipment in ONE transaction: per line a 'shipment' movement of
 * −quantity on its lot (reference = shipment number, reason = order/line, unit cost = standard cost),
 * the lots' stock_lot quantities reduced (an emptied lot row removed), sales_order_line.shipped_quantity
 * raised and the order marked partially_shipped/shipped, status 'dispatched' with ship_date = the dispatch
 * day, the 'shipment.dispatched' webhook event (outbox) and an audit entry. Nothing is written on error.
 * Throws ShipmentError: unknown shipment, already dispatched/delivered/cancelled, not enough stock of a lot.
 */
export async function dispatchShipment(handle: DatabaseHandle, input: DispatchShipmentInput): Promise<Shipment> {
  const org = input.organizationId;
  const dispatchedAt = requireTimestamp(input.dispatchedAt ?? new Date().toISOString(), 'dispatchedAt');
  return inTransaction(handle, async (trx) => {
    const before = await loadShipment(trx, org, input.shipmentNumber, true);
    if (before.status === 'dispatched' || before.status === 'delivered') throw new ShipmentError('invalid_state', 'shipments.error.alreadyDispatched', { shipment: before.shipmentNumber, status: before.status }, 'status');
    if (before.status === 'cancelled') throw new ShipmentError('invalid_state', 'shipments.error.cancelled', { shipment: before.shipmentNumber }, 'status');
    if (before.lines.length === 0) throw new ShipmentError('invalid_input', 'shipments.error.noLines', {}, 'lines');
    const needed = new Map<string, { itemCode: string; lotNumber: string; quantityMicro: number }>();
    for (const line of before.lines) {
      const key = `${line.itemCode}\u0000${line.lotNumber}`;
      const entry = needed.get(key) ?? { itemCode: line.itemCode, lotNumber: line.lotNumber, quantityMicro: 0 };
      entry.quantityMicro += micro(line.quantity);
      needed.set(key, entry);
    }
    for (const need of [...needed.values()].sort((a, b) => (a.itemCode + a.lotNumber < b.itemCode + b.lotNumber ? -1 : 1))) {
      const lot = (await sql<{ quantity: string; status: string }>`select quantity::text, status from stock_lot where organization_id = ${org} and item_code = ${need.itemCode}
        and location_code = ${before.warehouseCode} and lot_number = ${need.lotNumber} and serial_number = '' for update`.execute(trx)).rows[0];
      const onHand = lot ? micro(lot.quantity) : 0;
      if (!lot || lot.status !== 'available' || onHand < need.quantityMicro) {
        throw new ShipmentError('invalid_input', 'shipments.error.notEnoughLotAtDispatch', {
          shipment: before.shipmentNumber, item: need.itemCode, lot: need.lotNumber || '-', warehouse: before.warehouseCode, quantity: fromMicro(need.quantityMicro), available: lot?.status === 'available' ? fromMicro(onHand) : 0,
        }, 'lines');
      }
    }
    const occurredDate = dispatchedAt.slice(0, 10);
    const touchedOrders = new Set<string>();
    for (const line of before.lines) {
      await sql`insert into inventory_movement (organization_id, item_code, location_code, lot_number, movement_type, quantity, unit_cost, occurred_at, reference, reason, created_by)
        select ${org}, ${line.itemCode}, ${before.warehouseCode}, ${line.lotNumber}, 'shipment', ${-line.quantity}, standard_cost, ${dispatchedAt}::timestamptz, ${before.shipmentNumber},
          ${line.orderNumber === null ? null : `${line.orderNumber}/${line.orderLineNumber}`}, ${actorName(input.actor)}
        from item where organization_id = ${org} and code = ${line.itemCode}`.execute(trx);
      await sql`update stock_lot set quantity = quantity - ${line.quantity} where organization_id = ${org} and item_code = ${line.itemCode} and location_code = ${before.warehouseCode}
        and lot_number = ${line.lotNumber} and serial_number = ''`.execute(trx);
      if (line.orderNumber !== null && line.orderLineNumber !== null) {
        const updated = (await sql<{ over: boolean }>`update sales_order_line set shipped_quantity = shipped_quantity + ${line.quantity}
          where organization_id = ${org} and order_number = ${line.orderNumber} and line_number = ${line.orderLineNumber} returning shipped_quantity > quantity as over`.execute(trx)).rows[0];
        if (updated?.over) throw new ShipmentError('invalid_input', 'shipments.error.overShipped', { shipment: before.shipmentNumber, order: line.orderNumber, line: line.orderLineNumber }, 'lines');
        touchedOrders.add(line.orderNumber);
      }
    }
    await sql`delete from stock_lot where organization_id = ${org} and location_code = ${before.warehouseCode} and serial_number = '' and quantity <= 0
      and (item_code, lot_number) in (select item_code, lot_number from shipment_line where organization_id = ${org} and shipment_number = ${before.shipmentNumber})`.execute(trx);
    for (const orderNumber of [...touchedOrders].sort()) {
      await sql`update sales_order set status = case when (select bool_and(shipped_quantity >= quantity) from sales_order_line where organization_id = ${org} and order_number = ${orderNumber})
        then 'shipped' else 'partially_shipped' end where organization_id = ${org} and order_number = ${orderNumber} and status in ('open','confirmed','partially_shipped')`.execute(trx);
    }
    await sql`update shipment set status = 'dispatched', ship_date = ${occurredDate} where organization_id = ${org} and shipment_number = ${before.shipmentNumber}`.execute(trx);
    await addStatusEvent(trx, org, before.shipmentNumber, 'dispatched', dispatchedAt, actorName(input.actor));
    await integrationEmitWebhookEvent(trx, org, 'shipment.dispatched', {
      shipmentNumber: before.shipmentNumber, customerCode: before.customerCode, warehouseCode: before.warehouseCode, shipDate: occurredDate, dispatchedAt,
      lines: before.lines.map((l) => ({ lineNumber: l.lineNumber, orderNumber: l.orderNumber, orderLineNumber: l.orderLineNumber, itemCode: l.itemCode, lotNumber: l.lotNumber, quantity: l.quantity, sscc: l.sscc })),
    });
    const after = await loadShipment(trx, org, before.shipmentNumber);
    await recordAuditEntry(trx, { organizationId: org, actor: input.actor ?? SYSTEM_ACTOR, action: 'shipment.dispatch', entity: 'shipment', entityKey: before.shipmentNumber, before: { status: before.status }, after: { status: after.status, shipDate: after.shipDate } });
    return after;
  });
}

export type DeliverShipmentInput = {
  organizationId: string; shipmentNumber: string;
  /** When the consignee received the goods, ISO timestamp. */
  deliveredAt: string;
  receivedBy: string;
  /** Where the signature is kept: a scan file name, an e-POD id. */
  signatureReference?: string;
  note?: string;
  exceptions?: { exceptionType: ShipmentExceptionType; quantity: number; lineNumber?: number; note?: string }[];
  actor?: AuditActor;
};

/**
 * Records the proof of delivery of a dispatched shipment: delivered date/time, receiver, signature reference,
 * exceptions (damaged or short quantities, per line or for the whole shipment), status 'delivered' and
 * delivered_date, in one transaction. Exceptions are claims: the ledger does not move (a return brings goods back).
 * Throws ShipmentError: not dispatched, already delivered, unknown line, exception above the quantity shipped.
 */
export async function deliverShipment(handle: DatabaseHandle, input: DeliverShipmentInput): Promise<Shipment> {
  const org = input.organizationId;
  const deliveredAt = requireTimestamp(input.deliveredAt, 'deliveredAt');
  if (!input.receivedBy || input.receivedBy.trim() === '') throw new ShipmentError('invalid_input', 'shipments.error.receivedBy', {}, 'receivedBy');
  const exceptions = input.exceptions ?? [];
  exceptions.forEach((e, index) => {
    if (!SHIPMENT_EXCEPTION_TYPES.includes(e.exceptionType)) throw new ShipmentError('invalid_input', 'shipments.error.choice', { field: `exceptions[${index}].exceptionType`, value: String(e.exceptionType), choices: SHIPMENT_EXCEPTION_TYPES.join(', ') }, `exceptions[${index}].exceptionType`);
    requirePositive(e.quantity, `exceptions[${index}].quantity`);
  });
  return inTransaction(handle, async (trx) => {
    const before = await loadShipment(trx, org, input.shipmentNumber, true);
    if (before.status === 'delivered') throw new ShipmentError('invalid_state', 'shipments.error.alreadyDelivered', { shipment: before.shipmentNumber, date: before.deliveredDate ?? '' }, 'status');
    if (before.status !== 'dispatched') throw new ShipmentError('invalid_state', 'shipments.error.notDispatched', { shipment: before.shipmentNumber, status: before.status }, 'status');
    const dispatched = [...before.history].reverse().find((h) => h.status === 'dispatched');
    if (dispatched && deliveredAt < dispatched.occurredAt) throw new ShipmentError('invalid_input', 'shipments.error.deliveredBeforeDispatch', { deliveredAt, dispatchedAt: dispatched.occurredAt }, 'deliveredAt');
    const total = before.lines.reduce((s, l) => s + micro(l.quantity), 0);
    const claimed = new Map<number | null, number>();
    exceptions.forEach((e, index) => {
      const line = e.lineNumber === undefined ? null : before.lines.find((l) => l.lineNumber === e.lineNumber);
      if (line === undefined) throw new ShipmentError('invalid_input', 'shipments.error.unknownLine', { shipment: before.shipmentNumber, line: String(e.lineNumber) }, `exceptions[${index}].lineNumber`);
      const key = line === null ? null : line.lineNumber;
      const sum = (claimed.get(key) ?? 0) + micro(e.quantity);
      claimed.set(key, sum);
      const limit = line === null ? total : micro(line.quantity);
      if (sum > limit) throw new ShipmentError('invalid_input', 'shipments.error.exceptionTooLarge', { quantity: fromMicro(sum), shipped: fromMicro(limit), line: line === null ? '-' : String(line.lineNumber) }, `exceptions[${index}].quantity`);
    });
    await sql`insert into shipment_delivery (organization_id, shipment_number, delivered_at, received_by, signature_reference, note, recorded_by)
      values (${org}, ${before.shipmentNumber}, ${deliveredAt}::timestamptz, ${input.receivedBy.trim()}, ${input.signatureReference ?? null}, ${input.note ?? null}, ${actorName(input.actor)})`.execute(trx);
    for (const [index, e] of exceptions.entries()) {
      await sql`insert into shipment_delivery_exception (organization_id, shipment_number, exception_number, line_number, exception_type, quantity, note)
        values (${org}, ${before.shipmentNumber}, ${index + 1}, ${e.lineNumber ?? null}, ${e.exceptionType}, ${e.quantity}, ${e.note ?? null})`.execute(trx);
    }
    await sql`update shipment set status = 'delivered', delivered_date = ${deliveredAt.slice(0, 10)} where organization_id = ${org} and shipment_number = ${before.shipmentNumber}`.execute(trx);
    const note = exceptions.length === 0 ? null : exceptions.map((e) => `${e.exceptionType} ${e.quantity}${e.lineNumber === undefined ? '' : ` (line ${e.lineNumber})`}`).join('; ');
    await addStatusEvent(trx, org, before.shipmentNumber, 'delivered', deliveredAt, actorName(input.actor), note);
    const after = await loadShipment(trx, org, before.shipmentNumber);
    await recordAuditEntry(trx, { organizationId: org, actor: input.actor ?? SYSTEM_ACTOR, action: 'shipment.deliver', entity: 'shipment', entityKey: before.shipmentNumber, before: { status: before.status }, after: { status: after.status, delivery: after.delivery } });
    return after;
  });
}

export type LoadShipmentsInput = { organizationId: string; shipmentNumbers: string[]; loadedAt?: string; vehicleCode?: string; carrierCode?: string; actor?: AuditActor };

/**
 * Loads planned shipments on one vehicle (a load), in one transaction: status 'loaded', history note naming the
 * vehicle and the load's shipments, carrier set when given. With a vehicle, the load must fit it:
 * Σ package weights ≤ capacity_kg (packages without a weight are not counted; the note names their shipments) and
 * Σ pallets ≤ capacity_pallets, and, when the vehicle has a capacity_m3, every package placed by the 3D packer
 * (planShipmentLoadIn: shipments in the order given = delivery order, full support, loading order by stop); the
 * placements are kept in the audit entry (re-drawn by planShipmentLoad / `flowpilot shipments load --svg`).
 * Stock still moves only at dispatch.
 * Example (test fixture): SH-1 (3 pallets, 75 kg known) + SH-2 (1 parcel, 25 kg) on a 60 kg van → refused, 100 kg > 60 kg.
 * Throws ShipmentError: not planned, unknown vehicle or carrier, over capacity, a shipment listed twice.
 */
export async function loadShipmentsOnVehicle(handle: DatabaseHandle, input: LoadShipmentsInput): Promise<Shipment[]> {
  const org = input.organizationId;
  const loadedAt = requireTimestamp(input.loadedAt ?? new Date().toISOString(), 'loadedAt');
  if (input.shipmentNumbers.length === 0) throw new ShipmentError('invalid_input', 'shipments.error.noShipments', {}, 'shipmentNumbers');
  const numbers = [...input.shipmentNumbers].sort();
  numbers.forEach((n, i) => {
    if (i > 0 && numbers[i - 1] === n) throw new ShipmentError('invalid_input', 'shipments.error.shipmentTwice', { shipment: n }, 'shipmentNumbers');
  });
  return inTransaction(handle, async (trx) => {
    const before: Shipment[] = [];
    for (const number of numbers) {
      const shipment = await loadShipment(trx, org, number, true);
      if (shipment.status !== 'planned') throw new ShipmentError('invalid_state', 'shipments.error.notPlanned', { shipment: shipment.shipmentNumber, status: shipment.status }, 'status');
      before.push(shipment);
    }
    let unweighed: string[] = [];
    let loadPlan: ShipmentLoadPlan | undefined;
    let noBody = false;
    if (input.vehicleCode) {
      const vehicle = (await sql<{ capacity_kg: string; capacity_pallets: number | null; capacity_m3: string | null; body_length_cm: string | null }>`select capacity_kg::text, capacity_pallets, capacity_m3::text, body_length_cm::text from vehicle where organization_id = ${org} and code = ${input.vehicleCode}`.execute(trx)).rows[0];
      if (!vehicle) throw new ShipmentError('not_found', 'shipments.error.unknownVehicle', { vehicle: input.vehicleCode }, 'vehicleCode');
      const weightKg = Math.round(before.reduce((s, sh) => s + sh.packages.reduce((w, p) => w + (p.grossWeightKg ?? 0), 0), 0) * 1e6) / 1e6;
      unweighed = before.filter((sh) => sh.packages.some((p) => p.grossWeightKg === null)).map((sh) => sh.shipmentNumber);
      if (weightKg > Number(vehicle.capacity_kg)) throw new ShipmentError('invalid_input', 'shipments.error.vehicleWeight', { vehicle: input.vehicleCode, weight: weightKg, capacity: Number(vehicle.capacity_kg) }, 'vehicleCode');
      const pallets = before.reduce((s, sh) => s + sh.packages.filter((p) => p.packageType === 'pallet').length, 0);
      if (vehicle.capacity_pallets !== null && pallets > vehicle.capacity_pallets) throw new ShipmentError('invalid_input', 'shipments.error.vehiclePallets', { vehicle: input.vehicleCode, pallets, capacity: vehicle.capacity_pallets }, 'vehicleCode');
      // The 3D load (core packer: orientations, payload, full support, loading order by stop) in the order given
      // (first shipment = first stop, loaded at the door); a vehicle with neither body dimensions nor capacity_m3 has no body to fill.
      if (vehicle.capacity_m3 !== null || vehicle.body_length_cm !== null) {
        const inStopOrder = input.shipmentNumbers.map((n) => before.find((sh) => sh.shipmentNumber === n)!);
        loadPlan = await planShipmentLoadIn(trx, { organizationId: org, shipmentNumbers: input.shipmentNumbers, vehicleCode: input.vehicleCode }, inStopOrder);
        if (loadPlan.status !== 'all_packed') {
          throw new ShipmentError('invalid_input', 'shipments.error.vehicleSpace', { vehicle: input.vehicleCode, count: loadPlan.unpacked.length, packages: loadPlan.unpacked.map((u) => `${u.shipmentNumber}#${u.packageNumber}`).join(', ') }, 'vehicleCode');
        }
      } else {
        noBody = true;
      }
    }
    if (input.carrierCode) {
      const carrier = (await sql`select 1 from carrier where organization_id = ${org} and code = ${input.carrierCode}`.execute(trx)).rows[0];
      if (!carrier) throw new ShipmentError('not_found', 'shipments.error.unknownCarrier', { carrier: input.carrierCode }, 'carrierCode');
    }
    const note = [
      input.vehicleCode ? `vehicle ${input.vehicleCode}` : null, numbers.length > 1 ? `load ${input.shipmentNumbers.join(' + ')}` : null, unweighed.length > 0 ? `weight unknown: ${unweighed.join(', ')}` : null,
      loadPlan ? `3D load: ${loadPlan.placements.length} package(s), ${Math.round(loadPlan.volumeUtilisation * 1000) / 10} % of the body` : null,
      noBody ? 'no 3D load: the vehicle has no capacity_m3' : null,
    ].filter((x) => x !== null).join('; ') || null;
    const after: Shipment[] = [];
    for (const shipment of before) {
      await sql`update shipment set status = 'loaded', carrier_code = coalesce(${input.carrierCode ?? null}, carrier_code) where organization_id = ${org} and shipment_number = ${shipment.shipmentNumber}`.execute(trx);
      await addStatusEvent(trx, org, shipment.shipmentNumber, 'loaded', loadedAt, actorName(input.actor), note);
      const loaded = await loadShipment(trx, org, shipment.shipmentNumber);
      await recordAuditEntry(trx, { organizationId: org, actor: input.actor ?? SYSTEM_ACTOR, action: 'shipment.load', entity: 'shipment', entityKey: shipment.shipmentNumber, before: { status: shipment.status }, after: { status: loaded.status, carrierCode: loaded.carrierCode, vehicleCode: input.vehicleCode ?? null, load: input.shipmentNumbers, ...(loadPlan ? { loadPlan: { container: loadPlan.container, placements: loadPlan.placements } } : {}) } });
      after.push(loaded);
    }
    return after;
  });
}

export type CancelShipmentInput = { organizationId: string; shipmentNumber: string; cancelledAt?: string; reason?: string; actor?: AuditActor };

/** Cancels a planned or loaded shipment: its lots and order quantities are free again; its SSCCs are never reused. */
export async function cancelShipment(handle: DatabaseHandle, input: CancelShipmentInput): Promise<Shipment> {
  const org = input.organizationId;
  const cancelledAt = requireTimestamp(input.cancelledAt ?? new Date().toISOString(), 'cancelledAt');
  return inTransaction(handle, async (trx) => {
    const before = await loadShipment(trx, org, input.shipmentNumber, true);
    if (before.status !== 'planned' && before.status !== 'loaded') throw new ShipmentError('invalid_state', 'shipments.error.notCancellable', { shipment: before.shipmentNumber, status: before.status }, 'status');
    await sql`update shipment set status = 'cancelled' where organization_id = ${org} and shipment_number = ${before.shipmentNumber}`.execute(trx);
    await addStatusEvent(trx, org, before.shipmentNumber, 'cancelled', cancelledAt, actorName(input.actor), input.reason ?? null);
    const after = await loadShipment(trx, org, before.shipmentNumber);
    await recordAuditEntry(trx, { organizationId: org, actor: input.actor ?? SYSTEM_ACTOR, action: 'shipment.cancel', entity: 'shipment', entityKey: before.shipmentNumber, before: { status: before.status }, after: { status: 'cancelled' }, reason: input.reason ?? null });
    return after;
  });
}
