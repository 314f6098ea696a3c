import { sql, type Kysely } from 'kysely';
import type { Database, DatabaseHandle } from '@flowpilot/db';
import { toDbError } from '@flowpilot/db';
import {
  buildEancomDespatchAdvice, buildEancomOrderResponse, buildEancomOrders, buildSscc, promiseOrderLines, writeEdifactInterchange,
  type EdiParty, type EdifactMessageInput, type OrderLinePromise,
} from '@flowpilot/core';
import { ediStampOf, newIntegrationId, nextIntegrationCounter, ourEdiParty, partnerEdiParty } from './integration-ids';
import { dispatchShipment } from '../shipments/run-shipments';
import { recordAuditEntry, type AuditActor } from '../auth/audit';
import { INTEGRATION_CLI_ACTOR } from './webhooks';

export type IntegrationOutboundType = 'ORDERS' | 'ORDRSP' | 'DESADV';
export const INTEGRATION_OUTBOUND_TYPES: readonly IntegrationOutboundType[] = ['ORDERS', 'ORDRSP', 'DESADV'];

export type IntegrationSendOptions = {
  organizationId: string;
  messageType: IntegrationOutboundType;
  /** Purchase order number (ORDERS), sales order number (ORDRSP) or shipment number (DESADV). */
  documentNumber: string;
  /** The caller's clock: document date, promise as-of date and interchange stamp. */
  now: Date;
  sentBy?: string;
  /** Who generated it, for the audit trail (the command line when absent). */
  actor?: AuditActor;
};

export type IntegrationSendResult = {
  interchangeId: string;
  controlReference: string;
  messageType: IntegrationOutboundType;
  documentNumber: string;
  recipient: EdiParty;
  /** The EDIFACT interchange to hand to the partner. */
  text: string;
  /** ORDRSP: each line's promised date and why (explainable); DESADV: SSCCs assigned now. */
  promises?: (OrderLinePromise & { lineNumber: number; requestedDate: string })[];
  assignedSsccs?: { lineNumber: number; sscc: string }[];
};

/** Raised when the document to send does not exist in this organization. */
export class IntegrationNotFoundError extends Error {
  constructor(readonly entity: string, readonly key: string) {
    super(`${entity} ${key} not found`);
    this.name = 'IntegrationNotFoundError';
  }
}

const partyRef = (code: string, gln: string | null, ownAgency: '91' | '92'): { id: string; agency: string } => (gln ? { id: gln, agency: '9' } : { id: code, agency: ownAgency });

/**
 * Generates an outgoing EANCOM message from stored data and records it, in one transaction:
 * ORDERS from a purchase order (status → sent), ORDRSP from a sales order with promised dates computed
 * by cumulative ATP over stock and scheduled receipts (written to the order lines, order → confirmed),
 * DESADV from a shipment with its SSCCs (assigned from the organization's GS1 company prefix when missing),
 * lots and expiry dates (shipment → dispatched, webhook event shipment.dispatched).
 * Throws IntegrationNotFoundError when the document is not in the organization.
 */
