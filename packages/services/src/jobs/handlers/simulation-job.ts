import { runPolicySimulations, type PolicySimulationTask } from '../../inventory/run-policy-simulations';
import type { JobHandler } from '../job-types';
import { arrayParam, integerParam, invalidJobParam } from '../internal/job-params';

/**
 * `simulation`: seeded inventory-policy simulations (runPolicySimulations), `tasksPerPartition` items per
 * partition (default 10). Each item keeps its own seed, so results do not depend on how partitions are shared.
 * Params: tasks (each an InventorySimulationInput with an itemId), tasksPerPartition.
 */
export const simulationJobHandler: JobHandler = {
  kind: 'simulation',
  async plan({ params }) {
    const tasks = arrayParam(params, 'tasks', true) as unknown[];
    tasks.forEach((task, index) => {
      if (task === null || typeof task !== 'object' || typeof (task as { itemId?: unknown }).itemId !== 'string') throw invalidJobParam(`tasks[${index}].itemId`, 'each task needs an itemId (text)');
    });
    const size = integerParam(params, 'tasksPerPartition', 10, 1, 10_000);
    const partitions: { input: Record<string, unknown>; progressTotal: number }[] = [];
    for (let start = 0; start < tasks.length; start += size) partitions.push({ input: { first: start, count: Math.min(size, tasks.length - start) }, progressTotal: Math.min(size, tasks.length - start) });
    return { partitions };
  },
  async runPartition({ params, input, signal, progress }) {
    const tasks = (arrayParam(params, 'tasks', true) as PolicySimulationTask[]).slice(Number(input.first), Number(input.first) + Number(input.count));
    const outcomes = await runPolicySimulations(tasks, { threadCount: 1, onProgress: progress, signal });
    return { commit: async () => ({ items: outcomes }) };
  },
  async finalize({ partitionResults }) {
    const items = partitionResults.flatMap((r) => (r.items ?? []) as unknown[]);
    return { itemCount: items.length, items };
  },
};
