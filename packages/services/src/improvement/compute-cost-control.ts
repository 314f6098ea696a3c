import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import type { KpiCostRecord } from '@flowpilot/core';
import { loadImprovementCosts, loadImprovementOrderLines, loadImprovementShipments } from './load-kpi-actuals';

export const IMPROVEMENT_COST_CATEGORIES = ['procurement', 'storage', 'handling', 'transport', 'financial', 'returns', 'other'] as const;
export type ImprovementCostCategory = (typeof IMPROVEMENT_COST_CATEGORIES)[number];

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** One month × category: budget, actual (cost entries + shipment freight) and the variance. */
export type ImprovementBudgetRow = {
  month: string;
  category: ImprovementCostCategory;
  budgetEur: number;
  actualEur: number;
  /** actual − budget: positive means over budget. */
  varianceEur: number;
  /** variance / budget (null without a budget). */
  varianceFraction: number | null;
  /** Cost records behind the actual (cost_entry:…, shipment:…). */
  recordIds: string[];
};

/**
 * Budget against actual by month and cost category over a window: actual = Σ cost entries of the
 * month and category + Σ freight recorded on shipments (transport); variance = actual − budget.
 * Example: transport budget 10 000 €, freight 9 200 € + 1 300 € of entries → actual 10 500 €, variance +500 € (+5 %).
 */
export async function computeImprovementBudgetVsActual(handle: DatabaseHandle, input: { organizationId: string; from: string; to: string }): Promise<ImprovementBudgetRow[]> {
  const costs = await loadImprovementCosts(handle, input);
  const budgets = (await sql<{ month: string; category: ImprovementCostCategory; amount_eur: string }>`
    select to_char(budget_month, 'YYYY-MM') as month, category, amount_eur::text from cost_budget
    where organization_id = ${input.organizationId} and budget_month between date_trunc('month', ${input.from}::date) and ${input.to}::date order by 1, 2`.execute(handle.db)).rows;
  const rows = new Map<string, ImprovementBudgetRow>();
  const rowOf = (month: string, category: ImprovementCostCategory): ImprovementBudgetRow => {
    const key = `${month}|${category}`;
    let row = rows.get(key);
    if (!row) {
      row = { month, category, budgetEur: 0, actualEur: 0, varianceEur: 0, varianceFraction: null, recordIds: [] };
      rows.set(key, row);
    }
    return row;
  };
  for (const budget of budgets) rowOf(budget.month, budget.category).budgetEur += Number(budget.amount_eur);
  for (const cost of costs) {
    const row = rowOf(cost.date.slice(0, 7), cost.category);
    row.actualEur += cost.amount;
    row.recordIds.push(cost.id);
  }
  return [...rows.values()]
    .map((row) => {
      const actualEur = round2(row.actualEur);
      const budgetEur = round2(row.budgetEur);
      const varianceEur = round2(actualEur - budgetEur);
      return { ...row, actualEur, budgetEur, varianceEur, varianceFraction: budgetEur > 0 ? Math.round((varianceEur / budgetEur) * 1e6) / 1e6 : null };
    })
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : IMPROVEMENT_COST_CATEGORIES.indexOf(a.category) - IMPROVEMENT_COST_CATEGORIES.indexOf(b.category)));
}

/** Cost breakdown by category over a window (the logistics cost structure). */
export async function computeImprovementCostBreakdown(handle: DatabaseHandle, input: { organizationId: string; from: string; to: string }): Promise<{ category: ImprovementCostCategory; amountEur: number; share: number | null }[]> {
  const costs = await loadImprovementCosts(handle, input);
  const total = costs.reduce((sum, c) => sum + c.amount, 0);
  return IMPROVEMENT_COST_CATEGORIES.map((category) => {
    const amount = costs.filter((c) => c.category === category).reduce((sum, c) => sum + c.amount, 0);
    return { category, amountEur: round2(amount), share: total > 0 ? Math.round((amount / total) * 1e6) / 1e6 : null };
  });
}

/** Cost to serve one customer over the window, with the revenue it brought. */
export type ImprovementCostToServeRow = {
  customerCode: string;
  orderCount: number;
  orderLineCount: number;
  unitsShipped: number;
  revenueEur: number;
  /** Costs recorded against the customer (freight of its shipments, returns, entries with its code). */
  directCostEur: number;
  /** Its share of handling, storage and other costs without a customer, pro rata to order lines. */
  allocatedCostEur: number;
  costToServeEur: number;
  /** costToServe / revenue (null without revenue). */
  costShareOfRevenue: number | null;
  costPerOrderEur: number | null;
};

const ALLOCATED: readonly KpiCostRecord['category'][] = ['handling', 'storage', 'other'];

/**
 * Cost to serve per customer (activity-based, Braithwaite & Samakh 1998): direct costs (records
 * with the customer's code: freight of its shipments, returns, dedicated handling) + a share of the
 * handling, storage and other costs that carry no customer, pro rata to the customer's order lines
 * in the window. Procurement and financial costs are not customer-driven and stay out.
 * Example: 1 000 € unassigned handling, customer with 10 of 40 lines → 250 € allocated.
 */
export async function computeImprovementCostToServe(handle: DatabaseHandle, input: { organizationId: string; from: string; to: string }): Promise<ImprovementCostToServeRow[]> {
  const window = input;
  const [lines, shipments] = [await loadImprovementOrderLines(handle, window), await loadImprovementShipments(handle, window)];
  const costs = await loadImprovementCosts(handle, window, shipments);
  const customers = new Map<string, { orders: Set<string>; lines: number; units: number; revenue: number; direct: number }>();
  const of = (code: string) => {
    let entry = customers.get(code);
    if (!entry) {
      entry = { orders: new Set(), lines: 0, units: 0, revenue: 0, direct: 0 };
      customers.set(code, entry);
    }
    return entry;
  };
  for (const line of lines) {
    const entry = of(line.customerId ?? '(none)');
    entry.orders.add(line.orderId);
    entry.lines += 1;
    entry.revenue += line.revenueAmount ?? 0;
  }
  for (const shipment of shipments) of(shipment.customerId ?? '(none)').units += shipment.quantityUnits;
  let pool = 0;
  for (const cost of costs) {
    if (cost.customerId) of(cost.customerId).direct += cost.amount;
    else if (ALLOCATED.includes(cost.category)) pool += cost.amount;
  }
  const totalLines = [...customers.values()].reduce((sum, c) => sum + c.lines, 0);
  return [...customers.entries()]
    .map(([customerCode, c]) => {
      const allocated = totalLines > 0 ? (pool * c.lines) / totalLines : 0;
      const costToServe = c.direct + allocated;
      return {
        customerCode, orderCount: c.orders.size, orderLineCount: c.lines, unitsShipped: c.units, revenueEur: round2(c.revenue), directCostEur: round2(c.direct),
        allocatedCostEur: round2(allocated), costToServeEur: round2(costToServe), costShareOfRevenue: c.revenue > 0 ? Math.round((costToServe / c.revenue) * 1e6) / 1e6 : null,
        costPerOrderEur: c.orders.size > 0 ? round2(costToServe / c.orders.size) : null,
      };
    })
    .sort((a, b) => b.costToServeEur - a.costToServeEur || (a.customerCode < b.customerCode ? -1 : 1));
}
