import { daysBetween } from './internal/dates';

/** One purchase order line with what was received against it (receipts and quality rejects from the ledger). */
export type SupplierOrderLineRecord = {
  supplierCode: string;
  itemCode: string;
  orderNumber: string;
  lineNumber: number;
  orderDate: string;
  dueDate: string;
  orderedQuantity: number;
  /** Unit price on the purchase order line (what is paid). */
  paidUnitPrice: number;
  /** Price agreed for the ordered quantity: the best price break reached, else the supply term's price; null without a term. */
  agreedUnitPrice: number | null;
  /** Receipt dates (YYYY-MM-DD) and quantities, oldest first. */
  receipts: { date: string; quantity: number }[];
  rejectedQuantity: number;
};

export type SupplierScore = {
  supplierCode: string;
  /** Present on per-item scores. */
  itemCode?: string;
  linesReceived: number;
  linesOnTime: number;
  linesInFull: number;
  linesOnTimeInFull: number;
  /** linesOnTime / linesReceived. */
  onTimeRate: number | null;
  /** linesInFull / linesReceived. */
  inFullRate: number | null;
  onTimeInFullRate: number | null;
  /** Mean over lines of max(0, 1 − |received − ordered| / ordered). */
  quantityAccuracy: number | null;
  orderedQuantity: number;
  receivedQuantity: number;
  rejectedQuantity: number;
  /** rejected / received. */
  rejectRate: number | null;
  /** Days from order date to first receipt: mean and sample standard deviation (n − 1), over lines. */
  leadTimeMeanDays: number | null;
  leadTimeStdDays: number | null;
  /** Mean days late of the last receipt vs the due date (early = negative). */
  meanDaysLate: number | null;
  /** Σ (paid − agreed) × received, over lines with an agreed price (EUR). */
  priceVarianceEur: number;
  /** priceVarianceEur / Σ agreed × received. */
  priceVarianceRate: number | null;
  linesWithoutAgreedPrice: number;
};

export type SupplierScorecardOptions = {
  /** A line is on time when its last receipt is at most this many days after the due date (default 0). */
  onTimeWindowDays?: number;
  /** A line is in full when received ≥ ordered × (1 − this) (default 0). */
  inFullTolerance?: number;
};

/**
 * Supplier scorecard from receipt records, per supplier (and per supplier × item with `byItem`):
 * on time = last receipt date − due date ≤ window; in full = received ≥ ordered × (1 − tolerance); OTIF = both;
 * quantity accuracy = mean of max(0, 1 − |received − ordered| / ordered); reject rate = rejected / received;
 * lead time = first receipt date − order date (mean, sample standard deviation); price variance =
 * Σ (paid − agreed) × received and its rate over Σ agreed × received.
 * Source: Chopra & Meindl, Supply Chain Management, 6th ed. (2016), ch. 15 (supplier scoring); APICS Dictionary (OTIF).
 * Example (test "hand-computed receipts"): lead times 10, 12, 14 days → mean 12, std 2.
 */
export function computeSupplierScorecard(lines: SupplierOrderLineRecord[], options: SupplierScorecardOptions & { byItem?: boolean } = {}): SupplierScore[] {
  const groups = new Map<string, SupplierOrderLineRecord[]>();
  for (const line of lines) {
    if (line.receipts.length === 0) continue;
    const key = options.byItem ? `${line.supplierCode}\u0000${line.itemCode}` : line.supplierCode;
    const list = groups.get(key) ?? [];
    list.push(line);
    groups.set(key, list);
  }
  return [...groups.keys()].sort().map((key) => score(groups.get(key)!, options));
}

function score(lines: SupplierOrderLineRecord[], options: SupplierScorecardOptions & { byItem?: boolean }): SupplierScore {
  const window = options.onTimeWindowDays ?? 0;
  const inFullTolerance = options.inFullTolerance ?? 0;
  let onTime = 0; let inFull = 0; let otif = 0; let accuracySum = 0; let ordered = 0; let received = 0; let rejected = 0;
  let priceVariance = 0; let agreedValue = 0; let withoutPrice = 0;
  const leadTimes: number[] = [];
  const lateness: number[] = [];
  for (const line of lines) {
    const receivedQty = line.receipts.reduce((s, r) => s + r.quantity, 0);
    const last = line.receipts[line.receipts.length - 1]!.date;
    const first = line.receipts[0]!.date;
    const daysLate = daysBetween(line.dueDate, last);
    const isOnTime = daysLate <= window;
    const isInFull = receivedQty >= line.orderedQuantity * (1 - inFullTolerance) - 1e-9;
    if (isOnTime) onTime++;
    if (isInFull) inFull++;
    if (isOnTime && isInFull) otif++;
    accuracySum += Math.max(0, 1 - Math.abs(receivedQty - line.orderedQuantity) / line.orderedQuantity);
    ordered += line.orderedQuantity; received += receivedQty; rejected += line.rejectedQuantity;
    leadTimes.push(daysBetween(line.orderDate, first));
    lateness.push(daysLate);
    if (line.agreedUnitPrice === null) withoutPrice++;
    else { priceVariance += (line.paidUnitPrice - line.agreedUnitPrice) * receivedQty; agreedValue += line.agreedUnitPrice * receivedQty; }
  }
  const n = lines.length;
  const mean = leadTimes.reduce((s, v) => s + v, 0) / n;
  const std = n > 1 ? Math.sqrt(leadTimes.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : null;
  const r = (v: number, digits = 6): number => Math.round(v * 10 ** digits) / 10 ** digits + 0;
  return {
    supplierCode: lines[0]!.supplierCode,
    ...(options.byItem ? { itemCode: lines[0]!.itemCode } : {}),
    linesReceived: n, linesOnTime: onTime, linesInFull: inFull, linesOnTimeInFull: otif,
    onTimeRate: r(onTime / n), inFullRate: r(inFull / n), onTimeInFullRate: r(otif / n), quantityAccuracy: r(accuracySum / n),
    orderedQuantity: r(ordered), receivedQuantity: r(received), rejectedQuantity: r(rejected), rejectRate: received > 0 ? r(rejected / received) : null,
    leadTimeMeanDays: r(mean, 4), leadTimeStdDays: std === null ? null : r(std, 4), meanDaysLate: r(lateness.reduce((s, v) => s + v, 0) / n, 4),
    priceVarianceEur: r(priceVariance, 2), priceVarianceRate: agreedValue > 0 ? r(priceVariance / agreedValue) : null, linesWithoutAgreedPrice: withoutPrice,
  };
}
