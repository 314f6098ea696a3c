import { CoreError } from '../shared/core-error';
import { LOGISTICS_COST_CATEGORIES, type LogisticsCostCategory, type LogisticsCostPosting } from './types';
import { requireCategory, requireFinite, requireMonth, requireNonNegative } from './internal/validate';

/** Budgeted amount of one cost family for one month. */
export type CostBudgetLine = { month: string; category: LogisticsCostCategory; amount: number };

export type BudgetVarianceInput = {
  budget: CostBudgetLine[];
  actuals: LogisticsCostPosting[];
  /** |variance| ≤ tolerance × budget counts as on budget. Default 0.05. */
  toleranceFraction?: number;
};

export type BudgetVarianceStatus = 'on-budget' | 'over-budget' | 'under-budget';

export type BudgetVarianceRow = {
  month: string;
  category: LogisticsCostCategory | 'total';
  budgetAmount: number;
  actualAmount: number;
  /** actual − budget: positive = overspend. */
  varianceAmount: number;
  /** variance ÷ budget (null when the budget is 0). */
  varianceFraction: number | null;
  status: BudgetVarianceStatus;
  /** Year-to-date (same calendar year, months up to this one) budget and actual. */
  ytdBudgetAmount: number;
  ytdActualAmount: number;
  postingIds: string[];
};

export type BudgetVarianceResult = { rows: BudgetVarianceRow[]; exceptions: Array<{ month: string; category: LogisticsCostCategory | 'total'; varianceAmount: number }> };

/**
 * Budget against actual by month and cost family, with variances, year-to-date sums and a total row
 * per month. Formulas: variance = actual − budget; varianceFraction = variance / budget; status over
 * when variance > tolerance × budget, under when < −tolerance × budget. Over-budget rows are listed in
 * `exceptions`. Source: Horngren, Datar & Rajan, *Cost Accounting* (15th ed.), ch. 7 (static-budget variance).
 * Example: March transport budget 10,000, actual 11,200 → variance +1,200 (+12 %) over budget.
 * Throws invalid_input, negative_value, not_finite.
 */
export function computeBudgetVariance(input: BudgetVarianceInput): BudgetVarianceResult {
  if (!Array.isArray(input.budget) || !Array.isArray(input.actuals)) throw new CoreError('invalid_input', 'budget and actuals must be arrays', { path: 'budget' });
  const tolerance = requireNonNegative(input.toleranceFraction ?? 0.05, 'toleranceFraction');
  const cells = new Map<string, { budget: number; actual: number; ids: string[] }>();
  const cell = (month: string, category: LogisticsCostCategory) => {
    const key = `${month}|${category}`;
    let entry = cells.get(key);
    if (!entry) {
      entry = { budget: 0, actual: 0, ids: [] };
      cells.set(key, entry);
    }
    return entry;
  };
  input.budget.forEach((line, index) => {
    cell(requireMonth(line.month, `budget[${index}].month`), requireCategory(line.category, `budget[${index}].category`)).budget += requireFinite(line.amount, `budget[${index}].amount`);
  });
  input.actuals.forEach((posting, index) => {
    const entry = cell(requireMonth(posting.date, `actuals[${index}].date`), requireCategory(posting.category, `actuals[${index}].category`));
    entry.actual += requireFinite(posting.amount, `actuals[${index}].amount`);
    entry.ids.push(posting.id);
  });
  const months = [...new Set([...cells.keys()].map((key) => key.split('|')[0]!))].sort();
  const rows: BudgetVarianceRow[] = [];
  const ytd = new Map<string, { budget: number; actual: number }>();
  const statusOf = (variance: number, budget: number): BudgetVarianceStatus =>
    variance > tolerance * Math.abs(budget) + 1e-9 ? 'over-budget' : variance < -tolerance * Math.abs(budget) - 1e-9 ? 'under-budget' : 'on-budget';
  const push = (month: string, category: LogisticsCostCategory | 'total', budget: number, actual: number, ids: string[]) => {
    const ytdKey = `${month.slice(0, 4)}|${category}`;
    const running = ytd.get(ytdKey) ?? { budget: 0, actual: 0 };
    running.budget += budget;
    running.actual += actual;
    ytd.set(ytdKey, running);
    const variance = actual - budget;
    rows.push({
      month,
      category,
      budgetAmount: budget,
      actualAmount: actual,
      varianceAmount: variance,
      varianceFraction: budget === 0 ? null : variance / budget,
      status: statusOf(variance, budget),
      ytdBudgetAmount: running.budget,
      ytdActualAmount: running.actual,
      postingIds: ids,
    });
  };
  for (const month of months) {
    let budgetTotal = 0;
    let actualTotal = 0;
    const ids: string[] = [];
    for (const category of LOGISTICS_COST_CATEGORIES) {
      const entry = cells.get(`${month}|${category}`);
      if (!entry) continue;
      push(month, category, entry.budget, entry.actual, entry.ids);
      budgetTotal += entry.budget;
      actualTotal += entry.actual;
      ids.push(...entry.ids);
    }
    push(month, 'total', budgetTotal, actualTotal, ids);
  }
  return {
    rows,
    exceptions: rows.filter((row) => row.status === 'over-budget').map((row) => ({ month: row.month, category: row.category, varianceAmount: row.varianceAmount })),
  };
}
