import { z } from 'zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { EnqueueJobBody, ErrorBody, JobDetailResponse, JobListQuery, JobPage, JobSummary, roleCan, translate, type Area, type Language } from '@flowpilot/contract';
import { JobError, recordAuditEntry, type JobKind, type JobQueue, type JobRecord } from '@flowpilot/services';
import type { AppContext } from '../app';
import { HttpError, languageOf } from '../error-handler';
import { authOf, organizationOf } from '../auth/request-auth';
import { closeLazyJobQueue, jobQueueOf } from './job-queue-of';
import { actorOf } from './auth';

/** The area whose write permission a kind also needs (a buyer may not start a planning cycle through the job API). */
const AREA_OF_KIND: Record<JobKind, Area> = { forecast: 'forecast', planning_cycle: 'planning', routing: 'transport', simulation: 'inventory', import: 'data_exchange' };

const STATUS_OF_ERROR: Record<JobError['code'], number> = { job_not_found: 404, invalid_state: 409, invalid_params: 400, unknown_kind: 400, backend_unavailable: 503 };

export function toSummary(job: JobRecord): JobSummary {
  return {
    id: job.id, kind: job.kind, status: job.status, cancelRequested: job.cancelRequested, createdBy: job.createdBy, params: job.params, progress: job.progress,
    partitions: job.partitions, error: job.error, retryCount: job.retryCount, createdAt: job.createdAt, startedAt: job.startedAt, finishedAt: job.finishedAt,
  };
}

/** Runs a queue call and turns its refusals into the one error body, in the caller's language. */
export async function answer<T>(request: FastifyRequest, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof JobError) {
      const language = languageOf(request.headers['accept-language']);
      // A job status in the message ("already queued") is said in the caller's language; details keep the code.
      const status = error.params.status;
      const messageParams = typeof status === 'string' ? { ...error.params, status: translate(language, `jobs.status.${status}`) } : error.params;
      throw new HttpError(STATUS_OF_ERROR[error.code], error.code, translate(language, error.messageKey, messageParams), error.params);
    }
    throw error;
  }
}

/** What a job's audit entry keeps of it: its state, not its logs or result. */
const auditedStateOf = (job: JobRecord) => ({ kind: job.kind, status: job.status, cancelRequested: job.cancelRequested, retryCount: job.retryCount, error: job.error, progress: job.progress });

/** Records a job request (enqueue, cancel, retry) in the audit trail: who, which job, its state before and after. */
async function auditJob(context: AppContext, request: FastifyRequest, action: 'enqueue' | 'cancel' | 'retry', before: JobRecord | null, after: JobRecord): Promise<void> {
  await recordAuditEntry(context.handle.db, {
    organizationId: after.organizationId, actor: actorOf(request), action, entity: 'job', entityKey: after.id,
    before: before === null ? null : auditedStateOf(before), after: { ...auditedStateOf(after), ...(action === 'enqueue' ? { params: after.params } : {}) },
  });
}

