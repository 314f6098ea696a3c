import { describe, expect, it } from 'vitest';
import { createRandom } from '../shared/random';
import { computeDemandMoments, createDemandSampler, toDemandModel, toProtectionIntervalDemand, validateDemandDistribution } from './demand-distribution';
import type { DemandDistribution } from './types';

/** Loss n(x) = E[(D - x)^+] by brute-force integration / summation, as an independent check. */
function numericLoss(demand: DemandDistribution, x: number): number {
  const model = toDemandModel(demand);
  if (model.probabilities) {
    let sum = 0;
    model.probabilities.forEach((p, k) => { if (k > x) sum += (k - x) * p; });
    return sum;
  }
  // E[(D - x)^+] = integral_x^inf (1 - F(t)) dt, trapezoid rule.
  const sd = Math.sqrt(model.variance);
  const end = model.mean + 20 * sd;
  const steps = 200000;
  const start = Math.max(x, 0);
  const h = (end - start) / steps;
  let sum = 0;
  for (let i = 0; i <= steps; i++) sum += (i === 0 || i === steps ? 0.5 : 1) * (1 - model.cdf(start + i * h));
  return sum * h + (x < 0 ? -x : 0);
}

describe('demand distributions', () => {
  const cases: DemandDistribution[] = [
    { distribution: 'normal', meanPerPeriod: 100, standardDeviationPerPeriod: 30 },
    { distribution: 'gamma', meanPerPeriod: 20, standardDeviationPerPeriod: 15 },
    { distribution: 'lognormal', meanPerPeriod: 50, standardDeviationPerPeriod: 25 },
    { distribution: 'poisson', meanPerPeriod: 7.5 },
    { distribution: 'negative-binomial', meanPerPeriod: 8, standardDeviationPerPeriod: 5 },
    { distribution: 'discrete', pmf: [{ quantity: 0, probability: 0.2 }, { quantity: 3, probability: 0.5 }, { quantity: 10, probability: 0.3 }] },
  ];
  for (const demand of cases) {
    it(`${demand.distribution}: loss function agrees with direct integration; quantile inverts cdf`, () => {
      const model = toDemandModel(demand);
      const sd = Math.sqrt(model.variance);
      for (const x of [model.mean - sd, model.mean, model.mean + 1.5 * sd]) {
        const point = model.kind === 'discrete' ? Math.round(x) : x;
        expect(model.loss(point)).toBeCloseTo(numericLoss(demand, point), 4);
      }
      for (const p of [0.1, 0.5, 0.95]) {
        const q = model.quantile(p);
        expect(model.cdf(q)).toBeGreaterThanOrEqual(p - 1e-9);
        if (model.kind === 'discrete') expect(model.cdf(q - 1)).toBeLessThan(p);
      }
    });
  }
  // Reference values computed independently with SciPy 1.17 (scipy.stats + numerical integration).
  it('matches SciPy reference values for gamma, negative binomial, lognormal and Poisson', () => {
    const gamma = toDemandModel({ distribution: 'gamma', meanPerPeriod: 20, standardDeviationPerPeriod: 15 });
    expect(gamma.cdf(30)).toBeCloseTo(0.794940711782224, 12);
    expect(gamma.loss(30)).toBeCloseTo(2.77837131716092, 10);
    expect(gamma.secondOrderLoss(30)).toBeCloseTo(36.3402369599752, 9);
    expect(gamma.quantile(0.95)).toBeCloseTo(49.2624712933843, 8);
    const nb = toDemandModel({ distribution: 'negative-binomial', meanPerPeriod: 8, standardDeviationPerPeriod: 5 });
    expect(nb.cdf(10)).toBeCloseTo(0.737200376531592, 12);
    expect(nb.loss(10)).toBeCloseTo(1.22988112967489, 10);
    expect(nb.quantile(0.9)).toBe(15);
    const lognormal = toDemandModel({ distribution: 'lognormal', meanPerPeriod: 50, standardDeviationPerPeriod: 25 });
    expect(lognormal.cdf(60)).toBeCloseTo(0.733079537401617, 12);
    expect(lognormal.loss(60)).toBeCloseTo(6.00836911335916, 10);
    const poisson = toDemandModel({ distribution: 'poisson', meanPerPeriod: 7.5 });
    expect(poisson.loss(9)).toBeCloseTo(0.522915123616306, 12);
    expect(poisson.secondOrderLoss(9)).toBeCloseTo(0.613979398699054, 12);
  });
  it('moments are preserved: negative binomial mean 8, s.d. 5', () => {
    const moments = computeDemandMoments({ distribution: 'negative-binomial', meanPerPeriod: 8, standardDeviationPerPeriod: 5 });
    expect(moments.mean).toBeCloseTo(8, 8);
    expect(moments.standardDeviation).toBeCloseTo(5, 6);
  });
  it('protection interval: Poisson 10 over 3 periods is Poisson 30; random lead time adds mu^2 sigma_L^2', () => {
    expect(toProtectionIntervalDemand({ distribution: 'poisson', meanPerPeriod: 10 }, 3)).toEqual({ distribution: 'poisson', meanPerPeriod: 30 });
    const widened = toProtectionIntervalDemand({ distribution: 'normal', meanPerPeriod: 100, standardDeviationPerPeriod: 20 }, { meanPeriods: 4, standardDeviationPeriods: 1 });
    expect(widened).toEqual({ distribution: 'normal', meanPerPeriod: 400, standardDeviationPerPeriod: Math.sqrt(4 * 400 + 10000) });
    const discrete = toProtectionIntervalDemand({ distribution: 'discrete', pmf: [{ quantity: 0, probability: 0.5 }, { quantity: 1, probability: 0.5 }] }, 2);
    expect(discrete).toEqual({ distribution: 'discrete', pmf: [{ quantity: 0, probability: 0.25 }, { quantity: 1, probability: 0.5 }, { quantity: 2, probability: 0.25 }] });
  });
  it('rejects bad input with the path of the field', () => {
    expect(() => validateDemandDistribution({ distribution: 'normal', meanPerPeriod: -1, standardDeviationPerPeriod: 1 })).toThrow(/must be >= 0/);
    expect(() => validateDemandDistribution({ distribution: 'discrete', pmf: [{ quantity: 1, probability: 0.4 }] })).toThrow(/sum to 0.4/);
    expect(() => validateDemandDistribution({ distribution: 'weibull' } as never)).toThrow(/unknown distribution/);
  });
  it('seeded sampler reproduces its draws and the mean', () => {
    const sampler = createDemandSampler({ distribution: 'gamma', meanPerPeriod: 20, standardDeviationPerPeriod: 10 });
    const a = createRandom(7);
    const b = createRandom(7);
    let total = 0;
    for (let i = 0; i < 20000; i++) {
      const value = sampler(a);
      expect(sampler(b)).toBe(value);
      total += value;
    }
    expect(total / 20000).toBeGreaterThan(19.5);
    expect(total / 20000).toBeLessThan(20.5);
  });
});
