import { runInWorkerPool } from '../parallel/worker-pool';
import type { LoadPlanningTask, LoadPlanningTaskResult } from './plan-load-worker';

export type { LoadPlanningTask, LoadPlanningTaskResult } from './plan-load-worker';

/**
 * Plans many loads on worker threads (one load per task, all cores by default) and checks each
 * load with the independent checker; results come back in task order.
 */
export async function runLoadPlanningBatch(
  tasks: readonly LoadPlanningTask[],
  options: { threadCount?: number; onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<LoadPlanningTaskResult[]> {
  return runInWorkerPool<LoadPlanningTask, LoadPlanningTaskResult>({
    workerModuleUrl: new URL('./plan-load-worker.ts', import.meta.url),
    tasks,
    ...options,
  });
}
