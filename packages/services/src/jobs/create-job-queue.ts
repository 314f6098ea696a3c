import type { DatabaseHandle } from '@flowpilot/db';
import type { JobQueue, JobQueueOptions } from './job-types';
import { JobError } from './job-error';
import { jobHandlerOf } from './job-handlers';
import { InProcessJobQueue } from './in-process-job-queue';
import { PgBossJobQueue } from './pg-boss-job-queue';

/**
 * The job queue for a database: pg-boss on PostgreSQL when a URL is known (options.databaseUrl or
 * DATABASE_URL), the in-process runner otherwise (always on the embedded database). `backend` forces one.
 * Throws backend_unavailable for pg-boss on the embedded database or without a URL.
 */
export function createJobQueue(handle: DatabaseHandle, options: JobQueueOptions = {}): JobQueue {
  const databaseUrl = options.databaseUrl ?? (handle.kind === 'postgres' ? process.env.DATABASE_URL : undefined);
  const backend = options.backend ?? (handle.kind === 'postgres' && databaseUrl ? 'pg_boss' : 'in_process');
  if (backend === 'pg_boss') {
    if (handle.kind !== 'postgres' || !databaseUrl) {
      throw new JobError('backend_unavailable', 'jobs.error.pg_boss_needs_postgres', {}, 'pg-boss needs PostgreSQL: set DATABASE_URL=postgres://… (the embedded database runs jobs in process)');
    }
    return new PgBossJobQueue(handle, { ...options, databaseUrl }, jobHandlerOf);
  }
  return new InProcessJobQueue(handle, options, jobHandlerOf);
}
