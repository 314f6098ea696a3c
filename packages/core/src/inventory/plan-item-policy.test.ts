import { describe, expect, it } from 'vitest';
import { planItemPolicy } from './plan-item-policy';
import { normalQuantile } from './internal/normal-distribution';

describe('planItemPolicy (facade)', () => {
  const demand = { distribution: 'normal' as const, meanPerPeriod: 100, standardDeviationPerPeriod: 20 };
  it('doc example: (s, Q) with EOQ lot, Q = 141.42, s = 465.79, average stock 136.50', () => {
    const r = planItemPolicy({ demand, leadTime: { meanPeriods: 4 }, reviewType: 'continuous', target: { cycleServiceLevel: 0.95 }, orderCost: 50, holdingCostPerUnitPerPeriod: 0.5, onHandUnits: 300 });
    expect(r.policyType).toBe('s-Q');
    expect(r.orderQuantity).toBeCloseTo(Math.sqrt(20000), 9);
    expect(r.reorderLevel).toBeCloseTo(400 + normalQuantile(0.95) * 40, 9);
    expect(r.averageOnHandUnits).toBeCloseTo(normalQuantile(0.95) * 40 + Math.sqrt(20000) / 2, 9);
    expect(r.coveragePeriods).toBe(3);
    expect(r.explanation.length).toBeGreaterThan(1);
  });
  it('periodic review gives (R, S) over L + R periods', () => {
    const r = planItemPolicy({ demand, leadTime: { meanPeriods: 2 }, reviewType: 'periodic', reviewPeriods: 2, target: { fillRate: 0.99 } });
    expect(r.policyType).toBe('R-S');
    expect(r.fillRate).toBeCloseTo(0.99, 8);
    expect(r.averageOnHandUnits).toBeCloseTo(r.safetyStock + 100, 9);
  });
  it('continuous review without a lot size or costs is refused', () => {
    expect(() => planItemPolicy({ demand, leadTime: { meanPeriods: 2 }, reviewType: 'continuous', target: { cycleServiceLevel: 0.9 } })).toThrow(/orderQuantity/);
  });
});
