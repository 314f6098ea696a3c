import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';

/**
 * Runs CPU-heavy tasks on worker threads (all cores by default) and returns results in task order.
 *
 * The worker module is a TypeScript file exporting `default async function (task) => result`;
 * it is loaded through tsx inside each thread. Tasks and results must be structured-cloneable.
 * Progress is reported after each finished task; an aborted signal stops handing out tasks,
 * terminates the threads and rejects with the signal's reason.
 */
export type WorkerPoolOptions<Task> = {
  workerModuleUrl: URL;
  tasks: readonly Task[];
  threadCount?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
};

const bootstrap = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { register } = await import('tsx/esm/api');
  register();
  const mod = await import(workerData.moduleUrl);
  const run = mod.default;
  parentPort.on('message', async (message) => {
    try {
      const result = await run(message.task);
      parentPort.postMessage({ index: message.index, ok: true, result });
    } catch (error) {
      parentPort.postMessage({ index: message.index, ok: false, error: { message: String(error && error.message || error), name: error && error.name, code: error && error.code, path: error && error.path } });
    }
  });
  parentPort.postMessage({ ready: true });
})().catch((error) => { parentPort.postMessage({ fatal: String(error && error.stack || error) }); });
`;

export class WorkerTaskError extends Error {
  readonly taskIndex: number;
  readonly code: string | undefined;
  readonly path: string | undefined;
  constructor(taskIndex: number, info: { message: string; name?: string; code?: string; path?: string }) {
    super(info.message);
    this.name = info.name ?? 'WorkerTaskError';
    this.taskIndex = taskIndex;
    this.code = info.code;
    this.path = info.path;
  }
}

export async function runInWorkerPool<Task, Result>(options: WorkerPoolOptions<Task>): Promise<Result[]> {
  const { tasks, signal } = options;
  const total = tasks.length;
  const results = new Array<Result>(total);
  if (total === 0) return results;
  signal?.throwIfAborted();
  const threadCount = Math.max(1, Math.min(options.threadCount ?? availableParallelism(), total));
  const workers: Worker[] = [];
  let nextIndex = 0;
  let done = 0;

  return new Promise<Result[]>((resolve, reject) => {
    let settled = false;
    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      for (const worker of workers) void worker.terminate();
      if (error === undefined) resolve(results);
      else reject(error);
    };
    const onAbort = (): void => finish(signal?.reason ?? new Error('aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });

    const feed = (worker: Worker): void => {
      if (settled) return;
      if (nextIndex >= total) return;
      const index = nextIndex++;
      worker.postMessage({ index, task: tasks[index] });
    };

    for (let t = 0; t < threadCount; t++) {
      const worker = new Worker(bootstrap, { eval: true, workerData: { moduleUrl: options.workerModuleUrl.href } });
      workers.push(worker);
      worker.on('message', (message: { ready?: boolean; fatal?: string; index?: number; ok?: boolean; result?: Result; error?: { message: string } }) => {
        if (message.fatal) return finish(new Error(`worker failed to start: ${message.fatal}`));
        if (message.ready) return feed(worker);
        const index = message.index ?? -1;
        if (!message.ok) return finish(new WorkerTaskError(index, message.error ?? { message: 'unknown error' }));
        results[index] = message.result as Result;
        done++;
        options.onProgress?.(done, total);
        if (done === total) return finish();
        feed(worker);
      });
      worker.on('error', (error) => finish(error));
    }
  });
}
