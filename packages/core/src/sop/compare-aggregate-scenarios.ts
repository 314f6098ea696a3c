import { CoreError } from '../shared/core-error';
import { planAggregateProduction } from './plan-aggregate-production';
import type { AggregatePlanCosts, AggregatePlanInput, AggregatePlanLimits, AggregatePlanResult, AggregateStrategy, WorkforceMode } from './types';

/** A what-if: changes applied to the base plan input (costs and limits merge field by field). */
export type AggregateScenario = {
  scenarioId: string;
  label?: string;
  /** Multiplies every period's demand (e.g. 1.1 for +10 %); applied after `changes.demandUnits`. */
  demandFactor?: number;
  changes?: Partial<Omit<AggregatePlanInput, 'costs' | 'limits'>> & { costs?: Partial<AggregatePlanCosts>; limits?: AggregatePlanLimits };
};

export type AggregateScenarioComparison = {
  strategy: AggregateStrategy;
  workforceMode: WorkforceMode;
  rows: Array<{ scenarioId: string; label: string; status: AggregatePlanResult['status']; totalCost: number; costChangeFromBase: number; totalDemandUnits: number; totalSubcontractUnits: number; peakWorkforce: number }>;
  plans: Array<{ scenarioId: string; input: AggregatePlanInput; plan: AggregatePlanResult }>;
};

/** Applies a scenario's changes to the base input (pure; the base is not modified). */
export function applyAggregateScenario(base: AggregatePlanInput, scenario: AggregateScenario): AggregatePlanInput {
  const changes = scenario.changes ?? {};
  const merged: AggregatePlanInput = {
    ...base,
    ...changes,
    costs: { ...base.costs, ...(changes.costs ?? {}) },
    limits: { ...(base.limits ?? {}), ...(changes.limits ?? {}) },
  };
  if (scenario.demandFactor !== undefined) {
    if (!Number.isFinite(scenario.demandFactor) || scenario.demandFactor < 0) throw new CoreError('out_of_range', 'demand factor must be a finite number ≥ 0', { path: `scenarios.${scenario.scenarioId}.demandFactor` });
    merged.demandUnits = merged.demandUnits.map((units) => units * (scenario.demandFactor as number));
  }
  return merged;
}

/**
 * Solves the base plan and each what-if scenario with the same strategy, and lists their total
 * costs side by side with the change from the base (scenario cost − base cost). Every scenario's
 * full input is kept with its plan so any number can be explained later.
 */
export async function compareAggregateScenarios(
  base: AggregatePlanInput,
  scenarios: AggregateScenario[],
  options: { strategy?: AggregateStrategy; workforceMode?: WorkforceMode; timeLimitSeconds?: number } = {},
): Promise<AggregateScenarioComparison> {
  const strategy = options.strategy ?? 'optimal';
  const workforceMode = options.workforceMode ?? 'continuous';
  const seen = new Set<string>(['base']);
  for (const [index, scenario] of scenarios.entries()) {
    if (typeof scenario.scenarioId !== 'string' || scenario.scenarioId === '') throw new CoreError('invalid_input', 'scenario id is required', { path: `scenarios[${index}].scenarioId` });
    if (seen.has(scenario.scenarioId)) throw new CoreError('invalid_input', `duplicate scenario id ${scenario.scenarioId}`, { path: `scenarios[${index}].scenarioId` });
    seen.add(scenario.scenarioId);
  }
  const all: Array<{ scenarioId: string; label: string; input: AggregatePlanInput }> = [
    { scenarioId: 'base', label: 'Base', input: base },
    ...scenarios.map((scenario) => ({ scenarioId: scenario.scenarioId, label: scenario.label ?? scenario.scenarioId, input: applyAggregateScenario(base, scenario) })),
  ];
  const plans: AggregateScenarioComparison['plans'] = [];
  const rows: AggregateScenarioComparison['rows'] = [];
  let baseCost = Number.NaN;
  for (const entry of all) {
    const plan = await planAggregateProduction(entry.input, { strategy, workforceMode, ...(options.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: options.timeLimitSeconds }) });
    if (entry.scenarioId === 'base') baseCost = plan.totalCost;
    plans.push({ scenarioId: entry.scenarioId, input: entry.input, plan });
    rows.push({
      scenarioId: entry.scenarioId,
      label: entry.label,
      status: plan.status,
      totalCost: plan.totalCost,
      costChangeFromBase: Math.round((plan.totalCost - baseCost) * 1e3) / 1e3,
      totalDemandUnits: entry.input.demandUnits.reduce((a, b) => a + b, 0),
      totalSubcontractUnits: plan.periods.reduce((a, p) => a + p.subcontractUnits, 0),
      peakWorkforce: plan.periods.reduce((a, p) => Math.max(a, p.workforce), 0),
    });
  }
  return { strategy, workforceMode, rows, plans };
}
