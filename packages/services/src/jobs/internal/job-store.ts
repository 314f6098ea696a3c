import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database, DatabaseHandle } from '@flowpilot/db';
import { ensureOrganization } from '../../organizations/ensure-organization';
import { JobError, JobFailure } from '../job-error';
import type {
  JobDetail, JobEnqueueInput, JobHandler, JobKind, JobListQuery, JobLogEntry, JobPage, JobPartitionRecord, JobRecord, JobStatus,
} from '../job-types';
import { JOB_KINDS } from '../job-types';
import { nestableHandle } from './nestable-handle';

type JobRow = {
  id: string; organization_id: string; kind: string; params: Record<string, unknown>; status: string; cancel_requested: boolean; created_by: string | null;
  state: Record<string, unknown>; result: Record<string, unknown> | null; error: string | null; retry_count: number;
  created_at: Date; started_at: Date | null; finished_at: Date | null;
};
type PartitionRow = {
  job_id: string; partition_index: number; status: string; attempt: number; worker_id: string | null; progress_done: number; progress_total: number;
  heartbeat_at: Date | null; finished_at: Date | null; error: string | null;
};
type CountRow = { job_id: string; status: string; n: string; done: string; total: string };

/** A partition held by a worker: `attempt` is the fencing token checked by every write. */
export type PartitionClaim = {
  jobId: string; partitionIndex: number; attempt: number; kind: JobKind; organizationId: string;
  params: Record<string, unknown>; state: Record<string, unknown>; input: Record<string, unknown>;
};

/** The claim was lost (re-queued after a missed heartbeat, or the job was reset): nothing may be written. */
export class LostClaimError extends Error {
  constructor(claim: PartitionClaim) {
    super(`partition ${claim.partitionIndex} of ${claim.jobId} (attempt ${claim.attempt}) is no longer held by this worker`);
    this.name = 'LostClaimError';
  }
}

export type HandlerLookup = (kind: JobKind) => JobHandler;

const iso = (value: Date | null): string | null => (value ? new Date(value).toISOString() : null);

export async function appendJobLog(db: Kysely<Database>, jobId: string, organizationId: string, level: JobLogEntry['level'], messageKey: string, params: Record<string, unknown> = {}): Promise<void> {
  await sql`insert into job_log (job_id, organization_id, level, message_key, params) values (${jobId}, ${organizationId}, ${level}, ${messageKey}, ${JSON.stringify(params)}::jsonb)`.execute(db);
}

function toRecord(row: JobRow, counts: CountRow[]): JobRecord {
  const partitions = { total: 0, done: 0, running: 0, pending: 0, failed: 0, cancelled: 0 };
  let done = 0;
  let total = 0;
  for (const count of counts) {
    const n = Number(count.n);
    partitions.total += n;
    partitions[count.status as keyof typeof partitions] += n;
    done += Number(count.done);
    total += Number(count.total);
  }
  return {
    id: row.id, organizationId: row.organization_id, kind: row.kind as JobKind, params: row.params, status: row.status as JobStatus,
    cancelRequested: row.cancel_requested, createdBy: row.created_by, state: row.state, result: row.result, error: row.error, retryCount: row.retry_count,
    progress: { done, total }, partitions,
    createdAt: iso(row.created_at) as string, startedAt: iso(row.started_at), finishedAt: iso(row.finished_at),
  };
}

async function countsOf(db: Kysely<Database>, jobIds: string[]): Promise<Map<string, CountRow[]>> {
  const map = new Map<string, CountRow[]>();
  if (jobIds.length === 0) return map;
  const rows = (await sql<CountRow>`select job_id, status, count(*)::text as n,
      sum(case when status = 'done' then progress_total else progress_done end)::text as done, sum(progress_total)::text as total
    from job_partition where job_id in (${sql.join(jobIds)}) group by job_id, status`.execute(db)).rows;
  for (const row of rows) map.set(row.job_id, [...(map.get(row.job_id) ?? []), row]);
  return map;
}

