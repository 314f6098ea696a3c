import { CoreError } from '../shared/core-error';

export type PromiseOrderLinesInput = {
  asOfDate: string;
  /** Every open demand competing for the stock (all open sales order lines), not only the order answered. */
  lines: readonly { key: string; itemCode: string; locationCode: string; quantity: number; requestedDate: string }[];
  onHand: readonly { itemCode: string; locationCode: string; quantity: number }[];
  /** Scheduled receipts: open purchase, production and transfer orders with their due dates. */
  receipts: readonly { itemCode: string; locationCode: string; quantity: number; dueDate: string }[];
  leadTimeDaysByItem: Readonly<Record<string, number>>;
};

export type OrderLinePromise = {
  key: string;
  promisedDate: string;
  /** on_hand: covered by stock today; scheduled_receipt: by a receipt due on that date; lead_time: by new supply (as-of + lead time). */
  basis: 'on_hand' | 'scheduled_receipt' | 'lead_time';
  /** Cumulative demand (this line included) and the cumulative supply that covers it, per item × location. */
  cumulativeDemand: number;
  cumulativeSupply: number;
};

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Promised delivery dates by first-come-first-served allocation (cumulative available-to-promise):
 * per item × location, demands sorted by requested date (then key) take supply in date order — on-hand
 * at the as-of date, then scheduled receipts. A line is promised at max(requested date, date its
 * cumulative demand is covered); never covered → max(requested, as-of + item lead time).
 * Source: Vollmann, Berry, Whybark & Jacobs, Manufacturing Planning and Control for SCM (5th ed.), ch. 6,
 * cumulative ATP. Example: on hand 10, receipt 20 on 2026-12-10, lines 8 (Dec 1) and 15 (Dec 2): the
 * first is promised Dec 1 (on_hand, 8 ≤ 10), the second Dec 10 (scheduled_receipt, 23 ≤ 30).
 * Throws invalid_input on a negative quantity or a date not YYYY-MM-DD.
 */
export function promiseOrderLines(input: PromiseOrderLinesInput): OrderLinePromise[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.asOfDate)) throw new CoreError('invalid_input', `asOfDate must be YYYY-MM-DD, got ${input.asOfDate}`, { path: 'asOfDate' });
  const groupKey = (item: string, location: string): string => `${item}\u0001${location}`;
  const supply = new Map<string, { date: string; quantity: number; basis: 'on_hand' | 'scheduled_receipt' }[]>();
  for (const [i, s] of input.onHand.entries()) {
    if (!(s.quantity >= 0)) throw new CoreError('invalid_input', `on-hand quantity must be ≥ 0, got ${s.quantity}`, { path: `onHand[${i}].quantity` });
    const k = groupKey(s.itemCode, s.locationCode);
    supply.set(k, [...(supply.get(k) ?? []), { date: input.asOfDate, quantity: s.quantity, basis: 'on_hand' }]);
  }
  for (const [i, r] of input.receipts.entries()) {
    if (!(r.quantity >= 0)) throw new CoreError('invalid_input', `receipt quantity must be ≥ 0, got ${r.quantity}`, { path: `receipts[${i}].quantity` });
    const k = groupKey(r.itemCode, r.locationCode);
    supply.set(k, [...(supply.get(k) ?? []), { date: r.dueDate < input.asOfDate ? input.asOfDate : r.dueDate, quantity: r.quantity, basis: r.dueDate <= input.asOfDate ? 'on_hand' : 'scheduled_receipt' }]);
  }
  for (const list of supply.values()) list.sort((a, b) => a.date.localeCompare(b.date) || (a.basis === b.basis ? 0 : a.basis === 'on_hand' ? -1 : 1));
  const sorted = input.lines.map((line, index) => ({ line, index })).sort((a, b) =>
    a.line.itemCode.localeCompare(b.line.itemCode) || a.line.locationCode.localeCompare(b.line.locationCode)
    || a.line.requestedDate.localeCompare(b.line.requestedDate) || a.line.key.localeCompare(b.line.key));
  const demandSoFar = new Map<string, number>();
  const promises: (OrderLinePromise & { index: number })[] = [];
  for (const { line, index } of sorted) {
    if (!(line.quantity > 0)) throw new CoreError('invalid_input', `line quantity must be > 0, got ${line.quantity}`, { path: `lines[${index}].quantity` });
    const k = groupKey(line.itemCode, line.locationCode);
    const demand = (demandSoFar.get(k) ?? 0) + line.quantity;
    demandSoFar.set(k, demand);
    let cumulative = 0;
    let covered: { date: string; basis: 'on_hand' | 'scheduled_receipt' } | null = null;
    for (const s of supply.get(k) ?? []) {
      cumulative += s.quantity;
      if (cumulative + 1e-9 >= demand) {
        covered = s;
        break;
      }
    }
    if (covered) {
      promises.push({ index, key: line.key, promisedDate: covered.date > line.requestedDate ? covered.date : line.requestedDate, basis: covered.basis, cumulativeDemand: demand, cumulativeSupply: cumulative });
    } else {
      const leadTimeDate = addDays(input.asOfDate, input.leadTimeDaysByItem[line.itemCode] ?? 0);
      promises.push({ index, key: line.key, promisedDate: leadTimeDate > line.requestedDate ? leadTimeDate : line.requestedDate, basis: 'lead_time', cumulativeDemand: demand, cumulativeSupply: cumulative });
    }
  }
  return promises.sort((a, b) => a.index - b.index).map(({ index: _index, ...rest }) => rest);
}
