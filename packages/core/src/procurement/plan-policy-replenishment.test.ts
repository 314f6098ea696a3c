import { describe, expect, it } from 'vitest';
import { planPolicyReplenishment, roundPurchaseQuantity, type PolicyStockPointInput } from './index';
import { CoreError } from '../shared/core-error';

// Known answers computed by hand from the textbook rules (Silver, Pyke & Thomas 2017: (s, nQ) §7.3, (R, S) §8.3,
// all-units price breaks §5.5); each expectation shows its arithmetic.
const supplier = { supplierId: 'S1', leadTimeDays: 10, unitPrice: 2 };
const point = (overrides: Partial<PolicyStockPointInput>): PolicyStockPointInput => ({
  itemId: 'C1', locationId: 'W1', method: 'reorder_point', onHandQuantity: 0, onOrderQuantity: 0, backorderQuantity: 0, supplier, ...overrides,
});

describe('roundPurchaseQuantity', () => {
  it('applies MOQ, then the multiple, then a price break only when the larger order costs less in total', () => {
    // 130 → multiple 25 → 150 at 2.00 = 300; break 200 at 1.20 = 240 < 300 → 200.
    expect(roundPurchaseQuantity({ requiredQuantity: 130, minimumQuantity: 50, multipleQuantity: 25, unitPrice: 2, priceBreaks: [{ minimumQuantity: 200, unitPrice: 1.2 }] }))
      .toEqual({ quantity: 200, unitPrice: 1.2, priceBasis: 'price break from 200', adjustments: ['rounded up to the multiple of 25', 'raised to 200 for the price break (240 < 300 in total)'] });
    // 150 at 2.00 = 300; break 200 at 1.60 = 320 > 300 → stays 150.
    expect(roundPurchaseQuantity({ requiredQuantity: 130, multipleQuantity: 25, unitPrice: 2, priceBreaks: [{ minimumQuantity: 200, unitPrice: 1.6 }] }).quantity).toBe(150);
    // 20 → MOQ 50 (no multiple).
    expect(roundPurchaseQuantity({ requiredQuantity: 20, minimumQuantity: 50, unitPrice: 2 })).toEqual({ quantity: 50, unitPrice: 2, priceBasis: 'supply term price', adjustments: ['raised to the minimum order quantity 50'] });
    // Already above a break: its price applies with no adjustment.
    expect(roundPurchaseQuantity({ requiredQuantity: 300, unitPrice: 2, priceBreaks: [{ minimumQuantity: 100, unitPrice: 1.9 }, { minimumQuantity: 250, unitPrice: 1.8 }] }))
      .toEqual({ quantity: 300, unitPrice: 1.8, priceBasis: 'price break from 250', adjustments: [] });
  });

  it('refuses a quantity that is not positive', () => {
    expect(() => roundPurchaseQuantity({ requiredQuantity: 0, unitPrice: 1 })).toThrow(CoreError);
    expect(() => roundPurchaseQuantity({ requiredQuantity: 5, minimumQuantity: -1, unitPrice: 1 })).toThrow(/≥ 0/);
  });
});

