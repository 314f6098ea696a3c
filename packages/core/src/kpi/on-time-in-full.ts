import type { KpiMeasurement, KpiOrderLine } from './types';
import { toDayNumber } from './internal/iso-date';
import { measurement, requireId, requireNonEmpty, requireNonNegative } from './internal/validate';

/** Options of the delivery KPIs (OTIF, perfect order). */
export type DeliveryKpiOptions = {
  /** Due date to judge against: the customer's requested date (default) or the promised date (falls back to requested). */
  dueDateBasis?: 'requested' | 'promised';
  /** Days late still counted on time (default 0). */
  lateToleranceDays?: number;
  /** Days early still counted on time (default: any early delivery is on time). */
  earlyToleranceDays?: number;
  /** Fraction of the ordered quantity that may be missing and still count in full (default 0). */
  quantityToleranceFraction?: number;
  /** Measure per order line (default) or per order (an order counts when all its lines do). */
  level?: 'line' | 'order';
  /**
   * Measurement date: lines not yet delivered whose due date is after it are not due yet and are left
   * out (counted in components.notYetDue). Without it every line counts.
   */
  asOfDate?: string;
};

/**
 * Lines that are due by `asOfDate`: delivered lines, and undelivered lines whose due date ≤ asOfDate.
 * Returns every line when asOfDate is absent. Throws invalid_input on bad dates.
 */
export function selectDueOrderLines(lines: readonly KpiOrderLine[], options: Pick<DeliveryKpiOptions, 'asOfDate' | 'dueDateBasis'> = {}): { due: KpiOrderLine[]; notYetDue: number } {
  if (options.asOfDate === undefined) return { due: [...lines], notYetDue: 0 };
  const asOf = toDayNumber(options.asOfDate, 'options.asOfDate');
  const due = lines.filter((line, index) => {
    if (line.deliveredDate !== undefined) return true;
    const dueText = options.dueDateBasis === 'promised' ? (line.promisedDate ?? line.requestedDate) : line.requestedDate;
    return toDayNumber(dueText, `orderLines[${index}].requestedDate`) <= asOf;
  });
  return { due, notYetDue: lines.length - due.length };
}

/** Checks one line: delivered inside the due window and at least the ordered quantity (less tolerance). */
export function isLineOnTimeInFull(line: KpiOrderLine, options: DeliveryKpiOptions = {}, path = 'line'): { onTime: boolean; inFull: boolean } {
  requireId(line.id, `${path}.id`);
  const ordered = requireNonNegative(line.orderedQuantity, `${path}.orderedQuantity`);
  const delivered = requireNonNegative(line.deliveredQuantity, `${path}.deliveredQuantity`);
  const tolerance = requireNonNegative(options.quantityToleranceFraction ?? 0, 'options.quantityToleranceFraction');
  const inFull = delivered >= ordered * (1 - tolerance) - 1e-9;
  if (line.deliveredDate === undefined) return { onTime: false, inFull: false };
  const dueText = options.dueDateBasis === 'promised' ? (line.promisedDate ?? line.requestedDate) : line.requestedDate;
  const lateness = toDayNumber(line.deliveredDate, `${path}.deliveredDate`) - toDayNumber(dueText, `${path}.requestedDate`);
  const late = requireNonNegative(options.lateToleranceDays ?? 0, 'options.lateToleranceDays');
  const early = options.earlyToleranceDays === undefined ? Number.POSITIVE_INFINITY : requireNonNegative(options.earlyToleranceDays, 'options.earlyToleranceDays');
  return { onTime: lateness <= late && -lateness <= early, inFull };
}

/** Groups lines by order id, keeping first-seen order (stable). */
export function groupLinesByOrder(lines: readonly KpiOrderLine[]): Map<string, KpiOrderLine[]> {
  const orders = new Map<string, KpiOrderLine[]>();
  lines.forEach((line, index) => {
    const orderId = requireId(line.orderId, `orderLines[${index}].orderId`);
    const list = orders.get(orderId);
    if (list) list.push(line);
    else orders.set(orderId, [line]);
  });
  return orders;
}

/**
 * On time in full (OTIF), a fraction 0–1: lines (or orders) delivered inside the due window with the
 * full quantity ÷ lines (or orders) due.
 * Formula: OTIF = count(on time ∧ in full) / count(lines). Source: SCOR "perfect order fulfillment"
 * components (delivered on time, in full); APICS Dictionary "on-time-in-full".
 * Lines not yet due at `options.asOfDate` (undelivered, due later) are left out.
 * Example: 4 lines, one late, one short → OTIF = 2/4 = 0.5 (see on-time-in-full.test.ts).
 * Throws empty_input, invalid_input, negative_value, not_finite.
 */
export function computeOnTimeInFull(allLines: readonly KpiOrderLine[], options: DeliveryKpiOptions = {}): KpiMeasurement {
  requireNonEmpty(allLines as KpiOrderLine[], 'orderLines');
  const { due: lines, notYetDue } = selectDueOrderLines(allLines, options);
  const rate = (count: number) => (lines.length === 0 ? null : count / lines.length);
  const checks = lines.map((line, index) => isLineOnTimeInFull(line, options, `orderLines[${index}]`));
  const ok = (index: number) => checks[index]!.onTime && checks[index]!.inFull;
  const onTimeLines = checks.filter((check) => check.onTime).length;
  const inFullLines = checks.filter((check) => check.inFull).length;
  if ((options.level ?? 'line') === 'line') {
    const good = lines.filter((_, index) => ok(index)).length;
    return measurement(good, lines.length, lines.map((line) => line.id), { onTimeRate: rate(onTimeLines), inFullRate: rate(inFullLines), notYetDue });
  }
  const indexOf = new Map(lines.map((line, index) => [line, index] as const));
  const orders = groupLinesByOrder(lines);
  let good = 0;
  for (const orderLines of orders.values()) if (orderLines.every((line) => ok(indexOf.get(line)!))) good += 1;
  return measurement(good, orders.size, lines.map((line) => line.id), { onTimeRate: rate(onTimeLines), inFullRate: rate(inFullLines), notYetDue });
}
