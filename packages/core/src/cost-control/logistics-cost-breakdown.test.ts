import { describe, expect, it } from 'vitest';
import { computeLogisticsCostBreakdown } from './logistics-cost-breakdown';

describe('computeLogisticsCostBreakdown (hand-computed)', () => {
  const postings = [
    { id: 'P1', date: '2026-03-10', category: 'transport' as const, amount: 6000 },
    { id: 'P2', date: '2026-03-31', category: 'storage' as const, amount: 2000 },
  ];
  it('stock 100,000 at 8 %/year over a year adds 8,000 of financial cost; total 16,000', () => {
    const result = computeLogisticsCostBreakdown({ postings, averageInventoryValue: 100000, costOfCapitalPerYear: 0.08, salesAmount: 200000 });
    expect(result.computedFinancialCostOfStock).toBeCloseTo(8000, 9);
    expect(result.totalAmount).toBeCloseTo(16000, 9);
    const transport = result.lines.find((line) => line.category === 'transport')!;
    expect(transport.shareOfTotal).toBeCloseTo(0.375, 12);
    expect(transport.shareOfSales).toBeCloseTo(0.03, 12);
    expect(transport.postingIds).toEqual(['P1']);
    expect(result.shareOfSales).toBeCloseTo(0.08, 12);
    expect(result.lines.map((line) => line.category)).toEqual(['procurement', 'storage', 'handling', 'transport', 'financial', 'returns', 'other']);
  });
  it('prorates the annual rate to the window: 30 days → 100,000 × 0.08 × 30/365 = 657.53', () => {
    expect(computeLogisticsCostBreakdown({ postings: [], averageInventoryValue: 100000, costOfCapitalPerYear: 0.08, windowDays: 30 }).computedFinancialCostOfStock).toBeCloseTo(657.53, 2);
  });
  it('shares are null on an empty breakdown; unknown categories are rejected', () => {
    expect(computeLogisticsCostBreakdown({ postings: [] }).lines[0]!.shareOfTotal).toBeNull();
    expect(() => computeLogisticsCostBreakdown({ postings: [{ id: 'x', date: '2026-01-01', category: 'fuel' as 'other', amount: 1 }] })).toThrow(expect.objectContaining({ code: 'invalid_input', path: 'postings[0].category' }));
  });
});
