import { describe, expect, it } from 'vitest';
import { LivePartitions, type LivePartition } from './internal/live-partitions';
import type { JobDetail, JobPartitionRecord } from './job-types';

// The in-memory registry of the partitions this process runs: what a job read answers from it, and who may stop them.
const partitionRecord = (index: number, status: JobPartitionRecord['status'], done: number, total: number): JobPartitionRecord => ({
  index, status, attempt: status === 'pending' ? 0 : 1, workerId: status === 'pending' ? null : 'w1', progress: { done, total }, heartbeatAt: null, finishedAt: null, error: null,
});
const snapshot: JobDetail = {
  id: 'job_forecast_1', organizationId: 'org-a', kind: 'forecast', params: {}, status: 'running', cancelRequested: false, createdBy: null, state: {}, result: null,
  error: null, retryCount: 0, progress: { done: 100, total: 300 }, partitions: { total: 3, done: 1, running: 1, pending: 1, failed: 0, cancelled: 0 },
  createdAt: '2026-11-24T00:00:00.000Z', startedAt: '2026-11-24T00:00:01.000Z', finishedAt: null,
  partitionList: [partitionRecord(0, 'done', 100, 100), partitionRecord(1, 'running', 0, 100), partitionRecord(2, 'pending', 0, 100)],
  logs: [1, 2, 3].map((sequence) => ({ sequence, loggedAt: '2026-11-24T00:00:01.000Z', level: 'info' as const, messageKey: `jobs.log.line${sequence}`, params: {} })),
};
function livePartition(overrides: Partial<LivePartition> = {}): LivePartition & { stops: number } {
  const entry = {
    jobId: 'job_forecast_1', organizationId: 'org-a', kind: 'forecast' as const, partitionIndex: 1, attempt: 1, progress: null, startedAtMs: 1, snapshot, stopRequested: false,
    stops: 0,
    requestStop() { entry.stops += 1; },
    ...overrides,
  };
  return entry;
}

describe('LivePartitions', () => {
  it('answers a running job from its snapshot with the live progress of the partition, recounting the job', () => {
    const live = new LivePartitions();
    const entry = livePartition();
    live.add(entry);
    entry.progress = { done: 40, total: 100 };
    const detail = live.detailOf('org-a', 'job_forecast_1');
    expect(detail).toMatchObject({ status: 'running', cancelRequested: false, progress: { done: 140, total: 300 }, partitions: { total: 3, done: 1, running: 1, pending: 1 } });
    expect(detail?.partitionList[1]).toMatchObject({ index: 1, status: 'running', progress: { done: 40, total: 100 } });
    expect(live.detailOf('org-a', 'job_forecast_1', 2)?.logs.map((l) => l.sequence)).toEqual([2, 3]);
    expect(live.detailOf('org-a', 'job_forecast_1', 0)?.logs).toEqual([]);
  });

  it('answers null for another organization, and undefined (read the database) for a job not running here or without a snapshot', () => {
    const live = new LivePartitions();
    live.add(livePartition());
    expect(live.detailOf('org-b', 'job_forecast_1')).toBeNull();
    expect(live.detailOf('org-a', 'job_other')).toBeUndefined();
    const bare = new LivePartitions();
    bare.add(livePartition({ snapshot: null }));
    expect(bare.detailOf('org-a', 'job_forecast_1')).toBeUndefined();
  });

  it('stops the partitions of a job only for its own organization, and shows the cancel as requested', () => {
    const live = new LivePartitions();
    const entry = livePartition();
    live.add(entry);
    expect(live.requestStop('org-b', 'job_forecast_1')).toBe(0);
    expect(entry.stops).toBe(0);
    expect(live.requestStop('org-a', 'job_forecast_1')).toBe(1);
    expect(entry.stops).toBe(1);
    expect(live.detailOf('org-a', 'job_forecast_1')?.cancelRequested).toBe(true);
  });

  it('forgets a partition once it ends; a later claim of the same partition is not removed by the earlier one', () => {
    const live = new LivePartitions();
    const first = livePartition();
    const removeFirst = live.add(first);
    const second = livePartition({ attempt: 2, startedAtMs: 2 });
    const removeSecond = live.add(second);
    removeFirst();
    expect(live.partitionsOf('job_forecast_1')).toEqual([second]);
    removeSecond();
    expect(live.partitionsOf('job_forecast_1')).toEqual([]);
    expect(live.detailOf('org-a', 'job_forecast_1')).toBeUndefined();
  });
});
