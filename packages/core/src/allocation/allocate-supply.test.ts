import { describe, expect, it } from 'vitest';
import { createRandom } from '../shared/random';
import { allocateSupply } from './allocate-supply';
import { reallocateOnReceipt } from './reallocate-on-receipt';
import type { AllocationInput, AllocationOrderLine } from './types';

const twoLines: AllocationInput = {
  onHandUnits: 100,
  receiptsUnits: [0, 0],
  orderLines: [
    { lineId: 'B', customerId: 'beta', quantityUnits: 50, dueBucket: 0, priorityClass: 2 },
    { lineId: 'A', customerId: 'alpha', quantityUnits: 80, dueBucket: 0, priorityClass: 1 },
  ],
};

describe('allocateSupply', () => {
  it('priority class first: A (class 1) 80, B 20 and a 30-unit backorder, with reasons', () => {
    const result = allocateSupply(twoLines);
    const [b, a] = result.lines;
    expect(a).toMatchObject({ lineId: 'A', onTimeUnits: 80, backorderUnits: 0, status: 'filled_on_time' });
    expect(b).toMatchObject({ lineId: 'B', onTimeUnits: 20, backorderUnits: 30, status: 'partial' });
    expect(b?.reasons.map((r) => r.code)).toEqual(['outranked', 'no_supply', 'backordered']);
    expect(b?.reasons[0]?.params.lineIds).toBe('A');
    expect(result.status).toBe('shortage');
    expect(result.onTimeFillRate).toBeCloseTo(100 / 130, 12);
  });

  it('fair share within one class: 100 × 80/130 → 62 and 38 (largest remainder)', () => {
    const result = allocateSupply({ ...twoLines, orderLines: twoLines.orderLines.map((line) => ({ ...line, priorityClass: 1 })), rules: { shareWithinGroup: 'fair-share' } });
    expect(result.lines.map((l) => [l.lineId, l.onTimeUnits])).toEqual([['B', 38], ['A', 62]]);
    expect(result.lines[0]?.reasons[0]?.code).toBe('fair_share');
  });

  it('protected stock: others cannot take the last 40 units kept for the strategic customer', () => {
    const result = allocateSupply({
      onHandUnits: 100,
      receiptsUnits: [0, 0],
      orderLines: [
        { lineId: 'L1', customerId: 'retail', quantityUnits: 100, dueBucket: 0, priorityClass: 1 },
        { lineId: 'L2', customerId: 'key-account', quantityUnits: 30, dueBucket: 1, priorityClass: 2 },
      ],
      rules: { protectedStock: { quantityUnits: 40, customerIds: ['key-account'] } },
    });
    expect(result.lines[0]).toMatchObject({ onTimeUnits: 60, backorderUnits: 40 });
    expect(result.lines[0]?.reasons.map((r) => r.code)).toContain('blocked_by_protected_stock');
    expect(result.lines[1]).toMatchObject({ onTimeUnits: 30, status: 'filled_on_time' });
    expect(result.lines[1]?.reasons.map((r) => r.code)).toContain('served_from_protected_stock');
    expect(result.endingStockUnits).toBe(10);
  });

  it('quotas cap a customer to its share of supply arrived so far, until released', () => {
    const input: AllocationInput = {
      onHandUnits: 100,
      receiptsUnits: [0, 0, 0],
      orderLines: [{ lineId: 'X', customerId: 'big', quantityUnits: 90, dueBucket: 0, priorityClass: 1 }],
      rules: { quotas: [{ customerId: 'big', share: 0.6 }], releaseQuotasFromBucket: 2 },
    };
    const result = allocateSupply(input);
    expect(result.lines[0]?.allocations).toEqual([{ bucket: 0, quantityUnits: 60 }, { bucket: 2, quantityUnits: 30 }]);
    expect(result.lines[0]?.reasons.map((r) => r.code)).toEqual(['capped_by_quota', 'filled_late']);
  });

  it('backorders are served late from later receipts, in service order', () => {
    const result = allocateSupply({ ...twoLines, receiptsUnits: [0, 20] });
    expect(result.lines[0]).toMatchObject({ lineId: 'B', onTimeUnits: 20, lateUnits: 20, backorderUnits: 10 });
    expect(result.lines[0]?.allocations).toEqual([{ bucket: 0, quantityUnits: 20 }, { bucket: 1, quantityUnits: 20 }]);
  });

  it('invariants on random data: never allocate more than arrived, per line ≤ requested, deterministic', () => {
    const random = createRandom(3);
    for (let run = 0; run < 40; run += 1) {
      const buckets = random.nextInt(1, 6);
      const lines: AllocationOrderLine[] = Array.from({ length: random.nextInt(1, 12) }, (_, i) => ({
        lineId: `L${i}`,
        customerId: `C${random.nextInt(0, 4)}`,
        quantityUnits: random.nextInt(0, 60),
        dueBucket: random.nextInt(0, buckets),
        priorityClass: random.nextInt(1, 4),
      }));
      const input: AllocationInput = {
        onHandUnits: random.nextInt(0, 80),
        receiptsUnits: Array.from({ length: buckets }, () => random.nextInt(0, 50)),
        orderLines: lines,
        rules: {
          shareWithinGroup: random.next() < 0.5 ? 'fair-share' : 'sequential',
          sequence: random.next() < 0.5 ? 'priority-then-due' : 'due-then-priority',
          quotas: random.next() < 0.5 ? [{ customerId: 'C0', share: 0.3 }] : [],
          protectedStock: random.next() < 0.5 ? { quantityUnits: 20, customerIds: ['C1'] } : undefined,
        },
      };
      const result = allocateSupply(input);
      let arrived = input.onHandUnits;
      let taken = 0;
      for (let b = 0; b < buckets; b += 1) {
        if (b > 0) arrived += input.receiptsUnits[b] ?? 0;
        else arrived += input.receiptsUnits[0] ?? 0;
        taken += result.lines.reduce((sum, line) => sum + line.allocations.filter((a) => a.bucket === b).reduce((s, a) => s + a.quantityUnits, 0), 0);
        expect(taken).toBeLessThanOrEqual(arrived + 1e-9);
      }
      for (const line of result.lines) {
        expect(line.onTimeUnits + line.lateUnits + line.backorderUnits).toBeCloseTo(line.requestedUnits, 9);
        for (const allocation of line.allocations) {
          expect(allocation.bucket).toBeGreaterThanOrEqual(line.dueBucket);
          expect(Number.isInteger(allocation.quantityUnits)).toBe(true);
        }
        expect(line.reasons.length).toBeGreaterThan(0);
      }
      expect(allocateSupply(input)).toEqual(result);
      // Causality: a receipt in the last bucket changes nothing before it.
      const again = reallocateOnReceipt(input, { bucket: buckets - 1, quantityUnits: 25 });
      for (const [index, line] of again.result.lines.entries()) {
        const earlier = (list: typeof line.allocations): typeof line.allocations => list.filter((a) => a.bucket < buckets - 1);
        expect(earlier(line.allocations)).toEqual(earlier(result.lines[index]?.allocations ?? []));
      }
    }
  });

  it('rejects bad input', () => {
    expect(() => allocateSupply({ ...twoLines, orderLines: [{ lineId: 'A', customerId: 'a', quantityUnits: 1, dueBucket: 5 }] })).toThrow(expect.objectContaining({ code: 'out_of_range', path: 'orderLines[0].dueBucket' }));
    expect(() => allocateSupply({ ...twoLines, receiptsUnits: [] })).toThrow(expect.objectContaining({ code: 'empty_input' }));
    expect(() => allocateSupply({ ...twoLines, rules: { quotas: [{ customerId: 'a', share: 2 }] } })).toThrow(expect.objectContaining({ code: 'out_of_range' }));
  });
});

describe('reallocateOnReceipt', () => {
  it('a receipt of 30 in bucket 1 clears B\u2019s 30-unit backorder', () => {
    const { result, changes } = reallocateOnReceipt(twoLines, { bucket: 1, quantityUnits: 30 });
    expect(changes).toEqual([{ lineId: 'B', customerId: 'beta', bucket: 1, gainedUnits: 30, backorderBeforeUnits: 30, backorderAfterUnits: 0 }]);
    expect(result.lines[0]?.status).toBe('filled_late');
  });
});
