import { CoreError, assertNever } from '../shared/core-error';
import { requireNonNegative } from '../shared/input-checks';
import { roundPurchaseQuantity, type PurchasePriceBreak } from './round-purchase-quantity';

export type ReplenishmentMethod = 'reorder_point' | 'periodic_review';

export type PolicySupplierTerm = {
  supplierId: string;
  /** Supplier lead time in days; a fraction of a day counts as a whole day. */
  leadTimeDays: number;
  minimumQuantity?: number;
  multipleQuantity?: number;
  unitPrice: number;
  priceBreaks?: readonly PurchasePriceBreak[];
};

export type PolicyStockPointInput = {
  itemId: string;
  locationId: string;
  method: ReplenishmentMethod;
  onHandQuantity: number;
  /** Open purchase order quantity not yet received. */
  onOrderQuantity: number;
  /** Customer demand due and not yet shipped (backorders / committed). */
  backorderQuantity: number;
  /** s of the (s, Q) reorder point policy. */
  reorderPointQuantity?: number | null;
  /** Q of the (s, Q) policy. */
  orderQuantity?: number | null;
  /** S of the (R, S) periodic review policy. */
  orderUpToQuantity?: number | null;
  /** R of the (R, S) policy, in days. */
  reviewPeriodDays?: number | null;
  /** 'YYYY-MM-DD', one review date; the others fall every reviewPeriodDays before and after it. Absent: every run is a review. */
  reviewAnchorDate?: string | null;
  /** The preferred supplier's terms; absent: no proposal (exception 'no_supplier'). */
  supplier?: PolicySupplierTerm | null;
};

export type PolicyReplenishmentInput = {
  /** 'YYYY-MM-DD': release date of every proposal. */
  asOfDate: string;
  /** A periodic review point is reviewed when a review date falls in [asOfDate, asOfDate + reviewWindowDays) (default 7, a weekly planning cycle). */
  reviewWindowDays?: number;
  stockPoints: readonly PolicyStockPointInput[];
};

/** The numbers behind a policy proposal, so a buyer can explain it. */
export type PolicyReplenishmentBasis = {
  method: ReplenishmentMethod;
  inventoryPosition: number;
  onHandQuantity: number;
  onOrderQuantity: number;
  backorderQuantity: number;
  reorderPoint?: number;
  orderQuantity?: number;
  /** How many lots of Q: the fewest that lift the position above s. */
  orderCount?: number;
  orderUpToLevel?: number;
  reviewPeriodDays?: number;
  reviewDate?: string;
  /** Quantity the policy asked for, before MOQ, multiple and price break. */
  requiredQuantity: number;
  adjustments: string[];
  leadTimeDays: number;
  formula: string;
};

export type PolicyReplenishmentLine = {
  itemId: string;
  locationId: string;
  supplierId: string;
  quantity: number;
  unitPrice: number;
  priceBasis: string;
  releaseDate: string;
  dueDate: string;
  basis: PolicyReplenishmentBasis;
};

export type PolicyReplenishmentOutcomeKind =
  | 'above_reorder_point' | 'not_a_review_date' | 'at_or_above_order_up_to'
  | 'missing_reorder_point' | 'missing_order_quantity' | 'missing_order_up_to_level' | 'missing_review_period' | 'no_supplier';

/** A stock point that got no proposal, and why: no need (above s, not a review date, at S) or missing data (an exception to fix). */
export type PolicyReplenishmentOutcome = { itemId: string; locationId: string; kind: PolicyReplenishmentOutcomeKind; exception: boolean; inventoryPosition: number; detail: string };

export type PolicyReplenishmentResult = { lines: PolicyReplenishmentLine[]; outcomes: PolicyReplenishmentOutcome[] };

const DAY_MS = 86_400_000;

/**
 * Replenishment proposals of stock points managed by an inventory policy instead of MRP, in stock units.
 * Inventory position IP = on hand + on order − backorders.
 * Reorder point (s, Q), continuous review: when IP ≤ s, order n × Q with n = ⌊(s − IP) / Q⌋ + 1, the fewest lots
 * that lift IP above s (Hadley & Whitin's (s, nQ); Silver, Pyke & Thomas 2017 §7.3).
 * Periodic review (R, S): on a review date (anchor + k × R days falling in [asOfDate, asOfDate + window)), order
 * S − IP when IP < S (§8.3). The quantity is then rounded to the supplier's MOQ, multiple and price breaks
 * (roundPurchaseQuantity); released on asOfDate, due asOfDate + ⌈lead time days⌉.
 * Example (test): on hand 10, on order 0, backorders 20 → IP −10; s 100, Q 50 → n = 3, 150 units.
 * Throws CoreError 'invalid_input' on a bad date, 'negative_value'/'not_finite' on bad quantities.
 */
