import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { computeSupplierScorecard, type SupplierOrderLineRecord, type SupplierScore, type SupplierScorecardOptions } from './compute-supplier-scorecard';

export type SupplierScorecardQuery = SupplierScorecardOptions & {
  organizationId: string;
  /** Purchase order lines due from this date (inclusive, YYYY-MM-DD). */
  from: string;
  /** … to this date (inclusive). */
  to: string;
  supplierCode?: string;
};

export type SupplierScorecardReport = {
  from: string;
  to: string;
  parameters: Required<SupplierScorecardOptions>;
  suppliers: SupplierScore[];
  /** The same figures per supplier × item. */
  items: SupplierScore[];
  /** Lines due in the period with nothing received (not in the rates: they have no receipt yet). */
  openLinesWithoutReceipt: number;
};

/**
 * Loads the purchase order lines due in a period with their receipts and quality rejects from the ledger — a receipt
 * is a 'receipt' movement whose reference is `<order number>/<line number>`, a reject a 'scrap' movement with the same
 * reference and reason 'quality_reject' — and the price agreed for the ordered quantity (best price break reached,
 * else the supply term's price, whichever is lower).
 */
export async function loadSupplierOrderLines(handle: DatabaseHandle, options: { organizationId: string; from: string; to: string; supplierCode?: string; itemCode?: string }): Promise<SupplierOrderLineRecord[]> {
  const org = options.organizationId;
  const lines = (await sql<{ supplier_code: string; item_code: string; order_number: string; line_number: number; order_date: string; due_date: string; quantity: string; unit_price: string; term_price: string | null; break_price: string | null }>`
    select po.supplier_code, pol.item_code, pol.order_number, pol.line_number, po.order_date::text, pol.due_date::text, pol.quantity::text, pol.unit_price::text,
      st.unit_price::text as term_price,
      (select b.unit_price::text from price_break b where b.organization_id = pol.organization_id and b.item_code = pol.item_code and b.supplier_code = po.supplier_code
        and b.min_quantity <= pol.quantity order by b.min_quantity desc limit 1) as break_price
    from purchase_order_line pol join purchase_order po on po.organization_id = pol.organization_id and po.order_number = pol.order_number
    left join supply_term st on st.organization_id = pol.organization_id and st.item_code = pol.item_code and st.supplier_code = po.supplier_code
    where pol.organization_id = ${org} and po.status <> 'cancelled' and pol.due_date between ${options.from}::date and ${options.to}::date
      and (${options.supplierCode ?? null}::text is null or po.supplier_code = ${options.supplierCode ?? null})
      and (${options.itemCode ?? null}::text is null or pol.item_code = ${options.itemCode ?? null})
    order by po.supplier_code, pol.item_code, pol.order_number, pol.line_number`.execute(handle.db)).rows;
  if (lines.length === 0) return [];
  const movements = (await sql<{ reference: string; movement_type: string; day: string; quantity: string }>`
    select m.reference, m.movement_type, (m.occurred_at at time zone 'UTC')::date::text as day, sum(m.quantity)::text as quantity
    from inventory_movement m join purchase_order_line pol on pol.organization_id = m.organization_id and m.reference = pol.order_number || '/' || pol.line_number::text
    join purchase_order po on po.organization_id = pol.organization_id and po.order_number = pol.order_number
    where m.organization_id = ${org} and pol.due_date between ${options.from}::date and ${options.to}::date
      and (${options.supplierCode ?? null}::text is null or po.supplier_code = ${options.supplierCode ?? null})
      and (m.movement_type = 'receipt' or (m.movement_type = 'scrap' and m.reason = 'quality_reject'))
    group by 1, 2, 3 order by 1, 3`.execute(handle.db)).rows;
  const receipts = new Map<string, { date: string; quantity: number }[]>();
  const rejects = new Map<string, number>();
  for (const m of movements) {
    if (m.movement_type === 'receipt') {
      const list = receipts.get(m.reference) ?? [];
      list.push({ date: m.day, quantity: Number(m.quantity) });
      receipts.set(m.reference, list);
    } else rejects.set(m.reference, (rejects.get(m.reference) ?? 0) - Number(m.quantity));
  }
  return lines.map((l) => {
    const reference = `${l.order_number}/${l.line_number}`;
    const prices = [l.term_price, l.break_price].filter((p): p is string => p !== null).map(Number);
    return {
      supplierCode: l.supplier_code, itemCode: l.item_code, orderNumber: l.order_number, lineNumber: Number(l.line_number), orderDate: l.order_date, dueDate: l.due_date,
      orderedQuantity: Number(l.quantity), paidUnitPrice: Number(l.unit_price), agreedUnitPrice: prices.length > 0 ? Math.min(...prices) : null,
      receipts: (receipts.get(reference) ?? []).filter((r) => r.quantity > 0), rejectedQuantity: Math.max(rejects.get(reference) ?? 0, 0),
    };
  });
}