/**
 * For a kind that allows one active job per organization (JobHandler.onePerOrganization): takes a
 * transaction-scoped advisory lock on (kind, organization), then refuses when another job of that kind is queued
 * or running. The lock is held until the transaction ends, so a concurrent enqueue or retry waits, then sees this
 * one's job (READ COMMITTED: its next statement reads what committed meanwhile). PGlite runs one transaction at a
 * time; the lock is then free at once and the check alone decides.
 */
async function refuseSecondActiveJob(trx: Kysely<Database>, handler: JobHandler, organizationId: string, exceptJobId: string | null): Promise<void> {
  if (!handler.onePerOrganization) return;
  await sql`select pg_advisory_xact_lock(hashtext(${`flowpilot.job.${handler.kind}:${organizationId}`}))`.execute(trx);
  const active = (await sql<{ id: string; status: string }>`select id, status from job
    where organization_id = ${organizationId} and kind = ${handler.kind} and status in ('queued', 'running') and id <> ${exceptJobId ?? ''}
    order by created_at, id limit 1`.execute(trx)).rows[0];
  if (active) {
    throw new JobError('invalid_state', handler.onePerOrganization.refusalKey, { id: active.id, status: active.status },
      `a ${handler.kind} job is already ${active.status} for this organization (job ${active.id})`);
  }
}

/** Validates the kind, plans the partitions and stores job + partitions + first log line in one transaction. */
export async function insertJob(handle: DatabaseHandle, input: JobEnqueueInput, handlerOf: HandlerLookup): Promise<{ job: JobRecord; partitionIndexes: number[] }> {
  if (!(JOB_KINDS as readonly string[]).includes(input.kind)) {
    throw new JobError('unknown_kind', 'jobs.error.unknown_kind', { kind: input.kind, kinds: JOB_KINDS.join(', ') }, `unknown job kind "${input.kind}": use one of ${JOB_KINDS.join(', ')}`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.today)) throw new JobError('invalid_params', 'jobs.error.invalid_params', { field: 'today', detail: `expected YYYY-MM-DD, got ${input.today}` }, `today: expected YYYY-MM-DD, got ${input.today}`);
  const handler = handlerOf(input.kind);
  const id = `job_${input.kind}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const params = input.params ?? {};
  const jobId = await handle.db.transaction().execute(async (trx) => {
    await ensureOrganization(trx, input.organizationId);
    await refuseSecondActiveJob(trx, handler, input.organizationId, null);
    await sql`insert into job (id, organization_id, kind, params, status, created_by) values (${id}, ${input.organizationId}, ${input.kind}, ${JSON.stringify(params)}::jsonb, 'queued', ${input.createdBy ?? null})`.execute(trx);
    const plan = await handler.plan({ handle: nestableHandle(handle, trx), jobId: id, organizationId: input.organizationId, params, today: input.today });
    const partitions = plan.partitions.length > 0 ? plan.partitions : [{ input: {}, progressTotal: 0 }];
    await sql`update job set state = ${JSON.stringify({ today: input.today, ...plan.state })}::jsonb where id = ${id}`.execute(trx);
    for (let start = 0; start < partitions.length; start += 200) {
      const chunk = partitions.slice(start, start + 200);
      await sql`insert into job_partition (job_id, partition_index, organization_id, status, input, progress_total) values ${sql.join(chunk.map((p, k) => sql`(${id}, ${start + k}, ${input.organizationId}, 'pending', ${JSON.stringify(p.input)}::jsonb, ${p.progressTotal})`))}`.execute(trx);
    }
    await appendJobLog(trx, id, input.organizationId, 'info', 'jobs.log.enqueued', { kind: input.kind, partitions: partitions.length, createdBy: input.createdBy ?? null });
    return id;
  });
  const job = await getJobRecord(handle, input.organizationId, jobId);
  return { job: job as JobRecord, partitionIndexes: Array.from({ length: job?.partitions.total ?? 0 }, (_, k) => k) };
}

export async function getJobRecord(handle: DatabaseHandle, organizationId: string, jobId: string): Promise<JobRecord | null> {
  const row = (await sql<JobRow>`select * from job where organization_id = ${organizationId} and id = ${jobId}`.execute(handle.db)).rows[0];
  if (!row) return null;
  return toRecord(row, (await countsOf(handle.db, [row.id])).get(row.id) ?? []);
}

export async function requireJob(handle: DatabaseHandle, organizationId: string, jobId: string): Promise<JobRecord> {
  const job = await getJobRecord(handle, organizationId, jobId);
  if (!job) throw new JobError('job_not_found', 'jobs.error.not_found', { id: jobId }, `job ${jobId} not found`);
  return job;
}

export async function getJobDetail(handle: DatabaseHandle, organizationId: string, jobId: string, logLimit = 200): Promise<JobDetail | null> {
  const job = await getJobRecord(handle, organizationId, jobId);
  if (!job) return null;
  const partitions = (await sql<PartitionRow>`select job_id, partition_index, status, attempt, worker_id, progress_done, progress_total, heartbeat_at, finished_at, error
    from job_partition where job_id = ${jobId} order by partition_index`.execute(handle.db)).rows;
  const logs = (await sql<{ id: string; logged_at: Date; level: JobLogEntry['level']; message_key: string; params: Record<string, unknown> }>`
    select * from (select id, logged_at, level, message_key, params from job_log where job_id = ${jobId} order by id desc limit ${logLimit}) last order by id`.execute(handle.db)).rows;
  const partitionList: JobPartitionRecord[] = partitions.map((p) => ({
    index: p.partition_index, status: p.status as JobPartitionRecord['status'], attempt: p.attempt, workerId: p.worker_id,
    progress: { done: p.status === 'done' ? p.progress_total : p.progress_done, total: p.progress_total }, heartbeatAt: iso(p.heartbeat_at), finishedAt: iso(p.finished_at), error: p.error,
  }));
  return { ...job, partitionList, logs: logs.map((l) => ({ sequence: Number(l.id), loggedAt: iso(l.logged_at) as string, level: l.level, messageKey: l.message_key, params: l.params })) };
}

export async function listJobRecords(handle: DatabaseHandle, organizationId: string, query: JobListQuery): Promise<JobPage> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const where = sql`organization_id = ${organizationId} and (${query.status ?? null}::text is null or status = ${query.status ?? null}) and (${query.kind ?? null}::text is null or kind = ${query.kind ?? null})`;
  const total = Number((await sql<{ n: string }>`select count(*)::text as n from job where ${where}`.execute(handle.db)).rows[0]?.n ?? 0);
  const rows = (await sql<JobRow>`select * from job where ${where} order by created_at desc, id desc limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(handle.db)).rows;
  const counts = await countsOf(handle.db, rows.map((r) => r.id));
  return { items: rows.map((r) => toRecord(r, counts.get(r.id) ?? [])), page, pageSize, total };
}

