import { describe, expect, it } from 'vitest';
import { runLoadPlanningBatch } from './run-load-planning-batch';

describe('runLoadPlanningBatch', () => {
  it('plans loads on worker threads, checks them and returns results in task order', async () => {
    const cube = (id: string, quantity: number) => ({ id, lengthCm: 50, widthCm: 50, heightCm: 50, quantity });
    const results = await runLoadPlanningBatch(
      [
        { name: 'eight', input: { container: { lengthCm: 100, widthCm: 100, heightCm: 100 }, boxTypes: [cube('c', 8)] }, support: 'full', seed: 1, maxCompletions: 10 },
        { name: 'two', input: { container: { lengthCm: 100, widthCm: 50, heightCm: 50 }, boxTypes: [cube('c', 5)] }, support: 'none', seed: 1, maxCompletions: 10, keepPlacements: true },
      ],
      { threadCount: 2 },
    );
    expect(results.map((r) => r.name)).toEqual(['eight', 'two']);
    expect(results[0]!.volumeUtilisation).toBe(1);
    expect(results[0]!.issueCount).toBe(0);
    expect(results[1]!.packedCount).toBe(2);
    expect(results[1]!.placements).toHaveLength(2);
  }, 60_000);
});