/** Supplier scorecard over a period, per supplier and per supplier × item (computeSupplierScorecard on the loaded lines). */
export async function runSupplierScorecard(handle: DatabaseHandle, options: SupplierScorecardQuery): Promise<SupplierScorecardReport> {
  const lines = await loadSupplierOrderLines(handle, options);
  const parameters = { onTimeWindowDays: options.onTimeWindowDays ?? 0, inFullTolerance: options.inFullTolerance ?? 0 };
  return {
    from: options.from, to: options.to, parameters,
    suppliers: computeSupplierScorecard(lines, parameters),
    items: computeSupplierScorecard(lines, { ...parameters, byItem: true }),
    openLinesWithoutReceipt: lines.filter((l) => l.receipts.length === 0).length,
  };
}

export type SupplierLeadTimeStatistics = { itemCode: string; supplierCode: string; receiptLines: number; leadTimeMeanDays: number; leadTimeStdDays: number };

/**
 * Measured supplier lead time per item, for safety stock: over purchase order lines due in the `lookbackDays` before
 * asOfDate, the item's preferred supplier (else the supplier with most received lines, then by code) when it has at
 * least `minReceiptLines` received lines: mean and sample standard deviation of (first receipt − order date) in days.
 */
export async function loadSupplierLeadTimeStatistics(handle: DatabaseHandle, options: { organizationId: string; asOfDate: string; lookbackDays?: number; minReceiptLines?: number }): Promise<Map<string, SupplierLeadTimeStatistics>> {
  const lookback = options.lookbackDays ?? 365;
  const minLines = options.minReceiptLines ?? 5;
  const from = new Date(Date.parse(`${options.asOfDate}T00:00:00Z`) - lookback * 86_400_000).toISOString().slice(0, 10);
  const lines = await loadSupplierOrderLines(handle, { organizationId: options.organizationId, from, to: options.asOfDate });
  const scores = computeSupplierScorecard(lines, { byItem: true });
  const preferred = new Set((await sql<{ key: string }>`select item_code || '/' || supplier_code as key from supply_term where organization_id = ${options.organizationId} and preferred`.execute(handle.db)).rows.map((r) => r.key));
  const result = new Map<string, SupplierLeadTimeStatistics>();
  const ranked = [...scores].sort((a, b) => Number(preferred.has(`${b.itemCode}/${b.supplierCode}`)) - Number(preferred.has(`${a.itemCode}/${a.supplierCode}`)) || b.linesReceived - a.linesReceived || (a.supplierCode < b.supplierCode ? -1 : 1));
  for (const s of ranked) {
    if (result.has(s.itemCode!) || s.linesReceived < minLines || s.leadTimeStdDays === null || s.leadTimeMeanDays === null) continue;
    result.set(s.itemCode!, { itemCode: s.itemCode!, supplierCode: s.supplierCode, receiptLines: s.linesReceived, leadTimeMeanDays: s.leadTimeMeanDays, leadTimeStdDays: s.leadTimeStdDays });
  }
  return result;
}
