import type { JobDetail, JobKind, JobPartitionRecord } from '../job-types';

/** A partition this process is running right now (registered by runClaimedPartition from claim to end). */
export type LivePartition = {
  jobId: string;
  organizationId: string;
  kind: JobKind;
  partitionIndex: number;
  attempt: number;
  /** Steps or series done, as the handler last reported them (null until its first report). */
  progress: { done: number; total: number } | null;
  startedAtMs: number;
  /**
   * The job as read once right after the claim, before the partition's transaction: on a single-connection
   * database (PGlite) a read of the job waits for that transaction, so a poll is answered from this instead.
   * Null where no snapshot was taken (PostgreSQL: reads never wait there).
   */
  snapshot: JobDetail | null;
  /** True once a cancel reached this process's registry (the partition was asked to stop). */
  stopRequested: boolean;
  /** Aborts the partition's work the way a heartbeat that finds a cancel request does. */
  requestStop(): void;
};

/**
 * The partitions this process runs, in memory: one per queue, filled and emptied by runClaimedPartition.
 * It lets a job read and a cancel reach a running partition without the database — on PGlite the planning
 * cycle holds the one connection in its transaction for the whole cycle.
 */
export class LivePartitions {
  private readonly byJob = new Map<string, Map<number, LivePartition>>();

  /** Registers a running partition; the returned function removes it (call it when the partition ends, whatever the outcome). */
  add(entry: LivePartition): () => void {
    const partitions = this.byJob.get(entry.jobId) ?? new Map<number, LivePartition>();
    partitions.set(entry.partitionIndex, entry);
    this.byJob.set(entry.jobId, partitions);
    return () => {
      if (partitions.get(entry.partitionIndex) !== entry) return;
      partitions.delete(entry.partitionIndex);
      if (partitions.size === 0 && this.byJob.get(entry.jobId) === partitions) this.byJob.delete(entry.jobId);
    };
  }

  /** The job's partitions running here, oldest claim first (empty when none). Every one carries its organization: callers check it. */
  partitionsOf(jobId: string): LivePartition[] {
    return [...(this.byJob.get(jobId)?.values() ?? [])].sort((a, b) => a.startedAtMs - b.startedAtMs || a.partitionIndex - b.partitionIndex);
  }

  /**
   * Asks every partition of the job running here to stop (a cancel), only when the job belongs to the caller's
   * organization. Returns how many were asked.
   */
  requestStop(organizationId: string, jobId: string): number {
    const partitions = this.partitionsOf(jobId).filter((p) => p.organizationId === organizationId);
    for (const partition of partitions) {
      partition.stopRequested = true;
      partition.requestStop();
    }
    return partitions.length;
  }

  /**
   * The job as this process knows it while it runs one of its partitions: the snapshot taken at the claim with the
   * live progress of the partitions running here. `undefined`: not running here (or no snapshot), read the
   * database; `null`: the job runs here for another organization (the caller gets the same 404 as from the database).
   */
  detailOf(organizationId: string, jobId: string, logLimit = 200): JobDetail | null | undefined {
    const partitions = this.partitionsOf(jobId);
    if (partitions.length === 0) return undefined;
    if (partitions.some((p) => p.organizationId !== organizationId)) return null;
    // The newest snapshot has seen the most partitions finish (one slot on PGlite: every earlier one).
    const snapshot = [...partitions].reverse().find((p) => p.snapshot !== null)?.snapshot;
    if (!snapshot) return undefined;
    const liveByIndex = new Map(partitions.map((p) => [p.partitionIndex, p]));
    const partitionList: JobPartitionRecord[] = snapshot.partitionList.map((record) => {
      const live = liveByIndex.get(record.index);
      if (!live) return record;
      return { ...record, status: 'running', attempt: live.attempt, progress: live.progress ?? record.progress, finishedAt: null, error: null };
    });
    const counts = { total: 0, done: 0, running: 0, pending: 0, failed: 0, cancelled: 0 };
    const progress = { done: 0, total: 0 };
    for (const record of partitionList) {
      counts.total += 1;
      counts[record.status] += 1;
      progress.done += record.progress.done;
      progress.total += record.progress.total;
    }
    return {
      ...snapshot,
      status: 'running',
      cancelRequested: snapshot.cancelRequested || partitions.some((p) => p.stopRequested),
      progress, partitions: counts, partitionList,
      logs: logLimit <= 0 ? [] : snapshot.logs.slice(-logLimit),
    };
  }
}