export async function runSendEdiMessage(handle: DatabaseHandle, options: IntegrationSendOptions): Promise<IntegrationSendResult> {
  if (options.messageType === 'DESADV') {
    // A despatch advice announces goods that left: a planned or loaded shipment is dispatched first, with
    // its ledger movements, shipped quantities and event (one transaction, see dispatchShipment).
    const status = (await sql<{ status: string }>`select status from shipment where organization_id = ${options.organizationId} and shipment_number = ${options.documentNumber}`.execute(handle.db)).rows[0]?.status;
    if (status === 'planned' || status === 'loaded') await dispatchShipment(handle, { organizationId: options.organizationId, shipmentNumber: options.documentNumber, dispatchedAt: options.now.toISOString() });
  }
  try {
    return await handle.db.transaction().execute(async (trx) => {
      const org = options.organizationId;
      const us = await ourEdiParty(trx, org);
      const stamp = ediStampOf(options.now);
      let built: { message: EdifactMessageInput; recipient: EdiParty; extra: Partial<IntegrationSendResult> };
      switch (options.messageType) {
        case 'ORDERS': built = await buildOrders(trx, org, options.documentNumber, us); break;
        case 'ORDRSP': built = await buildOrderResponse(trx, org, options.documentNumber, us, stamp.date); break;
        case 'DESADV': built = await buildDespatchAdvice(trx, org, options.documentNumber, us, stamp.date); break;
      }
      const number = await nextIntegrationCounter(trx, org, 'interchange');
      const controlReference = String(number);
      const text = writeEdifactInterchange({ sender: us, recipient: built.recipient, controlReference, preparedDate: stamp.date, preparedTime: stamp.time, applicationReference: 'EANCOM', messages: [built.message] });
      const interchangeId = newIntegrationId('edi');
      await sql`insert into edi_interchange (id, organization_id, direction, sender_id, sender_qualifier, recipient_id, recipient_qualifier, control_reference, syntax_identifier, status, message_count, content, created_by)
        values (${interchangeId}, ${org}, 'out', ${us.id}, ${us.qualifier}, ${built.recipient.id}, ${built.recipient.qualifier}, ${controlReference}, 'UNOC', 'sent', 1, ${text}, ${options.sentBy ?? null})`.execute(trx);
      await sql`insert into edi_message (interchange_id, message_reference, organization_id, direction, sender_id, message_type, document_number, status, entity, entity_key)
        values (${interchangeId}, '1', ${org}, 'out', ${us.id}, ${options.messageType}, ${String(built.message.segments[0]?.elements[1] ?? options.documentNumber)}, 'sent',
          ${options.messageType === 'ORDERS' ? 'purchase_order' : options.messageType === 'ORDRSP' ? 'sales_order' : 'shipment'}, ${options.documentNumber})`.execute(trx);
      await recordAuditEntry(trx, { organizationId: org, actor: options.actor ?? INTEGRATION_CLI_ACTOR, action: 'send', entity: 'edi_interchange', entityKey: interchangeId,
        after: { messageType: options.messageType, documentNumber: options.documentNumber, recipientId: built.recipient.id, controlReference } });
      return { interchangeId, controlReference, messageType: options.messageType, documentNumber: options.documentNumber, recipient: built.recipient, text, ...built.extra };
    });
  } catch (error) {
    if (error instanceof IntegrationNotFoundError) throw error;
    throw toDbError(error);
  }
}

async function buildOrders(trx: Kysely<Database>, org: string, orderNumber: string, us: EdiParty): Promise<{ message: EdifactMessageInput; recipient: EdiParty; extra: Partial<IntegrationSendResult> }> {
  const order = (await sql<{ supplier_code: string; order_date: string; currency: string; gln: string | null; status: string }>`select o.supplier_code, o.order_date::text, o.currency, s.gln, o.status
    from purchase_order o join supplier s on s.organization_id = o.organization_id and s.code = o.supplier_code where o.organization_id = ${org} and o.order_number = ${orderNumber}`.execute(trx)).rows[0];
  if (!order) throw new IntegrationNotFoundError('purchase_order', orderNumber);
  const lines = (await sql<{ line_number: number; item_code: string; gtin: string | null; quantity: string; unit_price: string; due_date: string; location_gln: string | null }>`
    select l.line_number, l.item_code, i.gtin, (l.quantity - l.received_quantity)::text as quantity, l.unit_price::text, l.due_date::text, loc.gln as location_gln
    from purchase_order_line l join item i on i.organization_id = l.organization_id and i.code = l.item_code
    join location loc on loc.organization_id = l.organization_id and loc.code = l.location_code
    where l.organization_id = ${org} and l.order_number = ${orderNumber} and l.quantity > l.received_quantity order by l.line_number`.execute(trx)).rows;
  const deliveryGln = lines.find((l) => l.location_gln)?.location_gln ?? null;
  const message = buildEancomOrders({
    orderNumber, orderDate: order.order_date, requestedDeliveryDate: null,
    buyer: { id: us.id, agency: us.qualifier === '14' ? '9' : '91' }, supplier: partyRef(order.supplier_code, order.gln, '92'),
    deliveryParty: deliveryGln ? { id: deliveryGln, agency: '9' } : null, currency: order.currency,
    lines: lines.map((l) => ({ lineNumber: l.line_number, item: { gtin: l.gtin, supplierItemCode: null, buyerItemCode: l.item_code }, quantity: decimalText(l.quantity), requestedDeliveryDate: l.due_date, unitPrice: decimalText(l.unit_price) })),
  }, '1');
  if (order.status === 'draft' || order.status === 'approved') await sql`update purchase_order set status = 'sent' where organization_id = ${org} and order_number = ${orderNumber}`.execute(trx);
  return { message, recipient: partnerEdiParty(order.supplier_code, order.gln), extra: {} };
}