export function planPolicyReplenishment(input: PolicyReplenishmentInput): PolicyReplenishmentResult {
  const asOf = parseDate(input.asOfDate, 'asOfDate');
  const windowDays = requireNonNegative(input.reviewWindowDays ?? 7, 'reviewWindowDays');
  const lines: PolicyReplenishmentLine[] = [];
  const outcomes: PolicyReplenishmentOutcome[] = [];
  const points = [...input.stockPoints].sort((a, b) => compare(a.itemId, b.itemId) || compare(a.locationId, b.locationId));
  points.forEach((point) => {
    const path = `stockPoints[${point.itemId}@${point.locationId}]`;
    const onHand = requireNonNegative(point.onHandQuantity, `${path}.onHandQuantity`);
    const onOrder = requireNonNegative(point.onOrderQuantity, `${path}.onOrderQuantity`);
    const backorders = requireNonNegative(point.backorderQuantity, `${path}.backorderQuantity`);
    const position = round6(onHand + onOrder - backorders);
    const outcome = (kind: PolicyReplenishmentOutcomeKind, exception: boolean, detail: string): void => {
      outcomes.push({ itemId: point.itemId, locationId: point.locationId, kind, exception, inventoryPosition: position, detail });
    };
    const common = { inventoryPosition: position, onHandQuantity: onHand, onOrderQuantity: onOrder, backorderQuantity: backorders };
    let required: number;
    let basis: Omit<PolicyReplenishmentBasis, 'requiredQuantity' | 'adjustments' | 'leadTimeDays'>;
    switch (point.method) {
      case 'reorder_point': {
        if (point.reorderPointQuantity === null || point.reorderPointQuantity === undefined) return outcome('missing_reorder_point', true, 'the stock point has no reorder point (s)');
        const s = requireNonNegative(point.reorderPointQuantity, `${path}.reorderPointQuantity`);
        const q = point.orderQuantity === null || point.orderQuantity === undefined ? 0 : requireNonNegative(point.orderQuantity, `${path}.orderQuantity`);
        if (q <= 0) return outcome('missing_order_quantity', true, 'the stock point has no order quantity (Q)');
        if (position > s + 1e-9) return outcome('above_reorder_point', false, `IP ${position} > s ${s}`);
        const count = Math.floor((s - position) / q + 1e-9) + 1;
        required = round6(count * q);
        basis = { method: 'reorder_point', ...common, reorderPoint: s, orderQuantity: q, orderCount: count, formula: `IP ${position} ≤ s ${s}: n = ⌊(s − IP) / Q⌋ + 1 = ${count}, order n × Q = ${count} × ${q}` };
        break;
      }
      case 'periodic_review': {
        if (point.orderUpToQuantity === null || point.orderUpToQuantity === undefined) return outcome('missing_order_up_to_level', true, 'the stock point has no order-up-to level (S)');
        const level = requireNonNegative(point.orderUpToQuantity, `${path}.orderUpToQuantity`);
        let reviewDate = input.asOfDate;
        if (point.reviewAnchorDate) {
          const period = point.reviewPeriodDays === null || point.reviewPeriodDays === undefined ? 0 : requireNonNegative(point.reviewPeriodDays, `${path}.reviewPeriodDays`);
          if (period <= 0) return outcome('missing_review_period', true, 'a review anchor date needs a review period (R, days)');
          const anchor = parseDate(point.reviewAnchorDate, `${path}.reviewAnchorDate`);
          const next = anchor + Math.ceil((asOf - anchor) / (period * DAY_MS) - 1e-9) * period * DAY_MS;
          reviewDate = formatDate(next);
          if (next >= asOf + windowDays * DAY_MS) return outcome('not_a_review_date', false, `next review ${reviewDate}`);
        }
        if (position >= level - 1e-9) return outcome('at_or_above_order_up_to', false, `IP ${position} ≥ S ${level}`);
        required = round6(level - position);
        basis = {
          method: 'periodic_review', ...common, orderUpToLevel: level, reviewDate,
          ...(point.reviewPeriodDays ? { reviewPeriodDays: point.reviewPeriodDays } : {}), formula: `review ${reviewDate}, IP ${position} < S ${level}: order S − IP = ${required}`,
        };
        break;
      }
      default:
        return assertNever(point.method, 'replenishment method');
    }
    if (!point.supplier) return outcome('no_supplier', true, `no supply term for ${required} units`);
    const leadTimeDays = Math.ceil(requireNonNegative(point.supplier.leadTimeDays, `${path}.supplier.leadTimeDays`) - 1e-9);
    const rounded = roundPurchaseQuantity({
      requiredQuantity: required, unitPrice: point.supplier.unitPrice,
      ...(point.supplier.minimumQuantity !== undefined ? { minimumQuantity: point.supplier.minimumQuantity } : {}),
      ...(point.supplier.multipleQuantity !== undefined ? { multipleQuantity: point.supplier.multipleQuantity } : {}),
      ...(point.supplier.priceBreaks ? { priceBreaks: point.supplier.priceBreaks } : {}),
    });
    lines.push({
      itemId: point.itemId, locationId: point.locationId, supplierId: point.supplier.supplierId, quantity: rounded.quantity, unitPrice: rounded.unitPrice, priceBasis: rounded.priceBasis,
      releaseDate: input.asOfDate, dueDate: formatDate(asOf + leadTimeDays * DAY_MS),
      basis: { ...basis, requiredQuantity: required, adjustments: rounded.adjustments, leadTimeDays },
    });
  });
  return { lines, outcomes };
}

function parseDate(value: string, path: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || Number.isNaN(time) || formatDate(time) !== value) throw new CoreError('invalid_input', `expected a date YYYY-MM-DD, got ${JSON.stringify(value)}`, { path });
  return time;
}

function formatDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round6(value: number): number {
  const rounded = Math.round(value * 1e6) / 1e6;
  return rounded === 0 ? 0 : rounded;
}
