import { describe, expect, it } from 'vitest';
import { computeHoldingCostRate } from './holding-cost-rate';
import { computeStockCoverage } from './stock-coverage';

describe('holding cost rate and coverage', () => {
  it('sums the parts: 0.08 + 0.05 + 0.01 + 0.06 = 0.20, h = 5 for c = 25', () => {
    const r = computeHoldingCostRate({ costOfCapitalRatePerYear: 0.08, storageRatePerYear: 0.05, insuranceRatePerYear: 0.01, obsolescenceRatePerYear: 0.06, unitCost: 25 });
    expect(r.holdingCostRatePerYear).toBeCloseTo(0.2, 12);
    expect(r.holdingCostPerUnitPerYear).toBeCloseTo(5, 12);
    expect(r.components.find((c) => c.name === 'capital')!.shareOfTotal).toBeCloseTo(0.4, 12);
    expect(() => computeHoldingCostRate({ costOfCapitalRatePerYear: -0.1 })).toThrow(/>= 0/);
  });
  it('coverage 30 days and 12.17 turns for 600 on hand at 20 per day', () => {
    const r = computeStockCoverage({ onHandUnits: 600, demandPerDay: 20, unitCost: 2, holdingCostRatePerYear: 0.2 });
    expect(r.coverageDays).toBe(30);
    expect(r.turnsPerYear).toBeCloseTo(7300 / 600, 12);
    expect(r.holdingCostPerYear).toBeCloseTo(240, 12);
    expect(computeStockCoverage({ onHandUnits: 5, demandPerDay: 0 }).coverageDays).toBe(Number.POSITIVE_INFINITY);
    expect(computeStockCoverage({ onHandUnits: 0, demandPerDay: 0 }).turnsPerYear).toBe(0);
  });
});
