import { describe, expect, it } from 'vitest';
import { computeVolumeRevenueMatrix } from './compute-volume-revenue-matrix';

describe('computeVolumeRevenueMatrix', () => {
  it('classes products by revenue 800/150/50 as A/B/C (Pareto rule with 0.8/0.95 limits)', () => {
    const result = computeVolumeRevenueMatrix({
      lines: [
        { productId: 'P1', customerId: 'K1', quantityUnits: 10, revenue: 800 },
        { productId: 'P2', customerId: 'K2', quantityUnits: 100, revenue: 150 },
        { productId: 'P3', customerId: 'K2', quantityUnits: 890, revenue: 50 },
      ],
    });
    expect(result.products.map((p) => [p.id, p.revenueClass, p.volumeClass])).toEqual([
      ['P1', 'A', 'C'],
      ['P2', 'B', 'B'],
      ['P3', 'C', 'A'],
    ]);
    expect(result.customers.map((c) => [c.id, c.revenueClass])).toEqual([['K1', 'A'], ['K2', 'B']]);
    // Volume class C × revenue class A holds the expensive low-volume product.
    const cell = result.productVolumeByRevenue.find((c) => c.rowClass === 'C' && c.columnClass === 'A');
    expect(cell?.ids).toEqual(['P1']);
    expect(result.productByCustomer.reduce((sum, c) => sum + c.revenue, 0)).toBe(1000);
    expect(result.productByCustomer.reduce((sum, c) => sum + c.quantityUnits, 0)).toBe(1000);
    expect(result.productVolumeByRevenue).toHaveLength(9);
  });

  it('sums several lines per pair and breaks ties by id', () => {
    const result = computeVolumeRevenueMatrix({
      lines: [
        { productId: 'B', customerId: 'K', quantityUnits: 5, revenue: 50 },
        { productId: 'A', customerId: 'K', quantityUnits: 5, revenue: 50 },
        { productId: 'A', customerId: 'K', quantityUnits: 0, revenue: 0 },
      ],
    });
    expect(result.products.map((p) => [p.id, p.revenueClass])).toEqual([['A', 'A'], ['B', 'A']]);
    expect(result.productByCustomer.find((c) => c.count > 0)?.ids).toEqual(['A|K', 'B|K']);
  });

  it('rejects empty and negative input', () => {
    expect(() => computeVolumeRevenueMatrix({ lines: [] })).toThrow(expect.objectContaining({ code: 'empty_input' }));
    expect(() => computeVolumeRevenueMatrix({ lines: [{ productId: 'A', customerId: 'K', quantityUnits: -1, revenue: 0 }] })).toThrow(expect.objectContaining({ code: 'negative_value', path: 'lines[0].quantityUnits' }));
    expect(() => computeVolumeRevenueMatrix({ lines: [{ productId: 'A', customerId: 'K', quantityUnits: 1, revenue: 1 }], thresholds: { a: 0.9, b: 0.5 } })).toThrow(expect.objectContaining({ code: 'out_of_range' }));
  });
});
