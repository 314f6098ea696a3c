import { planAggregateProduction } from './plan-aggregate-production';
import type { AggregatePlanInput, AggregatePlanResult, AggregateStrategy, WorkforceMode } from './types';

export type AggregateStrategyComparisonRow = {
  strategy: AggregateStrategy;
  workforceMode: WorkforceMode;
  status: AggregatePlanResult['status'];
  totalCost: number;
  /** totalCost − cheapest feasible totalCost (0 for the best). */
  costAboveBest: number;
  regularLabor: number;
  overtimeLabor: number;
  hiring: number;
  layoff: number;
  material: number;
  holding: number;
  backlog: number;
  subcontract: number;
};

export type AggregateStrategyComparison = {
  familyId: string | undefined;
  rows: AggregateStrategyComparisonRow[];
  /** The cheapest feasible plan (ties: the order of `strategies`, then of `workforceModes`). */
  best: { strategy: AggregateStrategy; workforceMode: WorkforceMode; totalCost: number } | null;
  plans: AggregatePlanResult[];
};

/**
 * Plans a family with each strategy (level, chase, optimal) and workforce mode and lays their costs
 * side by side, so the S&OP meeting sees what the optimal plan saves over the simple policies.
 * Example: Red Tomato, integer workforce → optimal 422 660; the level and chase plans cost more.
 */
export async function compareAggregateStrategies(
  input: AggregatePlanInput,
  options: { strategies?: AggregateStrategy[]; workforceModes?: WorkforceMode[]; timeLimitSeconds?: number } = {},
): Promise<AggregateStrategyComparison> {
  const strategies = options.strategies ?? ['level', 'chase', 'optimal'];
  const modes = options.workforceModes ?? ['continuous', 'integer'];
  const plans: AggregatePlanResult[] = [];
  for (const strategy of strategies) {
    for (const workforceMode of modes) {
      plans.push(await planAggregateProduction(input, { strategy, workforceMode, ...(options.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: options.timeLimitSeconds }) }));
    }
  }
  const feasible = plans.filter((plan) => plan.status === 'optimal' || plan.status === 'feasible');
  const bestPlan = feasible.reduce<AggregatePlanResult | null>((best, plan) => (best === null || plan.totalCost < best.totalCost - 1e-9 ? plan : best), null);
  const rows = plans.map((plan) => ({
    strategy: plan.strategy,
    workforceMode: plan.workforceMode,
    status: plan.status,
    totalCost: plan.totalCost,
    costAboveBest: bestPlan === null || Number.isNaN(plan.totalCost) ? Number.NaN : Math.round((plan.totalCost - bestPlan.totalCost) * 1e3) / 1e3,
    regularLabor: plan.costs.regularLabor,
    overtimeLabor: plan.costs.overtimeLabor,
    hiring: plan.costs.hiring,
    layoff: plan.costs.layoff,
    material: plan.costs.material,
    holding: plan.costs.holding,
    backlog: plan.costs.backlog,
    subcontract: plan.costs.subcontract,
  }));
  return {
    familyId: input.familyId,
    rows,
    best: bestPlan === null ? null : { strategy: bestPlan.strategy, workforceMode: bestPlan.workforceMode, totalCost: bestPlan.totalCost },
    plans,
  };
}
