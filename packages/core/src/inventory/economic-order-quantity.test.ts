import { describe, expect, it } from 'vitest';
import { computeEconomicOrderQuantity, computeEconomicOrderQuantityCost } from './economic-order-quantity';
import { computeQuantityDiscountOrderQuantity } from './quantity-discount';

describe('EOQ family (FoSCT ch. 3; the full known-answer set is in known-answers.test.ts)', () => {
  it('EOQ Ex. 3.1: Q* = 304.0468; the optimum balances ordering and holding cost', () => {
    const r = computeEconomicOrderQuantity({ orderCost: 8, holdingCostPerUnitPerYear: 0.225, demandPerYear: 1300 });
    expect(r.orderQuantity).toBeCloseTo(304.0468, 4);
    expect((8 * 1300) / r.orderQuantity).toBeCloseTo((0.225 * r.orderQuantity) / 2, 9);
    for (const q of [0.9 * r.orderQuantity, 1.1 * r.orderQuantity]) {
      expect(computeEconomicOrderQuantityCost({ orderCost: 8, holdingCostPerUnitPerYear: 0.225, demandPerYear: 1300, orderQuantity: q }).costPerYear).toBeGreaterThan(r.costPerYear);
    }
  });
  it('backorders and a finite production rate both raise Q* and lower the cost', () => {
    const plain = computeEconomicOrderQuantity({ orderCost: 8, holdingCostPerUnitPerYear: 0.225, demandPerYear: 1300 });
    const eoqb = computeEconomicOrderQuantity({ orderCost: 8, holdingCostPerUnitPerYear: 0.225, demandPerYear: 1300, backorderCostPerUnitPerYear: 5 });
    const epq = computeEconomicOrderQuantity({ orderCost: 8, holdingCostPerUnitPerYear: 0.225, demandPerYear: 1300, productionRatePerYear: 2000 });
    expect(eoqb.orderQuantity).toBeGreaterThan(plain.orderQuantity);
    expect(epq.orderQuantity).toBeGreaterThan(plain.orderQuantity);
    expect(eoqb.costPerYear).toBeLessThan(plain.costPerYear);
    expect(epq.costPerYear).toBeLessThan(plain.costPerYear);
  });
  it('rejects a production rate at or below demand, and non-positive costs, naming the field', () => {
    expect(() => computeEconomicOrderQuantity({ orderCost: 8, holdingCostPerUnitPerYear: 0.225, demandPerYear: 1300, productionRatePerYear: 1300 })).toThrow(/production rate/);
    try {
      computeEconomicOrderQuantity({ orderCost: 0, holdingCostPerUnitPerYear: 1, demandPerYear: 1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'out_of_range', path: 'orderCost' });
    }
  });
  it('quantity discounts: a single region is plain EOQ plus purchase cost; bad breakpoints are refused', () => {
    const single = computeQuantityDiscountOrderQuantity({ kind: 'all-units', orderCost: 8, holdingCostRatePerYear: 0.3, demandPerYear: 1300, breakpoints: [0], unitCosts: [0.75] });
    const eoq = computeEconomicOrderQuantity({ orderCost: 8, holdingCostPerUnitPerYear: 0.225, demandPerYear: 1300 });
    expect(single.orderQuantity).toBeCloseTo(eoq.orderQuantity, 9);
    expect(single.costPerYear).toBeCloseTo(eoq.costPerYear + 0.75 * 1300, 9);
    expect(() => computeQuantityDiscountOrderQuantity({ kind: 'incremental', orderCost: 8, holdingCostRatePerYear: 0.3, demandPerYear: 1300, breakpoints: [0, 400, 300], unitCosts: [1, 0.9, 0.8] })).toThrow(/ascending/);
    expect(() => computeQuantityDiscountOrderQuantity({ kind: 'all-units', orderCost: 8, holdingCostRatePerYear: 0.3, demandPerYear: 1300, breakpoints: [0, 400], unitCosts: [1] })).toThrow(/one cost per breakpoint/);
  });
});
