import { describe, expect, it } from 'vitest';
import { PrincipalCache, invalidateCachedPrincipals } from './principal-cache';
import type { Principal } from './sessions';

const principalOf = (userId: string): Principal => ({
  userId, email: `${userId}@org.test`, displayName: userId, language: null, organizationId: 'org-a', organizationName: 'A', role: 'viewer',
  via: 'session', sessionId: `s_${userId}`, csrfToken: 'csrf',
});

describe('PrincipalCache', () => {
  it('asks the resolver once within the time to live, again after it; never caches an unknown secret', async () => {
    const cache = new PrincipalCache({ ttlMs: 1000 });
    let calls = 0;
    const resolver = async () => { calls++; return principalOf('u1'); };
    expect((await cache.resolve('session', 'secret-1', resolver, 0))?.userId).toBe('u1');
    expect((await cache.resolve('session', 'secret-1', resolver, 999))?.userId).toBe('u1');
    expect(calls).toBe(1);
    await cache.resolve('session', 'secret-1', resolver, 1000);
    expect(calls).toBe(2);
    // The same secret as a token is another key.
    await cache.resolve('token', 'secret-1', resolver, 1000);
    expect(calls).toBe(3);
    let misses = 0;
    expect(await cache.resolve('session', 'unknown', async () => { misses++; return null; }, 0)).toBeNull();
    expect(await cache.resolve('session', 'unknown', async () => { misses++; return null; }, 1)).toBeNull();
    expect(misses).toBe(2);
    cache.close();
  });

  it('forgets a user\'s principals at once when the services say so, in every live cache, and only that user\'s', async () => {
    const first = new PrincipalCache({ ttlMs: 60_000 });
    const second = new PrincipalCache({ ttlMs: 60_000 });
    for (const cache of [first, second]) {
      await cache.resolve('session', 'a', async () => principalOf('u1'), 0);
      await cache.resolve('session', 'b', async () => principalOf('u2'), 0);
    }
    invalidateCachedPrincipals({ userId: 'u1' });
    expect([first.size, second.size]).toEqual([1, 1]);
    let calls = 0;
    await first.resolve('session', 'a', async () => { calls++; return null; }, 1);
    expect(calls).toBe(1);
    invalidateCachedPrincipals({ all: true });
    expect([first.size, second.size]).toEqual([0, 0]);
    // A closed cache no longer listens, and keeps nothing.
    second.close();
    await second.resolve('session', 'b', async () => principalOf('u2'), 2);
    first.close();
  });

  it('does not store a lookup that raced with a revocation', async () => {
    const cache = new PrincipalCache({ ttlMs: 60_000 });
    let release: () => void = () => {};
    const slow = cache.resolve('session', 'a', () => new Promise<Principal>((resolve) => { release = () => resolve(principalOf('u1')); }), 0);
    // The session is revoked while its (pre-revocation) row is on its way back from the database.
    invalidateCachedPrincipals({ userId: 'u1' });
    release();
    expect((await slow)?.userId).toBe('u1');
    expect(cache.size).toBe(0);
    cache.close();
  });

  it('with a time to live of 0 asks the resolver every time', async () => {
    const cache = new PrincipalCache({ ttlMs: 0 });
    let calls = 0;
    for (let i = 0; i < 3; i++) await cache.resolve('session', 'a', async () => { calls++; return principalOf('u1'); }, i);
    expect([calls, cache.size]).toEqual([3, 0]);
  });

  it('while the database is busy, serves an expired entry (within maxStaleMs) and refreshes it when the lookup returns; one lookup per secret', async () => {
    const cache = new PrincipalCache({ ttlMs: 1000, staleWhileBusy: { waitMs: 20, maxStaleMs: 60_000 } });
    await cache.resolve('session', 'a', async () => principalOf('u1'), 0);
    // The database is held (a planning cycle's transaction on PGlite): the lookups wait until it is released.
    let release: (p: Principal | null) => void = () => {};
    let calls = 0;
    const held = (): Promise<Principal | null> => { calls++; return new Promise((resolve) => { release = resolve; }); };
    expect((await cache.resolve('session', 'a', held, 5_000))?.userId).toBe('u1');
    expect((await cache.resolve('session', 'a', held, 6_000))?.userId).toBe('u1');
    expect(calls).toBe(1);
    // Too old to serve: the request waits for the database.
    let answered = false;
    const late = cache.resolve('session', 'a', held, 70_000).then((p) => { answered = true; return p; });
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(answered).toBe(false);
    release({ ...principalOf('u1'), displayName: 'renamed' });
    expect((await late)?.displayName).toBe('renamed');
    expect(calls).toBe(1);
    cache.close();
  });

  it('never serves a stale entry that a revocation removed, nor one the database no longer knows', async () => {
    const cache = new PrincipalCache({ ttlMs: 1000, staleWhileBusy: { waitMs: 10, maxStaleMs: 60_000 } });
    await cache.resolve('session', 'a', async () => principalOf('u1'), 0);
    await cache.resolve('session', 'b', async () => principalOf('u2'), 0);
    invalidateCachedPrincipals({ userId: 'u1' });
    let release: (p: Principal | null) => void = () => {};
    const revoked = cache.resolve('session', 'a', () => new Promise((resolve) => { release = resolve; }), 5_000);
    release(null);
    expect(await revoked).toBeNull();
    // Without the busy database: an expired entry whose session ended is forgotten at once.
    expect(await cache.resolve('session', 'b', async () => null, 5_000)).toBeNull();
    expect(cache.size).toBe(0);
    cache.close();
  });
});
