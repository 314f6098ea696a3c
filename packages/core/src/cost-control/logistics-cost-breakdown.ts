import { CoreError } from '../shared/core-error';
import { LOGISTICS_COST_CATEGORIES, type LogisticsCostCategory, type LogisticsCostPosting } from './types';
import { requireCategory, requireFinite, requireNonNegative } from './internal/validate';

export type LogisticsCostBreakdownInput = {
  postings: LogisticsCostPosting[];
  /** Average value of the stock held over the window (at cost). */
  averageInventoryValue?: number;
  /** Annual cost of capital (or full carrying-cost rate excluding storage), a fraction, e.g. 0.08. */
  costOfCapitalPerYear?: number;
  /** Days the window covers, to prorate the annual rate. Default 365. */
  windowDays?: number;
  /** Net sales of the window, to express each family as a share of sales. */
  salesAmount?: number;
};

export type LogisticsCostBreakdownLine = {
  category: LogisticsCostCategory;
  amount: number;
  /** Share of the total logistics cost, 0–1 (null when the total is 0). */
  shareOfTotal: number | null;
  shareOfSales: number | null;
  postingIds: string[];
};

export type LogisticsCostBreakdownResult = {
  lines: LogisticsCostBreakdownLine[];
  totalAmount: number;
  /** Financial cost of stock computed from averageInventoryValue × rate × days / 365 (added to `financial`). */
  computedFinancialCostOfStock: number;
  shareOfSales: number | null;
};

/**
 * Logistics cost breakdown by family (procurement, storage, handling, transport, financial cost of
 * stock, returns, other), with shares of total and of sales.
 * Formula: financial cost of stock = average inventory value × cost of capital per year × windowDays / 365,
 * added to postings of category `financial`. Source: Christopher, *Logistics & Supply Chain
 * Management* (5th ed., 2016) ch. 3 (total cost of logistics); Silver, Pyke & Thomas (2017) §2.3 (carrying cost).
 * Example: transport 6,000, storage 2,000, stock 100,000 at 8 %/year over 365 days → financial 8,000,
 * total 16,000, transport share 0.375. Throws invalid_input, negative_value, not_finite, out_of_range.
 */
export function computeLogisticsCostBreakdown(input: LogisticsCostBreakdownInput): LogisticsCostBreakdownResult {
  if (!Array.isArray(input.postings)) throw new CoreError('invalid_input', 'postings must be an array', { path: 'postings' });
  const amounts = new Map<LogisticsCostCategory, { amount: number; ids: string[] }>(LOGISTICS_COST_CATEGORIES.map((category) => [category, { amount: 0, ids: [] }]));
  input.postings.forEach((posting, index) => {
    const category = requireCategory(posting.category, `postings[${index}].category`);
    const entry = amounts.get(category)!;
    // Credits (negative amounts, e.g. carrier refunds) are allowed and reduce the family.
    entry.amount += requireFinite(posting.amount, `postings[${index}].amount`);
    entry.ids.push(posting.id);
  });
  let financial = 0;
  if (input.averageInventoryValue !== undefined || input.costOfCapitalPerYear !== undefined) {
    const value = requireNonNegative(input.averageInventoryValue ?? 0, 'averageInventoryValue');
    const rate = requireNonNegative(input.costOfCapitalPerYear ?? 0, 'costOfCapitalPerYear');
    const days = requireNonNegative(input.windowDays ?? 365, 'windowDays');
    if (days === 0) throw new CoreError('out_of_range', 'windowDays must be > 0', { path: 'windowDays' });
    financial = (value * rate * days) / 365;
    amounts.get('financial')!.amount += financial;
  }
  const sales = input.salesAmount === undefined ? null : requireNonNegative(input.salesAmount, 'salesAmount');
  const total = [...amounts.values()].reduce((sum, entry) => sum + entry.amount, 0);
  const lines = LOGISTICS_COST_CATEGORIES.map((category): LogisticsCostBreakdownLine => {
    const entry = amounts.get(category)!;
    return {
      category,
      amount: entry.amount,
      shareOfTotal: total === 0 ? null : entry.amount / total,
      shareOfSales: sales === null || sales === 0 ? null : entry.amount / sales,
      postingIds: entry.ids,
    };
  });
  return { lines, totalAmount: total, computedFinancialCostOfStock: financial, shareOfSales: sales === null || sales === 0 ? null : total / sales };
}
