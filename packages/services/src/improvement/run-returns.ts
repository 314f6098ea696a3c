import { sql, type Transaction } from 'kysely';
import type { Database, DatabaseHandle } from '@flowpilot/db';
import { CoreError } from '@flowpilot/core';
import { recordAuditEntry, type AuditActor } from '../auth/audit';
import { inTransaction, requireDate } from './internal/record-helpers';

export const IMPROVEMENT_RETURN_REASONS = ['damaged', 'defective', 'wrong_item', 'not_needed', 'expired', 'other'] as const;
export const IMPROVEMENT_RETURN_DISPOSITIONS = ['restock', 'refurbish', 'return_to_supplier', 'recycle', 'scrap'] as const;
export const IMPROVEMENT_INSPECTION_RESULTS = ['as_new', 'repairable', 'unusable'] as const;
export type ImprovementReturnReason = (typeof IMPROVEMENT_RETURN_REASONS)[number];
export type ImprovementReturnDisposition = (typeof IMPROVEMENT_RETURN_DISPOSITIONS)[number];
export type ImprovementInspectionResult = (typeof IMPROVEMENT_INSPECTION_RESULTS)[number];
export type ImprovementReturnStatus = 'authorized' | 'received' | 'inspected' | 'closed' | 'cancelled';

/** One return (RMA) as stored. */
export type ImprovementReturn = {
  rmaNumber: string; customerCode: string; itemCode: string; lotNumber: string; quantity: number; reason: ImprovementReturnReason; status: ImprovementReturnStatus;
  disposition: ImprovementReturnDisposition | null; authorizedDate: string; receivedDate: string | null; locationCode: string | null;
  inspectedDate: string | null; inspectionResult: ImprovementInspectionResult | null; inspectionNote: string | null; disposedDate: string | null;
  returnCostEur: number; creditAmountEur: number | null;
};

const SYSTEM_ACTOR: AuditActor = { userId: null, email: null, via: 'system' };
type Db = DatabaseHandle['db'] | Transaction<Database>;

type ReturnRow = {
  rma_number: string; customer_code: string; item_code: string; lot_number: string; quantity: string; reason: ImprovementReturnReason; status: ImprovementReturnStatus;
  disposition: ImprovementReturnDisposition | null; authorized_date: string; received_date: string | null; location_code: string | null; inspected_date: string | null;
  inspection_result: ImprovementInspectionResult | null; inspection_note: string | null; disposed_date: string | null; return_cost_eur: string; credit_amount_eur: string | null;
};

const RETURN_COLUMNS = sql`rma_number, customer_code, item_code, lot_number, quantity::text, reason, status, disposition, authorized_date::text, received_date::text, location_code,
  inspected_date::text, inspection_result, inspection_note, disposed_date::text, return_cost_eur::text, credit_amount_eur::text`;

function toReturn(row: ReturnRow): ImprovementReturn {
  return {
    rmaNumber: row.rma_number, customerCode: row.customer_code, itemCode: row.item_code, lotNumber: row.lot_number, quantity: Number(row.quantity), reason: row.reason,
    status: row.status, disposition: row.disposition, authorizedDate: row.authorized_date, receivedDate: row.received_date, locationCode: row.location_code,
    inspectedDate: row.inspected_date, inspectionResult: row.inspection_result, inspectionNote: row.inspection_note, disposedDate: row.disposed_date,
    returnCostEur: Number(row.return_cost_eur), creditAmountEur: row.credit_amount_eur === null ? null : Number(row.credit_amount_eur),
  };
}

/** The quarantine lot a received return sits in until its disposition: the RMA number. */
export function improvementReturnLot(rmaNumber: string): string {
  return rmaNumber;
}

async function lockReturn(db: Db, organizationId: string, rmaNumber: string): Promise<ImprovementReturn> {
  const row = (await sql<ReturnRow>`select ${RETURN_COLUMNS} from return_order where organization_id = ${organizationId} and rma_number = ${rmaNumber} for update`.execute(db)).rows[0];
  if (!row) throw new CoreError('unknown_reference', `Return ${rmaNumber} does not exist: check the RMA number (flowpilot returns list)`, { path: 'rmaNumber' });
  return toReturn(row);
}

function requireStatus(ret: ImprovementReturn, expected: ImprovementReturnStatus, step: string): void {
  if (ret.status !== expected) {
    throw new CoreError('invalid_input', `Return ${ret.rmaNumber} is ${ret.status}: it must be ${expected} to be ${step}`, { path: 'status', details: { rmaNumber: ret.rmaNumber, status: ret.status, expected } });
  }
}