type ClaimRow = { job_id: string; partition_index: number; attempt: number; input: Record<string, unknown> };

/**
 * Claims one pending partition of a queued or running job (the oldest job first; `jobId`/`partitionIndex`
 * pin the one a pg-boss message names). SKIP LOCKED lets many workers claim side by side.
 */
export async function claimPartition(handle: DatabaseHandle, options: { workerId: string; kinds: readonly JobKind[]; jobId?: string; partitionIndex?: number }): Promise<PartitionClaim | null> {
  const pinned = options.jobId !== undefined && options.partitionIndex !== undefined;
  const claimed = (await sql<ClaimRow>`update job_partition p set status = 'running', attempt = p.attempt + 1, worker_id = ${options.workerId},
      claimed_at = now(), heartbeat_at = now(), progress_done = 0, error = null
    where (p.job_id, p.partition_index) = (
      select q.job_id, q.partition_index from job_partition q join job j on j.id = q.job_id
      where q.status = 'pending' and j.status in ('queued', 'running') and not j.cancel_requested and j.kind in (${sql.join([...options.kinds])})
        and (${pinned} = false or (q.job_id = ${options.jobId ?? ''} and q.partition_index = ${options.partitionIndex ?? -1}))
      order by j.created_at, q.job_id, q.partition_index
      limit 1 for update of q skip locked for share of j)
    returning p.job_id, p.partition_index, p.attempt, p.input`.execute(handle.db)).rows[0];
  // FOR SHARE of the job row orders a claim against a cancel (which updates that row): a cancel either waits
  // for the claim and then sees its running partition, or commits first and the claim re-checks cancel_requested.
  if (!claimed) return null;
  const job = (await sql<JobRow>`update job set status = 'running', started_at = coalesce(started_at, now()), updated_at = now()
    where id = ${claimed.job_id} and status in ('queued', 'running') returning *`.execute(handle.db)).rows[0];
  if (!job) {
    await sql`update job_partition set status = 'pending', worker_id = null where job_id = ${claimed.job_id} and partition_index = ${claimed.partition_index} and attempt = ${claimed.attempt}`.execute(handle.db);
    return null;
  }
  await appendJobLog(handle.db, job.id, job.organization_id, 'info', 'jobs.log.partition_claimed', { partition: claimed.partition_index, attempt: claimed.attempt, workerId: options.workerId });
  return {
    jobId: claimed.job_id, partitionIndex: claimed.partition_index, attempt: claimed.attempt, kind: job.kind as JobKind, organizationId: job.organization_id,
    params: job.params, state: job.state, input: claimed.input,
  };
}

