import { describe, expect, it } from 'vitest';
import { createRandom } from '../shared/random';
import { computeAvailableToPromise } from './compute-available-to-promise';
import { consumeForecast } from './consume-forecast';

describe('computeAvailableToPromise', () => {
  it('Stevenson MPS example: ATP 11, 56, 68, 70, 70 with look-ahead', () => {
    const result = computeAvailableToPromise({ onHandUnits: 64, supplyUnits: [0, 0, 70, 0, 70, 0, 70, 70], committedUnits: [33, 20, 10, 4, 2, 0, 0, 0] });
    expect(result.discreteUnits).toEqual([11, 0, 56, 0, 68, 0, 70, 70]);
    expect(result.overcommittedUnits).toBe(0);
  });

  it('look-ahead: a later order larger than its period supply borrows from earlier ATP', () => {
    const result = computeAvailableToPromise({ onHandUnits: 50, supplyUnits: [0, 30], committedUnits: [10, 60] });
    expect(result.discreteUnits).toEqual([10, 0]);
    expect(result.cumulativeUnits).toEqual([10, 10]);
  });

  it('invariant on random data: promising the cumulative ATP of any period keeps every later period covered', () => {
    const random = createRandom(7);
    for (let run = 0; run < 50; run += 1) {
      const n = 1 + random.nextInt(0, 10);
      const supply = Array.from({ length: n }, () => (random.next() < 0.4 ? random.nextInt(0, 100) : 0));
      const committed = Array.from({ length: n }, () => random.nextInt(0, 40));
      const onHand = random.nextInt(0, 80);
      const atp = computeAvailableToPromise({ onHandUnits: onHand, supplyUnits: supply, committedUnits: committed });
      for (let t = 0; t < n; t += 1) {
        expect(atp.discreteUnits[t]).toBeGreaterThanOrEqual(0);
        if (atp.overcommittedUnits > 0) continue;
        const extra = [...committed];
        extra[t] = (extra[t] ?? 0) + (atp.cumulativeUnits[t] ?? 0) - (t > 0 ? 0 : 0);
        // Adding the cumulative ATP at t as a new order must not create a shortfall anywhere.
        let cumSupply = onHand;
        let cumDemand = 0;
        let worst = Number.POSITIVE_INFINITY;
        for (let k = 0; k < n; k += 1) {
          cumSupply += supply[k] ?? 0;
          cumDemand += extra[k] ?? 0;
          if (k >= t) worst = Math.min(worst, cumSupply - cumDemand);
        }
        expect(worst).toBeGreaterThanOrEqual(0);
      }
    }
  });
});

describe('consumeForecast', () => {
  it('consumes the same period, then backward, then forward', () => {
    expect(consumeForecast({ forecastUnits: [100, 100, 100], customerOrdersUnits: [0, 130, 20], backwardPeriods: 1 })).toEqual({
      remainingForecastUnits: [70, 0, 80],
      consumedForecastUnits: [30, 100, 20],
      totalDemandUnits: [70, 130, 100],
      unforecastOrderUnits: [0, 0, 0],
    });
    expect(consumeForecast({ forecastUnits: [10, 10], customerOrdersUnits: [25, 0], forwardPeriods: 1 }).unforecastOrderUnits).toEqual([5, 0]);
  });
});
