import { simulateInventoryPolicy, type InventorySimulationInput, type InventorySimulationResult } from '@flowpilot/core';
import { runInWorkerPool } from '../parallel/worker-pool';

export type PolicySimulationTask = InventorySimulationInput & { itemId: string };
export type PolicySimulationOutcome = { itemId: string; result: InventorySimulationResult };

/**
 * Simulates many items' policies, on worker threads when there are several items (results in input order).
 * Each item keeps its own seed, so the outcome does not depend on the thread count.
 */
export async function runPolicySimulations(
  tasks: readonly PolicySimulationTask[],
  options: { threadCount?: number; onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<PolicySimulationOutcome[]> {
  if (tasks.length <= 1 || options.threadCount === 1) {
    const outcomes: PolicySimulationOutcome[] = [];
    for (const [index, task] of tasks.entries()) {
      options.signal?.throwIfAborted();
      const { itemId, ...input } = task;
      outcomes.push({ itemId, result: simulateInventoryPolicy(input) });
      options.onProgress?.(index + 1, tasks.length);
    }
    return outcomes;
  }
  const inputs = tasks.map(({ itemId: _itemId, ...input }) => input);
  const results = await runInWorkerPool<InventorySimulationInput, InventorySimulationResult>({
    workerModuleUrl: new URL('./simulate-policy-worker.ts', import.meta.url),
    tasks: inputs,
    ...(options.threadCount === undefined ? {} : { threadCount: options.threadCount }),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return results.map((result, index) => ({ itemId: tasks[index]!.itemId, result }));
}
