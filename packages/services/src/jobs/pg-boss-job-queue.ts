import PgBoss from 'pg-boss';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import type { JobKind, JobQueueOptions, JobWorker, JobWorkerEvent, JobWorkerOptions } from './job-types';
import { JOB_KINDS } from './job-types';
import { BaseJobQueue, checkKinds } from './internal/base-job-queue';
import { claimPartition, listPendingPartitions, releasePartition, type HandlerLookup } from './internal/job-store';
import { runClaimedPartition } from './internal/run-claimed-partition';

type PartitionMessage = { jobId: string; partitionIndex: number };

/** pg-boss queue of one job kind: `flowpilot-jobs-forecast`… (workers subscribe to the kinds they run). */
export function pgBossQueueName(kind: JobKind): string {
  return `flowpilot-jobs-${kind.replace(/_/g, '-')}`;
}

/** pg-boss's schema for the handle's schema: `pgboss` beside public, `<schema>_pgboss` beside any other. */
export async function pgBossSchemaFor(handle: DatabaseHandle): Promise<string> {
  const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(handle.db)).rows[0]?.schema ?? 'public';
  return schema === 'public' ? 'pgboss' : `${schema}_pgboss`;
}

/**
 * The job queue on PostgreSQL with pg-boss 10: each ready partition is a pg-boss message on its kind's queue;
 * any `flowpilot worker` on any machine pointed at the same database takes it, claims the partition in
 * job_partition (fencing token, heartbeat) and commits its results in one transaction. pg-boss delivers;
 * the job tables decide (a duplicate or stale message finds nothing to claim and is acknowledged).
 */
export class PgBossJobQueue extends BaseJobQueue {
  readonly backend = 'pg_boss' as const;
  private boss: PgBoss | null = null;
  private starting: Promise<PgBoss> | null = null;

  constructor(handle: DatabaseHandle, options: JobQueueOptions & { databaseUrl: string }, handlerOf: HandlerLookup) {
    super(handle, options, handlerOf);
    this.databaseUrl = options.databaseUrl;
    this.bossSchema = options.bossSchema;
  }

  private readonly databaseUrl: string;
  private bossSchema: string | undefined;

  /** Starts pg-boss (creating its schema on first use) and one queue per job kind. */
  private bossInstance(): Promise<PgBoss> {
    this.starting ??= (async () => {
      const schema = this.bossSchema ?? (await pgBossSchemaFor(this.handle));
      this.bossSchema = schema;
      // Several processes may install pg-boss's schema and queues at the same moment (a server and its first
      // workers): a deadlock or a duplicate there is harmless, so try again after a short pause.
      for (let attempt = 1; ; attempt++) {
        const boss = new PgBoss({ connectionString: this.databaseUrl, schema, max: 4, supervise: true, schedule: false, migrate: true });
        boss.on('error', () => { /* pg-boss retries its own polling; job state lives in the job tables */ });
        try {
          await boss.start();
          for (const kind of JOB_KINDS) {
            if (!(await boss.getQueue(pgBossQueueName(kind)))) await boss.createQueue(pgBossQueueName(kind), { name: pgBossQueueName(kind), retryLimit: 0, expireInSeconds: 23 * 3600 });
          }
          this.boss = boss;
          return boss;
        } catch (error) {
          await boss.stop({ graceful: false, wait: true, timeout: 1000 }).catch(() => {});
          const code = (error as { code?: unknown }).code;
          if (attempt >= 6 || !(code === '40P01' || code === '23505' || code === '42P07' || code === '42710')) throw error;
          await new Promise((resolveWait) => setTimeout(resolveWait, 100 * attempt + Math.floor(Math.random() * 100)));
        }
      }
    })();
    return this.starting;
  }

