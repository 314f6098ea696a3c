import { availableParallelism } from 'node:os';
import { CoreError, type RoutingInstance, type RoutingObjective, type RoutingSolution } from '@flowpilot/core';
import { runInWorkerPool, WorkerTaskError } from '../parallel/worker-pool';
import type { RoutePlanningTask } from './plan-routes-worker';

/** Options of `runRoutePlanning`. */
export type RunRoutePlanningInput = {
  instance: RoutingInstance;
  objective?: RoutingObjective;
  /** Base seed: thread k searches with seed + k. */
  seed?: number;
  /** Wall-clock budget for the whole call, worker start-up included. */
  timeLimitSeconds?: number;
  /** Iteration limit per thread (deterministic when given without a time limit). */
  maxIterations?: number;
  /** Number of independent searches run in parallel (default: all cores, at most 8). */
  threadCount?: number;
  signal?: AbortSignal;
};

/** The best plan of all threads, with what each thread found. */
export type RunRoutePlanningResult = RoutingSolution & {
  threads: { seed: number; status: RoutingSolution['status']; cost: number; vehicles: number; iterations: number }[];
  elapsedSeconds: number;
};

const workerModuleUrl = new URL('./plan-routes-worker.ts', import.meta.url);

/**
 * Runs one seeded Hybrid Genetic Search per thread (worker threads) and keeps the best plan:
 * feasible before infeasible; then fewer vehicles for `vehicles-then-distance`; then lower cost; ties go
 * to the lower seed, so the choice is deterministic when every thread is.
 * Example: A-n32-k5 with 2 threads and 3 s → cost 784, 5 vehicles.
 * Errors raised by core inside a worker come back as CoreError with the same code and path.
 */
export async function runRoutePlanning(input: RunRoutePlanningInput): Promise<RunRoutePlanningResult> {
  const started = Date.now();
  const objective = input.objective ?? 'distance';
  const seed = input.seed ?? 1;
  const threadCount = Math.max(1, Math.min(8, input.threadCount ?? availableParallelism()));
  const deadlineEpochMs = input.timeLimitSeconds === undefined ? null : started + input.timeLimitSeconds * 1000;
  const maxIterations = input.maxIterations ?? (deadlineEpochMs === null ? 5000 : null);
  const tasks: RoutePlanningTask[] = Array.from({ length: threadCount }, (_, k) => ({ instance: input.instance, objective, seed: seed + k, deadlineEpochMs, maxIterations }));
  let solutions: RoutingSolution[];
  try {
    solutions = await runInWorkerPool<RoutePlanningTask, RoutingSolution>({ workerModuleUrl, tasks, threadCount, ...(input.signal ? { signal: input.signal } : {}) });
  } catch (error) {
    if (error instanceof WorkerTaskError && error.code !== undefined) {
      throw new CoreError(error.code as CoreError['code'], error.message, { ...(error.path === undefined ? {} : { path: error.path }), cause: error });
    }
    throw error;
  }
  const best = pickBest(solutions, objective);
  return {
    ...best,
    threads: solutions.map((solution) => ({ seed: solution.seed, status: solution.status, cost: solution.cost, vehicles: solution.vehicles, iterations: solution.iterations })),
    elapsedSeconds: (Date.now() - started) / 1000,
  };
}

/** Best of several plans: feasible first, then (vehicles for the hierarchical objective), cost, seed. */
export function pickBest(solutions: readonly RoutingSolution[], objective: RoutingObjective): RoutingSolution {
  const ranked = [...solutions].sort((a, b) => {
    if (a.status !== b.status) return a.status === 'feasible' ? -1 : 1;
    if (objective === 'vehicles-then-distance' && a.vehicles !== b.vehicles) return a.vehicles - b.vehicles;
    if (Math.abs(a.cost - b.cost) > 1e-9) return a.cost - b.cost;
    return a.seed - b.seed;
  });
  const best = ranked[0];
  if (!best) throw new CoreError('empty_input', 'no routing solution to choose from', { path: 'solutions' });
  return best;
}