describe('planPolicyReplenishment', () => {
  it('orders Q when the inventory position is at or below s, nothing above it', () => {
    const result = planPolicyReplenishment({
      asOfDate: '2026-03-02',
      stockPoints: [
        // IP = 40 + 30 − 5 = 65 ≤ s 80 → n = ⌊15 / 100⌋ + 1 = 1 → 100; due 2026-03-02 + 10 days.
        point({ itemId: 'A', onHandQuantity: 40, onOrderQuantity: 30, backorderQuantity: 5, reorderPointQuantity: 80, orderQuantity: 100 }),
        // IP = 80 = s → at s: orders.
        point({ itemId: 'B', onHandQuantity: 80, reorderPointQuantity: 80, orderQuantity: 60 }),
        // IP = 81 > s → nothing.
        point({ itemId: 'C', onHandQuantity: 81, reorderPointQuantity: 80, orderQuantity: 60 }),
        // IP = 10 − 20 = −10, s 100, Q 50 → n = ⌊110 / 50⌋ + 1 = 3 → 150.
        point({ itemId: 'D', onHandQuantity: 10, backorderQuantity: 20, reorderPointQuantity: 100, orderQuantity: 50 }),
      ],
    });
    expect(result.lines.map((l) => [l.itemId, l.quantity, l.basis.inventoryPosition, l.basis.orderCount])).toEqual([['A', 100, 65, 1], ['B', 60, 80, 1], ['D', 150, -10, 3]]);
    expect(result.lines[0]).toMatchObject({ supplierId: 'S1', unitPrice: 2, releaseDate: '2026-03-02', dueDate: '2026-03-12', basis: { reorderPoint: 80, orderQuantity: 100, requiredQuantity: 100, leadTimeDays: 10 } });
    expect(result.outcomes).toEqual([{ itemId: 'C', locationId: 'W1', kind: 'above_reorder_point', exception: false, inventoryPosition: 81, detail: 'IP 81 > s 80' }]);
  });

  it('orders up to S on a review date only, rounded to the multiple and the price break', () => {
    const periodic = { method: 'periodic_review' as const, onHandQuantity: 120, orderUpToQuantity: 300, reviewPeriodDays: 14, reviewAnchorDate: '2026-01-05',
      supplier: { supplierId: 'S2', leadTimeDays: 2.5, multipleQuantity: 25, unitPrice: 2, priceBreaks: [{ minimumQuantity: 200, unitPrice: 1.8 }] } };
    // 2026-03-02 is 56 days (4 × 14) after the anchor: a review date. S − IP = 300 − 120 = 180 → multiple 25 → 200 → break 200 at 1.80; lead time 2.5 → 3 days.
    const due = planPolicyReplenishment({ asOfDate: '2026-03-02', stockPoints: [point(periodic)] });
    expect(due.lines).toHaveLength(1);
    expect(due.lines[0]).toMatchObject({ quantity: 200, unitPrice: 1.8, priceBasis: 'price break from 200', dueDate: '2026-03-05', basis: { requiredQuantity: 180, orderUpToLevel: 300, reviewDate: '2026-03-02', inventoryPosition: 120 } });
    // 2026-03-09: the next review is 2026-03-16, outside [03-09, 03-16) → no order.
    expect(planPolicyReplenishment({ asOfDate: '2026-03-09', stockPoints: [point(periodic)] }).outcomes).toEqual([
      { itemId: 'C1', locationId: 'W1', kind: 'not_a_review_date', exception: false, inventoryPosition: 120, detail: 'next review 2026-03-16' },
    ]);
    // 2026-03-11: the review of 2026-03-16 falls in [03-11, 03-18) → ordered this cycle.
    expect(planPolicyReplenishment({ asOfDate: '2026-03-11', stockPoints: [point(periodic)] }).lines[0]?.basis.reviewDate).toBe('2026-03-16');
    // At S: nothing to order.
    expect(planPolicyReplenishment({ asOfDate: '2026-03-02', stockPoints: [point({ ...periodic, onHandQuantity: 300 })] }).outcomes[0]?.kind).toBe('at_or_above_order_up_to');
  });

  it('reports missing parameters and suppliers as exceptions instead of guessing', () => {
    const result = planPolicyReplenishment({
      asOfDate: '2026-03-02',
      stockPoints: [
        point({ itemId: 'A' }),
        point({ itemId: 'B', reorderPointQuantity: 10 }),
        point({ itemId: 'C', method: 'periodic_review' }),
        point({ itemId: 'D', method: 'periodic_review', orderUpToQuantity: 10, reviewAnchorDate: '2026-01-05' }),
        point({ itemId: 'E', reorderPointQuantity: 10, orderQuantity: 5, supplier: null }),
      ],
    });
    expect(result.lines).toEqual([]);
    expect(result.outcomes.map((o) => [o.itemId, o.kind, o.exception])).toEqual([
      ['A', 'missing_reorder_point', true], ['B', 'missing_order_quantity', true], ['C', 'missing_order_up_to_level', true], ['D', 'missing_review_period', true], ['E', 'no_supplier', true],
    ]);
  });

  it('is deterministic whatever the input order, and rejects bad input', () => {
    const points = [point({ itemId: 'B', reorderPointQuantity: 5, orderQuantity: 10 }), point({ itemId: 'A', reorderPointQuantity: 5, orderQuantity: 10 })];
    expect(planPolicyReplenishment({ asOfDate: '2026-03-02', stockPoints: points })).toEqual(planPolicyReplenishment({ asOfDate: '2026-03-02', stockPoints: [...points].reverse() }));
    expect(() => planPolicyReplenishment({ asOfDate: '2026-02-30', stockPoints: [] })).toThrow(CoreError);
    let error: unknown;
    try { planPolicyReplenishment({ asOfDate: '2026-03-02', stockPoints: [point({ onHandQuantity: -1, reorderPointQuantity: 1, orderQuantity: 1 })] }); } catch (e) { error = e; }
    expect(error).toMatchObject({ code: 'negative_value', path: 'stockPoints[C1@W1].onHandQuantity' });
  });
});