export type AuthorizeImprovementReturnInput = {
  organizationId: string; rmaNumber?: string; customerCode: string; itemCode: string; lotNumber?: string; quantity: number; reason: ImprovementReturnReason;
  authorizedDate: string; locationCode?: string; actor?: AuditActor;
};

/** Authorises a return (RMA): checks customer, item, quantity > 0 and reason; numbers it RMA-n when no number is given. */
export async function authorizeImprovementReturn(handle: DatabaseHandle, input: AuthorizeImprovementReturnInput): Promise<ImprovementReturn> {
  if (!(input.quantity > 0) || !Number.isFinite(input.quantity)) throw new CoreError('invalid_input', `quantity must be a number > 0, got ${input.quantity}`, { path: 'quantity' });
  if (!IMPROVEMENT_RETURN_REASONS.includes(input.reason)) throw new CoreError('invalid_input', `reason must be one of ${IMPROVEMENT_RETURN_REASONS.join(', ')}, got "${input.reason}"`, { path: 'reason' });
  requireDate(input.authorizedDate, 'authorizedDate');
  return inTransaction(handle, async (trx) => {
    const org = input.organizationId;
    const customer = (await sql`select 1 from customer where organization_id = ${org} and code = ${input.customerCode}`.execute(trx)).rows[0];
    if (!customer) throw new CoreError('unknown_reference', `Customer ${input.customerCode} does not exist`, { path: 'customerCode' });
    const item = (await sql`select 1 from item where organization_id = ${org} and code = ${input.itemCode}`.execute(trx)).rows[0];
    if (!item) throw new CoreError('unknown_reference', `Item ${input.itemCode} does not exist`, { path: 'itemCode' });
    if (input.locationCode) {
      const location = (await sql`select 1 from location where organization_id = ${org} and code = ${input.locationCode}`.execute(trx)).rows[0];
      if (!location) throw new CoreError('unknown_reference', `Location ${input.locationCode} does not exist`, { path: 'locationCode' });
    }
    let rmaNumber = input.rmaNumber;
    if (!rmaNumber) {
      const last = (await sql<{ n: string | null }>`select max(substring(rma_number from '^RMA-([0-9]+)$')::bigint)::text as n from return_order where organization_id = ${org}`.execute(trx)).rows[0]?.n;
      rmaNumber = `RMA-${Number(last ?? 0) + 1}`;
    }
    const exists = (await sql`select 1 from return_order where organization_id = ${org} and rma_number = ${rmaNumber}`.execute(trx)).rows[0];
    if (exists) throw new CoreError('invalid_input', `Return ${rmaNumber} already exists: choose another number`, { path: 'rmaNumber' });
    await sql`insert into return_order (organization_id, rma_number, customer_code, item_code, lot_number, quantity, reason, status, authorized_date, location_code)
      values (${org}, ${rmaNumber}, ${input.customerCode}, ${input.itemCode}, ${input.lotNumber ?? ''}, ${input.quantity}, ${input.reason}, 'authorized', ${input.authorizedDate}, ${input.locationCode ?? null})`.execute(trx);
    const created = await lockReturn(trx, org, rmaNumber);
    await recordAuditEntry(trx, { organizationId: org, actor: input.actor ?? SYSTEM_ACTOR, action: 'return.authorize', entity: 'return_order', entityKey: rmaNumber, after: created });
    return created;
  });
}

export type ReceiveImprovementReturnInput = { organizationId: string; rmaNumber: string; receivedDate: string; locationCode?: string; actor?: AuditActor };

/**
 * Receives an authorised return: posts a 'return_receipt' movement (+quantity, item standard cost,
 * reference = RMA) into a quarantine lot named after the RMA at the receiving location, in one
 * transaction with the status change. Throws unknown_reference, invalid_input (wrong status, no location).
 */
