import type { RoutingInstance, RoutingObjective } from '@flowpilot/core';
import { runRoutePlanning } from '../../routing/run-route-planning';
import type { JobHandler } from '../job-types';
import { integerParam, objectParam, stringParam } from '../internal/job-params';

/**
 * `routing`: vehicle routes for one instance (runRoutePlanning) as one partition. Reproducible by default:
 * an iteration limit (maxIterations, default 2000) and no time limit, one thread per seed.
 * Params: instance (flowpilot routing JSON), objective, seed, maxIterations, threadCount.
 */
export const routingJobHandler: JobHandler = {
  kind: 'routing',
  async plan({ params }) {
    objectParam(params, 'instance');
    stringParam(params, 'objective', 'distance', ['distance', 'vehicles-then-distance']);
    integerParam(params, 'maxIterations', 2000, 1, 10_000_000);
    integerParam(params, 'threadCount', 1, 1, 8);
    return { partitions: [{ input: {}, progressTotal: 1 }] };
  },
  async runPartition({ params, signal, progress }) {
    const solution = await runRoutePlanning({
      instance: objectParam(params, 'instance') as unknown as RoutingInstance,
      objective: stringParam(params, 'objective', 'distance', ['distance', 'vehicles-then-distance']) as RoutingObjective,
      seed: integerParam(params, 'seed', 1, 0, 2 ** 31 - 1),
      maxIterations: integerParam(params, 'maxIterations', 2000, 1, 10_000_000),
      threadCount: integerParam(params, 'threadCount', 1, 1, 8),
      signal,
    });
    progress(1, 1);
    const { elapsedSeconds: _elapsedSeconds, ...result } = solution;
    return { commit: async () => result as unknown as Record<string, unknown> };
  },
  async finalize({ partitionResults }) {
    return partitionResults[0] ?? {};
  },
};
