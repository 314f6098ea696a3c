import { describe, expect, it } from 'vitest';
import { createRandom } from '../shared/random';
import { computeDependentDemandVariability } from './dependent-demand-variability';

describe('computeDependentDemandVariability (end-item demand exploded through the BOM)', () => {
  it('doc example: E (100 ± 20) uses 2 S, S uses 3 C, E uses 1 C: a_CE = 7, mean 700, s.d. 140', () => {
    const result = computeDependentDemandVariability({
      endItems: [{ itemId: 'E', meanPerPeriod: 100, standardDeviationPerPeriod: 20 }],
      bomLines: [{ parentId: 'E', componentId: 'S', quantityPer: 2 }, { parentId: 'S', componentId: 'C', quantityPer: 3 }, { parentId: 'E', componentId: 'C', quantityPer: 1 }],
    });
    const c = result.find((r) => r.itemId === 'C')!;
    expect(c.unitsPerEndItem).toEqual([{ endItemId: 'E', units: 7 }]);
    expect(c.meanPerPeriod).toBe(700);
    expect(c.standardDeviationPerPeriod).toBeCloseTo(140, 10);
    expect(result.map((r) => r.itemId)).toEqual(['C', 'E', 'S']);
  });

  it('two independent end items add variances; scrap and the parent yield raise the need', () => {
    const result = computeDependentDemandVariability({
      endItems: [{ itemId: 'A', meanPerPeriod: 50, standardDeviationPerPeriod: 10 }, { itemId: 'B', meanPerPeriod: 30, standardDeviationPerPeriod: 5 }],
      bomLines: [{ parentId: 'A', componentId: 'P', quantityPer: 1, scrapFraction: 0.2 }, { parentId: 'B', componentId: 'P', quantityPer: 2 }],
      yieldFractionByItem: { A: 0.5 },
    });
    const p = result.find((r) => r.itemId === 'P')!;
    // a_PA = 1 / 0.5 * 1 / 0.8 = 2.5, a_PB = 2: mean 2.5·50 + 2·30 = 185, variance 2.5²·100 + 2²·25 = 725.
    expect(p.meanPerPeriod).toBeCloseTo(185, 10);
    expect(p.standardDeviationPerPeriod).toBeCloseTo(Math.sqrt(725), 10);
  });

  it('matches a simulation of the exploded demand (invariant: dependent demand is a linear map of end-item demand)', () => {
    const random = createRandom(7);
    const endItems = [{ itemId: 'E1', meanPerPeriod: 40, standardDeviationPerPeriod: 8 }, { itemId: 'E2', meanPerPeriod: 25, standardDeviationPerPeriod: 6 }];
    const bomLines = [
      { parentId: 'E1', componentId: 'S', quantityPer: 2 }, { parentId: 'E2', componentId: 'S', quantityPer: 1 },
      { parentId: 'S', componentId: 'C', quantityPer: 4 }, { parentId: 'E2', componentId: 'C', quantityPer: 3 },
    ];
    const c = computeDependentDemandVariability({ endItems, bomLines }).find((r) => r.itemId === 'C')!;
    const draws: number[] = [];
    for (let i = 0; i < 20000; i++) {
      const e1 = 40 + 8 * random.nextNormal();
      const e2 = 25 + 6 * random.nextNormal();
      draws.push(4 * (2 * e1 + e2) + 3 * e2);
    }
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const sd = Math.sqrt(draws.reduce((a, b) => a + (b - mean) ** 2, 0) / (draws.length - 1));
    expect(c.meanPerPeriod).toBe(495);
    expect(Math.abs(mean - c.meanPerPeriod)).toBeLessThan(3);
    expect(Math.abs(sd / c.standardDeviationPerPeriod - 1)).toBeLessThan(0.03);
  });

  it('edge cases: no BOM gives the end items back; a cycle and bad numbers are refused with their path', () => {
    expect(computeDependentDemandVariability({ endItems: [{ itemId: 'E', meanPerPeriod: 0, standardDeviationPerPeriod: 0 }], bomLines: [] }))
      .toEqual([{ itemId: 'E', meanPerPeriod: 0, standardDeviationPerPeriod: 0, unitsPerEndItem: [{ endItemId: 'E', units: 1 }] }]);
    expect(() => computeDependentDemandVariability({ endItems: [], bomLines: [{ parentId: 'X', componentId: 'Y', quantityPer: 1 }, { parentId: 'Y', componentId: 'X', quantityPer: 1 }] })).toThrow(/cycle through X, Y/);
    expect(() => computeDependentDemandVariability({ endItems: [{ itemId: 'E', meanPerPeriod: -1, standardDeviationPerPeriod: 0 }], bomLines: [] })).toThrow(expect.objectContaining({ path: 'endItems[0].meanPerPeriod' }));
    expect(() => computeDependentDemandVariability({ endItems: [], bomLines: [{ parentId: 'X', componentId: 'Y', quantityPer: 1, scrapFraction: 1 }] })).toThrow(/scrapFraction/);
  });
});
