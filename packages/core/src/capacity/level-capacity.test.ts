import { describe, expect, it } from 'vitest';
import { createRandom } from '../shared/random';
import { computeCapacityLoad } from './compute-capacity-load';
import { levelCapacity } from './level-capacity';
import type { CapacityInput, CapacityOrder } from './types';

const base: CapacityInput = {
  bucketCount: 4,
  workCenters: [
    { workCenterId: 'lathe', calendarHoursPerBucket: 80 },
    { workCenterId: 'paint', calendarHoursPerBucket: [40, 40, 40, 40], utilization: 0.5, efficiency: 1 },
  ],
  routings: [
    { itemId: 'shaft', operations: [{ sequence: 10, workCenterId: 'lathe', setupHours: 2, runHoursPerUnit: 0.1, offsetBuckets: 1 }, { sequence: 20, workCenterId: 'paint', setupHours: 1, runHoursPerUnit: 0.05 }] },
    { itemId: 'plate', operations: [{ sequence: 10, workCenterId: 'lathe', setupHours: 0, runHoursPerUnit: 0.6 }] },
  ],
  orders: [],
};

describe('computeCapacityLoad (CRP)', () => {
  it('100 shafts due in bucket 2: lathe 12 h in bucket 1 (offset 1), paint 6 h in bucket 2', () => {
    const result = computeCapacityLoad({ ...base, orders: [{ orderId: 'MO-1', itemId: 'shaft', quantityUnits: 100, dueBucket: 2 }] });
    const load = (wc: string, b: number): number | undefined => result.loads.find((l) => l.workCenterId === wc && l.bucket === b)?.loadHours;
    expect(load('lathe', 1)).toBeCloseTo(12, 9);
    expect(load('paint', 2)).toBeCloseTo(6, 9);
    expect(result.loads.find((l) => l.workCenterId === 'paint')?.availableHours).toBe(20); // 40 h × utilization 0.5
    expect(result.status).toBe('ok');
  });

  it('reports overloads with the orders that cause them, past-due loads and missing routings', () => {
    const result = computeCapacityLoad({
      ...base,
      orders: [
        { orderId: 'A', itemId: 'plate', quantityUnits: 100, dueBucket: 2 },
        { orderId: 'B', itemId: 'plate', quantityUnits: 50, dueBucket: 2 },
        { orderId: 'C', itemId: 'shaft', quantityUnits: 10, dueBucket: 0 },
        { orderId: 'D', itemId: 'nut', quantityUnits: 10, dueBucket: 0 },
      ],
    });
    expect(result.status).toBe('overloaded');
    const overload = result.exceptions.find((e) => e.code === 'overload');
    expect(overload).toMatchObject({ workCenterId: 'lathe', bucket: 2, orderIds: ['A', 'B'] });
    expect(overload?.excessHours).toBeCloseTo(10, 9);
    expect(result.exceptions.map((e) => e.code).sort()).toEqual(['missing_routing', 'overload', 'past_due_load']);
  });
});

describe('levelCapacity', () => {
  it('moves a planned order one bucket earlier within its slack and fixes the overload', () => {
    const result = levelCapacity({
      ...base,
      orders: [
        { orderId: 'A', itemId: 'plate', quantityUnits: 100, dueBucket: 2 },
        { orderId: 'B', itemId: 'plate', quantityUnits: 100, dueBucket: 2, maxEarlierBuckets: 1 },
      ],
    });
    expect(result.status).toBe('levelled');
    expect(result.moves).toEqual([expect.objectContaining({ orderId: 'B', fromDueBucket: 2, toDueBucket: 1 })]);
    expect(result.after.status).toBe('ok');
    expect(result.unresolved).toEqual([]);
  });

  it('never moves firm orders and reports what it could not fix', () => {
    const result = levelCapacity({
      ...base,
      orders: [
        { orderId: 'A', itemId: 'plate', quantityUnits: 100, dueBucket: 2, status: 'firm', maxEarlierBuckets: 2 },
        { orderId: 'B', itemId: 'plate', quantityUnits: 100, dueBucket: 2, status: 'released', maxEarlierBuckets: 2 },
      ],
    });
    expect(result.status).toBe('unchanged_overloaded');
    expect(result.moves).toEqual([]);
    expect(result.unresolved[0]).toMatchObject({ workCenterId: 'lathe', bucket: 2, reason: expect.stringMatching(/firm/) });
  });

  it('invariants on random models: load is conserved, no new overload, moves stay within slack', () => {
    const random = createRandom(11);
    let moveCount = 0;
    for (let run = 0; run < 30; run += 1) {
      const orders: CapacityOrder[] = Array.from({ length: 12 }, (_, i) => ({
        orderId: `O${String(i).padStart(2, '0')}`,
        itemId: random.next() < 0.5 ? 'plate' : 'shaft',
        quantityUnits: random.nextInt(10, 120),
        dueBucket: random.nextInt(1, 4),
        maxEarlierBuckets: random.nextInt(0, 3),
        maxLaterBuckets: random.nextInt(0, 2),
        status: random.next() < 0.2 ? 'firm' : 'planned',
      }));
      const input = { ...base, orders };
      const result = levelCapacity(input);
      const sum = (loads: typeof result.after.loads): number => loads.reduce((s, l) => s + l.loadHours, 0);
      expect(sum(result.after.loads)).toBeCloseTo(sum(result.before.loads), 6);
      for (const move of result.moves) {
        const order = orders.find((o) => o.orderId === move.orderId) as CapacityOrder;
        expect(order.status).toBe('planned');
        expect(move.toDueBucket).toBeGreaterThanOrEqual(order.dueBucket - (order.maxEarlierBuckets ?? 0));
        expect(move.toDueBucket).toBeLessThanOrEqual(order.dueBucket + (order.maxLaterBuckets ?? 0));
      }
      // A cell that was not overloaded before is not overloaded after.
      for (const after of result.after.loads) {
        const before = result.before.loads.find((l) => l.workCenterId === after.workCenterId && l.bucket === after.bucket);
        if (before !== undefined && before.loadHours <= before.availableHours + 1e-9) expect(after.loadHours).toBeLessThanOrEqual(after.availableHours + 1e-9);
      }
      expect(levelCapacity(input)).toEqual(result);
      moveCount += result.moves.length;
    }
    expect(moveCount).toBeGreaterThan(0);
  });

  it('rejects bad input', () => {
    expect(() => levelCapacity({ ...base, orders: [{ orderId: 'A', itemId: 'plate', quantityUnits: 1, dueBucket: 9 }] })).toThrow(expect.objectContaining({ code: 'out_of_range', path: 'orders[0].dueBucket' }));
    expect(() => computeCapacityLoad({ ...base, routings: [{ itemId: 'x', operations: [{ sequence: 1, workCenterId: 'oven', setupHours: 0, runHoursPerUnit: 1 }] }] })).toThrow(expect.objectContaining({ code: 'unknown_reference' }));
  });
});
