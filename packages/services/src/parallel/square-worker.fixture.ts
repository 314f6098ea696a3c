// Test fixture for worker-pool.test.ts: a tiny CPU task run inside a worker thread.
export default async function run(task: { value: number }): Promise<number> {
  if (task.value < 0) throw Object.assign(new Error(`negative: ${task.value}`), { code: 'negative_value' });
  return task.value * task.value;
}
