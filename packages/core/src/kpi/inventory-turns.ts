import { CoreError } from '../shared/core-error';
import type { KpiInventorySnapshot, KpiMeasurement, KpiMovement } from './types';
import { toDayNumber } from './internal/iso-date';
import { measurement, requireNonNegative } from './internal/validate';

/** Inputs of inventory turns and days of supply over one window. */
export type InventoryWindowInput = {
  snapshots: readonly KpiInventorySnapshot[];
  movements: readonly KpiMovement[];
  /** Calendar days the window covers; default = last − first date seen in snapshots and movements, + 1. */
  windowDays?: number;
  /** Inventory turns only: scale the window's COGS to a year (× 365 / windowDays). Default false. */
  annualise?: boolean;
};

/** Average inventory value: Σ_dates (Σ value on that date) / number of snapshot dates. */
function averageInventoryValue(snapshots: readonly KpiInventorySnapshot[]): number {
  const byDate = new Map<string, number>();
  snapshots.forEach((snapshot, index) => {
    toDayNumber(snapshot.date, `snapshots[${index}].date`);
    const value = requireNonNegative(snapshot.onHandQuantity, `snapshots[${index}].onHandQuantity`) * requireNonNegative(snapshot.unitCost, `snapshots[${index}].unitCost`);
    byDate.set(snapshot.date.slice(0, 10), (byDate.get(snapshot.date.slice(0, 10)) ?? 0) + value);
  });
  if (byDate.size === 0) return 0;
  return [...byDate.values()].reduce((sum, value) => sum + value, 0) / byDate.size;
}

/** Cost of goods sold: Σ quantity × unit cost over issue and shipment movements. */
function costOfGoodsSold(movements: readonly KpiMovement[]): { value: number; ids: string[] } {
  let value = 0;
  const ids: string[] = [];
  movements.forEach((movement, index) => {
    const quantity = requireNonNegative(movement.quantity, `movements[${index}].quantity`);
    const unitCost = requireNonNegative(movement.unitCost, `movements[${index}].unitCost`);
    if (movement.kind === 'issue' || movement.kind === 'shipment') {
      value += quantity * unitCost;
      ids.push(movement.id);
    }
  });
  return { value, ids };
}

function windowDaysOf(input: InventoryWindowInput): number {
  if (input.windowDays !== undefined) {
    const days = requireNonNegative(input.windowDays, 'windowDays');
    if (days === 0) throw new CoreError('out_of_range', 'windowDays must be > 0', { path: 'windowDays' });
    return days;
  }
  const days = [...input.snapshots.map((s) => toDayNumber(s.date, 'snapshots.date')), ...input.movements.map((m) => toDayNumber(m.date, 'movements.date'))];
  if (days.length === 0) throw new CoreError('empty_input', 'No snapshots or movements to measure', { path: 'snapshots' });
  return Math.max(...days) - Math.min(...days) + 1;
}

/**
 * Inventory turns over the window (not annualised): cost of goods sold ÷ average inventory value.
 * Formula: turns = Σ(issued qty × unit cost) / mean_dates(Σ on hand × unit cost); multiply by
 * 365 / windowDays to annualise. Source: APICS Dictionary "inventory turnover"; SCOR AM.2.2 "Inventory Days of Supply".
 * Example: COGS 12,000 over the window, average stock value 4,000 → 3 turns.
 * Throws empty_input, negative_value, not_finite, invalid_input.
 */
export function computeInventoryTurns(input: InventoryWindowInput): KpiMeasurement {
  const cogs = costOfGoodsSold(input.movements);
  const average = averageInventoryValue(input.snapshots);
  const days = windowDaysOf(input);
  const numerator = input.annualise ? (cogs.value * 365) / days : cogs.value;
  return measurement(numerator, average, [...input.snapshots.map((s) => s.id), ...cogs.ids], {
    costOfGoodsSold: cogs.value,
    averageInventoryValue: average,
    windowDays: days,
    annualisedTurns: average === 0 ? null : (cogs.value / average) * (365 / days),
  });
}

/**
 * Days of supply: average inventory value ÷ average daily cost of goods sold.
 * Formula: DOS = avgInventoryValue / (COGS / windowDays). Source: SCOR AM.2.2 "Inventory Days of Supply".
 * Example: average stock 4,000, COGS 12,000 over 30 days (400/day) → 10 days.
 * Throws empty_input, negative_value, not_finite, invalid_input, out_of_range.
 */
export function computeDaysOfSupply(input: InventoryWindowInput): KpiMeasurement {
  const cogs = costOfGoodsSold(input.movements);
  const average = averageInventoryValue(input.snapshots);
  const days = windowDaysOf(input);
  return measurement(average, cogs.value / days, [...input.snapshots.map((s) => s.id), ...cogs.ids], {
    costOfGoodsSold: cogs.value,
    averageInventoryValue: average,
    windowDays: days,
  });
}
