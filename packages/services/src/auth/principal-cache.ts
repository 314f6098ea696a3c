import { createHash } from 'node:crypto';
import type { Principal } from './sessions';

/** What a change to users, memberships, sessions or tokens makes stale: one user's principals, or every one. */
export type PrincipalInvalidation = { userId: string } | { all: true };

export type PrincipalCacheOptions = {
  /** How long a resolved session or token is reused without asking the database (0 disables the cache). */
  ttlMs: number;
  /** Oldest entries are dropped beyond this many (default 10,000). */
  maxEntries?: number;
  /**
   * Answer from an expired entry while the database is busy (default off). When the lookup of an expired
   * entry has not answered within `waitMs`, the entry is served if it expired less than `maxStaleMs` ago, and the
   * lookup goes on in the background to refresh it. Meant for the embedded database: PGlite has one
   * connection, which a planning cycle's transaction holds for up to minutes, and every change to sessions,
   * users or tokens goes through this process, so `invalidateCachedPrincipals` has already removed any entry
   * that a logout, revocation or role change made wrong (only such an entry could make stale wrong).
   */
  staleWhileBusy?: { waitMs: number; maxStaleMs: number };
};

type Entry = { principal: Principal; storedAtMs: number };

/** Every live cache of this process, so a change made through the services reaches each server built in it. */
const liveCaches = new Set<PrincipalCache>();

/**
 * Tells every principal cache of this process that a user's sessions or tokens changed (logout, password
 * reset, role or activity change, organization switch, token revoked). Call it after the change commits.
 * Other processes (a second server, the CLI) are not reached: their caches forget within their TTL.
 */
export function invalidateCachedPrincipals(what: PrincipalInvalidation): void {
  for (const cache of liveCaches) cache.invalidate(what);
}

/**
 * A short-lived in-memory cache of who a session cookie or an API token speaks for, so a read does not
 * query the session, user, membership and organization tables on every request. Keys are SHA-256 hashes
 * of the secrets. Revocation through the services is immediate in this process (see
 * invalidateCachedPrincipals); a lookup that raced with a revocation is never stored (generation check).
 * Unknown secrets are not cached: each one still asks the database.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly staleWhileBusy: { waitMs: number; maxStaleMs: number } | null;
  /** Lookups under way, by key: concurrent requests with the same secret share one database query. */
  private readonly pending = new Map<string, Promise<Principal | null>>();

  constructor(options: PrincipalCacheOptions) {
    this.ttlMs = Math.max(0, options.ttlMs);
    this.maxEntries = options.maxEntries ?? 10_000;
    this.staleWhileBusy = options.staleWhileBusy ?? null;
    if (this.ttlMs > 0) liveCaches.add(this);
  }

  /** The cached principal of a secret, else the resolver's answer (stored when found and no invalidation ran meanwhile). */
  async resolve(kind: Principal['via'], secret: string, resolver: () => Promise<Principal | null>, nowMs = Date.now()): Promise<Principal | null> {
    if (this.ttlMs === 0) return resolver();
    const key = `${kind}:${createHash('sha256').update(secret).digest('base64url')}`;
    const hit = this.entries.get(key);
    if (hit && nowMs - hit.storedAtMs < this.ttlMs) return hit.principal;
    const stale = this.staleWhileBusy;
    const canServeStale = hit !== undefined && stale !== null && nowMs - hit.storedAtMs < this.ttlMs + stale.maxStaleMs;
    if (hit && !canServeStale) this.entries.delete(key);
    const lookup = this.lookup(key, resolver, nowMs);
    if (!canServeStale) return lookup;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const busy = new Promise<'busy'>((resolve) => { timer = setTimeout(() => resolve('busy'), stale.waitMs); });
    const first = await Promise.race([lookup, busy]);
    clearTimeout(timer);
    if (first !== 'busy') return first;
    // The database has not answered: serve the expired entry unless an invalidation removed it meanwhile; the
    // lookup refreshes (or forgets) it when it comes back, and its failure is the next request's to see.
    if (this.entries.get(key) === hit) {
      lookup.catch(() => {});
      return hit.principal;
    }
    return lookup;
  }

  /** One database lookup per key at a time; stores a found principal unless an invalidation ran meanwhile, forgets an unknown one. */
  private lookup(key: string, resolver: () => Promise<Principal | null>, nowMs: number): Promise<Principal | null> {
    const under = this.pending.get(key);
    if (under) return under;
    const generation = this.generation;
    const promise = resolver().then((principal) => {
      if (principal && generation === this.generation) {
        this.entries.delete(key);
        this.entries.set(key, { principal, storedAtMs: nowMs });
        if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
      } else if (!principal) {
        this.entries.delete(key);
      }
      return principal;
    }).finally(() => { this.pending.delete(key); });
    this.pending.set(key, promise);
    return promise;
  }

  invalidate(what: PrincipalInvalidation): void {
    this.generation++;
    if ('all' in what) {
      this.entries.clear();
      return;
    }
    for (const [key, entry] of this.entries) if (entry.principal.userId === what.userId) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Stops receiving invalidations and forgets everything (when the server closes). */
  close(): void {
    liveCaches.delete(this);
    this.entries.clear();
  }
}
