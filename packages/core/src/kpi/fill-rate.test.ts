import { describe, expect, it } from 'vitest';
import { computeFillRate } from './fill-rate';
import { computePerfectOrderRate } from './perfect-order-rate';
import { computeOrderCycleTimeDays, computeSupplierLeadTimeDays } from './order-cycle-time';
import type { KpiOrderLine } from './types';

const base = { orderDate: '2026-03-01', requestedDate: '2026-03-05' };
// Hand-computed: order A lines 10/10 and 5/10, order B line 8/8 (over-delivery capped at ordered).
const lines: KpiOrderLine[] = [
  { ...base, id: 'L1', orderId: 'A', orderedQuantity: 10, deliveredQuantity: 10, deliveredDate: '2026-03-05' },
  { ...base, id: 'L2', orderId: 'A', orderedQuantity: 10, deliveredQuantity: 5, deliveredDate: '2026-03-07' },
  { ...base, id: 'L3', orderId: 'B', orderDate: '2026-03-02', orderedQuantity: 8, deliveredQuantity: 9, deliveredDate: '2026-03-06' },
];

describe('computeFillRate', () => {
  it('unit fill rate = 23/28', () => {
    const result = computeFillRate(lines, 'unit');
    expect(result.numerator).toBe(23);
    expect(result.denominator).toBe(28);
    expect(result.value).toBeCloseTo(0.8214, 4);
  });
  it('line fill rate = 2/3 and order fill rate = 1/2', () => {
    expect(computeFillRate(lines, 'line').value).toBeCloseTo(2 / 3, 12);
    expect(computeFillRate(lines, 'order').value).toBe(0.5);
  });
  it('asOfDate leaves out undelivered lines not yet due', () => {
    const withOpen = [...lines, { ...base, id: 'L9', orderId: 'Z', requestedDate: '2026-04-01', orderedQuantity: 10, deliveredQuantity: 0 }];
    expect(computeFillRate(withOpen, 'unit').value).toBeCloseTo(23 / 38, 12);
    expect(computeFillRate(withOpen, 'unit', { asOfDate: '2026-03-31' }).value).toBeCloseTo(23 / 28, 12);
    expect(computePerfectOrderRate(withOpen, { asOfDate: '2026-03-31' }).components).toEqual({ notYetDue: 1 });
  });
  it('zero ordered quantity gives no value', () => {
    expect(computeFillRate([{ ...base, id: 'Z', orderId: 'Z', orderedQuantity: 0, deliveredQuantity: 0 }], 'unit').value).toBeNull();
  });
});

describe('computePerfectOrderRate (SCOR RL.1.1)', () => {
  it('an order is perfect only when every line is OTIF, undamaged and documented (hand-computed 1/3)', () => {
    const orders: KpiOrderLine[] = [
      { ...base, id: 'A1', orderId: 'A', orderedQuantity: 5, deliveredQuantity: 5, deliveredDate: '2026-03-05' },
      { ...base, id: 'B1', orderId: 'B', orderedQuantity: 5, deliveredQuantity: 5, deliveredDate: '2026-03-06' },
      { ...base, id: 'C1', orderId: 'C', orderedQuantity: 5, deliveredQuantity: 5, deliveredDate: '2026-03-05', damageFree: false },
      { ...base, id: 'C2', orderId: 'C', orderedQuantity: 5, deliveredQuantity: 5, deliveredDate: '2026-03-05' },
    ];
    const result = computePerfectOrderRate(orders);
    expect(result.numerator).toBe(1);
    expect(result.denominator).toBe(3);
    orders[0]!.documentationCorrect = false;
    expect(computePerfectOrderRate(orders).value).toBe(0);
  });
});

describe('cycle and lead times', () => {
  it('order cycle time: A 03-01→03-07 (6 d), B 03-02→03-06 (4 d) → 5 days', () => {
    const result = computeOrderCycleTimeDays(lines);
    expect(result.value).toBe(5);
    expect(result.components).toEqual({ openOrders: 0 });
  });
  it('leaves open orders out', () => {
    const open = [...lines, { ...base, id: 'L4', orderId: 'C', orderedQuantity: 1, deliveredQuantity: 0 }];
    expect(computeOrderCycleTimeDays(open).components).toEqual({ openOrders: 1 });
    expect(computeOrderCycleTimeDays(open).value).toBe(5);
  });
  it('supplier lead time: 10 and 14 days → 12', () => {
    const receipts = [
      { id: 'R1', supplierId: 'S', orderDate: '2026-01-01', dueDate: '2026-01-10', receivedDate: '2026-01-11', orderedQuantity: 1, receivedQuantity: 1 },
      { id: 'R2', supplierId: 'S', orderDate: '2026-01-01', dueDate: '2026-01-15', receivedDate: '2026-01-15', orderedQuantity: 1, receivedQuantity: 1 },
    ];
    expect(computeSupplierLeadTimeDays(receipts).value).toBe(12);
  });
});
