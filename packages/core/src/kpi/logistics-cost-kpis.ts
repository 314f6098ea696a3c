import type { KpiCostRecord, KpiMeasurement, KpiOrderLine, KpiShipment } from './types';
import { measurement, requireNonNegative } from './internal/validate';
import { CoreError } from '../shared/core-error';

function totalCost(costs: readonly KpiCostRecord[]): number {
  return costs.reduce((sum, cost, index) => {
    if (!Number.isFinite(cost.amount)) throw new CoreError('not_finite', 'amount must be finite', { path: `costs[${index}].amount` });
    return sum + cost.amount;
  }, 0);
}

/** Inputs of the logistics cost KPIs over one window. */
export type LogisticsCostInput = { costs: readonly KpiCostRecord[]; orderLines: readonly KpiOrderLine[] };

/**
 * Logistics cost per order (currency/order): Σ logistics costs ÷ distinct orders delivered.
 * Source: SCOR CO.1.1 "Total Cost to Serve" normalised per order. Example: 1,500 over 3 orders → 500.
 * Throws not_finite.
 */
export function computeLogisticsCostPerOrder(input: LogisticsCostInput): KpiMeasurement {
  const orders = new Set(input.orderLines.filter((line) => line.deliveredQuantity > 0).map((line) => line.orderId));
  return measurement(totalCost(input.costs), orders.size, [...input.costs.map((cost) => cost.id), ...input.orderLines.map((line) => line.id)]);
}

/**
 * Logistics cost per unit delivered (currency/unit): Σ logistics costs ÷ Σ delivered quantity.
 * Example: 1,500 over 300 units → 5. Throws not_finite, negative_value.
 */
export function computeLogisticsCostPerUnit(input: LogisticsCostInput): KpiMeasurement {
  const units = input.orderLines.reduce((sum, line, index) => sum + requireNonNegative(line.deliveredQuantity, `orderLines[${index}].deliveredQuantity`), 0);
  return measurement(totalCost(input.costs), units, [...input.costs.map((cost) => cost.id), ...input.orderLines.map((line) => line.id)]);
}

/**
 * Logistics cost as a share of sales, a fraction: Σ logistics costs ÷ Σ line revenue.
 * Source: ELA/AT Kearney logistics cost benchmark definition (logistics cost as % of sales).
 * Example: 1,500 over sales of 20,000 → 0.075. Throws not_finite, negative_value.
 */
export function computeLogisticsCostShareOfSales(input: LogisticsCostInput): KpiMeasurement {
  const sales = input.orderLines.reduce((sum, line, index) => sum + requireNonNegative(line.revenueAmount ?? 0, `orderLines[${index}].revenueAmount`), 0);
  return measurement(totalCost(input.costs), sales, [...input.costs.map((cost) => cost.id), ...input.orderLines.map((line) => line.id)]);
}

/**
 * CO2 emitted per unit shipped (kg CO2e/unit): Σ shipment CO2 ÷ Σ shipped units.
 * Source: GLEC Framework v3 (Smart Freight Centre, 2023) intensity metric; EN ISO 14083:2023.
 * Example: shipments of 100 units/50 kg and 300 units/70 kg → 120/400 = 0.3. Throws negative_value, not_finite.
 */
export function computeCo2PerUnitShipped(shipments: readonly KpiShipment[]): KpiMeasurement {
  let co2 = 0;
  let units = 0;
  shipments.forEach((shipment, index) => {
    co2 += requireNonNegative(shipment.co2Kg, `shipments[${index}].co2Kg`);
    units += requireNonNegative(shipment.quantityUnits, `shipments[${index}].quantityUnits`);
  });
  return measurement(co2, units, shipments.map((shipment) => shipment.id));
}
