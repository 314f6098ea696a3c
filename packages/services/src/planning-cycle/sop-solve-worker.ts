// Worker-thread entry for runInWorkerPool: S&OP solves (HiGHS) off the calling thread. HiGHS solves synchronously
// and would hold the thread it runs on; in the server process that is the HTTP event loop.
// - 'strategies': the level / chase / optimal comparison of one product family (the planning cycle's S&OP step);
// - 'scenario': one what-if scenario against its base plan (the S&OP page's scenarios).
import {
  compareAggregateScenarios, compareAggregateStrategies,
  type AggregatePlanInput, type AggregateScenario, type AggregateScenarioComparison, type AggregateStrategy, type AggregateStrategyComparison, type WorkforceMode,
} from '@flowpilot/core';

export type CompareStrategiesTask = { input: AggregatePlanInput; workforceModes: WorkforceMode[]; timeLimitSeconds: number };
export type CompareScenarioTask = { base: AggregatePlanInput; scenario: AggregateScenario; strategy: AggregateStrategy; workforceMode: WorkforceMode; timeLimitSeconds: number };
export type SopWorkerTask = ({ kind: 'strategies' } & CompareStrategiesTask) | ({ kind: 'scenario' } & CompareScenarioTask);

export default async function run(task: SopWorkerTask): Promise<AggregateStrategyComparison | AggregateScenarioComparison> {
  if (task.kind === 'scenario') {
    return compareAggregateScenarios(task.base, [task.scenario], { strategy: task.strategy, workforceMode: task.workforceMode, timeLimitSeconds: task.timeLimitSeconds });
  }
  return compareAggregateStrategies(task.input, { workforceModes: task.workforceModes, timeLimitSeconds: task.timeLimitSeconds });
}
