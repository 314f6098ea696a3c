import { describe, expect, it } from 'vitest';
import { ResultCache } from './result-cache';

describe('ResultCache', () => {
  it('shares one computation between concurrent callers, recomputes when the fingerprint changes or the entry expires', async () => {
    const cache = new ResultCache<number>(1000);
    let computed = 0;
    const compute = async (): Promise<number> => ++computed;
    const [a, b] = await Promise.all([cache.get('k', 'v1', compute, 0), cache.get('k', 'v1', compute, 10)]);
    expect([a, b, computed]).toEqual([1, 1, 1]);
    expect(await cache.get('k', 'v2', compute, 20)).toBe(2);
    expect(await cache.get('k', 'v2', compute, 500)).toBe(2);
    expect(await cache.get('k', 'v2', compute, 1500)).toBe(3);
    expect(await cache.get('other', 'v2', compute, 1500)).toBe(4);
  });

  it('forgets a failed computation', async () => {
    const cache = new ResultCache<number>(1000);
    await expect(cache.get('k', 'v', async () => { throw new Error('boom'); }, 0)).rejects.toThrow('boom');
    expect(await cache.get('k', 'v', async () => 7, 1)).toBe(7);
  });
});