/** Refreshes the heartbeat and progress of a held partition; says whether it is still held and whether to stop. */
export async function heartbeatPartition(handle: DatabaseHandle, claim: PartitionClaim, progress: { done: number; total: number } | null): Promise<{ held: boolean; stop: boolean }> {
  const row = (await sql<{ cancel_requested: boolean; job_status: string }>`update job_partition p set heartbeat_at = now(),
      progress_done = coalesce(${progress?.done ?? null}::int, p.progress_done), progress_total = coalesce(${progress?.total ?? null}::int, p.progress_total)
    from job j where j.id = p.job_id and p.job_id = ${claim.jobId} and p.partition_index = ${claim.partitionIndex} and p.attempt = ${claim.attempt} and p.status = 'running'
    returning j.cancel_requested, j.status as job_status`.execute(handle.db)).rows[0];
  if (!row) return { held: false, stop: true };
  return { held: true, stop: row.cancel_requested || !['queued', 'running'].includes(row.job_status) };
}

/** Locks the partition row and checks the fencing token; throws LostClaimError when another attempt owns it now. */
async function lockClaim(trx: Kysely<Database>, claim: PartitionClaim): Promise<void> {
  const row = (await sql<{ status: string; attempt: number }>`select status, attempt from job_partition where job_id = ${claim.jobId} and partition_index = ${claim.partitionIndex} for update`.execute(trx)).rows[0];
  if (!row || row.status !== 'running' || row.attempt !== claim.attempt) throw new LostClaimError(claim);
}

type JobOutcome = 'succeeded' | 'cancelled' | 'running';

/**
 * Writes a partition's results and marks it done in one transaction (checked against the fencing token), then,
 * under the job's row lock, finalizes the job when it was the last partition, or settles a requested cancel.
 * The results are written before the partition's and the job's rows are locked: a long commit (the planning
 * cycle runs its whole cycle here) leaves heartbeats, progress and cancel requests free on PostgreSQL. The
 * fencing token and the job's state are checked afterwards under those locks; when they no longer hold, the
 * writes are rolled back (savepoint) and nothing of the partition is kept.
 */
