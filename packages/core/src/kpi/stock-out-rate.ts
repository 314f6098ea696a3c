import type { KpiCountRecord, KpiInventorySnapshot, KpiMeasurement } from './types';
import { measurement, requireId, requireNonEmpty, requireNonNegative } from './internal/validate';
import { CoreError } from '../shared/core-error';

/**
 * Stock-out rate, a fraction 0–1: item-site-day snapshots with nothing on hand ÷ snapshots.
 * Formula: count(onHand ≤ 0) / count(snapshots). Source: APICS Dictionary "stockout"; measured as
 * the share of stock-keeping-unit days out of stock (Silver, Pyke & Thomas 2017, §7.1).
 * Example: on hand 5, 0, 3, 0 → 2/4 = 0.5. Throws empty_input, not_finite.
 */
export function computeStockOutRate(snapshots: readonly KpiInventorySnapshot[]): KpiMeasurement {
  requireNonEmpty(snapshots as KpiInventorySnapshot[], 'inventorySnapshots');
  const out = snapshots.filter((snapshot, index) => {
    requireId(snapshot.id, `inventorySnapshots[${index}].id`);
    if (!Number.isFinite(snapshot.onHandQuantity)) throw new CoreError('not_finite', 'onHandQuantity must be finite', { path: `inventorySnapshots[${index}].onHandQuantity` });
    return snapshot.onHandQuantity <= 0;
  });
  return measurement(out.length, snapshots.length, snapshots.map((snapshot) => snapshot.id), { stockOutSnapshots: out.length });
}

/** Count tolerance: a count is accurate when |counted − system| ≤ max(units, fraction × system). */
export type RecordAccuracyTolerance = { toleranceFraction?: number; toleranceUnits?: number };

/**
 * Inventory record accuracy, a fraction 0–1: counts within tolerance ÷ counts.
 * Formula: IRA = count(|counted − system| ≤ max(tolUnits, tolFraction × system)) / count(counts).
 * Source: APICS Dictionary "inventory accuracy"; Brooks & Wilson, *Inventory Record Accuracy* (2007).
 * Example: (system, counted) = (100, 98), (50, 50), (20, 25) with 2 % tolerance → 2/3.
 * Throws empty_input, negative_value, not_finite.
 */
export function computeInventoryRecordAccuracy(counts: readonly KpiCountRecord[], tolerance: RecordAccuracyTolerance = {}): KpiMeasurement {
  requireNonEmpty(counts as KpiCountRecord[], 'counts');
  const fraction = requireNonNegative(tolerance.toleranceFraction ?? 0, 'tolerance.toleranceFraction');
  const units = requireNonNegative(tolerance.toleranceUnits ?? 0, 'tolerance.toleranceUnits');
  let accurate = 0;
  let absoluteErrorUnits = 0;
  counts.forEach((count, index) => {
    const system = requireNonNegative(count.systemQuantity, `counts[${index}].systemQuantity`);
    const counted = requireNonNegative(count.countedQuantity, `counts[${index}].countedQuantity`);
    const gap = Math.abs(counted - system);
    absoluteErrorUnits += gap;
    if (gap <= Math.max(units, fraction * system) + 1e-9) accurate += 1;
  });
  return measurement(accurate, counts.length, counts.map((count) => count.id), { absoluteErrorUnits });
}
