import { CoreError } from '../shared/core-error';
import { requireNonNegative } from './internal/validate';

/** Cost per unit of each activity driver (activity-based costing rates). */
export type CostToServeRates = {
  perOrder?: number;
  perLine?: number;
  perDelivery?: number;
  perKm?: number;
  perReturn?: number;
  perUnit?: number;
};

/** Activity volumes of one customer over the window. */
export type CustomerActivity = {
  customerId: string;
  orders: number;
  lines: number;
  deliveries: number;
  distanceKm: number;
  returns: number;
  units?: number;
  revenueAmount?: number;
  /** Gross margin before cost to serve (revenue − cost of goods). */
  grossMarginAmount?: number;
};

export type CostToServeRow = {
  customerId: string;
  costByActivity: { orders: number; lines: number; deliveries: number; distance: number; returns: number; units: number };
  totalCostAmount: number;
  costPerOrder: number | null;
  /** Cost to serve ÷ revenue (null without revenue). */
  shareOfRevenue: number | null;
  /** Gross margin − cost to serve (null without gross margin). */
  netMarginAmount: number | null;
  /** Rank by total cost, 1 = most expensive to serve. */
  rank: number;
};

export type CostToServeResult = { rows: CostToServeRow[]; totalCostAmount: number; unprofitableCustomerIds: string[] };

/**
 * Activity-based cost to serve per customer: Σ activity volume × activity rate.
 * Formula: cost = orders × perOrder + lines × perLine + deliveries × perDelivery + km × perKm +
 * returns × perReturn + units × perUnit; net margin = gross margin − cost. Customers with a negative
 * net margin are listed as unprofitable. Source: Kaplan & Cooper, *Cost & Effect* (1998) ch. 10;
 * Braithwaite & Samakh (1998) "The cost-to-serve method", IJLM 9(1).
 * Example: 12 orders × 25 + 40 lines × 2 + 10 deliveries × 60 + 800 km × 1.1 + 2 returns × 45 = 1,950.
 * Throws invalid_input, negative_value, not_finite.
 */
export function computeCostToServe(input: { rates: CostToServeRates; customers: CustomerActivity[] }): CostToServeResult {
  if (!Array.isArray(input.customers)) throw new CoreError('invalid_input', 'customers must be an array', { path: 'customers' });
  const rate = (name: keyof CostToServeRates) => requireNonNegative(input.rates?.[name] ?? 0, `rates.${name}`);
  const rates = { perOrder: rate('perOrder'), perLine: rate('perLine'), perDelivery: rate('perDelivery'), perKm: rate('perKm'), perReturn: rate('perReturn'), perUnit: rate('perUnit') };
  const seen = new Set<string>();
  const rows = input.customers.map((customer, index) => {
    const path = `customers[${index}]`;
    if (typeof customer.customerId !== 'string' || customer.customerId.length === 0) throw new CoreError('invalid_input', 'customerId is required', { path: `${path}.customerId` });
    if (seen.has(customer.customerId)) throw new CoreError('invalid_input', `Duplicate customer ${customer.customerId}`, { path: `${path}.customerId` });
    seen.add(customer.customerId);
    const costByActivity = {
      orders: requireNonNegative(customer.orders, `${path}.orders`) * rates.perOrder,
      lines: requireNonNegative(customer.lines, `${path}.lines`) * rates.perLine,
      deliveries: requireNonNegative(customer.deliveries, `${path}.deliveries`) * rates.perDelivery,
      distance: requireNonNegative(customer.distanceKm, `${path}.distanceKm`) * rates.perKm,
      returns: requireNonNegative(customer.returns, `${path}.returns`) * rates.perReturn,
      units: requireNonNegative(customer.units ?? 0, `${path}.units`) * rates.perUnit,
    };
    const total = Object.values(costByActivity).reduce((sum, value) => sum + value, 0);
    const revenue = customer.revenueAmount === undefined ? null : requireNonNegative(customer.revenueAmount, `${path}.revenueAmount`);
    const margin = customer.grossMarginAmount === undefined ? null : customer.grossMarginAmount;
    if (margin !== null && !Number.isFinite(margin)) throw new CoreError('not_finite', 'grossMarginAmount must be finite', { path: `${path}.grossMarginAmount` });
    return {
      customerId: customer.customerId,
      costByActivity,
      totalCostAmount: total,
      costPerOrder: customer.orders === 0 ? null : total / customer.orders,
      shareOfRevenue: revenue === null || revenue === 0 ? null : total / revenue,
      netMarginAmount: margin === null ? null : margin - total,
      rank: 0,
    };
  });
  const ranked = [...rows].sort((a, b) => b.totalCostAmount - a.totalCostAmount || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  ranked.forEach((row, index) => {
    row.rank = index + 1;
  });
  return {
    rows: ranked,
    totalCostAmount: rows.reduce((sum, row) => sum + row.totalCostAmount, 0),
    unprofitableCustomerIds: ranked.filter((row) => row.netMarginAmount !== null && row.netMarginAmount < 0).map((row) => row.customerId),
  };
}
