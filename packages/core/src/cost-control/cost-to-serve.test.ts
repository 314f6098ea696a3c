import { describe, expect, it } from 'vitest';
import { computeCostToServe } from './cost-to-serve';

describe('computeCostToServe (activity-based costing, Kaplan & Cooper 1998; hand-computed)', () => {
  const rates = { perOrder: 25, perLine: 2, perDelivery: 60, perKm: 1.1, perReturn: 45 };
  const result = computeCostToServe({
    rates,
    customers: [
      { customerId: 'C-small', orders: 12, lines: 40, deliveries: 10, distanceKm: 800, returns: 2, revenueAmount: 10000, grossMarginAmount: 1500 },
      { customerId: 'C-big', orders: 20, lines: 400, deliveries: 20, distanceKm: 200, returns: 0, revenueAmount: 80000, grossMarginAmount: 20000 },
    ],
  });
  it('C-small: 300 + 80 + 600 + 880 + 90 = 1,950, net margin −450 (unprofitable)', () => {
    const small = result.rows.find((row) => row.customerId === 'C-small')!;
    expect(small.totalCostAmount).toBeCloseTo(1950, 9);
    expect(small.costPerOrder).toBeCloseTo(162.5, 9);
    expect(small.shareOfRevenue).toBeCloseTo(0.195, 12);
    expect(small.netMarginAmount).toBeCloseTo(-450, 9);
    expect(result.unprofitableCustomerIds).toEqual(['C-small']);
  });
  it('C-big: 500 + 800 + 1,200 + 220 = 2,720, ranked first; total 4,670', () => {
    expect(result.rows[0]!.customerId).toBe('C-big');
    expect(result.rows[0]!.totalCostAmount).toBeCloseTo(2720, 9);
    expect(result.totalCostAmount).toBeCloseTo(4670, 9);
  });
  it('rejects duplicates and negative volumes', () => {
    expect(() => computeCostToServe({ rates, customers: [{ customerId: 'a', orders: 1, lines: 1, deliveries: 1, distanceKm: 1, returns: 0 }, { customerId: 'a', orders: 1, lines: 1, deliveries: 1, distanceKm: 1, returns: 0 }] })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => computeCostToServe({ rates, customers: [{ customerId: 'a', orders: -1, lines: 1, deliveries: 1, distanceKm: 1, returns: 0 }] })).toThrow(expect.objectContaining({ code: 'negative_value' }));
  });
});
