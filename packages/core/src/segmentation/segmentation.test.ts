import { describe, expect, it } from 'vitest';
import { classifyAbc } from './classify-abc';
import { classifyAbcMultiCriteria } from './classify-abc-multi-criteria';
import { classifyXyz } from './classify-xyz';
import { DEFAULT_SEGMENT_POLICIES, segmentItems, toServiceTarget } from './segment-items';

const items = [
  { itemId: 'i1', annualDemandUnits: 50, unitCost: 1, unitMargin: 0.1 },
  { itemId: 'i2', annualDemandUnits: 30, unitCost: 1, unitMargin: 0.1 },
  { itemId: 'i3', annualDemandUnits: 10, unitCost: 1, unitMargin: 1 },
  { itemId: 'i4', annualDemandUnits: 6, unitCost: 1, unitMargin: 0.1 },
  { itemId: 'i5', annualDemandUnits: 4, unitCost: 1, unitMargin: 0.1 },
];

describe('ABC classification', () => {
  it('doc example: values 50, 30, 10, 6, 4 -> A, A, B, B, C', () => {
    const r = classifyAbc({ items });
    expect(r.items.map((item) => item.abcClass)).toEqual(['A', 'A', 'B', 'B', 'C']);
    expect(r.items.map((item) => item.cumulativeShare)).toEqual([0.5, 0.8, 0.9, 0.96, 1]);
    expect(r.classCounts).toEqual({ A: 2, B: 2, C: 1 });
  });
  it('ranks deterministically: ties broken by item id; zero value goes to the last class', () => {
    const r = classifyAbc({ items: [{ itemId: 'b', annualDemandUnits: 5, unitCost: 2 }, { itemId: 'a', annualDemandUnits: 10, unitCost: 1 }, { itemId: 'z', annualDemandUnits: 0, unitCost: 9 }] });
    expect(r.items.map((item) => item.itemId)).toEqual(['a', 'b', 'z']);
    expect(r.items[2]!.abcClass).toBe('C');
  });
  it('configurable classes and the margin criterion', () => {
    const r = classifyAbc({ items, criterion: 'margin', classes: [{ label: 'top', cumulativeShare: 0.5 }, { label: 'rest', cumulativeShare: 1 }] });
    expect(r.items[0]).toMatchObject({ itemId: 'i3', abcClass: 'top' });
    expect(r.items.filter((item) => item.abcClass === 'top')).toHaveLength(1);
  });
  it('multi-criteria: weighted shares of value and margin', () => {
    const r = classifyAbcMultiCriteria({ items, criteria: [{ criterion: 'usage-value', weight: 1 }, { criterion: 'margin', weight: 1 }] });
    const i3 = r.items.find((item) => item.itemId === 'i3')!;
    // i3: 10 % of value and 10/19 of margin (1 * 10 of 5 + 3 + 10 + 0.6 + 0.4) -> score 0.3132
    expect(i3.value).toBeCloseTo(0.5 * 0.1 + 0.5 * (10 / 19), 12);
    expect(r.perCriterion['usage-value']!['i3']).toBe('B');
  });
  it('refuses duplicates, empty input and negative values with the field path', () => {
    expect(() => classifyAbc({ items: [] })).toThrow(/no items/);
    expect(() => classifyAbc({ items: [items[0]!, items[0]!] })).toThrow(/duplicate item i1/);
    expect(() => classifyAbc({ items: [{ itemId: 'x', annualDemandUnits: -1, unitCost: 1 }] })).toThrow(/>= 0/);
  });
});

describe('XYZ and the ABC x XYZ matrix', () => {
  it('doc example: [10, 12, 8, 10] -> CV 0.163 -> X; zero demand -> Z', () => {
    const r = classifyXyz({ items: [{ itemId: 'x', demandHistory: [10, 12, 8, 10] }, { itemId: 'z', demandHistory: [0, 0, 0] }, { itemId: 'y', demandHistory: [5, 10, 5, 20, 8] }] });
    expect(r[0]!.coefficientOfVariation).toBeCloseTo(Math.sqrt(8 / 3) / 10, 12);
    expect(r.map((row) => row.xyzClass)).toEqual(['X', 'Z', 'Y']);
  });
  it('segments, applies the default policy and a per-item override', () => {
    const r = segmentItems({
      items: [
        { itemId: 'steady', unitCost: 10, demandHistory: [100, 110, 90, 100] },
        { itemId: 'lumpy', unitCost: 1, demandHistory: [0, 0, 40, 0] },
        { itemId: 'mid', unitCost: 2, demandHistory: [20, 25, 30, 10] },
      ],
      overrides: { lumpy: { cycleServiceLevel: 0.8 } },
    });
    const steady = r.items.find((item) => item.itemId === 'steady')!;
    expect(steady.segment).toBe('AX');
    expect(steady.policy).toMatchObject({ reviewType: 'continuous', cycleServiceLevel: 0.98, forecastModel: 'exponential-smoothing' });
    const lumpy = r.items.find((item) => item.itemId === 'lumpy')!;
    expect(lumpy.segment).toBe('CZ');
    expect(lumpy.policy.cycleServiceLevel).toBe(0.8);
    expect(lumpy.policySource).toBe('override');
    expect(() => segmentItems({ items: [{ itemId: 'a', annualDemandUnits: 1, unitCost: 1 }], overrides: { ghost: {} } })).toThrow(/unknown item ghost/);
  });
});

describe('service target of a segment policy (α or β)', () => {
  it('regular A and B items are sized for a fill rate, Z and C items for a cycle service level; overrides switch the type', () => {
    expect(toServiceTarget(DEFAULT_SEGMENT_POLICIES.AX!)).toEqual({ fillRate: 0.99 });
    expect(toServiceTarget(DEFAULT_SEGMENT_POLICIES.BY!)).toEqual({ fillRate: 0.97 });
    expect(toServiceTarget(DEFAULT_SEGMENT_POLICIES.AZ!)).toEqual({ cycleServiceLevel: 0.95 });
    expect(toServiceTarget(DEFAULT_SEGMENT_POLICIES.CZ!)).toEqual({ cycleServiceLevel: 0.9 });
    const r = segmentItems({
      items: [{ itemId: 'steady', unitCost: 10, demandHistory: [100, 110, 90, 100] }, { itemId: 'other', unitCost: 1, demandHistory: [1, 2, 1, 2] }],
      overrides: { steady: { serviceTargetType: 'cycle-service-level' } },
    });
    expect(toServiceTarget(r.items.find((i) => i.itemId === 'steady')!.policy)).toEqual({ cycleServiceLevel: 0.98 });
    expect(() => toServiceTarget({ cycleServiceLevel: 0.9, serviceTargetType: 'fill-rate', reviewType: 'periodic', forecastModel: 'croston' })).toThrow(/needs fillRate/);
  });
});
