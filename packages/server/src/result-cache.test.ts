import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { z } from 'zod';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { DataFingerprints, ResultCache, installResultEtags, memoizeSharedSerialization, shareResult } from './result-cache';

describe('ResultCache', () => {
  it('shares one computation between concurrent callers, recomputes when the fingerprint changes or the entry expires', async () => {
    const cache = new ResultCache<number>(1000);
    let computed = 0;
    const compute = async (): Promise<number> => ++computed;
    const [a, b] = await Promise.all([cache.get('k', 'v1', compute, 0), cache.get('k', 'v1', compute, 10)]);
    expect([a, b, computed]).toEqual([1, 1, 1]);
    expect(await cache.get('k', 'v2', compute, 20)).toBe(2);
    expect(await cache.get('k', 'v2', compute, 500)).toBe(2);
    // Expired with the same fingerprint: the old result answers at once while one recomputation runs, then the new one.
    expect(await cache.get('k', 'v2', compute, 1500)).toBe(2);
    expect(await cache.get('k', 'v2', compute, 1501)).toBe(3);
    expect(computed).toBe(3);
    expect(await cache.get('other', 'v2', compute, 1500)).toBe(4);
  });

  it('past its time to live, answers the old result to every caller while one recomputation runs (stale-while-revalidate)', async () => {
    const cache = new ResultCache<string>(1000);
    expect(await cache.get('k', 'v', async () => 'first', 0)).toBe('first');
    let finish!: (value: string) => void;
    let started = 0;
    const slow = (): Promise<string> => { started++; return new Promise((resolve) => { finish = resolve; }); };
    expect(await Promise.all([cache.get('k', 'v', slow, 2000), cache.get('k', 'v', slow, 2001)])).toEqual(['first', 'first']);
    expect(started).toBe(1);
    finish('second');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get('k', 'v', slow, 2002)).toBe('second');
    // A changed fingerprint never gets the old result: it waits for the new one.
    expect(await cache.get('k', 'w', async () => 'third', 2003)).toBe('third');
    // A failed background recomputation keeps the old result and is tried again on the next call.
    const failing = new ResultCache<string>(1000);
    await failing.get('k', 'v', async () => 'kept', 0);
    expect(await failing.get('k', 'v', async () => { throw new Error('boom'); }, 2000)).toBe('kept');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await failing.get('k', 'v', async () => 'fresh', 2001)).toBe('kept');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await failing.get('k', 'v', async () => 'unused', 2002)).toBe('fresh');
  });

  it('forgets a failed computation', async () => {
    const cache = new ResultCache<number>(1000);
    await expect(cache.get('k', 'v', async () => { throw new Error('boom'); }, 0)).rejects.toThrow('boom');
    expect(await cache.get('k', 'v', async () => 7, 1)).toBe(7);
  });

  it('freezes what it shares, so no request can change another\'s answer', async () => {
    const cache = new ResultCache<{ values: number[] }>(1000);
    const value = await cache.get('k', 'v', async () => ({ values: [1, 2] }), 0);
    expect(Object.isFrozen(value) && Object.isFrozen(value.values)).toBe(true);
    expect(() => { value.values.push(3); }).toThrow();
  });
});

