import { sql, type Kysely } from 'kysely';
import type { Database } from '@flowpilot/db';
import {
  readEancomDespatchAdvice, readEancomInvoice, readEancomOrders, readEancomReceivingAdvice,
  type EancomItemRef, type EancomPartyRef, type EdiIssue, type EdiIssueCode, type EdifactInterchange, type EdifactMessage, type EdiSegment,
} from '@flowpilot/core';

/** What one received message becomes: the rows to write (run later in the interchange's transaction). */
export type InboundMessagePlan = {
  reference: string;
  type: string;
  documentNumber: string;
  entity: string | null;
  entityKey: string | null;
  issues: EdiIssue[];
  write: ((trx: Kysely<Database>, interchangeId: string) => Promise<void>) | null;
};

type Lookup = { db: Kysely<Database>; organizationId: string; interchange: EdifactInterchange; message: EdifactMessage; issues: EdiIssue[] };

function locate(lookup: Lookup, code: EdiIssueCode, segment: EdiSegment | null | undefined, elementPosition: number | null, params: Record<string, string | number>): void {
  lookup.issues.push({ code, segmentTag: segment?.tag ?? null, segmentPosition: segment?.position ?? null, elementPosition, componentPosition: elementPosition === null ? null : 1, messageReference: lookup.message.reference, params });
}

const segmentAt = (message: EdifactMessage, position: number | undefined): EdiSegment | undefined => message.segments.find((s) => s.position === position);
const firstSegment = (message: EdifactMessage, tag: string): EdiSegment | undefined => message.segments.find((s) => s.tag === tag);
const isGln = (party: { id: string; agency?: string }): boolean => party.agency === '9' || /^\d{13}$/.test(party.id);

/** Finds a customer or supplier by its NAD party (GLN when agency 9, else code), falling back on the UNB sender. */
async function findPartner(lookup: Lookup, table: 'customer' | 'supplier', party: EancomPartyRef | null): Promise<string | null> {
  const id = party?.id ?? lookup.interchange.sender.id;
  const byGln = party ? isGln(party) : lookup.interchange.sender.qualifier === '14' || /^\d{13}$/.test(id);
  const row = byGln
    ? (await sql<{ code: string }>`select code from ${sql.table(table)} where organization_id = ${lookup.organizationId} and gln = ${id}`.execute(lookup.db)).rows[0]
    : (await sql<{ code: string }>`select code from ${sql.table(table)} where organization_id = ${lookup.organizationId} and code = ${id}`.execute(lookup.db)).rows[0];
  if (!row) {
    const segment = party ? segmentAt(lookup.message, party.position) : undefined;
    locate(lookup, table === 'customer' ? 'unknown_customer' : 'unknown_supplier', segment ?? null, segment ? 2 : null, { value: id, by: byGln ? 'GLN' : 'code' });
    return null;
  }
  return row.code;
}

/**
 * Finds our item for a line: GTIN (item.gtin) first, else our own code as the partner wrote it — the
 * supplier's article number (PIA …:SA) when we are the supplier, the buyer's item number (…:IN) when we buy.
 */
async function findItem(lookup: Lookup, item: EancomItemRef, we: 'supply' | 'buy', linePosition: number): Promise<string | null> {
  const ownCode = we === 'supply' ? item.supplierItemCode : item.buyerItemCode;
  let row: { code: string } | undefined;
  if (item.gtin) row = (await sql<{ code: string }>`select code from item where organization_id = ${lookup.organizationId} and gtin = ${item.gtin}`.execute(lookup.db)).rows[0];
  if (!row && ownCode) row = (await sql<{ code: string }>`select code from item where organization_id = ${lookup.organizationId} and code = ${ownCode}`.execute(lookup.db)).rows[0];
  if (!row) {
    locate(lookup, 'unknown_item', segmentAt(lookup.message, linePosition), 3, { value: item.gtin ?? ownCode ?? item.supplierItemCode ?? item.buyerItemCode ?? '' });
    return null;
  }
  return row.code;
}

/**
 * The location a customer order ships from: the NAD+SF party (our location's GLN or code) when the buyer
 * names it; else the location of this customer's latest order line; else the first warehouse or
 * distribution centre by code. (NAD+DP is the customer's own delivery point, not one of our sites.)
 */
