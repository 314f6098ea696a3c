import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { DatabaseHandle } from '@flowpilot/db';
import type {
  JobBackend, JobDetail, JobEnqueueInput, JobKind, JobListQuery, JobPage, JobQueue, JobQueueOptions, JobRecord, JobWorker, JobWorkerEvent, JobWorkerOptions,
} from '../job-types';
import { JOB_KINDS } from '../job-types';
import { JobError } from '../job-error';
import {
  getJobDetail, insertJob, listJobRecords, reapStalePartitions, requestCancel, requireJob, retryJob, type HandlerLookup,
} from './job-store';
import { LivePartitions } from './live-partitions';

export type ResolvedQueueOptions = Required<Pick<JobQueueOptions, 'heartbeatSeconds' | 'staleAfterSeconds' | 'maxAttempts' | 'pollSeconds' | 'workerId' | 'autoStart'>>;

export function resolveQueueOptions(options: JobQueueOptions): ResolvedQueueOptions {
  return {
    heartbeatSeconds: options.heartbeatSeconds ?? 5,
    staleAfterSeconds: options.staleAfterSeconds ?? 60,
    maxAttempts: options.maxAttempts ?? 3,
    pollSeconds: options.pollSeconds ?? 1,
    workerId: options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    autoStart: options.autoStart ?? true,
  };
}

export function checkKinds(kinds: readonly JobKind[] | undefined): readonly JobKind[] {
  const chosen = kinds && kinds.length > 0 ? kinds : JOB_KINDS;
  for (const kind of chosen) {
    if (!(JOB_KINDS as readonly string[]).includes(kind)) throw new JobError('unknown_kind', 'jobs.error.unknown_kind', { kind, kinds: JOB_KINDS.join(', ') }, `unknown job kind "${kind}": use one of ${JOB_KINDS.join(', ')}`);
  }
  return chosen;
}

/** What both backends share: the job rows (enqueue, read, cancel, retry, wait) and the stale-partition reaper. */
export abstract class BaseJobQueue implements JobQueue {
  abstract readonly backend: JobBackend;
  protected readonly settings: ResolvedQueueOptions;
  protected readonly workers = new Set<JobWorker>();
  /** The partitions this queue's workers run in this process (see LivePartitions). */
  protected readonly live = new LivePartitions();

  constructor(protected readonly handle: DatabaseHandle, options: JobQueueOptions, protected readonly handlerOf: HandlerLookup) {
    this.settings = resolveQueueOptions(options);
  }

  /** Tells workers that these partitions are ready to be claimed. */
  protected abstract announce(partitions: { jobId: string; partitionIndex: number; kind: JobKind }[]): Promise<void>;
  abstract startWorker(options?: JobWorkerOptions): Promise<JobWorker>;

  async enqueue(input: JobEnqueueInput): Promise<JobRecord> {
    const { job, partitionIndexes } = await insertJob(this.handle, input, this.handlerOf);
    await this.announce(partitionIndexes.map((partitionIndex) => ({ jobId: job.id, partitionIndex, kind: job.kind })));
    return job;
  }

  /**
   * A job with its partitions and last log lines. On PGlite, a job one of this process's workers is running is
   * answered from memory (the snapshot taken at its claim plus the live progress): its partition's transaction
   * may hold the one connection for minutes, and a progress poll must not wait for it. PostgreSQL always reads
   * the database (nothing waits there, and the log and heartbeats stay exact).
   */
  get(organizationId: string, jobId: string, options: { logLimit?: number } = {}): Promise<JobDetail | null> {
    if (this.handle.kind === 'pglite') {
      const live = this.live.detailOf(organizationId, jobId, options.logLimit);
      if (live !== undefined) return Promise.resolve(live);
    }
    return getJobDetail(this.handle, organizationId, jobId, options.logLimit);
  }

  list(organizationId: string, query: JobListQuery = {}): Promise<JobPage> {
    return listJobRecords(this.handle, organizationId, query);
  }

  /**
   * Cancels a job. A partition of it running in this process is stopped first, in memory (the same abort as a
   * heartbeat finding the cancel request: the work stops at its next check and its transaction rolls back), so
   * on PGlite the cancel no longer waits for the planning cycle to commit; the request is then recorded as
   * always, once the rollback has freed the database, and whichever of the two writes comes second settles
   * the job `cancelled`.
   */
  cancel(organizationId: string, jobId: string): Promise<JobRecord> {
    this.live.requestStop(organizationId, jobId);
    return requestCancel(this.handle, organizationId, jobId, this.handlerOf);
  }

  async retry(organizationId: string, jobId: string): Promise<JobRecord> {
    const { job, partitionIndexes } = await retryJob(this.handle, organizationId, jobId, this.handlerOf);
    await this.announce(partitionIndexes.map((partitionIndex) => ({ jobId: job.id, partitionIndex, kind: job.kind })));
    return job;
  }

  async waitFor(organizationId: string, jobId: string, options: { timeoutMs?: number; pollMs?: number; onProgress?: (job: JobRecord) => void } = {}): Promise<JobRecord> {
    const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs;
    for (;;) {
      const job = await requireJob(this.handle, organizationId, jobId);
      options.onProgress?.(job);
      if (['succeeded', 'failed', 'cancelled'].includes(job.status)) return job;
      if (Date.now() > deadline) return job;
      await new Promise((resolveWait) => setTimeout(resolveWait, options.pollMs ?? 250));
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.workers].map((worker) => worker.stop({ graceful: false })));
    this.workers.clear();
  }

  /** Re-queues partitions of dead workers; returns them so the backend can announce them again. */
  protected async reap(emit: (event: JobWorkerEvent) => void, workerId: string): Promise<{ jobId: string; partitionIndex: number; kind: JobKind }[]> {
    const requeued = await reapStalePartitions(this.handle, { staleAfterSeconds: this.settings.staleAfterSeconds, maxAttempts: this.settings.maxAttempts, excludeWorkerId: workerId }, this.handlerOf);
    for (const partition of requeued) emit({ event: 'partition_requeued', workerId, jobId: partition.jobId, partitionIndex: partition.partitionIndex });
    return requeued;
  }
}
