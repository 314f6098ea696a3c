import { describe, expect, it } from 'vitest';
import { createRandom } from '../../shared/random';
import { computeKpssStatistic, estimateDifferencingOrder, estimateSeasonalDifferencingOrder } from './estimate-differencing';
import { AIR_PASSENGERS } from './internal/test-series.fixture';

describe('differencing tests', () => {
  it('KPSS: white noise stays below the 5 % critical value 0.463, a random walk exceeds it', () => {
    const rnd = createRandom(21);
    const noise = Array.from({ length: 200 }, () => rnd.nextNormal());
    let s = 0;
    const walk = noise.map((v) => (s += v));
    expect(computeKpssStatistic(noise)).toBeLessThan(0.463);
    expect(computeKpssStatistic(walk)).toBeGreaterThan(0.463);
    expect(estimateDifferencingOrder(noise)).toBe(0);
    expect(estimateDifferencingOrder(walk)).toBe(1);
  });

  it('KPSS statistic by hand on 1..4 with no lag: sum S^2 / (n^2 s^2) = 8.5 / (16 * 1.25) = 0.425', () => {
    // e = (-1.5, -0.5, 0.5, 1.5), S = (-1.5, -2, -1.5, 0), sum S^2 = 8.5; s^2 = 5/4.
    expect(computeKpssStatistic([1, 2, 3, 4], 0)).toBeCloseTo(0.425, 12);
  });

  it('needs d = 2 for an integrated random walk, d = 0 for constants', () => {
    const rnd = createRandom(4);
    let a = 0;
    let b = 0;
    const x = Array.from({ length: 300 }, () => ((a += rnd.nextNormal()), (b += a)));
    expect(estimateDifferencingOrder(x)).toBe(2);
    expect(estimateDifferencingOrder([5, 5, 5, 5])).toBe(0);
  });

  it('seasonal strength test: D = 1 for AirPassengers, D = 0 for noise and short series', () => {
    expect(estimateSeasonalDifferencingOrder(AIR_PASSENGERS, 12)).toBe(1);
    const rnd = createRandom(2);
    expect(estimateSeasonalDifferencingOrder(Array.from({ length: 96 }, () => rnd.nextNormal()), 12)).toBe(0);
    expect(estimateSeasonalDifferencingOrder(AIR_PASSENGERS.slice(0, 20), 12)).toBe(0);
  });
});