export async function completePartition(handle: DatabaseHandle, claim: PartitionClaim, commit: (h: DatabaseHandle) => Promise<Record<string, unknown>>, handlerOf: HandlerLookup): Promise<JobOutcome> {
  return handle.db.transaction().execute(async (trx) => {
    const inner = nestableHandle(handle, trx);
    const ended = async (): Promise<boolean> => {
      const live = (await sql<{ status: string }>`select status from job where id = ${claim.jobId} for update`.execute(trx)).rows[0];
      return !live || !['queued', 'running'].includes(live.status);
    };
    const markCancelled = async (): Promise<JobOutcome> => {
      // The job ended (failed elsewhere, or cancelled) while this partition computed: its results are not written.
      await sql`update job_partition set status = 'cancelled', finished_at = now() where job_id = ${claim.jobId} and partition_index = ${claim.partitionIndex}`.execute(trx);
      return 'running';
    };
    // A cheap look first (no lock) spares running a commit whose job is already over.
    const before = (await sql<{ status: string }>`select status from job where id = ${claim.jobId}`.execute(trx)).rows[0];
    if (!before || !['queued', 'running'].includes(before.status)) {
      await lockClaim(trx, claim);
      return markCancelled();
    }
    await sql`savepoint partition_writes`.execute(trx);
    const result = await commit(inner);
    await lockClaim(trx, claim);
    if (await ended()) {
      await sql`rollback to savepoint partition_writes`.execute(trx);
      return markCancelled();
    }
    await sql`release savepoint partition_writes`.execute(trx);
    await sql`update job_partition set status = 'done', result = ${JSON.stringify(result)}::jsonb, finished_at = now(), heartbeat_at = now(), progress_done = progress_total
      where job_id = ${claim.jobId} and partition_index = ${claim.partitionIndex}`.execute(trx);
    await appendJobLog(trx, claim.jobId, claim.organizationId, 'info', 'jobs.log.partition_done', { partition: claim.partitionIndex, attempt: claim.attempt });
    return settleJob(inner, claim.jobId, handlerOf);
  });
}

/** Under the job's row lock: all partitions done → finalize (succeeded); cancel requested and nothing running → cancelled. */
async function settleJob(handle: DatabaseHandle, jobId: string, handlerOf: HandlerLookup): Promise<JobOutcome> {
  const job = (await sql<JobRow>`update job set updated_at = now() where id = ${jobId} returning *`.execute(handle.db)).rows[0];
  if (!job || !['queued', 'running'].includes(job.status)) return 'running';
  const counts = (await sql<{ status: string; n: string }>`select status, count(*)::text as n from job_partition where job_id = ${jobId} group by status`.execute(handle.db)).rows;
  const count = (status: string): number => Number(counts.find((c) => c.status === status)?.n ?? 0);
  const total = counts.reduce((sum, c) => sum + Number(c.n), 0);
  const handler = handlerOf(job.kind as JobKind);
  const base = { handle, jobId, organizationId: job.organization_id, params: job.params, state: job.state };
  if (count('done') === total) {
    const partitionResults = (await sql<{ result: Record<string, unknown> }>`select result from job_partition where job_id = ${jobId} order by partition_index`.execute(handle.db)).rows.map((r) => r.result);
    const result = await handler.finalize({ ...base, partitionResults });
    await sql`update job set status = 'succeeded', result = ${JSON.stringify(result)}::jsonb, error = null, finished_at = now() where id = ${jobId}`.execute(handle.db);
    await appendJobLog(handle.db, jobId, job.organization_id, 'info', 'jobs.log.succeeded', {});
    return 'succeeded';
  }
  if (job.cancel_requested && count('running') === 0) {
    await sql`update job_partition set status = 'cancelled' where job_id = ${jobId} and status = 'pending'`.execute(handle.db);
    await sql`update job set status = 'cancelled', finished_at = now() where id = ${jobId}`.execute(handle.db);
    await handler.onStop?.({ ...base, status: 'cancelled' });
    await appendJobLog(handle.db, jobId, job.organization_id, 'warn', 'jobs.log.cancelled', {});
    return 'cancelled';
  }
  return 'running';
}

/** A partition stopped because its job was cancelled: nothing of it is kept; the job settles when nothing runs. */
export async function cancelPartition(handle: DatabaseHandle, claim: PartitionClaim, handlerOf: HandlerLookup): Promise<JobOutcome> {
  return handle.db.transaction().execute(async (trx) => {
    await lockClaim(trx, claim);
    await sql`update job_partition set status = 'cancelled', finished_at = now() where job_id = ${claim.jobId} and partition_index = ${claim.partitionIndex}`.execute(trx);
    return settleJob(nestableHandle(handle, trx), claim.jobId, handlerOf);
  });
}

