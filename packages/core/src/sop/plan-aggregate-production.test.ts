import { describe, expect, it } from 'vitest';
import redTomato from '../../../../../shared/data/aggregate_planning/red_tomato_aggregate_planning.json';
import { CoreError } from '../shared/core-error';
import { planAggregateProduction } from './plan-aggregate-production';
import type { AggregatePlanInput, AggregatePlanResult } from './types';

/** Maps the shared Red Tomato data file (Chopra & Meindl) to the module's input. */
function redTomatoInput(): AggregatePlanInput {
  const source = redTomato.inputs;
  return {
    familyId: 'red-tomato-tools',
    periodLabels: source.months,
    demandUnits: source.demand,
    initialWorkforce: source.initial_workforce,
    initialInventoryUnits: source.initial_inventory,
    initialBacklogUnits: source.initial_backlog,
    endingInventoryMinUnits: source.ending_inventory_min,
    endingBacklogMaxUnits: source.ending_backlog,
    laborHoursPerUnit: source.labor_hours_per_unit,
    regularHoursPerWorkerPerPeriod: source.working_days_per_month * source.regular_hours_per_day,
    maxOvertimeHoursPerWorkerPerPeriod: source.max_overtime_hours_per_worker_per_month,
    costs: {
      regularCostPerHour: source.costs.regular_time_per_hour,
      overtimeCostPerHour: source.costs.overtime_per_hour,
      hiringCostPerWorker: source.costs.hiring_per_worker,
      layoffCostPerWorker: source.costs.layoff_per_worker,
      materialCostPerUnit: source.costs.material_per_unit,
      holdingCostPerUnitPerPeriod: source.costs.inventory_holding_per_unit_per_month,
      backlogCostPerUnitPerPeriod: source.costs.backlog_per_unit_per_month,
      subcontractCostPerUnit: source.costs.subcontract_per_unit,
    },
  };
}

/** Invariants every plan must satisfy: balances close, limits hold. */
function expectConsistent(input: AggregatePlanInput, plan: AggregatePlanResult): void {
  let workforce = input.initialWorkforce;
  let inventory = input.initialInventoryUnits - (input.initialBacklogUnits ?? 0);
  plan.periods.forEach((period, t) => {
    expect(period.workforce).toBeCloseTo(workforce + period.hiredWorkers - period.laidOffWorkers, 4);
    workforce = period.workforce;
    inventory += period.productionUnits + period.subcontractUnits - (input.demandUnits[t] ?? 0);
    expect(period.endingInventoryUnits - period.endingBacklogUnits).toBeCloseTo(inventory, 3);
    const regularHours = Array.isArray(input.regularHoursPerWorkerPerPeriod) ? input.regularHoursPerWorkerPerPeriod[t] ?? 0 : input.regularHoursPerWorkerPerPeriod;
    expect(period.productionUnits).toBeLessThanOrEqual((period.workforce * regularHours + period.overtimeHours) / input.laborHoursPerUnit + 1e-3);
  });
  const last = plan.periods[plan.periods.length - 1];
  expect(last?.endingInventoryUnits ?? 0).toBeGreaterThanOrEqual((input.endingInventoryMinUnits ?? 0) - 1e-6);
  expect(plan.totalCost).toBeCloseTo(plan.solver.objectiveValue ?? Number.NaN, 3);
}

