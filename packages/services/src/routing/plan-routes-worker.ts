// Worker-thread entry for runRoutePlanning: one seeded HGS search, stopped at the shared deadline.
import { planRoutes, type RoutingInstance, type RoutingObjective, type RoutingSolution } from '@flowpilot/core';

/** One search to run in a worker thread. */
export type RoutePlanningTask = {
  instance: RoutingInstance;
  objective: RoutingObjective;
  seed: number;
  /** Wall-clock deadline (ms since epoch) shared by all threads, or null for an iteration limit only. */
  deadlineEpochMs: number | null;
  maxIterations: number | null;
};

export default async function run(task: RoutePlanningTask): Promise<RoutingSolution> {
  const remainingSeconds = task.deadlineEpochMs === null ? null : Math.max(0.001, (task.deadlineEpochMs - Date.now()) / 1000);
  return planRoutes(task.instance, {
    objective: task.objective,
    seed: task.seed,
    ...(remainingSeconds === null ? {} : { timeLimitSeconds: remainingSeconds, now: () => Date.now() }),
    ...(task.maxIterations === null ? {} : { maxIterations: task.maxIterations }),
  });
}