/** A partition failed with an error: the job fails (errors are not retried automatically; `retry` re-runs it). */
export async function failPartition(handle: DatabaseHandle, claim: PartitionClaim, error: unknown, handlerOf: HandlerLookup): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const details = error instanceof JobFailure ? error.details : null;
  await handle.db.transaction().execute(async (trx) => {
    await lockClaim(trx, claim);
    await sql`update job_partition set status = 'failed', error = ${message}, finished_at = now() where job_id = ${claim.jobId} and partition_index = ${claim.partitionIndex}`.execute(trx);
    await failJob(nestableHandle(handle, trx), claim.jobId, message, details, handlerOf, { partition: claim.partitionIndex, attempt: claim.attempt });
  });
}

async function failJob(handle: DatabaseHandle, jobId: string, message: string, details: Record<string, unknown> | null, handlerOf: HandlerLookup, logParams: Record<string, unknown>): Promise<void> {
  const job = (await sql<JobRow>`update job set status = 'failed', error = ${message}, result = ${details === null ? null : JSON.stringify(details)}::jsonb, finished_at = now()
    where id = ${jobId} and status in ('queued', 'running') returning *`.execute(handle.db)).rows[0];
  if (!job) return;
  await sql`update job_partition set status = 'cancelled' where job_id = ${jobId} and status = 'pending'`.execute(handle.db);
  await handlerOf(job.kind as JobKind).onStop?.({ handle, jobId, organizationId: job.organization_id, params: job.params, state: job.state, status: 'failed' });
  await appendJobLog(handle.db, jobId, job.organization_id, 'error', 'jobs.log.failed', { ...logParams, error: message });
}

/** Asks a job to stop: pending partitions are not started; running ones stop at their next check; settles at once when nothing runs. */
export async function requestCancel(handle: DatabaseHandle, organizationId: string, jobId: string, handlerOf: HandlerLookup): Promise<JobRecord> {
  const job = await requireJob(handle, organizationId, jobId);
  if (!['queued', 'running'].includes(job.status)) {
    throw new JobError('invalid_state', 'jobs.error.not_cancellable', { id: jobId, status: job.status }, `job ${jobId} is ${job.status}: only queued or running jobs can be cancelled`);
  }
  await handle.db.transaction().execute(async (trx) => {
    await sql`update job set cancel_requested = true, updated_at = now() where id = ${jobId}`.execute(trx);
    await appendJobLog(trx, jobId, organizationId, 'warn', 'jobs.log.cancel_requested', {});
    await settleJob(nestableHandle(handle, trx), jobId, handlerOf);
  });
  return requireJob(handle, organizationId, jobId);
}

/** Re-runs a failed or cancelled job: its failed and cancelled partitions go back to pending; partitions already done are kept. */
export async function retryJob(handle: DatabaseHandle, organizationId: string, jobId: string, handlerOf: HandlerLookup): Promise<{ job: JobRecord; partitionIndexes: number[] }> {
  const job = await requireJob(handle, organizationId, jobId);
  if (!['failed', 'cancelled'].includes(job.status)) {
    throw new JobError('invalid_state', 'jobs.error.not_retryable', { id: jobId, status: job.status }, `job ${jobId} is ${job.status}: only failed or cancelled jobs can be retried`);
  }
  const indexes = await handle.db.transaction().execute(async (trx) => {
    await refuseSecondActiveJob(trx, handlerOf(job.kind), organizationId, jobId);
    const row = (await sql<JobRow>`update job set status = 'queued', cancel_requested = false, error = null, result = null, finished_at = null, retry_count = retry_count + 1, updated_at = now()
      where id = ${jobId} and status in ('failed', 'cancelled') returning *`.execute(trx)).rows[0];
    if (!row) throw new JobError('invalid_state', 'jobs.error.not_retryable', { id: jobId, status: 'changed' }, `job ${jobId} changed state meanwhile: try again`);
    const reset = (await sql<{ partition_index: number }>`update job_partition set status = 'pending', worker_id = null, error = null, progress_done = 0
      where job_id = ${jobId} and status in ('failed', 'cancelled', 'pending') returning partition_index`.execute(trx)).rows.map((r) => r.partition_index).sort((a, b) => a - b);
    await handlerOf(row.kind as JobKind).onRetry?.({ handle: nestableHandle(handle, trx), jobId, organizationId, params: row.params, state: row.state });
    await appendJobLog(trx, jobId, organizationId, 'info', 'jobs.log.retried', { retry: row.retry_count, partitions: reset.length });
    return reset;
  });
  return { job: await requireJob(handle, organizationId, jobId), partitionIndexes: indexes };
}

