import { describe, expect, it } from 'vitest';
import { runInWorkerPool, WorkerTaskError } from './worker-pool';

const workerModuleUrl = new URL('./square-worker.fixture.ts', import.meta.url);

describe('runInWorkerPool', () => {
  it('returns results in task order and reports progress', async () => {
    const progress: number[] = [];
    const results = await runInWorkerPool<{ value: number }, number>({
      workerModuleUrl,
      tasks: Array.from({ length: 20 }, (_, i) => ({ value: i })),
      threadCount: 2,
      onProgress: (done) => progress.push(done),
    });
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i * i));
    expect(progress.at(-1)).toBe(20);
  });

  it('rejects with the task error and its index', async () => {
    await expect(
      runInWorkerPool({ workerModuleUrl, tasks: [{ value: 1 }, { value: -2 }], threadCount: 1 }),
    ).rejects.toBeInstanceOf(WorkerTaskError);
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled by user'));
    await expect(runInWorkerPool({ workerModuleUrl, tasks: [{ value: 1 }], signal: controller.signal })).rejects.toThrow('cancelled by user');
  });
});