describe('shared results over HTTP: one serialisation, ETag and 304', () => {
  const build = async (cache: ResultCache<{ total: number; rows: { id: string }[] }>, fingerprint: { value: string }, serialised: { count: number }) => {
    const app = Fastify().withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(memoizeSharedSerialization((route: Parameters<typeof serializerCompiler>[0]) => {
      const inner = serializerCompiler(route);
      return (data: unknown) => { serialised.count++; return inner(data); };
    }));
    installResultEtags(app);
    const Response = z.object({ total: z.number(), rows: z.array(z.object({ id: z.string() })) });
    app.get('/dashboard', { schema: { response: { 200: Response } } }, async () => cache.get('k', fingerprint.value, async () => ({ total: 2, rows: [{ id: 'a' }, { id: 'b' }] })));
    app.get('/fresh', { schema: { response: { 200: Response } } }, async () => ({ total: 0, rows: [] }));
    await app.ready();
    return app;
  };

  it('serialises a cached result once, tags it, answers 304 to the same tag and 200 with a new tag once the data changed', async () => {
    const cache = new ResultCache<{ total: number; rows: { id: string }[] }>(60_000);
    const fingerprint = { value: 'v1' };
    const serialised = { count: 0 };
    const app = await build(cache, fingerprint, serialised);
    const first = await app.inject({ url: '/dashboard' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ total: 2, rows: [{ id: 'a' }, { id: 'b' }] });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"[0-9a-f]+-[0-9a-z]+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const second = await app.inject({ url: '/dashboard' });
    expect([second.body, second.headers.etag, serialised.count]).toEqual([first.body, etag, 1]);
    const revalidated = await app.inject({ url: '/dashboard', headers: { 'if-none-match': etag } });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
    // The records behind it changed: a new computation, a new tag, a full answer.
    fingerprint.value = 'v2';
    const changed = await app.inject({ url: '/dashboard', headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(serialised.count).toBe(2);
    // Results computed per request get no tag and are serialised each time.
    const fresh = await app.inject({ url: '/fresh' });
    expect(fresh.headers.etag).toBeUndefined();
    await app.inject({ url: '/fresh' });
    expect(serialised.count).toBe(4);
    await app.close();
  });

  it('shareResult leaves primitives alone and tags an object once', () => {
    expect(shareResult(3)).toBe(3);
    const value = { a: 1 };
    expect(shareResult(shareResult(value))).toBe(value);
    expect(Object.isFrozen(value)).toBe(true);
  });
});

describe('DataFingerprints', () => {
  const counted = (values: string[]) => {
    const asked = { count: 0 };
    return { asked, query: async (): Promise<string> => values[Math.min(asked.count++, values.length - 1)]! };
  };

  it('asks the database once per organization per time to live (concurrent callers share the query), then again', async () => {
    const fingerprints = new DataFingerprints(1_000);
    const { asked, query } = counted(['f1', 'f2']);
    expect(await Promise.all([fingerprints.get('org-a', query, 0), fingerprints.get('org-a', query, 10)])).toEqual(['f1', 'f1']);
    expect(await fingerprints.get('org-a', query, 999)).toBe('f1');
    expect(asked.count).toBe(1);
    // Staleness is bounded by the time to live: at 1 000 ms the change made elsewhere is read.
    expect(await fingerprints.get('org-a', query, 1_000)).toBe('f2');
    expect(asked.count).toBe(2);
    // Each organization has its own.
    const other = counted(['g1']);
    expect(await fingerprints.get('org-b', other.query, 1_000)).toBe('g1');
  });

  it('forgets an organization at once on invalidate (only that one), and asks every time with a time to live of 0', async () => {
    const fingerprints = new DataFingerprints(60_000);
    const a = counted(['a1', 'a2']);
    const b = counted(['b1', 'b2']);
    await fingerprints.get('org-a', a.query, 0);
    await fingerprints.get('org-b', b.query, 0);
    fingerprints.invalidate('org-a');
    expect(await fingerprints.get('org-a', a.query, 1)).toBe('a2');
    expect(await fingerprints.get('org-b', b.query, 1)).toBe('b1');
    const never = new DataFingerprints(0);
    const c = counted(['c1', 'c2']);
    expect([await never.get('org-a', c.query, 0), await never.get('org-a', c.query, 0)]).toEqual(['c1', 'c2']);
  });

  it('counts this process\'s writes per organization (writeGeneration), so an edit in place shows although the aggregates are equal', () => {
    const fingerprints = new DataFingerprints(60_000);
    expect(fingerprints.writeGeneration('org-a')).toBe(0);
    fingerprints.invalidate('org-a');
    fingerprints.invalidate('org-a');
    expect(fingerprints.writeGeneration('org-a')).toBe(2);
    expect(fingerprints.writeGeneration('org-b')).toBe(0);
  });

  it('an invalidation while the query runs is not undone by its late answer; a failed query is not kept', async () => {
    const fingerprints = new DataFingerprints(60_000);
    let answer!: (value: string) => void;
    const slow = fingerprints.get('org-a', () => new Promise<string>((resolve) => { answer = resolve; }), 0);
    fingerprints.invalidate('org-a');
    answer('before the write');
    expect(await slow).toBe('before the write');
    expect(await fingerprints.get('org-a', async () => 'after the write', 1)).toBe('after the write');
    const failing = new DataFingerprints(60_000);
    await expect(failing.get('org-a', async () => { throw new Error('db down'); }, 0)).rejects.toThrow('db down');
    expect(await failing.get('org-a', async () => 'back', 1)).toBe('back');
  });
});