/**
 * Re-queues partitions whose worker stopped heartbeating (killed, frozen, network cut); after `maxAttempts`
 * crashes the job fails instead. Partitions of `excludeWorkerId` (this process, alive) are left alone.
 */
export async function reapStalePartitions(handle: DatabaseHandle, options: { staleAfterSeconds: number; maxAttempts: number; excludeWorkerId: string }, handlerOf: HandlerLookup): Promise<{ jobId: string; partitionIndex: number; kind: JobKind }[]> {
  const stale = (await sql<{ job_id: string; partition_index: number; attempt: number; worker_id: string | null; organization_id: string; kind: JobKind }>`
    select job_id, partition_index, attempt, worker_id, organization_id, (select kind from job where job.id = job_id) as kind from job_partition
    where status = 'running' and heartbeat_at < now() - make_interval(secs => ${options.staleAfterSeconds}) and worker_id is distinct from ${options.excludeWorkerId}
    order by job_id, partition_index`.execute(handle.db)).rows;
  const requeued: { jobId: string; partitionIndex: number; kind: JobKind }[] = [];
  for (const row of stale) {
    await handle.db.transaction().execute(async (trx) => {
      const locked = (await sql<{ status: string; attempt: number }>`select status, attempt from job_partition where job_id = ${row.job_id} and partition_index = ${row.partition_index} for update skip locked`.execute(trx)).rows[0];
      if (!locked || locked.status !== 'running' || locked.attempt !== row.attempt) return;
      if (row.attempt >= options.maxAttempts) {
        const message = `partition ${row.partition_index} stopped heartbeating ${row.attempt} times (last worker ${row.worker_id ?? '-'})`;
        await sql`update job_partition set status = 'failed', error = ${message}, finished_at = now() where job_id = ${row.job_id} and partition_index = ${row.partition_index}`.execute(trx);
        await failJob(nestableHandle(handle, trx), row.job_id, message, null, handlerOf, { partition: row.partition_index, attempt: row.attempt });
        return;
      }
      await sql`update job_partition set status = 'pending', worker_id = null, progress_done = 0 where job_id = ${row.job_id} and partition_index = ${row.partition_index}`.execute(trx);
      await appendJobLog(trx, row.job_id, row.organization_id, 'warn', 'jobs.log.partition_requeued', { partition: row.partition_index, attempt: row.attempt, workerId: row.worker_id ?? '-' });
      requeued.push({ jobId: row.job_id, partitionIndex: row.partition_index, kind: row.kind });
    });
  }
  return requeued;
}

/** Pending partitions of live jobs (re-announced to pg-boss when a worker starts: a message lost in a crash is not a lost job). */
export async function listPendingPartitions(handle: DatabaseHandle, kinds: readonly JobKind[]): Promise<{ jobId: string; partitionIndex: number; kind: JobKind }[]> {
  return (await sql<{ job_id: string; partition_index: number; kind: JobKind }>`select p.job_id, p.partition_index, j.kind from job_partition p join job j on j.id = p.job_id
    where p.status = 'pending' and j.status in ('queued', 'running') and not j.cancel_requested and j.kind in (${sql.join([...kinds])})
    order by j.created_at, p.job_id, p.partition_index`.execute(handle.db)).rows.map((r) => ({ jobId: r.job_id, partitionIndex: r.partition_index, kind: r.kind }));
}

/** Gives a held partition back (worker stopping without finishing it): pending again, the attempt not counted as a crash. */
export async function releasePartition(handle: DatabaseHandle, claim: PartitionClaim): Promise<void> {
  await sql`update job_partition set status = 'pending', worker_id = null, progress_done = 0, attempt = attempt - 1
    where job_id = ${claim.jobId} and partition_index = ${claim.partitionIndex} and attempt = ${claim.attempt} and status = 'running'`.execute(handle.db);
  await appendJobLog(handle.db, claim.jobId, claim.organizationId, 'warn', 'jobs.log.partition_released', { partition: claim.partitionIndex, attempt: claim.attempt });
}