async function findShippingLocation(lookup: Lookup, shipFrom: EancomPartyRef | null | undefined, customerCode: string | null): Promise<string | null> {
  let row: { code: string } | undefined;
  if (shipFrom) {
    row = (await sql<{ code: string }>`select code from location where organization_id = ${lookup.organizationId} and (gln = ${shipFrom.id} or code = ${shipFrom.id}) order by gln = ${shipFrom.id} desc limit 1`.execute(lookup.db)).rows[0];
    if (!row) {
      const segment = segmentAt(lookup.message, shipFrom.position);
      locate(lookup, 'unknown_location', segment ?? null, segment ? 2 : null, { value: shipFrom.id });
      return null;
    }
    return row.code;
  }
  if (customerCode) {
    row = (await sql<{ code: string }>`select l.location_code as code from sales_order_line l join sales_order o on o.organization_id = l.organization_id and o.order_number = l.order_number
      where l.organization_id = ${lookup.organizationId} and o.customer_code = ${customerCode} order by o.order_date desc, o.order_number desc, l.line_number limit 1`.execute(lookup.db)).rows[0];
  }
  row ??= (await sql<{ code: string }>`select code from location where organization_id = ${lookup.organizationId} order by location_type = 'plant', code limit 1`.execute(lookup.db)).rows[0];
  if (!row) locate(lookup, 'unknown_location', null, null, { value: '' });
  return row?.code ?? null;
}

