import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { z } from 'zod';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { ResultCache, installResultEtags, memoizeSharedSerialization, shareResult } from './result-cache';

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