  protected async announce(partitions: { jobId: string; partitionIndex: number; kind: JobKind }[]): Promise<void> {
    if (partitions.length === 0) return;
    const boss = await this.bossInstance();
    const byKind = new Map<JobKind, PartitionMessage[]>();
    for (const p of partitions) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), { jobId: p.jobId, partitionIndex: p.partitionIndex }]);
    for (const [kind, messages] of byKind) {
      await boss.insert(messages.map((data) => ({ name: pgBossQueueName(kind), data, retryLimit: 0, expireInSeconds: 23 * 3600 })));
    }
  }

  async startWorker(options: JobWorkerOptions = {}): Promise<JobWorker> {
    const kinds = checkKinds(options.kinds);
    const concurrency = Math.max(1, options.concurrency ?? 1);
    const workerId = this.settings.workerId;
    const emit = (event: JobWorkerEvent): void => options.onEvent?.(event);
    const boss = await this.bossInstance();
    const shutdown = new AbortController();
    const deps = { handle: this.handle, handlerOf: this.handlerOf, workerId, heartbeatSeconds: this.settings.heartbeatSeconds, emit, shutdown: shutdown.signal, live: this.live };
    const running = new Set<Promise<void>>();
    let stopping = false;
    const handle = async (messages: PgBoss.Job<PartitionMessage>[]): Promise<void> => {
      for (const message of messages) {
        if (stopping) return;
        const claim = await claimPartition(this.handle, { workerId, kinds, jobId: message.data.jobId, partitionIndex: message.data.partitionIndex });
        if (!claim) continue;
        // A database error while saving: give the partition back and announce it again (this process's own partitions are never reaped).
        const run = runClaimedPartition(deps, claim).catch(async () => {
          await releasePartition(this.handle, claim).catch(() => {});
          await this.announce([{ jobId: claim.jobId, partitionIndex: claim.partitionIndex, kind: claim.kind }]).catch(() => {});
        });
        running.add(run);
        try {
          await run;
        } finally {
          running.delete(run);
        }
      }
      // pg-boss waits a polling interval after every fetch, even a fruitful one: a worker that just finished a
      // partition asks for the next one at once instead (one partition per second otherwise).
      if (!stopping) for (const work of workIds) boss.notifyWorker(work.id);
    };
    const workIds: { queue: string; id: string }[] = [];
    for (const kind of kinds) {
      for (let k = 0; k < concurrency; k++) {
        workIds.push({ queue: pgBossQueueName(kind), id: await boss.work<PartitionMessage>(pgBossQueueName(kind), { batchSize: 1, pollingIntervalSeconds: Math.max(0.5, this.settings.pollSeconds) }, handle) });
      }
    }
    // Resume after a restart: partitions of dead workers go back to pending, and every pending partition is announced again.
    const sweep = async (): Promise<void> => {
      await this.reap(emit, workerId);
      await this.announce(await listPendingPartitions(this.handle, kinds));
    };
    await sweep();
    const reaper = setInterval(() => { if (!stopping) void this.reap(emit, workerId).then((requeued) => this.announce(requeued)).catch(() => {}); }, (this.settings.staleAfterSeconds * 1000) / 2);
    emit({ event: 'worker_started', workerId });
    const worker: JobWorker = {
      workerId,
      stop: async ({ graceful = true } = {}) => {
        stopping = true;
        clearInterval(reaper);
        for (const work of workIds) await boss.offWork({ id: work.id }).catch(() => {});
        if (!graceful) shutdown.abort();
        await Promise.allSettled([...running]);
        this.workers.delete(worker);
        emit({ event: 'worker_stopped', workerId });
      },
    };
    this.workers.add(worker);
    return worker;
  }

  override async close(): Promise<void> {
    await super.close();
    if (this.starting) {
      const boss = await this.starting.catch(() => null);
      await boss?.stop({ graceful: false, wait: true, timeout: 5000 }).catch(() => {});
    }
    this.boss = null;
    this.starting = null;
  }

  /** Drops pg-boss's schema (tests, `flowpilot db reset`): job rows are kept, only the delivery queue goes. */
  async dropBossSchema(): Promise<void> {
    await this.close();
    const schema = this.bossSchema ?? (await pgBossSchemaFor(this.handle));
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(this.handle.db);
  }
}
