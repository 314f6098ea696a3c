import { describe, expect, it } from 'vitest';
import { CoreError } from '../shared/core-error';
import { createRandom } from '../shared/random';
import { planDistributionRequirements, sizeDrpShipment } from './plan-distribution-requirements';
import type { DrpInput, DrpResult } from './types';

/**
 * Hand-computed DRP records in the layout of Vollmann, Berry, Whybark & Jacobs, Manufacturing Planning
 * and Control for Supply Chain Management (5th ed.), ch. 9 (gross requirements, in transit, projected
 * available balance, planned receipts and shipments; safety stock, transit lead time, shipping lot).
 * The numbers are ours, derived line by line in the comments below and in packages/core/src/drp/README.md.
 * Network for item X: plant P feeds DC1 (1 week, minimum 30, multiple 10) and DC2 (2 weeks, lot for lot);
 * DC1 feeds the regional warehouse W (1 week, lots of 25). Six weeks.
 */
const textbook: DrpInput = {
  horizonPeriods: 6,
  lanes: [
    { fromLocationId: 'P', toLocationId: 'DC1', transitLeadTimePeriods: 1, minimumQuantity: 30, multipleQuantity: 10 },
    { fromLocationId: 'P', toLocationId: 'DC2', transitLeadTimePeriods: 2 },
    { itemId: 'X', fromLocationId: 'DC1', toLocationId: 'W', transitLeadTimePeriods: 1, fixedQuantity: 25 },
  ],
  stockPoints: [
    { itemId: 'X', locationId: 'DC1', onHandQuantity: 40, safetyStockQuantity: 0 },
    { itemId: 'X', locationId: 'DC2', onHandQuantity: 30, safetyStockQuantity: 10 },
    { itemId: 'X', locationId: 'W', onHandQuantity: 10, safetyStockQuantity: 5 },
  ],
  demands: [
    ...[0, 1, 2, 3, 4, 5].map((p) => ({ id: `F-DC2-${p}`, itemId: 'X', locationId: 'DC2', period: p, quantity: 20 })),
    ...[0, 1, 2, 3, 4, 5].map((p) => ({ id: `F-DC1-${p}`, itemId: 'X', locationId: 'DC1', period: p, quantity: 10 })),
    ...[5, 10, 10, 0, 15, 10].map((q, p) => ({ id: `F-W-${p}`, itemId: 'X', locationId: 'W', period: p, quantity: q })),
  ],
  scheduledReceipts: [{ id: 'TO-7', itemId: 'X', locationId: 'DC2', period: 1, quantity: 15 }],
};

const recordOf = (result: DrpResult, locationId: string) => result.records.find((r) => r.locationId === locationId)!;

