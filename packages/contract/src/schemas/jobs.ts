import { z } from 'zod';
import { PageQuery, pageOf } from './common';

/** Kinds of background jobs (the same list as the services' job handlers). */
export const JobKindSchema = z.enum(['forecast', 'planning_cycle', 'routing', 'simulation', 'import']).describe('what the job runs');
export const JobStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export const JobPartitionStatusSchema = z.enum(['pending', 'running', 'done', 'failed', 'cancelled']);

const Progress = z.object({ done: z.number().int().describe('work units done (series for a forecast, steps or items otherwise)'), total: z.number().int() });

/** A job: what it runs, where it stands, its partitions counted by status. */
export const JobSummary = z.object({
  id: z.string(),
  kind: JobKindSchema,
  status: JobStatusSchema,
  cancelRequested: z.boolean(),
  createdBy: z.string().nullable(),
  params: z.record(z.string(), z.unknown()),
  progress: Progress,
  partitions: z.object({ total: z.number().int(), done: z.number().int(), running: z.number().int(), pending: z.number().int(), failed: z.number().int(), cancelled: z.number().int() }),
  error: z.string().nullable(),
  retryCount: z.number().int(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type JobSummary = z.infer<typeof JobSummary>;

export const JobPartition = z.object({
  index: z.number().int(),
  status: JobPartitionStatusSchema,
  attempt: z.number().int().describe('times a worker took it (the fencing token of its writes)'),
  workerId: z.string().nullable(),
  progress: Progress,
  heartbeatAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});

export const JobLogLine = z.object({
  sequence: z.number().int(),
  loggedAt: z.string(),
  level: z.enum(['info', 'warn', 'error']),
  messageKey: z.string(),
  params: z.record(z.string(), z.unknown()),
  message: z.string().describe("the line in the caller's language"),
});

/** A job with its partitions, its log and its result summary (e.g. the planning run a forecast wrote). */
export const JobDetailResponse = JobSummary.extend({
  result: z.record(z.string(), z.unknown()).nullable(),
  partitionList: z.array(JobPartition),
  logs: z.array(JobLogLine),
});
export type JobDetailResponse = z.infer<typeof JobDetailResponse>;

export const JobPage = pageOf(JobSummary);
export const JobListQuery = PageQuery.extend({ status: JobStatusSchema.optional(), kind: JobKindSchema.optional() });

/** POST /api/v1/jobs: a kind and its parameters (see docs/jobs.md for each kind's parameters). */
export const EnqueueJobBody = z.object({
  kind: JobKindSchema,
  params: z.record(z.string(), z.unknown()).default({}),
});
export type EnqueueJobBody = z.infer<typeof EnqueueJobBody>;
