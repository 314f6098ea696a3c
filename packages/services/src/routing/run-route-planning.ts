import { availableParallelism } from 'node:os';
import { CoreError, planSavingsRoutes, type RoutingInstance, type RoutingObjective, type RoutingSolution } from '@flowpilot/core';
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
  /**
   * true when the threads had not answered by the time limit plus its grace (a slow worker start on a busy
   * machine): they were stopped and the plan is the checked savings construction (threads is then empty).
   */
  stoppedAtTimeLimit: boolean;
};

/** Grace after the time limit for the threads to hand their plans back: 0.3 s, or 10 % of a longer limit. */
export function computeTimeLimitGraceSeconds(timeLimitSeconds: number): number {
  return Math.max(0.3, 0.1 * timeLimitSeconds);
}

const workerModuleUrl = new URL('./plan-routes-worker.ts', import.meta.url);

/**
 * Runs one seeded Hybrid Genetic Search per thread (worker threads) and keeps the best plan:
 * feasible before infeasible; then fewer vehicles for `vehicles-then-distance`; then lower cost; ties go
 * to the lower seed, so the choice is deterministic when every thread is.
 * With a time limit the call returns within limit + grace (computeTimeLimitGraceSeconds), construction and
 * worker start-up included: each thread stops its own search at the shared deadline, and threads still busy at
 * deadline + grace are terminated and the checked Clarke–Wright plan (planSavingsRoutes) is returned instead.
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
  // The pool is stopped by the caller's signal, or at deadline + grace by this call.
  const stop = new AbortController();
  const timeUp = new Error('time limit reached');
  const onCallerAbort = (): void => stop.abort(input.signal?.reason);
  input.signal?.addEventListener('abort', onCallerAbort, { once: true });
  if (input.signal?.aborted) stop.abort(input.signal.reason);
  const timer = input.timeLimitSeconds === undefined ? undefined
    : setTimeout(() => stop.abort(timeUp), Math.max(0, started + (input.timeLimitSeconds + computeTimeLimitGraceSeconds(input.timeLimitSeconds)) * 1000 - Date.now()));
  let solutions: RoutingSolution[];
  try {
    solutions = await runInWorkerPool<RoutePlanningTask, RoutingSolution>({ workerModuleUrl, tasks, threadCount, signal: stop.signal });
  } catch (error) {
    if (error === timeUp) {
      const fallback = planSavingsRoutes(input.instance, { objective, seed });
      return { ...fallback, threads: [], elapsedSeconds: (Date.now() - started) / 1000, stoppedAtTimeLimit: true };
    }
    if (error instanceof WorkerTaskError && error.code !== undefined) {
      throw new CoreError(error.code as CoreError['code'], error.message, { ...(error.path === undefined ? {} : { path: error.path }), cause: error });
    }
    throw error;
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    input.signal?.removeEventListener('abort', onCallerAbort);
  }
  const best = pickBest(solutions, objective);
  return {
    ...best,
    threads: solutions.map((solution) => ({ seed: solution.seed, status: solution.status, cost: solution.cost, vehicles: solution.vehicles, iterations: solution.iterations })),
    elapsedSeconds: (Date.now() - started) / 1000,
    stoppedAtTimeLimit: false,
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
