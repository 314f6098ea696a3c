import { describe, expect, it } from 'vitest';
import { computeLowLevelCodes } from './compute-low-level-codes';
import { pegMrpPlan } from './peg-mrp-plan';
import { listMrpPlannedOrders, runMrp } from './run-mrp';

describe('doc-comment examples', () => {
  it('computeLowLevelCodes: A→B, A→C, C→B gives A 0, C 1, B 2 (Orlicky: a code is the deepest level of use)', () => {
    // Items A=0, B=1, C=2; lines grouped by parent: A→B, A→C, C→B.
    const result = computeLowLevelCodes({ itemIds: ['A', 'B', 'C'], childStart: Int32Array.from([0, 2, 2, 3]), childItem: Int32Array.from([1, 2, 1]) });
    expect(Array.from(result.lowLevelCode)).toEqual([0, 2, 1]);
    expect(Array.from(result.planningOrder)).toEqual([0, 2, 1]);
  });

  it('runMrp: A (LT 1) needs 2 B (LT 2); 10 A in period 3 → A released 10 in 2, B released 20 in 0', () => {
    const plan = runMrp({
      horizonPeriods: 4,
      items: [{ id: 'A', leadTimePeriods: 1 }, { id: 'B', leadTimePeriods: 2 }],
      bomLines: [{ parentId: 'A', componentId: 'B', quantityPer: 2 }],
      demands: [{ id: 'd', itemId: 'A', period: 3, quantity: 10 }],
    });
    expect(listMrpPlannedOrders(plan).map((o) => [o.itemId, o.releasePeriod, o.releaseQuantity])).toEqual([['A', 2, 10], ['B', 0, 20]]);
  });

  it('pegMrpPlan: D1 = 5 in period 1 and D2 = 5 in period 2, lot-for-lot → PL-A-1 pegs to D1, PL-A-2 to D2', () => {
    const plan = runMrp({
      horizonPeriods: 3,
      items: [{ id: 'A', leadTimePeriods: 0 }],
      demands: [{ id: 'D1', itemId: 'A', period: 1, quantity: 5 }, { id: 'D2', itemId: 'A', period: 2, quantity: 5 }],
    });
    expect(pegMrpPlan(plan).map((r) => [r.supplyId, r.demandId, r.quantity])).toEqual([['PL-A-1', 'D1', 5], ['PL-A-2', 'D2', 5]]);
  });
});
