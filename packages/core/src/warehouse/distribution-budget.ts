import { CoreError } from '../shared/core-error';

export type DistributionBudgetInput = {
  unitsShipped: number;
  ordersShipped: number;
  orderLinesPicked?: number;
  storage: { palletPositions: number; costPerPalletPositionPerPeriod: number; fixedCostPerPeriod?: number };
  handling: {
    costPerUnitHandled?: number;
    costPerOrderLinePicked?: number;
    costPerOrderShipped?: number;
    palletsReceived?: number;
    costPerPalletReceived?: number;
  };
  /** Transport cost of the period, e.g. the total of computeTransportBudget. */
  transportCost: number;
};

type CostSplit = { storage: number; handling: number; transport: number; total: number };

export type DistributionBudgetResult = {
  costs: CostSplit & { handlingLines: { receiving: number; picking: number; perUnit: number; perOrder: number } };
  perUnit: CostSplit;
  perOrder: CostSplit;
};

/**
 * Distribution cost of a period split into storage, handling and transport, in total, per unit and per order.
 * storage = palletPositions × costPerPalletPositionPerPeriod + fixed; handling = units × per-unit + lines × per-line
 * + orders × per-order + pallets received × per-pallet; per unit = cost / unitsShipped; per order = cost / ordersShipped.
 * Source: activity-based costing of warehouse operations, Frazelle (2002) World-Class Warehousing, ch. 2.
 * Example: 1 000 pallet positions × 6 + units 50 000 × 0.10 + lines 8 000 × 0.40 + orders 2 000 × 1.5 + transport
 * 30 000 → storage 6 000, handling 11 200, total 47 200; 0.944 per unit, 23.6 per order.
 * Throws not_finite / negative_value; out_of_range when units or orders are 0.
 */
export function computeDistributionBudget(input: DistributionBudgetInput): DistributionBudgetResult {
  const check = (value: number | undefined, path: string): number => {
    const v = value ?? 0;
    if (!Number.isFinite(v)) throw new CoreError('not_finite', `${path} must be finite`, { path });
    if (v < 0) throw new CoreError('negative_value', `${path} must be ≥ 0`, { path });
    return v;
  };
  const units = check(input.unitsShipped, 'unitsShipped');
  const orders = check(input.ordersShipped, 'ordersShipped');
  if (units === 0 || orders === 0) throw new CoreError('out_of_range', 'unitsShipped and ordersShipped must be positive', { path: units === 0 ? 'unitsShipped' : 'ordersShipped' });
  const storage =
    check(input.storage.palletPositions, 'storage.palletPositions') * check(input.storage.costPerPalletPositionPerPeriod, 'storage.costPerPalletPositionPerPeriod') +
    check(input.storage.fixedCostPerPeriod, 'storage.fixedCostPerPeriod');
  const receiving = check(input.handling.palletsReceived, 'handling.palletsReceived') * check(input.handling.costPerPalletReceived, 'handling.costPerPalletReceived');
  const picking = check(input.orderLinesPicked, 'orderLinesPicked') * check(input.handling.costPerOrderLinePicked, 'handling.costPerOrderLinePicked');
  const perUnitHandling = units * check(input.handling.costPerUnitHandled, 'handling.costPerUnitHandled');
  const perOrderHandling = orders * check(input.handling.costPerOrderShipped, 'handling.costPerOrderShipped');
  const handling = receiving + picking + perUnitHandling + perOrderHandling;
  const transport = check(input.transportCost, 'transportCost');
  const total = storage + handling + transport;
  const split = (divisor: number): CostSplit => ({ storage: storage / divisor, handling: handling / divisor, transport: transport / divisor, total: total / divisor });
  return {
    costs: { storage, handling, transport, total, handlingLines: { receiving, picking, perUnit: perUnitHandling, perOrder: perOrderHandling } },
    perUnit: split(units),
    perOrder: split(orders),
  };
}
