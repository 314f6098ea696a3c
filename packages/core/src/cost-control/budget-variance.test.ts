import { describe, expect, it } from 'vitest';
import { computeBudgetVariance } from './budget-variance';

describe('computeBudgetVariance (static-budget variance, Horngren; hand-computed)', () => {
  const result = computeBudgetVariance({
    budget: [
      { month: '2026-03', category: 'transport', amount: 10000 },
      { month: '2026-03', category: 'storage', amount: 4000 },
      { month: '2026-04', category: 'transport', amount: 10000 },
    ],
    actuals: [
      { id: 'A1', date: '2026-03-05', category: 'transport', amount: 7000 },
      { id: 'A2', date: '2026-03-20', category: 'transport', amount: 4200 },
      { id: 'A3', date: '2026-03-31', category: 'storage', amount: 3900 },
      { id: 'A4', date: '2026-04-30', category: 'transport', amount: 9000 },
    ],
  });
  it('March transport: 11,200 against 10,000 → +1,200 (+12 %), over budget', () => {
    const row = result.rows.find((r) => r.month === '2026-03' && r.category === 'transport')!;
    expect(row).toMatchObject({ budgetAmount: 10000, actualAmount: 11200, varianceAmount: 1200, status: 'over-budget', postingIds: ['A1', 'A2'] });
    expect(row.varianceFraction).toBeCloseTo(0.12, 12);
  });
  it('storage within 5 % is on budget; April is under; totals and YTD add up', () => {
    expect(result.rows.find((r) => r.month === '2026-03' && r.category === 'storage')!.status).toBe('on-budget');
    const april = result.rows.find((r) => r.month === '2026-04' && r.category === 'transport')!;
    expect(april.status).toBe('under-budget');
    expect(april.ytdBudgetAmount).toBe(20000);
    expect(april.ytdActualAmount).toBe(20200);
    const marchTotal = result.rows.find((r) => r.month === '2026-03' && r.category === 'total')!;
    expect(marchTotal).toMatchObject({ budgetAmount: 14000, actualAmount: 15100, varianceAmount: 1100 });
    expect(result.exceptions).toEqual([
      { month: '2026-03', category: 'transport', varianceAmount: 1200 },
      { month: '2026-03', category: 'total', varianceAmount: 1100 },
    ]);
  });
  it('rejects bad months', () => {
    expect(() => computeBudgetVariance({ budget: [{ month: '2026-13', category: 'transport', amount: 1 }], actuals: [] })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});