async function buildOrderResponse(trx: Kysely<Database>, org: string, orderNumber: string, us: EdiParty, today: string): Promise<{ message: EdifactMessageInput; recipient: EdiParty; extra: Partial<IntegrationSendResult> }> {
  const order = (await sql<{ customer_code: string; gln: string | null; status: string }>`select o.customer_code, c.gln, o.status from sales_order o join customer c on c.organization_id = o.organization_id and c.code = o.customer_code
    where o.organization_id = ${org} and o.order_number = ${orderNumber}`.execute(trx)).rows[0];
  if (!order) throw new IntegrationNotFoundError('sales_order', orderNumber);
  // Every open demand competes for the stock: promises are computed over all open order lines.
  const open = (await sql<{ order_number: string; line_number: number; item_code: string; location_code: string; quantity: string; requested_date: string }>`
    select l.order_number, l.line_number, l.item_code, l.location_code, (l.quantity - l.shipped_quantity)::text as quantity, l.requested_date::text
    from sales_order_line l join sales_order o on o.organization_id = l.organization_id and o.order_number = l.order_number
    where l.organization_id = ${org} and o.status in ('open','confirmed','partially_shipped') and l.quantity > l.shipped_quantity`.execute(trx)).rows;
  const onHand = (await sql<{ item_code: string; location_code: string; quantity: string }>`select item_code, location_code, sum(quantity)::text as quantity from stock_lot
    where organization_id = ${org} and status = 'available' group by item_code, location_code`.execute(trx)).rows;
  const receipts = (await sql<{ item_code: string; location_code: string; quantity: string; due_date: string }>`
    select l.item_code, l.location_code, (l.quantity - l.received_quantity)::text as quantity, l.due_date::text from purchase_order_line l join purchase_order o on o.organization_id = l.organization_id and o.order_number = l.order_number
      where l.organization_id = ${org} and o.status in ('draft','approved','sent','partially_received') and l.quantity > l.received_quantity
    union all select item_code, location_code, (quantity - completed_quantity)::text, due_date::text from production_order where organization_id = ${org} and status in ('firm','released') and quantity > completed_quantity
    union all select item_code, to_location_code, quantity::text, due_date::text from transfer_order where organization_id = ${org} and status in ('planned','released','in_transit')`.execute(trx)).rows;
  const leadTimes = (await sql<{ code: string; lead_time_days: number }>`select code, lead_time_days from item where organization_id = ${org}`.execute(trx)).rows;
  const promises = promiseOrderLines({
    asOfDate: today,
    lines: open.map((l) => ({ key: `${l.order_number}\u0001${l.line_number}`, itemCode: l.item_code, locationCode: l.location_code, quantity: Number(l.quantity), requestedDate: l.requested_date })),
    onHand: onHand.map((s) => ({ itemCode: s.item_code, locationCode: s.location_code, quantity: Number(s.quantity) })),
    receipts: receipts.map((r) => ({ itemCode: r.item_code, locationCode: r.location_code, quantity: Number(r.quantity), dueDate: r.due_date })),
    leadTimeDaysByItem: Object.fromEntries(leadTimes.map((i) => [i.code, Number(i.lead_time_days)])),
  });
  const promiseOf = new Map(promises.map((p) => [p.key, p]));
  const lines = (await sql<{ line_number: number; item_code: string; gtin: string | null; quantity: string; requested_date: string; promised_date: string | null; shipped: boolean }>`
    select l.line_number, l.item_code, i.gtin, l.quantity::text, l.requested_date::text, l.promised_date::text, l.shipped_quantity >= l.quantity as shipped
    from sales_order_line l join item i on i.organization_id = l.organization_id and i.code = l.item_code where l.organization_id = ${org} and l.order_number = ${orderNumber} order by l.line_number`.execute(trx)).rows;
  const explained: NonNullable<IntegrationSendResult['promises']> = [];
  const responseLines = [];
  for (const line of lines) {
    const promise = promiseOf.get(`${orderNumber}\u0001${line.line_number}`);
    const promisedDate = promise?.promisedDate ?? line.promised_date ?? line.requested_date;
    if (promise) {
      explained.push({ ...promise, lineNumber: line.line_number, requestedDate: line.requested_date });
      await sql`update sales_order_line set promised_date = ${promisedDate} where organization_id = ${org} and order_number = ${orderNumber} and line_number = ${line.line_number}`.execute(trx);
    }
    responseLines.push({ lineNumber: line.line_number, actionCode: promisedDate > line.requested_date ? '6' as const : '5' as const, item: { gtin: line.gtin, supplierItemCode: line.item_code, buyerItemCode: null }, quantity: decimalText(line.quantity), promisedDate });
  }
  const number = await nextIntegrationCounter(trx, org, 'ordrsp');
  const message = buildEancomOrderResponse({
    responseNumber: `RSP${number}`, responseDate: today, responseType: responseLines.every((l) => l.actionCode === '5') ? '29' : '4', orderNumber,
    buyer: partyRef(order.customer_code, order.gln, '91'), supplier: { id: us.id, agency: us.qualifier === '14' ? '9' : '91' }, lines: responseLines,
  }, '1');
  if (order.status === 'open') await sql`update sales_order set status = 'confirmed' where organization_id = ${org} and order_number = ${orderNumber}`.execute(trx);
  return { message, recipient: partnerEdiParty(order.customer_code, order.gln), extra: { promises: explained } };
}

