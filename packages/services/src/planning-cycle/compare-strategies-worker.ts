// Worker-thread entry for runInWorkerPool: the S&OP strategy comparison of one product family. HiGHS solves
// synchronously and would hold the thread it runs on; in the server process that is the HTTP event loop.
import { compareAggregateStrategies, type AggregatePlanInput, type AggregateStrategyComparison, type WorkforceMode } from '@flowpilot/core';

export type CompareStrategiesTask = { input: AggregatePlanInput; workforceModes: WorkforceMode[]; timeLimitSeconds: number };

export default async function run(task: CompareStrategiesTask): Promise<AggregateStrategyComparison> {
  return compareAggregateStrategies(task.input, { workforceModes: task.workforceModes, timeLimitSeconds: task.timeLimitSeconds });
}