export async function receiveImprovementReturn(handle: DatabaseHandle, input: ReceiveImprovementReturnInput): Promise<ImprovementReturn> {
  requireDate(input.receivedDate, 'receivedDate');
  return inTransaction(handle, async (trx) => {
    const org = input.organizationId;
    const ret = await lockReturn(trx, org, input.rmaNumber);
    requireStatus(ret, 'authorized', 'received');
    const location = input.locationCode ?? ret.locationCode;
    if (!location) throw new CoreError('invalid_input', `Return ${ret.rmaNumber} has no receiving location: give one (--location)`, { path: 'locationCode' });
    const known = (await sql`select 1 from location where organization_id = ${org} and code = ${location}`.execute(trx)).rows[0];
    if (!known) throw new CoreError('unknown_reference', `Location ${location} does not exist`, { path: 'locationCode' });
    const lot = improvementReturnLot(ret.rmaNumber);
    await sql`insert into inventory_movement (organization_id, item_code, location_code, lot_number, movement_type, quantity, unit_cost, occurred_at, reference, reason)
      select ${org}, ${ret.itemCode}, ${location}, ${lot}, 'return_receipt', ${ret.quantity}, standard_cost, ${input.receivedDate}::date, ${ret.rmaNumber}, ${ret.reason}
      from item where organization_id = ${org} and code = ${ret.itemCode}`.execute(trx);
    await sql`insert into stock_lot (organization_id, item_code, location_code, lot_number, serial_number, quantity, received_date, status)
      values (${org}, ${ret.itemCode}, ${location}, ${lot}, '', ${ret.quantity}, ${input.receivedDate}, 'quarantine')
      on conflict (organization_id, item_code, location_code, lot_number, serial_number) do update set quantity = stock_lot.quantity + excluded.quantity, status = 'quarantine'`.execute(trx);
    await sql`update return_order set status = 'received', received_date = ${input.receivedDate}, location_code = ${location} where organization_id = ${org} and rma_number = ${ret.rmaNumber}`.execute(trx);
    const after = await lockReturn(trx, org, ret.rmaNumber);
    await recordAuditEntry(trx, { organizationId: org, actor: input.actor ?? SYSTEM_ACTOR, action: 'return.receive', entity: 'return_order', entityKey: ret.rmaNumber, before: ret, after });
    return after;
  });
}

export type InspectImprovementReturnInput = { organizationId: string; rmaNumber: string; inspectedDate: string; result: ImprovementInspectionResult; note?: string; actor?: AuditActor };

/** Records the inspection of a received return (as new, repairable, unusable); the goods stay in quarantine. */
export async function inspectImprovementReturn(handle: DatabaseHandle, input: InspectImprovementReturnInput): Promise<ImprovementReturn> {
  requireDate(input.inspectedDate, 'inspectedDate');
  if (!IMPROVEMENT_INSPECTION_RESULTS.includes(input.result)) throw new CoreError('invalid_input', `result must be one of ${IMPROVEMENT_INSPECTION_RESULTS.join(', ')}, got "${input.result}"`, { path: 'result' });
  return inTransaction(handle, async (trx) => {
    const org = input.organizationId;
    const ret = await lockReturn(trx, org, input.rmaNumber);
    requireStatus(ret, 'received', 'inspected');
    await sql`update return_order set status = 'inspected', inspected_date = ${input.inspectedDate}, inspection_result = ${input.result}, inspection_note = ${input.note ?? null}
      where organization_id = ${org} and rma_number = ${ret.rmaNumber}`.execute(trx);
    const after = await lockReturn(trx, org, ret.rmaNumber);
    await recordAuditEntry(trx, { organizationId: org, actor: input.actor ?? SYSTEM_ACTOR, action: 'return.inspect', entity: 'return_order', entityKey: ret.rmaNumber, before: ret, after });
    return after;
  });
}

export type DisposeImprovementReturnInput = {
  organizationId: string; rmaNumber: string; disposition: ImprovementReturnDisposition; disposedDate: string;
  /** Handling, refurbishing, transport back… charged to the return (posted as a 'returns' cost entry). */
  returnCostEur?: number;
  creditAmountEur?: number;
  actor?: AuditActor;
};

/** What a disposition posts to the ledger: the movement type and reason of the outflow, or null when the goods go back to stock. */
export function improvementDispositionPosting(disposition: ImprovementReturnDisposition): { movementType: 'scrap' | 'issue'; reason: string } | null {
  switch (disposition) {
    case 'restock':
    case 'refurbish':
      return null;
    case 'return_to_supplier':
      return { movementType: 'issue', reason: 'return_to_supplier' };
    case 'recycle':
      return { movementType: 'scrap', reason: 'recycle' };
    case 'scrap':
      return { movementType: 'scrap', reason: 'return_scrap' };
    default: {
      const never: never = disposition;
      throw new Error(`Unexpected disposition ${String(never)}`);
    }
  }
}

/**
 * Disposes of an inspected return and closes it, in one transaction: restock and refurbish release
 * the quarantine lot to available stock (the return_receipt already counted it); return to supplier
 * posts an 'issue', recycle and scrap a 'scrap' movement of −quantity on the quarantine lot, which
 * is removed. A cost > 0 is posted as a cost entry `RET-<rma>` of category 'returns'.
 * Unusable goods cannot be restocked or refurbished. Throws unknown_reference, invalid_input.
 */