describe('planAggregateProduction — Chopra & Meindl, Red Tomato Tools (shared/data/aggregate_planning)', () => {
  it('LP relaxation costs 422 275 with 15.42 layoffs in January and 2583.33 units a month', async () => {
    const input = redTomatoInput();
    const plan = await planAggregateProduction(input, { strategy: 'optimal', workforceMode: 'continuous' });
    expect(plan.status).toBe('optimal');
    expect(plan.totalCost).toBeCloseTo(redTomato.expected.lp_relaxation.optimal_total_cost, 2);
    expect(plan.periods[0]?.laidOffWorkers).toBeCloseTo(15.4167, 3);
    expect(plan.periods[3]?.endingBacklogUnits).toBeCloseTo(266.67, 1);
    for (const period of plan.periods) expect(period.productionUnits).toBeCloseTo(2583.33, 1);
    expect(plan.exceptions.map((e) => e.code)).toEqual(['backlog']);
    expectConsistent(input, plan);
  });

  it('integer workforce (MIP) costs 422 660, 64 workers kept all horizon', async () => {
    const input = redTomatoInput();
    const plan = await planAggregateProduction(input, { strategy: 'optimal', workforceMode: 'integer' });
    expect(plan.status).toBe('optimal');
    expect(plan.totalCost).toBeCloseTo(redTomato.expected.integer_workforce.optimal_total_cost, 2);
    // Alternative optima exist (lay off 15 in Jan and 1 in Apr): check the total laid off and whole workers.
    expect(plan.periods.reduce((sum, p) => sum + p.laidOffWorkers, 0)).toBe(16);
    for (const period of plan.periods) expect(Number.isInteger(period.workforce)).toBe(true);
    expectConsistent(input, plan);
  });

  it('level and chase plans are feasible, consistent, and cost at least the optimum', async () => {
    const input = redTomatoInput();
    const level = await planAggregateProduction(input, { strategy: 'level', workforceMode: 'integer' });
    const chase = await planAggregateProduction(input, { strategy: 'chase', workforceMode: 'integer' });
    expect(level.status).toBe('optimal');
    expect(chase.status).toBe('optimal');
    expectConsistent(input, level);
    expectConsistent(input, chase);
    expect(new Set(level.periods.map((p) => p.workforce)).size).toBe(1);
    expect(level.periods.every((p) => p.overtimeHours === 0 && p.subcontractUnits === 0)).toBe(true);
    expect(chase.periods.every((p) => p.endingBacklogUnits === 0 && p.subcontractUnits === 0)).toBe(true);
    // Chase: Jan uses the 1000 units on hand, then produces exactly demand; June adds the 500-unit target.
    expect(chase.periods.map((p) => p.productionUnits)).toEqual([600, 3000, 3200, 3800, 2200, 2700]);
    expect(level.totalCost).toBeGreaterThanOrEqual(422660);
    expect(chase.totalCost).toBeGreaterThan(422660);
  });

  it('same input, same plan (deterministic)', async () => {
    const a = await planAggregateProduction(redTomatoInput(), { workforceMode: 'integer' });
    const b = await planAggregateProduction(redTomatoInput(), { workforceMode: 'integer' });
    expect(a).toEqual(b);
  });
});

describe('planAggregateProduction — limits, infeasibility and edge cases', () => {
  it('a workforce cap forces overtime then subcontracting (18-month horizon)', async () => {
    const input: AggregatePlanInput = {
      ...redTomatoInput(),
      periodLabels: undefined,
      demandUnits: Array.from({ length: 18 }, (_, t) => 2000 + 1000 * Math.sin(t / 2)),
      endingInventoryMinUnits: 0,
      limits: { maxWorkforce: 60, maxBacklogUnits: 0 },
    };
    const plan = await planAggregateProduction(input, { workforceMode: 'integer' });
    expect(plan.status).toBe('optimal');
    expect(plan.periods).toHaveLength(18);
    expect(plan.periods.every((p) => p.workforce <= 60)).toBe(true);
    expect(plan.periods.some((p) => p.overtimeHours > 0 || p.subcontractUnits > 0)).toBe(true);
    expectConsistent(input, plan);
  });

  it('returns status infeasible (not a throw) when limits cannot be met', async () => {
    const input: AggregatePlanInput = { ...redTomatoInput(), limits: { maxWorkforce: 10, maxSubcontractUnitsPerPeriod: 0 } };
    const plan = await planAggregateProduction(input, { strategy: 'chase' });
    expect(plan.status).toBe('infeasible');
    expect(plan.exceptions[0]?.code).toBe('infeasible');
    expect(Number.isNaN(plan.totalCost)).toBe(true);
    const capped = await planAggregateProduction({ ...redTomatoInput(), limits: { maxInventoryUnits: 100 } });
    expect(capped.status).toBe('infeasible'); // the 500-unit end target is above the 100-unit cap
  });

  it('zero demand and a horizon of one: lay everybody off down to the end target', async () => {
    const input: AggregatePlanInput = { ...redTomatoInput(), periodLabels: ['M1'], demandUnits: [0], initialInventoryUnits: 0, endingInventoryMinUnits: 0 };
    const plan = await planAggregateProduction(input);
    expect(plan.periods).toHaveLength(1);
    expect(plan.periods[0]?.workforce).toBeCloseTo(0, 6);
    expect(plan.totalCost).toBeCloseTo(80 * 500, 6);
  });

  it('rejects bad input with CoreError codes and paths', async () => {
    await expect(planAggregateProduction({ ...redTomatoInput(), demandUnits: [] })).rejects.toMatchObject({ code: 'empty_input', path: 'demandUnits' });
    await expect(planAggregateProduction({ ...redTomatoInput(), demandUnits: [1, -2, 3, 4, 5, 6] })).rejects.toMatchObject({ code: 'negative_value', path: 'demandUnits[1]' });
    await expect(planAggregateProduction({ ...redTomatoInput(), periodLabels: ['a'] })).rejects.toBeInstanceOf(CoreError);
    await expect(planAggregateProduction({ ...redTomatoInput(), laborHoursPerUnit: 0 })).rejects.toMatchObject({ code: 'out_of_range' });
  });
});
