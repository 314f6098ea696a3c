import type { FastifyInstance } from 'fastify';
import { createJobQueue, type JobQueue } from '@flowpilot/services';
import type { AppContext } from '../app';

const lazyQueues = new WeakMap<AppContext, JobQueue>();

/**
 * The app's job queue: the one given in the app options (pg-boss on PostgreSQL, `flowpilot serve`), else one
 * in-process queue per app, made on first use by any route (the jobs API, POST /api/v1/planning-cycle) and closed
 * with the app; its worker starts with it, so jobs queued or interrupted before a restart resume once it is used.
 */
export function jobQueueOf(app: FastifyInstance, context: AppContext): JobQueue {
  if (context.jobs) return context.jobs;
  let queue = lazyQueues.get(context);
  if (!queue) {
    queue = createJobQueue(context.handle, { backend: 'in_process', autoStart: false });
    lazyQueues.set(context, queue);
    void queue.startWorker().catch((error: unknown) => app.log.error({ err: error }, 'job worker did not start'));
  }
  return queue;
}

/** Closes the in-process queue made by jobQueueOf (a queue given in the app options belongs to its owner). */
export async function closeLazyJobQueue(context: AppContext): Promise<void> {
  const queue = lazyQueues.get(context);
  lazyQueues.delete(context);
  await queue?.close();
}
