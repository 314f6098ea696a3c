import { describe, expect, it } from 'vitest';
import { CoreError } from '../shared/core-error';
import { applyMrpNetChange } from './apply-mrp-net-change';
import { generateMrpModel } from './generate-mrp-model';
import { pegMrpPlan, traceMrpPeggingDown, traceMrpPeggingUp } from './peg-mrp-plan';
import { listMrpActionMessages, listMrpExceptions, listMrpPlannedOrders, runMrp } from './run-mrp';
import { toMrpItemRecord, toMrpReport } from './to-mrp-report';
import type { MrpInput } from './types';

const zeros = (n: number): number[] => new Array<number>(n).fill(0);
/** Builds a 10-week row from {week: value} (weeks 1-based as in the book; periods are week − 1). */
const weeks = (values: Record<number, number>): number[] => {
  const row = zeros(10);
  for (const [week, value] of Object.entries(values)) row[Number(week) - 1] = value;
  return row;
};

// Jacobs & Chase, Operations and Supply Chain Management, chapter "Material Requirements Planning",
// problem: "One unit of A is made of one unit of B and one unit of C. B is made of three units of D and
// one unit of F. C is composed of three units of B, one unit of D, and four units of E. D is made of one
// unit of E. Item C has a lead time of one week; items A, B, E and F have two-week lead times; item D has
// a lead time of three weeks. Lot-for-lot for C, E and F; lots of 20, 40 and 160 for A, B and D. On hand:
// A 5, B 10, D 100, E 100. Scheduled receipts: 10 A in week 3, 20 B in week 7, 40 F in week 5, 60 E in
// week 2. 20 units of A are required in week 10." The records below were derived by hand from that data
// (textbook record conventions: POH(t) = POH(t−1) + SR(t) + PR(t) − GR(t)).
const jacobsChase: MrpInput = {
  horizonPeriods: 10,
  items: [
    { id: 'A', leadTimePeriods: 2, onHandQuantity: 5, lotSizing: { method: 'fixed-quantity', fixedQuantity: 20 } },
    { id: 'B', leadTimePeriods: 2, onHandQuantity: 10, lotSizing: { method: 'fixed-quantity', fixedQuantity: 40 } },
    { id: 'C', leadTimePeriods: 1 },
    { id: 'D', leadTimePeriods: 3, onHandQuantity: 100, lotSizing: { method: 'fixed-quantity', fixedQuantity: 160 } },
    { id: 'E', leadTimePeriods: 2, onHandQuantity: 100, ownerCode: 'buyer-7' },
    { id: 'F', leadTimePeriods: 2 },
  ],
  bomLines: [
    { parentId: 'A', componentId: 'B', quantityPer: 1 },
    { parentId: 'A', componentId: 'C', quantityPer: 1 },
    { parentId: 'B', componentId: 'D', quantityPer: 3 },
    { parentId: 'B', componentId: 'F', quantityPer: 1 },
    { parentId: 'C', componentId: 'B', quantityPer: 3 },
    { parentId: 'C', componentId: 'D', quantityPer: 1 },
    { parentId: 'C', componentId: 'E', quantityPer: 4 },
    { parentId: 'D', componentId: 'E', quantityPer: 1 },
  ],
  demands: [{ id: 'order-1', itemId: 'A', period: 9, quantity: 20 }],
  scheduledReceipts: [
    { id: 'SR-A', itemId: 'A', period: 2, quantity: 10 },
    { id: 'SR-B', itemId: 'B', period: 6, quantity: 20 },
    { id: 'SR-F', itemId: 'F', period: 4, quantity: 40 },
    { id: 'SR-E', itemId: 'E', period: 1, quantity: 60 },
  ],
};