describe('planDistributionRequirements — hand-computed three-location record (Vollmann et al. ch. 9 layout)', () => {
  const result = planDistributionRequirements(textbook);

  it('DC2 (on hand 30, safety 10, 20 a week, 15 in transit in week 1, 2 weeks from P, lot for lot)', () => {
    // t0: 30 − 20 = 10 ≥ 10. t1: 10 + 15 − 20 = 5 → net 5, ship in −1 (past due). t2…t5: net 20, shipped 2 weeks earlier.
    expect(recordOf(result, 'DC2')).toEqual({
      itemId: 'X', locationId: 'DC2', sourceLocationId: 'P', transitLeadTimePeriods: 2, safetyStockQuantity: 10,
      grossRequirements: [20, 20, 20, 20, 20, 20],
      scheduledReceipts: [0, 15, 0, 0, 0, 0],
      projectedOnHand: [10, 10, 10, 10, 10, 10],
      netRequirements: [0, 5, 20, 20, 20, 20],
      plannedReceipts: [0, 5, 20, 20, 20, 20],
      plannedShipments: [25, 20, 20, 20, 0, 0],
    });
  });

  it('W (on hand 10, safety 5, lots of 25, 1 week from DC1)', () => {
    // t1: 5 − 10 = −5 → net 10 → one lot of 25 → 20. t4: 10 − 15 = −5 → net 10 → 25 → 20.
    expect(recordOf(result, 'W')).toMatchObject({
      grossRequirements: [5, 10, 10, 0, 15, 10],
      projectedOnHand: [5, 20, 10, 10, 20, 10],
      netRequirements: [0, 10, 0, 0, 10, 0],
      plannedReceipts: [0, 25, 0, 0, 25, 0],
      plannedShipments: [25, 0, 0, 25, 0, 0],
    });
  });

  it('DC1 (on hand 40, no safety stock, minimum 30 in tens): its gross includes the shipments to W', () => {
    // gross = 10 a week + W's shipments 25 in weeks 0 and 3. t1: 5 − 10 = −5 → 30. t3: 15 − 35 = −20 → 30. t5: 0 − 10 → 30.
    expect(recordOf(result, 'DC1')).toMatchObject({
      grossRequirements: [35, 10, 10, 35, 10, 10],
      projectedOnHand: [5, 25, 15, 10, 0, 20],
      netRequirements: [0, 5, 0, 20, 0, 10],
      plannedReceipts: [0, 30, 0, 30, 0, 30],
      plannedShipments: [30, 0, 30, 0, 30, 0],
    });
  });

  it('transfers are distinct (TR- ids), farthest location first; the plant gets their shipments as dependent demand', () => {
    expect(result.transfers.map((t) => [t.id, t.fromLocationId, t.shipPeriod, t.quantity, t.periodsLate])).toEqual([
      ['TR-X-W-1', 'DC1', 0, 25, 0], ['TR-X-W-4', 'DC1', 3, 25, 0],
      ['TR-X-DC1-1', 'P', 0, 30, 0], ['TR-X-DC1-3', 'P', 2, 30, 0], ['TR-X-DC1-5', 'P', 4, 30, 0],
      ['TR-X-DC2-1', 'P', 0, 5, 1], ['TR-X-DC2-2', 'P', 0, 20, 0], ['TR-X-DC2-3', 'P', 1, 20, 0], ['TR-X-DC2-4', 'P', 2, 20, 0], ['TR-X-DC2-5', 'P', 3, 20, 0],
    ]);
    const atPlant = new Array<number>(6).fill(0);
    for (const d of result.sourceDemands) { expect(d.locationId).toBe('P'); atPlant[d.period]! += d.quantity; }
    expect(atPlant).toEqual([55, 20, 50, 20, 30, 0]);
    expect(result.plannedStockPoints).toEqual(['X@W', 'X@DC1', 'X@DC2']);
  });

  it('the late shipment is an exception; W pegs FIFO to its demands, then safety stock and excess', () => {
    expect(result.status).toBe('exceptions');
    expect(result.exceptions).toEqual([{ kind: 'past_due_shipment', itemId: 'X', locationId: 'DC2', period: -1, quantity: 5, periodsLate: 1, referenceId: 'TR-X-DC2-1' }]);
    const w = result.pegging.filter((p) => p.locationId === 'W').map((p) => [p.supplyId, p.demandKind, p.demandId, p.quantity]);
    expect(w).toEqual([
      ['OH-X@W', 'independent', 'F-W-0', 5], ['OH-X@W', 'independent', 'F-W-1', 5],
      ['TR-X-W-1', 'independent', 'F-W-1', 5], ['TR-X-W-1', 'independent', 'F-W-2', 10], ['TR-X-W-1', 'independent', 'F-W-4', 10],
      ['TR-X-W-4', 'independent', 'F-W-4', 5], ['TR-X-W-4', 'independent', 'F-W-5', 10], ['TR-X-W-4', 'safety_stock', null, 5], ['TR-X-W-4', 'excess', null, 5],
    ]);
    // DC1's shipments to W are its dependent demand, pegged by transfer id.
    expect([...new Set(result.pegging.filter((p) => p.locationId === 'DC1' && p.demandKind === 'dependent').map((p) => p.demandId))]).toEqual(['TR-X-W-1', 'TR-X-W-4']);
  });
});

