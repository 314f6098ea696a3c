import type { DatabaseHandle } from '@flowpilot/db';
import type { JobKind, JobQueueOptions, JobWorker, JobWorkerEvent, JobWorkerOptions } from './job-types';
import { BaseJobQueue, checkKinds } from './internal/base-job-queue';
import { claimPartition, releasePartition, type HandlerLookup } from './internal/job-store';
import { runClaimedPartition } from './internal/run-claimed-partition';

/**
 * The job queue without a broker: workers poll the job_partition table (SKIP LOCKED claims), in this process.
 * The embedded database's backend (PGlite has one connection, so one process); it also works on PostgreSQL.
 * Enqueueing starts a worker here unless `autoStart` is false.
 */
export class InProcessJobQueue extends BaseJobQueue {
  readonly backend = 'in_process' as const;
  private autoWorker: Promise<JobWorker> | null = null;
  private readonly wakers = new Set<() => void>();

  constructor(handle: DatabaseHandle, options: JobQueueOptions, handlerOf: HandlerLookup) {
    super(handle, options, handlerOf);
  }

  protected async announce(partitions: { jobId: string; partitionIndex: number; kind: JobKind }[]): Promise<void> {
    if (partitions.length === 0) return;
    if (this.settings.autoStart && this.autoWorker === null) this.autoWorker = this.startWorker({ concurrency: 1 });
    for (const wake of this.wakers) wake();
  }

  async startWorker(options: JobWorkerOptions = {}): Promise<JobWorker> {
    const kinds = checkKinds(options.kinds);
    const concurrency = Math.max(1, options.concurrency ?? 1);
    const workerId = this.settings.workerId;
    const emit = (event: JobWorkerEvent): void => options.onEvent?.(event);
    const shutdown = new AbortController();
    let stopping = false;
    const sleepers = new Set<() => void>();
    const wake = (): void => { for (const resolveSleep of [...sleepers]) resolveSleep(); };
    this.wakers.add(wake);
    const sleep = (ms: number): Promise<void> => new Promise((resolveSleep) => {
      const done = (): void => { sleepers.delete(done); clearTimeout(timer); resolveSleep(); };
      sleepers.add(done);
      const timer = setTimeout(done, ms);
    });
    const deps = { handle: this.handle, handlerOf: this.handlerOf, workerId, heartbeatSeconds: this.settings.heartbeatSeconds, emit, shutdown: shutdown.signal, live: this.live };
    let lastReap = 0;
    const slot = async (): Promise<void> => {
      while (!stopping) {
        if (Date.now() - lastReap > (this.settings.staleAfterSeconds * 1000) / 2) {
          lastReap = Date.now();
          await this.reap(emit, workerId).catch(() => []);
        }
        const claim = await claimPartition(this.handle, { workerId, kinds }).catch(() => null);
        if (stopping && claim) {
          await runClaimedPartition({ ...deps, shutdown: AbortSignal.abort() }, claim).catch(() => {});
          break;
        }
        if (!claim) {
          await sleep(this.settings.pollSeconds * 1000);
          continue;
        }
        // A database error while saving: give the partition back (this process's own partitions are never reaped).
        await runClaimedPartition(deps, claim).catch(() => releasePartition(this.handle, claim).catch(() => {}));
      }
    };
    emit({ event: 'worker_started', workerId });
    const slots = Array.from({ length: concurrency }, () => slot());
    const worker: JobWorker = {
      workerId,
      stop: async ({ graceful = true } = {}) => {
        stopping = true;
        if (!graceful) shutdown.abort();
        wake();
        await Promise.allSettled(slots);
        this.wakers.delete(wake);
        this.workers.delete(worker);
        emit({ event: 'worker_stopped', workerId });
      },
    };
    this.workers.add(worker);
    return worker;
  }

  override async close(): Promise<void> {
    this.autoWorker = null;
    await super.close();
  }
}