/** Jobs: list, show (status, progress, partitions, logs, result summary), enqueue, cancel, retry. Every query is scoped to the caller's organization. */
export function registerJobRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  // Without a queue from the app options, one in-process queue per app (shared with POST /api/v1/planning-cycle).
  const queueOf = (): JobQueue => jobQueueOf(app, context);
  app.addHook('onClose', async () => { await closeLazyJobQueue(context); });
  const idParams = z.object({ id: z.string().min(1).max(100) });
  // Ended jobs whose read already cleared the read caches (insertion order; the oldest are forgotten past 10,000).
  const endedJobsSeen = new Set<string>();
  const rememberEndedJob = (id: string): void => {
    endedJobsSeen.add(id);
    if (endedJobsSeen.size > 10_000) endedJobsSeen.delete(endedJobsSeen.values().next().value!);
  };

  typed.get('/api/v1/jobs', {
    config: { permission: 'jobs:read' },
    schema: { tags: ['jobs'], summary: 'Jobs of the organization, newest first', querystring: JobListQuery, response: { 200: JobPage } },
  }, async (request) => {
    const { page, pageSize, status, kind } = request.query;
    const result = await answer(request, () => queueOf().list(organizationOf(request), { page, pageSize, ...(status ? { status } : {}), ...(kind ? { kind } : {}) }));
    return { ...result, items: result.items.map(toSummary) };
  });

  typed.get('/api/v1/jobs/:id', {
    config: { permission: 'jobs:read' },
    schema: { tags: ['jobs'], summary: 'A job: status, progress, partitions, log and result summary', params: idParams, response: { 200: JobDetailResponse, 404: ErrorBody } },
  }, async (request) => {
    const language: Language = languageOf(request.headers['accept-language']);
    const detail = await answer(request, () => queueOf().get(organizationOf(request), request.params.id));
    if (!detail) throw new HttpError(404, 'job_not_found', translate(language, 'jobs.error.not_found', { id: request.params.id }));
    // A client that sees its job end reads its results next: forget the organization's cached reads (a job writes
    // without a write request through this process, so installWriteInvalidation does not see it).
    // Only at the first read of each ended job in this process: later polls of the same job change nothing.
    if (['succeeded', 'failed', 'cancelled'].includes(detail.status) && !endedJobsSeen.has(detail.id)) {
      rememberEndedJob(detail.id);
      context.readCache.invalidate(organizationOf(request));
      context.dataFingerprints.invalidate(organizationOf(request));
    }
    return {
      ...toSummary(detail), result: detail.result, partitionList: detail.partitionList,
      logs: detail.logs.map((log) => ({ ...log, message: translate(language, log.messageKey, log.params) })),
    };
  });

  typed.post('/api/v1/jobs', {
    config: { permission: 'jobs:write' },
    schema: { tags: ['jobs'], summary: 'Enqueue a job (forecast, planning_cycle, routing, simulation, import)', body: EnqueueJobBody, response: { 201: JobSummary, 400: ErrorBody, 403: ErrorBody } },
  }, async (request, reply) => {
    const auth = authOf(request);
    const language = languageOf(request.headers['accept-language']);
    const { kind, params } = request.body;
    const permission = `${AREA_OF_KIND[kind]}:write` as const;
    if (!roleCan(auth.role, permission)) throw new HttpError(403, 'forbidden', translate(language, 'auth.problem.forbidden', { permission, role: auth.role }), { permission });
    if (kind === 'import' && params.path !== undefined) throw new HttpError(400, 'invalid_params', translate(language, 'jobs.error.path_not_allowed'));
    const job = await answer(request, () => queueOf().enqueue({ organizationId: auth.organizationId, kind, params, createdBy: auth.email, today: context.today() }));
    await auditJob(context, request, 'enqueue', null, job);
    return reply.status(201).send(toSummary(job));
  });

  typed.post('/api/v1/jobs/:id/cancel', {
    config: { permission: 'jobs:write' },
    schema: { tags: ['jobs'], summary: 'Cancel a queued or running job (it stops between partitions)', params: idParams, response: { 200: JobSummary, 404: ErrorBody, 409: ErrorBody } },
  }, async (request) => changeJob(request, 'cancel', request.params.id));

  typed.post('/api/v1/jobs/:id/retry', {
    config: { permission: 'jobs:write' },
    schema: { tags: ['jobs'], summary: 'Retry a failed or cancelled job (partitions already saved are kept)', params: idParams, response: { 200: JobSummary, 404: ErrorBody, 409: ErrorBody } },
  }, async (request) => changeJob(request, 'retry', request.params.id));

  /** Cancels or retries a job of the caller's organization and audits it with its state before and after. */
  async function changeJob(request: FastifyRequest, action: 'cancel' | 'retry', jobId: string): Promise<JobSummary> {
    const org = organizationOf(request);
    const before = await answer(request, () => queueOf().get(org, jobId, { logLimit: 0 }));
    const after = await answer(request, () => (action === 'cancel' ? queueOf().cancel(org, jobId) : queueOf().retry(org, jobId)));
    await auditJob(context, request, action, before, after);
    return toSummary(after);
  }
}