/** Reads one received message, maps it to our tables (customer order, supplier ASN, invoice, receiving advice) and returns its writes. */
export async function planInboundEdiMessage(db: Kysely<Database>, organizationId: string, interchange: EdifactInterchange, message: EdifactMessage): Promise<InboundMessagePlan> {
  const lookup: Lookup = { db, organizationId, interchange, message, issues: [] };
  const plan: InboundMessagePlan = { reference: message.reference, type: message.type, documentNumber: '', entity: null, entityKey: null, issues: lookup.issues, write: null };
  const bgm = firstSegment(message, 'BGM');
  switch (message.type) {
    case 'ORDERS': {
      const { order, issues } = readEancomOrders(message);
      lookup.issues.push(...issues);
      if (!order) return plan;
      plan.documentNumber = order.orderNumber;
      const customer = await findPartner(lookup, 'customer', order.buyer);
      const location = await findShippingLocation(lookup, order.shipFrom, customer);
      const items = await Promise.all(order.lines.map((l) => findItem(lookup, l.item, 'supply', l.position)));
      const taken = (await sql<{ n: string }>`select count(*)::text as n from sales_order where organization_id = ${organizationId} and order_number = ${order.orderNumber}`.execute(db)).rows[0]?.n !== '0';
      if (taken) locate(lookup, 'order_number_taken', bgm, 2, { value: order.orderNumber });
      if (lookup.issues.length > 0 || !customer || !location) return plan;
      plan.entity = 'sales_order';
      plan.entityKey = order.orderNumber;
      plan.write = async (trx) => {
        await sql`insert into sales_order (organization_id, order_number, customer_code, order_date, status) values (${organizationId}, ${order.orderNumber}, ${customer}, ${order.orderDate}, 'open')`.execute(trx);
        for (const [i, line] of order.lines.entries()) {
          await sql`insert into sales_order_line (organization_id, order_number, line_number, item_code, location_code, quantity, requested_date, unit_price)
            values (${organizationId}, ${order.orderNumber}, ${line.lineNumber}, ${items[i]}, ${location}, ${line.quantity}, ${line.requestedDeliveryDate ?? order.requestedDeliveryDate}, ${line.unitPrice})`.execute(trx);
        }
      };
      return plan;
    }
    case 'DESADV': {
      const { advice, issues } = readEancomDespatchAdvice(message);
      lookup.issues.push(...issues);
      if (!advice) return plan;
      plan.documentNumber = advice.despatchNumber;
      const supplier = await findPartner(lookup, 'supplier', advice.supplier);
      const items = await Promise.all(advice.lines.map((l) => findItem(lookup, l.item, 'buy', l.position)));
      if (supplier) {
        for (const line of advice.lines) {
          if (!line.orderNumber) continue;
          const found = (await sql<{ n: string }>`select count(*)::text as n from purchase_order_line l join purchase_order o on o.organization_id = l.organization_id and o.order_number = l.order_number
            where l.organization_id = ${organizationId} and l.order_number = ${line.orderNumber} and o.supplier_code = ${supplier} and (${line.orderLineNumber}::int is null or l.line_number = ${line.orderLineNumber})`.execute(db)).rows[0]?.n;
          if (found === '0') locate(lookup, 'unknown_order', segmentAt(message, line.position), null, { value: line.orderLineNumber === null ? line.orderNumber : `${line.orderNumber}:${line.orderLineNumber}` });
        }
      }
      if (lookup.issues.length > 0 || !supplier) return plan;
      plan.entity = 'expected_receipt';
      plan.entityKey = `${supplier}/${advice.despatchNumber}`;
      plan.write = async (trx, interchangeId) => {
        for (const [i, line] of advice.lines.entries()) {
          await sql`insert into expected_receipt (organization_id, supplier_code, despatch_number, line_number, purchase_order_number, purchase_order_line_number, item_code, lot_number, sscc, expiry_date, quantity, despatch_date, expected_date, interchange_id)
            values (${organizationId}, ${supplier}, ${advice.despatchNumber}, ${line.lineNumber}, ${line.orderNumber}, ${line.orderLineNumber}, ${items[i]}, ${line.lotNumber ?? ''}, ${line.sscc}, ${line.expiryDate}, ${line.quantity}, ${advice.despatchDate}, ${advice.estimatedDeliveryDate}, ${interchangeId})`.execute(trx);
        }
      };
      return plan;
    }
    case 'INVOIC': {
      const { invoice, issues } = readEancomInvoice(message);
      lookup.issues.push(...issues);
      if (!invoice) return plan;
      plan.documentNumber = invoice.invoiceNumber;
      const supplier = await findPartner(lookup, 'supplier', invoice.supplier);
      const items = await Promise.all(invoice.lines.map((l) => findItem(lookup, l.item, 'buy', l.position)));
      if (supplier && invoice.orderNumber) {
        const found = (await sql<{ n: string }>`select count(*)::text as n from purchase_order where organization_id = ${organizationId} and order_number = ${invoice.orderNumber} and supplier_code = ${supplier}`.execute(db)).rows[0]?.n;
        if (found === '0') locate(lookup, 'unknown_order', message.segments.find((s) => s.tag === 'RFF' && s.elements[0]?.[0] === 'ON'), 1, { value: invoice.orderNumber });
      }
      if (lookup.issues.length > 0 || !supplier) return plan;
      plan.entity = 'supplier_invoice';
      plan.entityKey = `${supplier}/${invoice.invoiceNumber}`;
      plan.write = async (trx, interchangeId) => {
        await sql`insert into supplier_invoice (organization_id, supplier_code, invoice_number, invoice_date, purchase_order_number, currency, total_amount, interchange_id)
          values (${organizationId}, ${supplier}, ${invoice.invoiceNumber}, ${invoice.invoiceDate}, ${invoice.orderNumber}, ${invoice.currency ?? 'EUR'}, ${invoice.totalAmount}, ${interchangeId})`.execute(trx);
        for (const [i, line] of invoice.lines.entries()) {
          await sql`insert into supplier_invoice_line (organization_id, supplier_code, invoice_number, line_number, item_code, quantity, unit_price, line_amount)
            values (${organizationId}, ${supplier}, ${invoice.invoiceNumber}, ${line.lineNumber}, ${items[i]}, ${line.quantity}, ${line.unitPrice}, ${line.lineAmount})`.execute(trx);
        }
      };
      return plan;
    }
    case 'RECADV': {
      const { advice, issues } = readEancomReceivingAdvice(message);
      lookup.issues.push(...issues);
      if (!advice) return plan;
      plan.documentNumber = advice.adviceNumber;
      const customer = await findPartner(lookup, 'customer', advice.buyer);
      const items = await Promise.all(advice.lines.map((l) => findItem(lookup, l.item, 'supply', l.position)));
      const shipment = customer ? (await sql<{ shipment_number: string }>`select shipment_number from shipment where organization_id = ${organizationId} and shipment_number = ${advice.despatchAdviceNumber} and customer_code = ${customer}`.execute(db)).rows[0] : undefined;
      if (customer && !shipment) locate(lookup, 'unknown_shipment', message.segments.find((s) => s.tag === 'RFF' && s.elements[0]?.[0] === 'AAK'), 1, { value: advice.despatchAdviceNumber ?? '' });
      if (lookup.issues.length > 0 || !customer || !shipment) return plan;
      plan.entity = 'receiving_advice';
      plan.entityKey = `${customer}/${advice.adviceNumber}`;
      plan.write = async (trx) => {
        for (const [i, line] of advice.lines.entries()) {
          await sql`insert into receiving_advice_line (organization_id, customer_code, advice_number, line_number, shipment_number, item_code, lot_number, quantity_received, quantity_accepted, receipt_date)
            values (${organizationId}, ${customer}, ${advice.adviceNumber}, ${line.lineNumber}, ${shipment.shipment_number}, ${items[i]}, ${line.lotNumber ?? ''}, ${line.quantityReceived}, ${line.quantityAccepted}, ${advice.receiptDate ?? advice.documentDate})`.execute(trx);
        }
        await sql`update shipment set status = 'delivered', delivered_date = ${advice.receiptDate ?? advice.documentDate} where organization_id = ${organizationId} and shipment_number = ${shipment.shipment_number} and status <> 'cancelled'`.execute(trx);
      };
      return plan;
    }
    case 'CONTRL': {
      // A partner's acknowledgement of what we sent: stored with the interchange, nothing else to apply.
      plan.documentNumber = `${interchange.controlReference}/${message.reference}`;
      plan.write = async () => {};
      return plan;
    }
    default: {
      const unh: EdiSegment = { tag: 'UNH', elements: [], position: message.headerPosition };
      locate(lookup, 'unsupported_message', unh, 2, { value: message.type, expected: 'ORDERS, DESADV, INVOIC, RECADV, CONTRL' });
      return plan;
    }
  }
}
