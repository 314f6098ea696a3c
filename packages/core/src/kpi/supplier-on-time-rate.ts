import type { KpiMeasurement, KpiSupplierReceipt } from './types';
import { toDayNumber } from './internal/iso-date';
import { measurement, requireId, requireNonEmpty, requireNonNegative } from './internal/validate';

/**
 * Supplier on-time delivery rate, a fraction 0–1: receipts on or before the due date (+ tolerance) ÷ receipts.
 * Formula: count(receivedDate − dueDate ≤ lateToleranceDays) / count(receipts); components give the
 * on-time-in-full share as well (received ≥ ordered). Source: SCOR Source-process metric "% orders received on time"
 * (Source process, sS1); APICS Dictionary "supplier performance".
 * Example: due 03-10, received 03-09, 03-10, 03-12 → 2/3. Throws empty_input, invalid_input, negative_value.
 */
export function computeSupplierOnTimeRate(receipts: readonly KpiSupplierReceipt[], options: { lateToleranceDays?: number } = {}): KpiMeasurement {
  requireNonEmpty(receipts as KpiSupplierReceipt[], 'supplierReceipts');
  const tolerance = requireNonNegative(options.lateToleranceDays ?? 0, 'options.lateToleranceDays');
  let onTime = 0;
  let onTimeInFull = 0;
  receipts.forEach((receipt, index) => {
    requireId(receipt.id, `supplierReceipts[${index}].id`);
    const lateness = toDayNumber(receipt.receivedDate, `supplierReceipts[${index}].receivedDate`) - toDayNumber(receipt.dueDate, `supplierReceipts[${index}].dueDate`);
    const ordered = requireNonNegative(receipt.orderedQuantity, `supplierReceipts[${index}].orderedQuantity`);
    const received = requireNonNegative(receipt.receivedQuantity, `supplierReceipts[${index}].receivedQuantity`);
    if (lateness <= tolerance) {
      onTime += 1;
      if (received >= ordered - 1e-9) onTimeInFull += 1;
    }
  });
  return measurement(onTime, receipts.length, receipts.map((receipt) => receipt.id), { onTimeInFullRate: onTimeInFull / receipts.length });
}
