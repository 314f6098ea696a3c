import type { KpiMeasurement, KpiOrderLine, KpiSupplierReceipt } from './types';
import { groupLinesByOrder } from './on-time-in-full';
import { toDayNumber } from './internal/iso-date';
import { measurement, requireNonEmpty } from './internal/validate';

/**
 * Order fulfilment cycle time in days: mean over delivered orders of (last delivery date − order date).
 * Formula: Σ_orders (max deliveredDate − orderDate) / count(delivered orders); orders not yet fully
 * delivered are left out (listed in components.openOrders). Source: SCOR level-1 metric RS.1.1
 * "Order Fulfillment Cycle Time".
 * Example: order A placed 03-01, delivered 03-05 and 03-07 (6 d); order B 03-02 → 03-06 (4 d) → 5 days.
 * Throws empty_input, invalid_input.
 */
export function computeOrderCycleTimeDays(lines: readonly KpiOrderLine[]): KpiMeasurement {
  requireNonEmpty(lines as KpiOrderLine[], 'orderLines');
  let totalDays = 0;
  let delivered = 0;
  let open = 0;
  lines.forEach((line, index) => toDayNumber(line.orderDate, `orderLines[${index}].orderDate`));
  for (const orderLines of groupLinesByOrder(lines).values()) {
    if (orderLines.some((line) => line.deliveredDate === undefined)) {
      open += 1;
      continue;
    }
    const start = Math.min(...orderLines.map((line) => toDayNumber(line.orderDate, 'orderLines.orderDate')));
    const end = Math.max(...orderLines.map((line) => toDayNumber(line.deliveredDate!, 'orderLines.deliveredDate')));
    totalDays += end - start;
    delivered += 1;
  }
  return measurement(totalDays, delivered, lines.map((line) => line.id), { openOrders: open });
}

/**
 * Supplier (purchasing) lead time in days: mean of (received date − order date) over receipts.
 * Formula: Σ (receivedDate − orderDate) / count(receipts). Source: APICS Dictionary "purchasing lead time".
 * Example: receipts of 10 and 14 days → 12 days. Throws empty_input, invalid_input.
 */
export function computeSupplierLeadTimeDays(receipts: readonly KpiSupplierReceipt[]): KpiMeasurement {
  requireNonEmpty(receipts as KpiSupplierReceipt[], 'supplierReceipts');
  const total = receipts.reduce(
    (sum, receipt, index) =>
      sum + toDayNumber(receipt.receivedDate, `supplierReceipts[${index}].receivedDate`) - toDayNumber(receipt.orderDate, `supplierReceipts[${index}].orderDate`),
    0,
  );
  return measurement(total, receipts.length, receipts.map((receipt) => receipt.id));
}