export async function disposeImprovementReturn(handle: DatabaseHandle, input: DisposeImprovementReturnInput): Promise<ImprovementReturn> {
  requireDate(input.disposedDate, 'disposedDate');
  if (!IMPROVEMENT_RETURN_DISPOSITIONS.includes(input.disposition)) throw new CoreError('invalid_input', `disposition must be one of ${IMPROVEMENT_RETURN_DISPOSITIONS.join(', ')}, got "${input.disposition}"`, { path: 'disposition' });
  const cost = input.returnCostEur ?? 0;
  if (!(cost >= 0) || !Number.isFinite(cost)) throw new CoreError('invalid_input', `returnCostEur must be ≥ 0, got ${cost}`, { path: 'returnCostEur' });
  return inTransaction(handle, async (trx) => {
    const org = input.organizationId;
    const ret = await lockReturn(trx, org, input.rmaNumber);
    requireStatus(ret, 'inspected', 'disposed of');
    if ((input.disposition === 'restock' || input.disposition === 'refurbish') && ret.inspectionResult === 'unusable') {
      throw new CoreError('invalid_input', `Return ${ret.rmaNumber} was inspected unusable: it cannot be restocked or refurbished (choose recycle, scrap or return_to_supplier)`, { path: 'disposition' });
    }
    const location = ret.locationCode;
    if (!location) throw new CoreError('invalid_input', `Return ${ret.rmaNumber} has no receiving location: it cannot be posted to the ledger`, { path: 'locationCode' });
    const lot = improvementReturnLot(ret.rmaNumber);
    const posting = improvementDispositionPosting(input.disposition);
    // A return received before flowpilot (imported as received/inspected) never entered the ledger:
    // restocking it posts its return_receipt now, other dispositions have no stock to remove.
    const inLedger = (await sql`select 1 from inventory_movement where organization_id = ${org} and reference = ${ret.rmaNumber} and movement_type = 'return_receipt' limit 1`.execute(trx)).rows.length > 0;
    if (!inLedger) {
      if (!posting) {
        await sql`insert into inventory_movement (organization_id, item_code, location_code, lot_number, movement_type, quantity, unit_cost, occurred_at, reference, reason)
          select ${org}, ${ret.itemCode}, ${location}, ${lot}, 'return_receipt', ${ret.quantity}, standard_cost, ${input.disposedDate}::date, ${ret.rmaNumber}, ${ret.reason}
          from item where organization_id = ${org} and code = ${ret.itemCode}`.execute(trx);
        await sql`insert into stock_lot (organization_id, item_code, location_code, lot_number, serial_number, quantity, received_date, status)
          values (${org}, ${ret.itemCode}, ${location}, ${lot}, '', ${ret.quantity}, ${input.disposedDate}, 'available')
          on conflict (organization_id, item_code, location_code, lot_number, serial_number) do update set quantity = stock_lot.quantity + excluded.quantity, status = 'available'`.execute(trx);
      }
    } else if (posting) {
      await sql`insert into inventory_movement (organization_id, item_code, location_code, lot_number, movement_type, quantity, unit_cost, occurred_at, reference, reason)
        select ${org}, ${ret.itemCode}, ${location}, ${lot}, ${posting.movementType}, ${-ret.quantity}, standard_cost, ${input.disposedDate}::date, ${ret.rmaNumber}, ${posting.reason}
        from item where organization_id = ${org} and code = ${ret.itemCode}`.execute(trx);
      await sql`update stock_lot set quantity = quantity - ${ret.quantity} where organization_id = ${org} and item_code = ${ret.itemCode} and location_code = ${location} and lot_number = ${lot} and serial_number = ''`.execute(trx);
      await sql`delete from stock_lot where organization_id = ${org} and item_code = ${ret.itemCode} and location_code = ${location} and lot_number = ${lot} and serial_number = '' and quantity <= 0`.execute(trx);
    } else {
      await sql`update stock_lot set status = 'available' where organization_id = ${org} and item_code = ${ret.itemCode} and location_code = ${location} and lot_number = ${lot} and serial_number = ''`.execute(trx);
    }
    if (cost > 0) {
      await sql`insert into cost_entry (organization_id, entry_number, entry_date, category, amount_eur, customer_code, location_code, item_code, reference, description)
        values (${org}, ${`RET-${ret.rmaNumber}`}, ${input.disposedDate}, 'returns', ${cost}, ${ret.customerCode}, ${location}, ${ret.itemCode}, ${ret.rmaNumber}, ${`Return ${ret.rmaNumber}: ${input.disposition}`})
        on conflict (organization_id, entry_number) do update set amount_eur = excluded.amount_eur, entry_date = excluded.entry_date, description = excluded.description`.execute(trx);
    }
    await sql`update return_order set status = 'closed', disposition = ${input.disposition}, disposed_date = ${input.disposedDate}, return_cost_eur = ${cost}, credit_amount_eur = ${input.creditAmountEur ?? null}
      where organization_id = ${org} and rma_number = ${ret.rmaNumber}`.execute(trx);
    const after = await lockReturn(trx, org, ret.rmaNumber);
    await recordAuditEntry(trx, { organizationId: org, actor: input.actor ?? SYSTEM_ACTOR, action: 'return.dispose', entity: 'return_order', entityKey: ret.rmaNumber, before: ret, after });
    return after;
  });
}