describe('runMrp — textbook multi-level example (Jacobs & Chase, MRP chapter problem)', () => {
  const plan = runMrp(jacobsChase);
  const record = (id: string) => toMrpItemRecord(plan, id);

  it('low-level codes: A 0, C 1, B 2, D 3, F 3, E 4', () => {
    expect(toMrpReport(plan).lowLevelCodes).toEqual({ A: 0, C: 1, B: 2, D: 3, F: 3, E: 4 });
  });

  it('item A (lots of 20, LT 2): net 5 in week 10 → receipt 20, release in week 8', () => {
    expect(record('A')).toMatchObject({
      grossRequirements: weeks({ 10: 20 }),
      scheduledReceipts: weeks({ 3: 10 }),
      projectedOnHand: [5, 5, 15, 15, 15, 15, 15, 15, 15, 15],
      netRequirements: weeks({ 10: 5 }),
      plannedOrderReceipts: weeks({ 10: 20 }),
      plannedOrderReleases: weeks({ 8: 20 }),
    });
  });

  it('item C (lot-for-lot, LT 1)', () => {
    expect(record('C')).toMatchObject({
      grossRequirements: weeks({ 8: 20 }),
      projectedOnHand: zeros(10),
      netRequirements: weeks({ 8: 20 }),
      plannedOrderReceipts: weeks({ 8: 20 }),
      plannedOrderReleases: weeks({ 7: 20 }),
    });
  });

  it('item B (lots of 40, LT 2): 60 for C in week 7, 20 for A in week 8', () => {
    expect(record('B')).toMatchObject({
      grossRequirements: weeks({ 7: 60, 8: 20 }),
      scheduledReceipts: weeks({ 7: 20 }),
      projectedOnHand: [10, 10, 10, 10, 10, 10, 10, 30, 30, 30],
      netRequirements: weeks({ 7: 30, 8: 10 }),
      plannedOrderReceipts: weeks({ 7: 40, 8: 40 }),
      plannedOrderReleases: weeks({ 5: 40, 6: 40 }),
    });
  });

  it('item D (lots of 160, LT 3): 3 × B releases and 1 × C release', () => {
    expect(record('D')).toMatchObject({
      grossRequirements: weeks({ 5: 120, 6: 120, 7: 20 }),
      projectedOnHand: [100, 100, 100, 100, 140, 20, 0, 0, 0, 0],
      netRequirements: weeks({ 5: 20 }),
      plannedOrderReceipts: weeks({ 5: 160 }),
      plannedOrderReleases: weeks({ 2: 160 }),
    });
  });

  it('item F (lot-for-lot, LT 2): the open order of 40 covers week 5', () => {
    expect(record('F')).toMatchObject({
      grossRequirements: weeks({ 5: 40, 6: 40 }),
      scheduledReceipts: weeks({ 5: 40 }),
      projectedOnHand: zeros(10),
      netRequirements: weeks({ 6: 40 }),
      plannedOrderReceipts: weeks({ 6: 40 }),
      plannedOrderReleases: weeks({ 4: 40 }),
    });
  });

  it('item E (lot-for-lot, LT 2, low-level code 4): 160 for D in week 2, 80 for C in week 7', () => {
    expect(record('E')).toMatchObject({
      grossRequirements: weeks({ 2: 160, 7: 80 }),
      scheduledReceipts: weeks({ 2: 60 }),
      projectedOnHand: [100, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      netRequirements: weeks({ 7: 80 }),
      plannedOrderReceipts: weeks({ 7: 80 }),
      plannedOrderReleases: weeks({ 5: 80 }),
    });
  });

  it('no exceptions; messages: defer the early open order of A, increase the open order of B; pegging traces A down to E', () => {
    expect(plan.status).toBe('ok');
    // SR-A (10, week 3) is first needed in week 10; SR-B (20, week 7) lands with a planned receipt of 40.
    expect(listMrpActionMessages(plan).map((m) => [m.kind, m.orderId, m.period + 1, m.suggestedPeriod === null ? null : m.suggestedPeriod + 1, m.suggestedQuantity])).toEqual([
      ['defer', 'SR-A', 3, 10, null],
      ['increase', 'SR-B', 7, null, 60],
    ]);
    const pegging = pegMrpPlan(plan);
    const down = traceMrpPeggingDown(pegging, 'order-1');
    // order-1 (20 A) takes 5 on hand, the open order of 10 and 5 of the lot of 20 (a quarter of it),
    // so a quarter of C's order and of E's order of 80 serve it.
    expect(down.filter((s) => s.depth === 0).map((s) => [s.supplyId, s.quantity])).toEqual([['OH-A', 5], ['SR-A', 10], ['PL-A-9', 5]]);
    expect(down.filter((s) => s.supplyId === 'PL-E-6').map((s) => s.quantity)).toEqual([20]);
    const up = traceMrpPeggingUp(pegging, 'PL-C-7');
    expect(up).toEqual([
      { demandKind: 'independent', demandId: 'order-1', itemId: 'A', quantity: 5 },
      { demandKind: 'excess', demandId: null, itemId: 'A', quantity: 15 },
    ]);
  });
});

// Jacobs & Chase, Operations and Supply Chain Management, MRP chapter problem: "Product A is made from
// two units of B and three of C. B is made of two units of D and three of E. C is made of two units of F
// and one of E. A has a lead time of one week. B, C and E have lead times of two weeks, and D and F of
// three weeks. 95 units of A are required in week 10; no inventory." (Lot-for-lot; hand-derived.)
describe('runMrp — second textbook example (no inventory, lot-for-lot)', () => {
  it('planned order releases per item', () => {
    const plan = runMrp({
      horizonPeriods: 10,
      items: [
        { id: 'A', leadTimePeriods: 1 },
        { id: 'B', leadTimePeriods: 2 },
        { id: 'C', leadTimePeriods: 2 },
        { id: 'D', leadTimePeriods: 3 },
        { id: 'E', leadTimePeriods: 2 },
        { id: 'F', leadTimePeriods: 3 },
      ],
      bomLines: [
        { parentId: 'A', componentId: 'B', quantityPer: 2 },
        { parentId: 'A', componentId: 'C', quantityPer: 3 },
        { parentId: 'B', componentId: 'D', quantityPer: 2 },
        { parentId: 'B', componentId: 'E', quantityPer: 3 },
        { parentId: 'C', componentId: 'F', quantityPer: 2 },
        { parentId: 'C', componentId: 'E', quantityPer: 1 },
      ],
      demands: [{ id: 'd', itemId: 'A', period: 9, quantity: 95 }],
    });
    const releases = Object.fromEntries(listMrpPlannedOrders(plan).map((o) => [o.itemId, [o.releasePeriod + 1, o.releaseQuantity]]));
    expect(releases).toEqual({ A: [9, 95], B: [7, 190], C: [7, 285], D: [4, 380], E: [5, 855], F: [4, 570] });
  });
});

describe('runMrp — features', () => {
  it('scrap, yield and safety stock: release = receipt / yield; component need = qty·qtyPer/(1 − scrap)', () => {
    const plan = runMrp({
      horizonPeriods: 4,
      items: [
        { id: 'P', leadTimePeriods: 1, yieldFraction: 0.8, safetyStockQuantity: 10 },
        { id: 'K', leadTimePeriods: 0 },
      ],
      bomLines: [{ parentId: 'P', componentId: 'K', quantityPer: 2, scrapFraction: 0.2 }],
      demands: [{ id: 'd', itemId: 'P', period: 2, quantity: 30 }],
    });
    const p = toMrpItemRecord(plan, 'P');
    // Safety stock 10 from period 0 (on hand 0): net 10 in period 0, then 30 in period 2.
    expect(p.netRequirements).toEqual([10, 0, 30, 0]);
    expect(p.plannedOrderReceipts).toEqual([10, 0, 30, 0]);
    expect(p.plannedOrderReleases).toEqual([12.5, 37.5, 0, 0]);
    expect(p.projectedOnHand).toEqual([10, 10, 10, 10]);
    // K: 12.5 × 2 / 0.8 = 31.25 in period 0, 37.5 × 2 / 0.8 = 93.75 in period 1.
    expect(toMrpItemRecord(plan, 'K').grossRequirements).toEqual([31.25, 93.75, 0, 0]);
    const kinds = listMrpExceptions(plan).map((e) => e.kind);
    expect(kinds).toEqual(['past_due_release']);
  });

  it('BOM effectivity by release period: old component until period 2, new one from period 3', () => {
    const plan = runMrp({
      horizonPeriods: 6,
      items: [{ id: 'P', leadTimePeriods: 1 }, { id: 'OLD', leadTimePeriods: 0 }, { id: 'NEW', leadTimePeriods: 0 }],
      bomLines: [
        { parentId: 'P', componentId: 'OLD', quantityPer: 1, effectiveToPeriod: 2 },
        { parentId: 'P', componentId: 'NEW', quantityPer: 1, effectiveFromPeriod: 3 },
      ],
      demands: [2, 3, 4, 5].map((period) => ({ id: `d${period}`, itemId: 'P', period, quantity: 10 })),
    });
    expect(toMrpItemRecord(plan, 'OLD').grossRequirements).toEqual([0, 10, 10, 0, 0, 0]);
    expect(toMrpItemRecord(plan, 'NEW').grossRequirements).toEqual([0, 0, 0, 10, 10, 0]);
  });

  it('per-item lot sizing (POQ 2 periods, minimum and multiple) inside MRP', () => {
    const plan = runMrp({
      horizonPeriods: 4,
      items: [
        { id: 'X', leadTimePeriods: 0, lotSizing: { method: 'period-order-quantity', periodsOfSupply: 2 } },
        { id: 'Y', leadTimePeriods: 0, lotSizing: { method: 'lot-for-lot', minimumQuantity: 25, multipleQuantity: 10 } },
      ],
      demands: [0, 1, 2, 3].flatMap((period) => [
        { id: `x${period}`, itemId: 'X', period, quantity: 10 },
        { id: `y${period}`, itemId: 'Y', period, quantity: 12 },
      ]),
    });
    expect(toMrpItemRecord(plan, 'X').plannedOrderReceipts).toEqual([20, 0, 20, 0]);
    // Y: 12 → 30 (min 25, multiple 10), carry 18; 12 covered; 12-6 → 30 in period 2 ... carry forward.
    expect(toMrpItemRecord(plan, 'Y').plannedOrderReceipts).toEqual([30, 0, 30, 0]);
  });

  it('action messages on open orders: expedite, defer, cancel, decrease, increase; release with owner', () => {
    const plan = runMrp({
      horizonPeriods: 8,
      items: [
        { id: 'EXP', leadTimePeriods: 1, ownerCode: 'B1' },
        { id: 'DEF', leadTimePeriods: 1 },
        { id: 'CAN', leadTimePeriods: 1 },
        { id: 'DEC', leadTimePeriods: 1 },
        { id: 'INC', leadTimePeriods: 0 },
        { id: 'REL', leadTimePeriods: 2, ownerCode: 'P9', sourcing: 'make' },
      ],
      demands: [
        { id: 'e', itemId: 'EXP', period: 2, quantity: 50 },
        { id: 'f', itemId: 'DEF', period: 6, quantity: 50 },
        { id: 'g', itemId: 'DEC', period: 3, quantity: 30 },
        { id: 'h', itemId: 'INC', period: 3, quantity: 80 },
        { id: 'r', itemId: 'REL', period: 2, quantity: 5 },
      ],
      scheduledReceipts: [
        { id: 'SR-EXP', itemId: 'EXP', period: 5, quantity: 50 },
        { id: 'SR-DEF', itemId: 'DEF', period: 1, quantity: 50 },
        { id: 'SR-CAN', itemId: 'CAN', period: 4, quantity: 20 },
        { id: 'SR-LATER', itemId: 'CAN', period: 12, quantity: 20 },
        { id: 'SR-DEC', itemId: 'DEC', period: 3, quantity: 50 },
        { id: 'SR-INC', itemId: 'INC', period: 3, quantity: 50 },
      ],
    });
    const messages = listMrpActionMessages(plan).map((m) => [m.kind, m.orderId, m.suggestedPeriod, m.suggestedQuantity, m.reason, m.ownerCode, m.ownerRole]);
    expect(messages).toEqual(
      expect.arrayContaining([
        ['expedite', 'SR-EXP', 2, null, 'needed_earlier', 'B1', 'buyer'],
        ['defer', 'SR-DEF', 6, null, 'needed_later', null, 'buyer'],
        ['cancel', 'SR-CAN', null, 0, 'not_needed', null, 'buyer'],
        ['decrease', 'SR-DEC', null, 30, 'quantity_exceeds_need', null, 'buyer'],
        ['increase', 'SR-INC', null, 80, 'more_needed_same_period', null, 'buyer'],
        ['release', 'PL-REL-2', null, null, 'release_period_reached', 'P9', 'planner'],
      ]),
    );
    expect(messages).toHaveLength(6);
    // EXP: the late open order leaves projected on hand negative in periods 2-4, and an exception says why.
    const below = listMrpExceptions(plan, ['EXP']);
    expect(below).toEqual([{ kind: 'below_safety_stock', itemId: 'EXP', period: 2, quantity: 50, periodsLate: 0, referenceId: 'SR-EXP', ownerCode: 'B1' }]);
  });

  it('rescheduleToleranceBuckets silences small reschedules only', () => {
    const input: MrpInput = {
      horizonPeriods: 8,
      items: [{ id: 'A', leadTimePeriods: 1 }],
      demands: [{ id: 'd1', itemId: 'A', period: 3, quantity: 10 }, { id: 'd2', itemId: 'A', period: 7, quantity: 10 }],
      scheduledReceipts: [{ id: 'near', itemId: 'A', period: 2, quantity: 10 }, { id: 'far', itemId: 'A', period: 3, quantity: 10 }],
    };
    expect(listMrpActionMessages(runMrp(input)).map((m) => [m.kind, m.orderId])).toEqual([['defer', 'near'], ['defer', 'far']]);
    const tolerant = runMrp({ ...input, options: { rescheduleToleranceBuckets: 1 } });
    expect(listMrpActionMessages(tolerant).map((m) => [m.kind, m.orderId, m.suggestedPeriod])).toEqual([['defer', 'far', 7]]);
  });

  it('past-due and out-of-horizon data become exceptions, not errors', () => {
    const plan = runMrp({
      horizonPeriods: 3,
      items: [{ id: 'A', leadTimePeriods: 2 }],
      demands: [
        { id: 'late', itemId: 'A', period: -1, quantity: 5 },
        { id: 'far', itemId: 'A', period: 9, quantity: 5 },
      ],
      scheduledReceipts: [{ id: 'old', itemId: 'A', period: -2, quantity: 1 }],
    });
    expect(listMrpExceptions(plan).map((e) => [e.kind, e.periodsLate])).toEqual([
      ['past_due_demand', 1],
      ['demand_beyond_horizon', 0],
      ['past_due_receipt', 2],
      ['past_due_release', 2],
    ]);
    expect(plan.status).toBe('exceptions');
  });

  it('edge cases: empty BOM, zero demand, horizon of one', () => {
    const plan = runMrp({ horizonPeriods: 1, items: [{ id: 'A', leadTimePeriods: 0 }] });
    expect(plan.plannedOrderCount).toBe(0);
    expect(toMrpItemRecord(plan, 'A').projectedOnHand).toEqual([0]);
    const one = runMrp({ horizonPeriods: 1, items: [{ id: 'A', leadTimePeriods: 0, onHandQuantity: 3 }], demands: [{ id: 'd', itemId: 'A', period: 0, quantity: 5 }] });
    expect(toMrpItemRecord(one, 'A').plannedOrderReceipts).toEqual([2]);
  });
});

describe('runMrp — bad input', () => {
  const errorOf = (f: () => unknown): CoreError => {
    try {
      f();
    } catch (error) {
      if (error instanceof CoreError) return error;
      throw error;
    }
    throw new Error('expected a CoreError');
  };

  it('a BOM cycle is reported with the items in the cycle', () => {
    const error = errorOf(() =>
      runMrp({
        horizonPeriods: 4,
        items: ['TOP', 'A', 'B', 'C', 'Z'].map((id) => ({ id, leadTimePeriods: 1 })),
        bomLines: [
          { parentId: 'TOP', componentId: 'A', quantityPer: 1 },
          { parentId: 'A', componentId: 'B', quantityPer: 1 },
          { parentId: 'B', componentId: 'C', quantityPer: 1 },
          { parentId: 'C', componentId: 'A', quantityPer: 1 },
          { parentId: 'C', componentId: 'Z', quantityPer: 1 },
        ],
      }),
    );
    expect(error.code).toBe('cycle_detected');
    const cycle = error.details.cycleItemIds as string[];
    expect(cycle[0]).toBe(cycle[cycle.length - 1]);
    expect(new Set(cycle)).toEqual(new Set(['A', 'B', 'C']));
    expect(cycle.slice(0, -1)).toHaveLength(3);
  });

  it('unknown references, duplicates and bad numbers throw with a path', () => {
    expect(errorOf(() => runMrp({ horizonPeriods: 2, items: [{ id: 'A', leadTimePeriods: 0 }], demands: [{ id: 'd', itemId: 'Q', period: 0, quantity: 1 }] }))).toMatchObject({ code: 'unknown_reference', path: 'demands[0].itemId' });
    expect(errorOf(() => runMrp({ horizonPeriods: 2, items: [{ id: 'A', leadTimePeriods: 0 }, { id: 'A', leadTimePeriods: 0 }] }))).toMatchObject({ code: 'invalid_input', path: 'items[1].id' });
    expect(errorOf(() => runMrp({ horizonPeriods: 2, items: [{ id: 'A', leadTimePeriods: -1 }] }))).toMatchObject({ code: 'negative_value', path: 'items[0].leadTimePeriods' });
    expect(errorOf(() => runMrp({ horizonPeriods: 0, items: [{ id: 'A', leadTimePeriods: 0 }] }))).toMatchObject({ code: 'out_of_range', path: 'horizonPeriods' });
    expect(errorOf(() => runMrp({ horizonPeriods: 2, items: [{ id: 'A', leadTimePeriods: 0, lotSizing: { method: 'wagner-whitin' } }] }))).toMatchObject({ code: 'invalid_input', path: 'items[0].lotSizing' });
    expect(errorOf(() => runMrp({ horizonPeriods: 2, items: [{ id: 'A', leadTimePeriods: 0 }], bomLines: [{ parentId: 'A', componentId: 'A', quantityPer: 1, scrapFraction: 1 }] }))).toMatchObject({ code: 'out_of_range' });
  });
});

describe('runMrp — invariants on generated models', () => {
  const EPS = 1e-6;
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: projected on hand ≥ safety stock unless explained; every planned order pegged; pegging balances`, () => {
      const input = generateMrpModel({ itemCount: 300, seed, horizonPeriods: 20 });
      const plan = runMrp(input);
      expect(plan.plannedOrderCount).toBeGreaterThan(0);
      const explained = new Set(listMrpExceptions(plan).filter((e) => e.kind === 'below_safety_stock').map((e) => e.itemId));
      const safety = new Map(input.items.map((i) => [i.id, i.safetyStockQuantity ?? 0]));
      for (const item of input.items) {
        const record = toMrpItemRecord(plan, item.id);
        const dips = record.projectedOnHand.some((v) => v < (safety.get(item.id) as number) - EPS);
        if (dips) expect(explained.has(item.id), item.id).toBe(true);
      }
      const pegging = pegMrpPlan(plan);
      const pegged = new Map<string, number>();
      const served = new Map<string, number>();
      for (const r of pegging) {
        pegged.set(r.supplyId, (pegged.get(r.supplyId) ?? 0) + r.quantity);
        if (r.demandKind === 'independent') served.set(r.demandId!, (served.get(r.demandId!) ?? 0) + r.quantity);
      }
      for (const order of listMrpPlannedOrders(plan)) expect(pegged.get(order.id) ?? 0, order.id).toBeCloseTo(order.quantity, 6);
      for (const d of input.demands ?? []) if (d.period < input.horizonPeriods) expect(served.get(d.id) ?? 0, d.id).toBeCloseTo(d.quantity, 6);
      // Upward tracing of any planned order ends at independent demand, safety stock or excess only.
      const someOrder = listMrpPlannedOrders(plan).at(-1)!;
      for (const end of traceMrpPeggingUp(pegging, someOrder.id)) expect(['independent', 'safety_stock', 'excess']).toContain(end.demandKind);
    });
  }

  it('net change re-plans only the changed item and its descendants and equals a regenerative run', () => {
    const input = generateMrpModel({ itemCount: 400, seed: 11, horizonPeriods: 20 });
    const plan = runMrp(input);
    const target = input.items[3]!.id; // an end item
    const newDemands = [{ id: 'new-1', period: 4, quantity: 77 }, { id: 'new-2', period: 12, quantity: 31 }];
    const { plan: changed, replannedItemIds } = applyMrpNetChange(plan, [{ itemId: target, demands: newDemands, safetyStockQuantity: 9 }]);
    expect(replannedItemIds[0]).toBe(target);
    expect(replannedItemIds.length).toBeLessThan(input.items.length);
    const regenerated = runMrp({
      ...input,
      items: input.items.map((i) => (i.id === target ? { ...i, safetyStockQuantity: 9 } : i)),
      demands: [...(input.demands ?? []).filter((d) => d.itemId !== target), ...newDemands.map((d) => ({ ...d, itemId: target }))],
    });
    const a = toMrpReport(changed, { records: true });
    const b = toMrpReport(regenerated, { records: true });
    expect(a.records).toEqual(b.records);
    expect(a.plannedOrders).toEqual(b.plannedOrders);
    expect(a.actionMessages).toEqual(b.actionMessages);
    expect(a.exceptions).toEqual(b.exceptions);
    expect([changed.plannedOrderCount, changed.actionMessageCount, changed.exceptionCount, changed.status]).toEqual([regenerated.plannedOrderCount, regenerated.actionMessageCount, regenerated.exceptionCount, regenerated.status]);
    // The previous plan is untouched (copy by default).
    expect(toMrpReport(plan).plannedOrders).toEqual(toMrpReport(runMrp(input)).plannedOrders);
  });

  it('same input and seed give the same plan', () => {
    const a = toMrpReport(runMrp(generateMrpModel({ itemCount: 200, seed: 5 })));
    const b = toMrpReport(runMrp(generateMrpModel({ itemCount: 200, seed: 5 })));
    expect(a).toEqual(b);
  });
});
