import type { KpiMeasurement, KpiOrderLine } from './types';
import { groupLinesByOrder, isLineOnTimeInFull, selectDueOrderLines, type DeliveryKpiOptions } from './on-time-in-full';
import { measurement, requireNonEmpty } from './internal/validate';

/**
 * Perfect order rate, a fraction 0–1: orders whose every line was on time, in full, damage free and
 * with correct documentation ÷ orders.
 * Formula: POF = count(perfect orders) / count(orders). Source: SCOR level-1 metric RL.1.1
 * "Perfect Order Fulfillment" (ASCM SCOR 12.0).
 * Example: 3 orders, one with a late line, one with a damaged line → 1/3 (see perfect-order-rate.test.ts).
 * Lines not yet due at `options.asOfDate` are left out.
 * Throws empty_input, invalid_input, negative_value, not_finite.
 */
export function computePerfectOrderRate(allLines: readonly KpiOrderLine[], options: Omit<DeliveryKpiOptions, 'level'> = {}): KpiMeasurement {
  requireNonEmpty(allLines as KpiOrderLine[], 'orderLines');
  const { due: lines, notYetDue } = selectDueOrderLines(allLines, options);
  const perfectLine = new Map<KpiOrderLine, boolean>();
  lines.forEach((line, index) => {
    const check = isLineOnTimeInFull(line, options, `orderLines[${index}]`);
    perfectLine.set(line, check.onTime && check.inFull && line.damageFree !== false && line.documentationCorrect !== false);
  });
  const orders = groupLinesByOrder(lines);
  let perfect = 0;
  for (const orderLines of orders.values()) if (orderLines.every((line) => perfectLine.get(line))) perfect += 1;
  return measurement(perfect, orders.size, lines.map((line) => line.id), { notYetDue });
}
