import type { KpiMeasurement, KpiOrderLine } from './types';
import { groupLinesByOrder, selectDueOrderLines, type DeliveryKpiOptions } from './on-time-in-full';
import { measurement, requireNonEmpty, requireNonNegative } from './internal/validate';

/** Unit, line or order fill rate. */
export type FillRateLevel = 'unit' | 'line' | 'order';

/**
 * Fill rate, a fraction 0–1, whatever the date of delivery.
 * Formulas: unit = Σ min(delivered, ordered) / Σ ordered; line = lines fully delivered / lines;
 * order = orders with every line fully delivered / orders. Source: APICS Dictionary "fill rate";
 * Silver, Pyke & Thomas, *Inventory and Production Management in Supply Chains* (4th ed.), ch. 7.
 * Example: lines 10/10, 5/10, 8/8 in orders A(1,2) and B(3) → unit 23/28 = 0.821, line 2/3, order 1/2.
 * Lines not yet due at `options.asOfDate` are left out.
 * Throws empty_input, invalid_input, negative_value, not_finite.
 */
export function computeFillRate(allLines: readonly KpiOrderLine[], level: FillRateLevel = 'unit', options: Pick<DeliveryKpiOptions, 'asOfDate' | 'dueDateBasis'> = {}): KpiMeasurement {
  requireNonEmpty(allLines as KpiOrderLine[], 'orderLines');
  const { due: lines } = selectDueOrderLines(allLines, options);
  const full = lines.map((line, index) => {
    const ordered = requireNonNegative(line.orderedQuantity, `orderLines[${index}].orderedQuantity`);
    const delivered = requireNonNegative(line.deliveredQuantity, `orderLines[${index}].deliveredQuantity`);
    return { ordered, delivered: Math.min(delivered, ordered), complete: delivered >= ordered - 1e-9 };
  });
  const ids = lines.map((line) => line.id);
  if (level === 'unit') {
    return measurement(full.reduce((sum, line) => sum + line.delivered, 0), full.reduce((sum, line) => sum + line.ordered, 0), ids);
  }
  if (level === 'line') return measurement(full.filter((line) => line.complete).length, full.length, ids);
  const indexOf = new Map(lines.map((line, index) => [line, index] as const));
  const orders = groupLinesByOrder(lines);
  let complete = 0;
  for (const orderLines of orders.values()) if (orderLines.every((line) => full[indexOf.get(line)!]!.complete)) complete += 1;
  return measurement(complete, orders.size, ids);
}
