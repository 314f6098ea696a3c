import type { DatabaseHandle } from '@flowpilot/db';

/** The kinds of work a job runs; each has a handler in `job-handlers.ts`. */
export const JOB_KINDS = ['forecast', 'planning_cycle', 'routing', 'simulation', 'import'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type JobPartitionStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';
export type JobBackend = 'in_process' | 'pg_boss';

/** A job as stored: what to run, for whom, where it stands. */
export type JobRecord = {
  id: string;
  organizationId: string;
  kind: JobKind;
  params: Record<string, unknown>;
  status: JobStatus;
  cancelRequested: boolean;
  createdBy: string | null;
  /** Set when the job was planned (e.g. the planning run its results are written under). */
  state: Record<string, unknown>;
  result: Record<string, unknown> | null;
  error: string | null;
  retryCount: number;
  /** Work units done and planned (series for a forecast, steps or items otherwise). */
  progress: { done: number; total: number };
  partitions: { total: number; done: number; running: number; pending: number; failed: number; cancelled: number };
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export type JobPartitionRecord = {
  index: number;
  status: JobPartitionStatus;
  attempt: number;
  workerId: string | null;
  progress: { done: number; total: number };
  heartbeatAt: string | null;
  finishedAt: string | null;
  error: string | null;
};

/** One log line of a job: a message key of the jobs catalogue and its parameters (translated when shown). */
export type JobLogEntry = { sequence: number; loggedAt: string; level: 'info' | 'warn' | 'error'; messageKey: string; params: Record<string, unknown> };

export type JobDetail = JobRecord & { partitionList: JobPartitionRecord[]; logs: JobLogEntry[] };

export type JobEnqueueInput = {
  organizationId: string;
  kind: JobKind;
  params?: Record<string, unknown>;
  createdBy?: string | null;
  /** The caller's date (ISO), used by imports ("not in the future") and as the forecast's default as-of date. */
  today: string;
};

export type JobListQuery = { page?: number; pageSize?: number; status?: JobStatus; kind?: JobKind };
export type JobPage = { items: JobRecord[]; page: number; pageSize: number; total: number };

/** What a worker reports as it goes (structured log lines of `flowpilot worker`). */
export type JobWorkerEvent = {
  event: 'worker_started' | 'worker_stopped' | 'partition_claimed' | 'partition_done' | 'partition_failed' | 'partition_cancelled' | 'partition_lost' | 'partition_requeued' | 'job_finished';
  workerId: string;
  jobId?: string;
  kind?: string;
  partitionIndex?: number;
  attempt?: number;
  status?: string;
  durationMs?: number;
  error?: string;
};

export type JobWorkerOptions = {
  /** Partitions run at the same time by this process (default 1). */
  concurrency?: number;
  /** Only these kinds (default: all). */
  kinds?: readonly JobKind[];
  onEvent?: (event: JobWorkerEvent) => void;
};

/** A running worker: stop() lets running partitions finish (graceful) or abandons them to be re-queued. */
export type JobWorker = { workerId: string; stop(options?: { graceful?: boolean }): Promise<void> };

/**
 * The job queue, the same on both backends: job rows in the database are the truth; pg-boss (PostgreSQL) or
 * an in-process poller (embedded database) only tells workers what to pick up.
 */
export type JobQueue = {
  readonly backend: JobBackend;
  enqueue(input: JobEnqueueInput): Promise<JobRecord>;
  get(organizationId: string, jobId: string, options?: { logLimit?: number }): Promise<JobDetail | null>;
  list(organizationId: string, query?: JobListQuery): Promise<JobPage>;
  cancel(organizationId: string, jobId: string): Promise<JobRecord>;
  retry(organizationId: string, jobId: string): Promise<JobRecord>;
  /** Starts working in this process (the CLI's `flowpilot worker`, or the in-process runner). */
  startWorker(options?: JobWorkerOptions): Promise<JobWorker>;
  /** Waits until the job is finished (succeeded, failed or cancelled), polling its progress. */
  waitFor(organizationId: string, jobId: string, options?: { timeoutMs?: number; pollMs?: number; onProgress?: (job: JobRecord) => void }): Promise<JobRecord>;
  close(): Promise<void>;
};

export type JobQueueOptions = {
  /** Default: pg_boss on PostgreSQL when a database URL is known, else in_process. */
  backend?: JobBackend;
  /** PostgreSQL URL for pg-boss (default DATABASE_URL). */
  databaseUrl?: string;
  /** pg-boss's own schema (default: `pgboss`, or `<schema>_pgboss` when the handle uses another schema than public). */
  bossSchema?: string;
  /** In-process runner: start a worker on the first enqueue (default true). */
  autoStart?: boolean;
  /** Seconds between heartbeats of a running partition (default 5). */
  heartbeatSeconds?: number;
  /** A running partition whose heartbeat is older than this is re-queued (default 60). */
  staleAfterSeconds?: number;
  /** Attempts of a partition before the job fails (crashes only; errors fail at once). Default 3. */
  maxAttempts?: number;
  /** Seconds between polls of an idle worker (default 1). */
  pollSeconds?: number;
  /** Identifies this process in claims and logs (default host:pid:random). */
  workerId?: string;
};

/** What a partition's work writes, run inside the transaction that marks the partition done. */
export type JobPartitionOutcome = { commit(handle: DatabaseHandle): Promise<Record<string, unknown>> };

export type JobPlanContext = { handle: DatabaseHandle; jobId: string; organizationId: string; params: Record<string, unknown>; today: string };
export type JobPlan = { partitions: { input: Record<string, unknown>; progressTotal: number }[]; state?: Record<string, unknown> };

export type JobPartitionContext = {
  handle: DatabaseHandle;
  jobId: string;
  organizationId: string;
  params: Record<string, unknown>;
  state: Record<string, unknown>;
  partitionIndex: number;
  input: Record<string, unknown>;
  signal: AbortSignal;
  progress(done: number, total: number): void;
};

export type JobFinalizeContext = { handle: DatabaseHandle; jobId: string; organizationId: string; params: Record<string, unknown>; state: Record<string, unknown>; partitionResults: Record<string, unknown>[] };

/**
 * One kind of job: `plan` splits it into partitions when it is enqueued (in the enqueue transaction);
 * `runPartition` computes one partition and returns what to write; `finalize` runs in the transaction of the
 * last partition and returns the job's result; `onStop` tidies up a failed or cancelled job; `onRetry` reopens it.
 */
export type JobHandler = {
  kind: JobKind;
  /**
   * At most one queued or running job of this kind per organization: enqueue and retry check it inside their
   * transaction under an advisory lock (organization + kind), so two requests at the same instant cannot both
   * pass; the second is refused with `invalid_state` and this message key (params: id and status of the active job).
   */
  onePerOrganization?: { refusalKey: string };
  plan(context: JobPlanContext): Promise<JobPlan>;
  runPartition(context: JobPartitionContext): Promise<JobPartitionOutcome>;
  finalize(context: JobFinalizeContext): Promise<Record<string, unknown>>;
  onStop?(context: Omit<JobFinalizeContext, 'partitionResults'> & { status: 'failed' | 'cancelled' }): Promise<void>;
  onRetry?(context: Omit<JobFinalizeContext, 'partitionResults'>): Promise<void>;
};
