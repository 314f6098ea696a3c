import { describe, expect, it } from 'vitest';
import { checkRoughCutCapacity } from './check-rough-cut-capacity';
import { disaggregateFamilyPlan } from './disaggregate-family-plan';

describe('disaggregateFamilyPlan', () => {
  it('1000 units in a 4-week month, mix 60/40 → 150 and 100 a week', () => {
    const result = disaggregateFamilyPlan({ familyPlanUnits: [1000], mix: [{ itemId: 'A', share: 0.6 }, { itemId: 'B', share: 0.4 }] });
    expect(result.items).toEqual([
      { itemId: 'A', share: 0.6, quantitiesUnits: [150, 150, 150, 150] },
      { itemId: 'B', share: 0.4, quantitiesUnits: [100, 100, 100, 100] },
    ]);
  });

  it('integer rounding keeps each month total (largest remainder) with 4- and 5-week months', () => {
    const result = disaggregateFamilyPlan({ familyPlanUnits: [1001, 997], periodsPerFamilyPeriod: [4, 5], mix: [{ itemId: 'A', share: 1 }, { itemId: 'B', share: 1 }, { itemId: 'C', share: 1 }], rounding: 'integer' });
    expect(result.periodCount).toBe(9);
    const monthTotal = (from: number, to: number): number => result.items.reduce((sum, item) => sum + item.quantitiesUnits.slice(from, to).reduce((a, b) => a + b, 0), 0);
    expect(monthTotal(0, 4)).toBe(1001);
    expect(monthTotal(4, 9)).toBe(997);
    for (const item of result.items) for (const units of item.quantitiesUnits) expect(Number.isInteger(units)).toBe(true);
  });

  it('rejects an empty or zero mix', () => {
    expect(() => disaggregateFamilyPlan({ familyPlanUnits: [1], mix: [] })).toThrow(expect.objectContaining({ code: 'empty_input' }));
    expect(() => disaggregateFamilyPlan({ familyPlanUnits: [1], mix: [{ itemId: 'A', share: 0 }] })).toThrow(expect.objectContaining({ code: 'out_of_range' }));
  });
});

describe('checkRoughCutCapacity', () => {
  it('offsets load by lead time and reports overloads with the items that cause them', () => {
    const result = checkRoughCutCapacity({
      schedules: [{ itemId: 'A', quantitiesUnits: [0, 100, 100] }, { itemId: 'B', quantitiesUnits: [50, 50, 0] }],
      billOfResources: [
        { itemId: 'A', resourceId: 'assembly', hoursPerUnit: 0.5, offsetPeriods: 1 },
        { itemId: 'B', resourceId: 'assembly', hoursPerUnit: 1 },
      ],
      resources: [{ resourceId: 'assembly', availableHoursPerPeriod: 80 }],
    });
    expect(result.loads.map((l) => l.loadHours)).toEqual([100, 100, 0]);
    expect(result.status).toBe('overloaded');
    expect(result.exceptions).toEqual([
      expect.objectContaining({ code: 'overload', period: 'W1', excessHours: 20, itemIds: ['A', 'B'] }),
      expect.objectContaining({ code: 'overload', period: 'W2', excessHours: 20, itemIds: ['A', 'B'] }),
    ]);
  });

  it('counts load that falls before the horizon in period 1 and says so; unknown resources are rejected', () => {
    const result = checkRoughCutCapacity({
      schedules: [{ itemId: 'A', quantitiesUnits: [10, 0] }],
      billOfResources: [{ itemId: 'A', resourceId: 'r', hoursPerUnit: 1, offsetPeriods: 2 }],
      resources: [{ resourceId: 'r', availableHoursPerPeriod: [100, 100] }],
    });
    expect(result.loads[0]?.loadHours).toBe(10);
    expect(result.status).toBe('ok');
    expect(result.exceptions[0]?.code).toBe('load_before_horizon');
    expect(() => checkRoughCutCapacity({ schedules: [{ itemId: 'A', quantitiesUnits: [1] }], billOfResources: [{ itemId: 'A', resourceId: 'zz', hoursPerUnit: 1 }], resources: [] })).toThrow(expect.objectContaining({ code: 'unknown_reference' }));
  });
});