describe('planDistributionRequirements — rules and edge cases', () => {
  it('sizeDrpShipment: fixed lots, minimum then multiple', () => {
    expect(sizeDrpShipment(10, { fixedQuantity: 25 })).toBe(25);
    expect(sizeDrpShipment(60, { fixedQuantity: 25 })).toBe(75);
    expect(sizeDrpShipment(5, { minimumQuantity: 30, multipleQuantity: 10 })).toBe(30);
    expect(sizeDrpShipment(33, { minimumQuantity: 30, multipleQuantity: 10 })).toBe(40);
    expect(sizeDrpShipment(7, {})).toBe(7);
  });

  it('an item lane wins over the general lane; locations without a lane are left to MRP', () => {
    const result = planDistributionRequirements({
      horizonPeriods: 3,
      lanes: [{ fromLocationId: 'P1', toLocationId: 'DC', transitLeadTimePeriods: 1 }, { itemId: 'B', fromLocationId: 'P2', toLocationId: 'DC', transitLeadTimePeriods: 0 }],
      demands: [{ id: 'a', itemId: 'A', locationId: 'DC', period: 2, quantity: 4 }, { id: 'b', itemId: 'B', locationId: 'DC', period: 2, quantity: 6 }, { id: 'c', itemId: 'A', locationId: 'P1', period: 1, quantity: 9 }],
    });
    expect(result.sourceDemands).toEqual([
      { id: 'TR-A-DC-2', itemId: 'A', locationId: 'P1', period: 1, quantity: 4 },
      { id: 'TR-B-DC-2', itemId: 'B', locationId: 'P2', period: 2, quantity: 6 },
    ]);
    expect(result.plannedStockPoints).toEqual(['A@DC', 'B@DC']);
    expect(result.records.some((r) => r.locationId === 'P1')).toBe(false);
  });

  it('zero demand, horizon of one, demand past due and beyond the horizon', () => {
    expect(planDistributionRequirements({ horizonPeriods: 1, lanes: [{ fromLocationId: 'P', toLocationId: 'D', transitLeadTimePeriods: 1 }] })).toMatchObject({ status: 'ok', transfers: [], records: [] });
    const result = planDistributionRequirements({
      horizonPeriods: 1, lanes: [{ fromLocationId: 'P', toLocationId: 'D', transitLeadTimePeriods: 0 }],
      demands: [{ id: 'late', itemId: 'A', locationId: 'D', period: -2, quantity: 3 }, { id: 'far', itemId: 'A', locationId: 'D', period: 4, quantity: 8 }],
    });
    expect(result.transfers).toEqual([{ id: 'TR-A-D-0', itemId: 'A', fromLocationId: 'P', toLocationId: 'D', shipPeriod: 0, receiptPeriod: 0, quantity: 3, periodsLate: 0 }]);
    expect(result.exceptions.map((e) => [e.kind, e.referenceId])).toEqual([['past_due_demand', 'late'], ['demand_beyond_horizon', 'far']]);
  });

  it('lanes that loop are reported with the locations in the loop; bad input names the field', () => {
    try {
      planDistributionRequirements({
        horizonPeriods: 2,
        lanes: [{ fromLocationId: 'B', toLocationId: 'A', transitLeadTimePeriods: 1 }, { fromLocationId: 'C', toLocationId: 'B', transitLeadTimePeriods: 1 }, { fromLocationId: 'A', toLocationId: 'C', transitLeadTimePeriods: 1 }],
        demands: [{ id: 'd', itemId: 'X', locationId: 'A', period: 1, quantity: 1 }],
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CoreError);
      expect((error as CoreError).code).toBe('cycle_detected');
      expect(((error as CoreError).details.cycleLocationIds as string[]).slice().sort()).toEqual(['A', 'A', 'B', 'C']);
    }
    expect(() => planDistributionRequirements({ horizonPeriods: 2, lanes: [{ fromLocationId: 'P', toLocationId: 'D', transitLeadTimePeriods: -1 }] })).toThrow(/lanes\[0\]\.transitLeadTimePeriods/);
    expect(() => planDistributionRequirements({ horizonPeriods: 2, lanes: [{ fromLocationId: 'P', toLocationId: 'D', transitLeadTimePeriods: 1 }, { fromLocationId: 'Q', toLocationId: 'D', transitLeadTimePeriods: 1 }] })).toThrow(/lanes\[1\]/);
    expect(() => planDistributionRequirements({ horizonPeriods: 2, lanes: [], demands: [{ id: 'd', itemId: 'X', locationId: 'A', period: 1, quantity: -1 }] })).toThrow(/demands\[0\]\.quantity/);
  });
});

/** A seeded random network: 1 plant, 2 DCs, 4 warehouses fed by the DCs; random demand, stock and lot rules. */
function generateNetwork(seed: number): DrpInput {
  const source = createRandom(seed);
  const random = (): number => source.next();
  const H = 12;
  const items = ['A', 'B', 'C', 'D'];
  const lanes: DrpInput['lanes'] = [
    { fromLocationId: 'PL', toLocationId: 'DC1', transitLeadTimePeriods: 1 + Math.floor(random() * 2), minimumQuantity: 20 },
    { fromLocationId: 'PL', toLocationId: 'DC2', transitLeadTimePeriods: 2, multipleQuantity: 12 },
    ...['W1', 'W2'].map((w) => ({ fromLocationId: 'DC1', toLocationId: w, transitLeadTimePeriods: Math.floor(random() * 3) })),
    ...['W3', 'W4'].map((w) => ({ fromLocationId: 'DC2', toLocationId: w, transitLeadTimePeriods: 1, fixedQuantity: 15 })),
  ];
  const locations = ['DC1', 'DC2', 'W1', 'W2', 'W3', 'W4'];
  const stockPoints = items.flatMap((itemId) => locations.map((locationId) => ({ itemId, locationId, onHandQuantity: Math.floor(random() * 40), safetyStockQuantity: Math.floor(random() * 10) })));
  const demands = items.flatMap((itemId) => locations.flatMap((locationId) => Array.from({ length: H }, (_, p) => ({ id: `D-${itemId}-${locationId}-${p}`, itemId, locationId, period: p, quantity: random() < 0.6 ? Math.floor(random() * 25) : 0 }))));
  const scheduledReceipts = items.map((itemId, k) => ({ id: `TO-${k}`, itemId, locationId: 'W1', period: k, quantity: 10 }));
  return { horizonPeriods: H, lanes, stockPoints, demands, scheduledReceipts };
}

describe('planDistributionRequirements — invariants on generated networks', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: no location below safety stock unless a late shipment explains it; every transfer pegged; demand fully pegged`, () => {
      const input = generateNetwork(seed);
      const result = planDistributionRequirements(input);
      const lateAt = new Set(result.exceptions.filter((e) => e.kind === 'past_due_shipment').map((e) => `${e.itemId}@${e.locationId}`));
      for (const record of result.records) {
        // Projected on hand with late transfers arriving late (receipt + periods late).
        const transfers = result.transfers.filter((t) => t.itemId === record.itemId && t.toLocationId === record.locationId);
        const arrivals = new Array<number>(input.horizonPeriods).fill(0);
        for (const t of transfers) if (t.receiptPeriod + t.periodsLate < input.horizonPeriods) arrivals[t.receiptPeriod + t.periodsLate]! += t.quantity;
        const start = input.stockPoints!.find((p) => p.itemId === record.itemId && p.locationId === record.locationId)?.onHandQuantity ?? 0;
        let realistic = start;
        for (let t = 0; t < input.horizonPeriods; t++) {
          expect(record.projectedOnHand[t]!).toBeGreaterThanOrEqual(record.safetyStockQuantity - 1e-9);
          realistic += record.scheduledReceipts[t]! + arrivals[t]! - record.grossRequirements[t]!;
          if (realistic < record.safetyStockQuantity - 1e-9) expect(lateAt.has(`${record.itemId}@${record.locationId}`), `${record.itemId}@${record.locationId} week ${t}`).toBe(true);
        }
      }
      for (const transfer of result.transfers) {
        const pegged = result.pegging.filter((p) => p.supplyId === transfer.id).reduce((s, p) => s + p.quantity, 0);
        expect(pegged).toBeCloseTo(transfer.quantity, 6);
        expect(result.pegging.some((p) => p.supplyId === transfer.id)).toBe(true);
      }
      for (const demand of input.demands!.filter((d) => d.quantity > 0)) {
        const pegged = result.pegging.filter((p) => p.demandId === demand.id).reduce((s, p) => s + p.quantity, 0);
        expect(pegged, demand.id).toBeCloseTo(demand.quantity, 6);
      }
      // What the plant ships equals what the DCs receive from it; every planned shipment from a DC is dependent demand there.
      const fromPlant = result.transfers.filter((t) => t.fromLocationId === 'PL').reduce((s, t) => s + t.quantity, 0);
      expect(result.sourceDemands.reduce((s, d) => s + d.quantity, 0)).toBeCloseTo(fromPlant, 6);
      expect(planDistributionRequirements(input)).toEqual(result);
    });
  }
});