async function buildDespatchAdvice(trx: Kysely<Database>, org: string, shipmentNumber: string, us: EdiParty & { gs1CompanyPrefix: string | null }, today: string): Promise<{ message: EdifactMessageInput; recipient: EdiParty; extra: Partial<IntegrationSendResult> }> {
  const shipment = (await sql<{ customer_code: string; gln: string | null; ship_date: string; planned_delivery_date: string | null; status: string; from_location_code: string }>`
    select s.customer_code, c.gln, s.ship_date::text, s.planned_delivery_date::text, s.status, s.from_location_code from shipment s join customer c on c.organization_id = s.organization_id and c.code = s.customer_code
    where s.organization_id = ${org} and s.shipment_number = ${shipmentNumber}`.execute(trx)).rows[0];
  if (!shipment) throw new IntegrationNotFoundError('shipment', shipmentNumber);
  const lines = (await sql<{ line_number: number; item_code: string; gtin: string | null; lot_number: string; quantity: string; sscc: string | null; sales_order_number: string | null; sales_order_line_number: number | null; expiry_date: string | null }>`
    select l.line_number, l.item_code, i.gtin, l.lot_number, l.quantity::text, l.sscc, l.sales_order_number, l.sales_order_line_number,
      (select max(expiry_date)::text from stock_lot sl where sl.organization_id = l.organization_id and sl.item_code = l.item_code and sl.location_code = ${shipment.from_location_code} and sl.lot_number = l.lot_number and l.lot_number <> '') as expiry_date
    from shipment_line l join item i on i.organization_id = l.organization_id and i.code = l.item_code where l.organization_id = ${org} and l.shipment_number = ${shipmentNumber} order by l.line_number`.execute(trx)).rows;
  const assigned: { lineNumber: number; sscc: string }[] = [];
  if (us.gs1CompanyPrefix) {
    for (const line of lines.filter((l) => l.sscc === null)) {
      const serial = await nextIntegrationCounter(trx, org, 'sscc');
      line.sscc = buildSscc({ extensionDigit: 0, companyPrefix: us.gs1CompanyPrefix, serialReference: serial }).sscc;
      assigned.push({ lineNumber: line.line_number, sscc: line.sscc });
      await sql`update shipment_line set sscc = ${line.sscc} where organization_id = ${org} and shipment_number = ${shipmentNumber} and line_number = ${line.line_number}`.execute(trx);
    }
  }
  const orderNumbers = [...new Set(lines.map((l) => l.sales_order_number).filter((n): n is string => n !== null))];
  const message = buildEancomDespatchAdvice({
    despatchNumber: shipmentNumber, documentDate: today, despatchDate: shipment.ship_date, estimatedDeliveryDate: shipment.planned_delivery_date,
    orderNumber: orderNumbers.length === 1 ? orderNumbers[0]! : null,
    supplier: { id: us.id, agency: us.qualifier === '14' ? '9' : '91' }, buyer: partyRef(shipment.customer_code, shipment.gln, '91'), deliveryParty: shipment.gln ? { id: shipment.gln, agency: '9' } : null,
    lines: lines.map((l) => ({ lineNumber: l.line_number, item: { gtin: l.gtin, supplierItemCode: l.item_code, buyerItemCode: null }, quantity: decimalText(l.quantity), sscc: l.sscc, lotNumber: l.lot_number === '' ? null : l.lot_number, expiryDate: l.expiry_date, orderNumber: l.sales_order_number, orderLineNumber: l.sales_order_line_number })),
  }, '1');
  return { message, recipient: partnerEdiParty(shipment.customer_code, shipment.gln), extra: { assignedSsccs: assigned } };
}

/** '48.000000' → '48': numbers as the partner expects them, no trailing zeros. */
function decimalText(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}
