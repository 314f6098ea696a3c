/** Logistics cost families of the breakdown (the list; `financial` = cost of carrying stock). */
export type LogisticsCostCategory = 'procurement' | 'storage' | 'handling' | 'transport' | 'financial' | 'returns' | 'other';

export const LOGISTICS_COST_CATEGORIES: readonly LogisticsCostCategory[] = ['procurement', 'storage', 'handling', 'transport', 'financial', 'returns', 'other'];

/** One posted logistics cost. */
export type LogisticsCostPosting = {
  id: string;
  /** ISO date of the posting. */
  date: string;
  category: LogisticsCostCategory;
  amount: number;
  customerId?: string;
  siteId?: string;
};
