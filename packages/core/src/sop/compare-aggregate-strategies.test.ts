import { describe, expect, it } from 'vitest';
import { compareAggregateStrategies } from './compare-aggregate-strategies';
import { applyAggregateScenario, compareAggregateScenarios } from './compare-aggregate-scenarios';
import type { AggregatePlanInput } from './types';

// Red Tomato Tools (Chopra & Meindl, "Aggregate Planning in a Supply Chain"), as in examples/sop/red-tomato.json.
const redTomato: AggregatePlanInput = {
  familyId: 'red-tomato-tools',
  periodLabels: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun'],
  demandUnits: [1600, 3000, 3200, 3800, 2200, 2200],
  initialWorkforce: 80,
  initialInventoryUnits: 1000,
  endingInventoryMinUnits: 500,
  laborHoursPerUnit: 4,
  regularHoursPerWorkerPerPeriod: 160,
  maxOvertimeHoursPerWorkerPerPeriod: 10,
  costs: { regularCostPerHour: 4, overtimeCostPerHour: 6, hiringCostPerWorker: 300, layoffCostPerWorker: 500, materialCostPerUnit: 10, holdingCostPerUnitPerPeriod: 2, backlogCostPerUnitPerPeriod: 5, subcontractCostPerUnit: 30 },
};

describe('compareAggregateStrategies', () => {
  it('lists level, chase and optimal in both workforce modes; the LP optimum 422 275 is the cheapest', async () => {
    const comparison = await compareAggregateStrategies(redTomato);
    expect(comparison.rows.map((row) => `${row.strategy}/${row.workforceMode}`)).toEqual([
      'level/continuous', 'level/integer', 'chase/continuous', 'chase/integer', 'optimal/continuous', 'optimal/integer',
    ]);
    // The Red Tomato optimum keeps 64.58 workers all year: the continuous level plan ties with it,
    // and ties go to the first strategy listed.
    expect(comparison.best).toEqual({ strategy: 'level', workforceMode: 'continuous', totalCost: 422275 });
    expect(comparison.rows.find((row) => row.strategy === 'optimal' && row.workforceMode === 'continuous')?.totalCost).toBeCloseTo(422275, 6);
    const integerOptimal = comparison.rows.find((row) => row.strategy === 'optimal' && row.workforceMode === 'integer');
    expect(integerOptimal?.totalCost).toBeCloseTo(422660, 6);
    expect(integerOptimal?.costAboveBest).toBeCloseTo(385, 6);
    for (const row of comparison.rows) {
      const parts = row.regularLabor + row.overtimeLabor + row.hiring + row.layoff + row.material + row.holding + row.backlog + row.subcontract;
      expect(parts).toBeCloseTo(row.totalCost, 1);
      expect(row.costAboveBest).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('compareAggregateScenarios', () => {
  it('keeps every scenario input and reports the cost change from the base', async () => {
    const comparison = await compareAggregateScenarios(redTomato, [
      { scenarioId: 'demand-plus-10', label: 'Demand +10 %', demandFactor: 1.1 },
      { scenarioId: 'cheap-subcontractor', changes: { costs: { subcontractCostPerUnit: 15 } } },
    ]);
    expect(comparison.rows.map((row) => row.scenarioId)).toEqual(['base', 'demand-plus-10', 'cheap-subcontractor']);
    expect(comparison.rows[0]?.totalCost).toBeCloseTo(422275, 4);
    expect(comparison.rows[0]?.costChangeFromBase).toBe(0);
    expect(comparison.rows[1]?.costChangeFromBase).toBeGreaterThan(0);
    expect(comparison.rows[1]?.totalDemandUnits).toBeCloseTo(16000 * 1.1, 6);
    // A cheaper subcontractor can only lower the optimum, and it is used.
    expect(comparison.rows[2]?.costChangeFromBase).toBeLessThan(0);
    expect(comparison.rows[2]?.totalSubcontractUnits).toBeGreaterThan(0);
    expect(comparison.plans[2]?.input.costs.subcontractCostPerUnit).toBe(15);
    expect(redTomato.costs.subcontractCostPerUnit).toBe(30);
  });

  it('rejects duplicate scenario ids and bad demand factors', async () => {
    await expect(compareAggregateScenarios(redTomato, [{ scenarioId: 'x' }, { scenarioId: 'x' }])).rejects.toMatchObject({ code: 'invalid_input' });
    expect(() => applyAggregateScenario(redTomato, { scenarioId: 'y', demandFactor: -1 })).toThrow(/demand factor/);
  });
});
