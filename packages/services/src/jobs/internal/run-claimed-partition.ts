import type { DatabaseHandle } from '@flowpilot/db';
import type { JobWorkerEvent } from '../job-types';
import {
  cancelPartition, completePartition, failPartition, getJobDetail, heartbeatPartition, LostClaimError, releasePartition, type HandlerLookup, type PartitionClaim,
} from './job-store';
import type { LivePartition, LivePartitions } from './live-partitions';

export type RunPartitionDeps = {
  handle: DatabaseHandle;
  handlerOf: HandlerLookup;
  workerId: string;
  heartbeatSeconds: number;
  emit: (event: JobWorkerEvent) => void;
  /** Aborted when the worker stops without waiting: the partition is given back, not failed. */
  shutdown: AbortSignal;
  /** This process's running partitions (job reads and cancels reach them without the database); absent: not registered. */
  live?: LivePartitions;
};

type StopReason = 'cancelled' | 'lost' | 'shutdown';

/**
 * Runs one claimed partition: heartbeats while it computes (progress included; a cancel or a lost claim
 * aborts it), then writes its results and marks it done in one transaction; an error fails the job.
 */
export async function runClaimedPartition(deps: RunPartitionDeps, claim: PartitionClaim): Promise<void> {
  const started = performance.now();
  const base = { workerId: deps.workerId, jobId: claim.jobId, kind: claim.kind, partitionIndex: claim.partitionIndex, attempt: claim.attempt };
  deps.emit({ event: 'partition_claimed', ...base });
  const controller = new AbortController();
  let reason: StopReason | null = null;
  const stop = (why: StopReason): void => {
    if (reason === null) reason = why;
    controller.abort(new Error(`partition stopped: ${why}`));
  };
  const onShutdown = (): void => stop('shutdown');
  deps.shutdown.addEventListener('abort', onShutdown);
  if (deps.shutdown.aborted) stop('shutdown');
  const live: LivePartition = {
    jobId: claim.jobId, organizationId: claim.organizationId, kind: claim.kind, partitionIndex: claim.partitionIndex, attempt: claim.attempt,
    progress: null, startedAtMs: Date.now(), snapshot: null, stopRequested: false,
    // A cancel that reaches this process stops the work at once, as a heartbeat finding the cancel request would.
    requestStop: () => stop('cancelled'),
  };
  const unregister = deps.live?.add(live);
  // PGlite has one connection, which the partition's transaction may hold for minutes (the planning cycle): read
  // the job once now, while the database is free, so a poll can be answered from memory meanwhile. PostgreSQL
  // reads never wait for it, so no snapshot there. A failed read only costs the in-memory answer.
  if (deps.live && deps.handle.kind === 'pglite') live.snapshot = await getJobDetail(deps.handle, claim.organizationId, claim.jobId).catch(() => null);
  let beating = false;
  const timer = setInterval(() => {
    if (beating) return;
    beating = true;
    heartbeatPartition(deps.handle, claim, live.progress)
      .then((beat) => { if (!beat.held) stop('lost'); else if (beat.stop) stop('cancelled'); })
      .catch(() => { /* a missed heartbeat is retried at the next tick; staleness is judged by the others */ })
      .finally(() => { beating = false; });
  }, deps.heartbeatSeconds * 1000);
  try {
    const outcome = await deps.handlerOf(claim.kind).runPartition({
      handle: deps.handle, jobId: claim.jobId, organizationId: claim.organizationId, params: claim.params, state: claim.state,
      partitionIndex: claim.partitionIndex, input: claim.input, signal: controller.signal,
      progress: (done, total) => { live.progress = { done, total }; },
    });
    controller.signal.throwIfAborted();
    const status = await completePartition(deps.handle, claim, outcome.commit, deps.handlerOf);
    deps.emit({ event: 'partition_done', ...base, durationMs: Math.round(performance.now() - started) });
    if (status !== 'running') deps.emit({ event: 'job_finished', ...base, status });
  } catch (error) {
    const why: StopReason | null = error instanceof LostClaimError ? 'lost' : reason;
    if (why === 'lost') {
      deps.emit({ event: 'partition_lost', ...base });
    } else if (why === 'shutdown') {
      await releasePartition(deps.handle, claim);
      deps.emit({ event: 'partition_requeued', ...base });
    } else if (why === 'cancelled') {
      const status = await cancelPartition(deps.handle, claim, deps.handlerOf).catch((e: unknown) => (e instanceof LostClaimError ? 'running' : Promise.reject(e)));
      deps.emit({ event: 'partition_cancelled', ...base });
      if (status === 'cancelled') deps.emit({ event: 'job_finished', ...base, status });
    } else {
      await failPartition(deps.handle, claim, error, deps.handlerOf).catch((e: unknown) => (e instanceof LostClaimError ? undefined : Promise.reject(e)));
      deps.emit({ event: 'partition_failed', ...base, error: error instanceof Error ? error.message : String(error) });
      deps.emit({ event: 'job_finished', ...base, status: 'failed' });
    }
  } finally {
    unregister?.();
    clearInterval(timer);
    deps.shutdown.removeEventListener('abort', onShutdown);
  }
}