export type ListImprovementReturnsInput = { organizationId: string; status?: ImprovementReturnStatus; page?: number; pageSize?: number };

/** Returns of an organization, newest authorisation first, one page at a time. */
export async function listImprovementReturns(handle: DatabaseHandle, input: ListImprovementReturnsInput): Promise<{ items: ImprovementReturn[]; page: number; pageSize: number; total: number }> {
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 50;
  const where = input.status ? sql`organization_id = ${input.organizationId} and status = ${input.status}` : sql`organization_id = ${input.organizationId}`;
  const total = Number((await sql<{ n: string }>`select count(*)::text as n from return_order where ${where}`.execute(handle.db)).rows[0]?.n ?? 0);
  const rows = (await sql<ReturnRow>`select ${RETURN_COLUMNS} from return_order where ${where} order by authorized_date desc, rma_number desc limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(handle.db)).rows;
  return { items: rows.map(toReturn), page, pageSize, total };
}

/** One return by number; throws unknown_reference. */
export async function getImprovementReturn(handle: DatabaseHandle, organizationId: string, rmaNumber: string): Promise<ImprovementReturn> {
  return lockReturn(handle.db, organizationId, rmaNumber);
}

export type ImprovementReturnReportBy = 'item' | 'customer' | 'reason';

/** One group of the returns report: returns authorised in the window against units shipped to that item/customer. */
export type ImprovementReturnReportRow = {
  key: string;
  returnCount: number;
  returnedQuantity: number;
  /** Units shipped in the window (item or customer groups; null for reasons). */
  shippedQuantity: number | null;
  /** returnedQuantity / shippedQuantity; for reasons, the share of all returned units. */
  returnRate: number | null;
  returnCostEur: number;
};

/**
 * Return rates and costs by item, customer or reason over a window (by authorisation date):
 * return rate = Σ returned units / Σ units shipped (shipment lines of shipments that left in the window);
 * by reason, the share of returned units. Example: 3 units returned of 60 shipped → 0.05.
 */
export async function reportImprovementReturns(handle: DatabaseHandle, input: { organizationId: string; from: string; to: string; by: ImprovementReturnReportBy }): Promise<ImprovementReturnReportRow[]> {
  const org = input.organizationId;
  const column = input.by === 'item' ? sql.ref('item_code') : input.by === 'customer' ? sql.ref('customer_code') : sql.ref('reason');
  const returns = (await sql<{ key: string; n: string; q: string; cost: string }>`
    select ${column} as key, count(*)::text as n, sum(quantity)::text as q, sum(return_cost_eur)::text as cost from return_order
    where organization_id = ${org} and status <> 'cancelled' and authorized_date between ${input.from} and ${input.to}
    group by 1 order by 1`.execute(handle.db)).rows;
  let shipped = new Map<string, number>();
  if (input.by !== 'reason') {
    const shipColumn = input.by === 'item' ? sql`sl.item_code` : sql`s.customer_code`;
    shipped = new Map((await sql<{ key: string; q: string }>`
      select ${shipColumn} as key, sum(sl.quantity)::text as q from shipment_line sl join shipment s on s.organization_id = sl.organization_id and s.shipment_number = sl.shipment_number
      where sl.organization_id = ${org} and s.status in ('dispatched', 'delivered') and s.ship_date between ${input.from} and ${input.to} group by 1`.execute(handle.db)).rows.map((r) => [r.key, Number(r.q)] as const));
  }
  const totalReturned = returns.reduce((sum, r) => sum + Number(r.q), 0);
  return returns.map((r) => {
    const returnedQuantity = Number(r.q);
    const shippedQuantity = input.by === 'reason' ? null : (shipped.get(r.key) ?? 0);
    const returnRate = input.by === 'reason' ? (totalReturned > 0 ? returnedQuantity / totalReturned : null) : shippedQuantity ? returnedQuantity / shippedQuantity : null;
    return { key: r.key, returnCount: Number(r.n), returnedQuantity, shippedQuantity, returnRate, returnCostEur: Number(r.cost) };
  });
}
