import { describe, expect, it } from 'vitest';
import { computeOnTimeInFull } from './on-time-in-full';
import type { KpiOrderLine } from './types';

const line = (id: string, orderId: string, requestedDate: string, deliveredDate: string | undefined, ordered: number, delivered: number, extra: Partial<KpiOrderLine> = {}): KpiOrderLine => ({
  id, orderId, orderDate: '2026-03-01', requestedDate, deliveredDate, orderedQuantity: ordered, deliveredQuantity: delivered, ...extra,
});

// Hand-computed: L1 on time & full, L2 one day late, L3 short (8/10), L4 early & full → 2 of 4 lines.
const lines = [
  line('L1', 'A', '2026-03-10', '2026-03-10', 10, 10),
  line('L2', 'A', '2026-03-10', '2026-03-11', 5, 5),
  line('L3', 'B', '2026-03-12', '2026-03-12', 10, 8),
  line('L4', 'C', '2026-03-15', '2026-03-13', 4, 4, { promisedDate: '2026-03-12' }),
];

describe('computeOnTimeInFull', () => {
  it('counts lines on time and in full (hand-computed 2/4)', () => {
    const result = computeOnTimeInFull(lines);
    expect(result.value).toBe(0.5);
    expect(result.numerator).toBe(2);
    expect(result.denominator).toBe(4);
    expect(result.components).toEqual({ onTimeRate: 0.75, inFullRate: 0.75, notYetDue: 0 });
    expect(result.recordIds).toEqual(['L1', 'L2', 'L3', 'L4']);
  });

  it('measures at order level: only order C is fully OTIF (1/3)', () => {
    expect(computeOnTimeInFull(lines, { level: 'order' }).value).toBeCloseTo(1 / 3, 12);
  });

  it('applies late, early and quantity tolerances', () => {
    expect(computeOnTimeInFull(lines, { lateToleranceDays: 1, quantityToleranceFraction: 0.2 }).value).toBe(1);
    // L4 judged against its promise (03-12) is one day late; early window 0 leaves the others unchanged.
    expect(computeOnTimeInFull(lines, { dueDateBasis: 'promised' }).numerator).toBe(1);
    expect(computeOnTimeInFull(lines, { earlyToleranceDays: 1 }).numerator).toBe(1);
  });

  it('leaves out lines not yet due at asOfDate, but counts overdue undelivered lines as failures', () => {
    const open = [...lines, line('L5', 'D', '2026-03-20', undefined, 3, 0), line('L6', 'E', '2026-03-09', undefined, 3, 0)];
    const result = computeOnTimeInFull(open, { asOfDate: '2026-03-16' });
    // L5 (due 03-20) is not due yet; L6 (due 03-09) is overdue → 2 of 5.
    expect(result.value).toBe(0.4);
    expect(result.components!.notYetDue).toBe(1);
    expect(result.recordIds).toEqual(['L1', 'L2', 'L3', 'L4', 'L6']);
    expect(computeOnTimeInFull(open).denominator).toBe(6);
  });

  it('OTIF never exceeds the on-time rate nor the in-full rate (invariant)', () => {
    for (const options of [{}, { lateToleranceDays: 1 }, { quantityToleranceFraction: 0.2 }, { earlyToleranceDays: 0 }]) {
      const result = computeOnTimeInFull(lines, options);
      expect(result.value!).toBeLessThanOrEqual(Math.min(result.components!.onTimeRate!, result.components!.inFullRate!));
    }
  });

  it('treats undelivered lines as failures and rejects bad input', () => {
    expect(computeOnTimeInFull([line('X', 'A', '2026-03-10', undefined, 5, 0)]).value).toBe(0);
    expect(() => computeOnTimeInFull([])).toThrow(expect.objectContaining({ code: 'empty_input' }));
    expect(() => computeOnTimeInFull([line('X', 'A', '2026-02-30', '2026-03-01', 1, 1)])).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => computeOnTimeInFull([line('X', 'A', '2026-03-01', '2026-03-01', -1, 1)])).toThrow(expect.objectContaining({ code: 'negative_value', path: 'orderLines[0].orderedQuantity' }));
  });
});
