import { describe, expect, it } from 'vitest';
import { computeSafetyStock } from './safety-stock';
import { computeOrderUpToPolicy } from './periodic-review-policy';
import { computeMinMaxPolicy } from './min-max-policy';
import { normalLoss, normalQuantile } from './internal/normal-distribution';

describe('safety stock for alpha and beta targets', () => {
  const demand = { distribution: 'normal' as const, meanPerPeriod: 100, standardDeviationPerPeriod: 20 };
  it('alpha, fixed lead time: SS = z sigma sqrt(L) (doc example: 1.6449 * 40 = 65.80)', () => {
    const r = computeSafetyStock({ demand, leadTime: { meanPeriods: 4 }, target: { cycleServiceLevel: 0.95 } });
    expect(r.safetyStock).toBeCloseTo(normalQuantile(0.95) * 40, 9);
    expect(r.safetyStock).toBeCloseTo(65.79, 2);
    expect(r.cycleServiceLevel).toBeCloseTo(0.95, 12);
  });
  it('alpha with lead-time variability: sigma_P = sqrt(L sigma^2 + mu^2 sigma_L^2) (Silver, Pyke & Thomas 2017, eq. 6.x)', () => {
    const r = computeSafetyStock({ demand, leadTime: { meanPeriods: 4, standardDeviationPeriods: 1 }, target: { cycleServiceLevel: 0.95 } });
    expect(r.protectionStandardDeviation).toBeCloseTo(Math.sqrt(4 * 400 + 10000), 9);
    expect(r.safetyStock).toBeCloseTo(normalQuantile(0.95) * Math.sqrt(11600), 8);
  });
  it('beta, continuous review: sigma L(k) = (1 - beta) Q when Q is large (Silver, Pyke & Thomas 2017, eq. 6.x)', () => {
    const r = computeSafetyStock({ demand, leadTime: { meanPeriods: 4 }, orderQuantity: 1000, target: { fillRate: 0.99 } });
    // n(r) - n(r + Q) = 0.01 * 1000 = 10 and n(r + Q) is negligible here.
    expect(40 * normalLoss(r.safetyFactor)).toBeCloseTo(10, 6);
    expect(r.fillRate).toBeCloseTo(0.99, 9);
  });
  it('beta, periodic review uses the shortage per review cycle n_{L+R}(S) - n_L(S)', () => {
    const r = computeSafetyStock({ demand, leadTime: { meanPeriods: 2 }, reviewPeriods: 1, target: { fillRate: 0.98 } });
    expect(r.expectedShortagePerCycle).toBeCloseTo(0.02 * 100, 6);
    expect(r.protectionIntervalPeriods).toBe(3);
  });
  it('discrete demand gives whole-unit levels that just reach the target', () => {
    const r = computeSafetyStock({ demand: { distribution: 'poisson', meanPerPeriod: 3 }, leadTime: { meanPeriods: 2 }, target: { cycleServiceLevel: 0.9 } });
    expect(Number.isInteger(r.reorderLevel)).toBe(true);
    expect(r.reorderLevel).toBe(9); // Poisson(6): F(8) = 0.847, F(9) = 0.916
    expect(r.cycleServiceLevel).toBeGreaterThanOrEqual(0.9);
    const gamma = computeSafetyStock({ demand: { distribution: 'gamma', meanPerPeriod: 10, standardDeviationPerPeriod: 8 }, leadTime: { meanPeriods: 1 }, target: { cycleServiceLevel: 0.95 } });
    expect(gamma.safetyFactor).toBeGreaterThan(normalQuantile(0.95)); // right-skewed demand needs more
  });
  it('rejects targets outside (0, 1) and beta without Q under continuous review', () => {
    expect(() => computeSafetyStock({ demand, leadTime: { meanPeriods: 1 }, target: { cycleServiceLevel: 1 } })).toThrow(/between 0 and 1/);
    expect(() => computeSafetyStock({ demand, leadTime: { meanPeriods: 1 }, target: { fillRate: 0.95 } })).toThrow(/orderQuantity/);
  });
  it('(R, S) example: mu = 100, sigma = 20, L = 2, R = 2, alpha = 0.95 -> S = 465.79', () => {
    const r = computeOrderUpToPolicy({ demand, leadTime: { meanPeriods: 2 }, reviewPeriods: 2, target: { cycleServiceLevel: 0.95 } });
    expect(r.orderUpToLevel).toBeCloseTo(400 + normalQuantile(0.95) * 40, 9);
    expect(r.ordersPerPeriod).toBe(0.5);
  });
  it('min/max example: min 25.44, Q = 100, max 125.44', () => {
    const r = computeMinMaxPolicy({ demand: { distribution: 'normal', meanPerPeriod: 10, standardDeviationPerPeriod: 3 }, leadTime: { meanPeriods: 2 }, target: { cycleServiceLevel: 0.9 }, orderCost: 50, holdingCostPerUnitPerPeriod: 0.1 });
    expect(r.orderQuantity).toBeCloseTo(100, 9);
    expect(r.minimumLevel).toBeCloseTo(20 + normalQuantile(0.9) * 3 * Math.SQRT2, 9);
    expect(r.maximumLevel - r.minimumLevel).toBeCloseTo(100, 9);
  });
});
