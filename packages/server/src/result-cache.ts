import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Results that many requests share (ResultCache values): frozen, so the JSON made for the first request
 * is valid for every later one, and tagged with a version for the ETag. The version names one computed
 * object in this process: a recomputation gets a new one even when equal (a 200 instead of a 304, never
 * a stale 304).
 */
const sharedResults = new WeakMap<object, { version: string; json: Map<unknown, string> }>();
const PROCESS_TAG = randomBytes(4).toString('hex');
let nextVersion = 0;

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

/** Marks a computed result as shared between requests (frozen deeply, versioned); returns it. */
export function shareResult<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !sharedResults.has(value)) {
    deepFreeze(value);
    sharedResults.set(value, { version: `${PROCESS_TAG}-${(nextVersion++).toString(36)}`, json: new Map() });
  }
  return value;
}

/**
 * A small in-memory cache for expensive read models (the KPI dashboard): one computation per key at a
 * time (concurrent callers share the promise), reused while its data fingerprint is unchanged and it is
 * younger than the time to live. Past the time to live with the same fingerprint, the old result is still
 * answered while one new computation runs in the background (stale-while-revalidate), so callers never queue
 * behind a recomputation of unchanged data; a changed fingerprint waits for the new result. Each server
 * instance keeps its own; nothing is written. Values are shared (shareResult): serialised once per route and
 * answered with an ETag (see installResultEtags).
 */
export class ResultCache<T> {
  private readonly entries = new Map<string, { fingerprint: string; at: number; value: Promise<T>; settled: boolean; refreshing: boolean }>();
  constructor(private readonly ttlMs: number, private readonly maxEntries = 200) {}

  async get(key: string, fingerprint: string, compute: () => Promise<T>, now = Date.now()): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.fingerprint === fingerprint) {
      if (now - hit.at < this.ttlMs || !hit.settled) return hit.value;
      if (!hit.refreshing) {
        hit.refreshing = true;
        const next = compute().then(shareResult);
        next.then(
          () => { if (this.entries.get(key) === hit) this.entries.set(key, { fingerprint, at: now, value: next, settled: true, refreshing: false }); },
          () => { hit.refreshing = false; },
        );
      }
      return hit.value;
    }
    const entry = { fingerprint, at: now, value: compute().then(shareResult), settled: false, refreshing: false };
    this.entries.set(key, entry);
    entry.value.then(() => { entry.settled = true; }, () => { if (this.entries.get(key) === entry) this.entries.delete(key); });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return entry.value;
  }
}

/** How long a data fingerprint is reused without asking the database (AppOptions.dataFingerprintTtlMs). */
export const DEFAULT_DATA_FINGERPRINT_TTL_MS = 1_000;

/**
 * The data fingerprint of each organization (what a ResultCache entry is checked against), kept in memory
 * for a short time so a cached read costs no SQL: the fingerprint query runs at most once per organization
 * per time to live (concurrent callers share it). A write request of the organization answered by this
 * process forgets it at once (installWriteInvalidation), so its own writes show on the next read; a change
 * made by another process (another server, a worker, the CLI) is seen within the time to live.
 */
export class DataFingerprints {
  private readonly entries = new Map<string, { at: number; value: Promise<string> }>();
  constructor(readonly ttlMs: number = DEFAULT_DATA_FINGERPRINT_TTL_MS, private readonly maxEntries = 1_000) {}

  get(organizationId: string, query: () => Promise<string>, now = Date.now()): Promise<string> {
    const hit = this.entries.get(organizationId);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const value = query();
    // Stored when asked, not when answered: an invalidation while the query runs drops it, never a later answer.
    const entry = { at: now, value };
    if (this.ttlMs > 0) this.entries.set(organizationId, entry);
    value.catch(() => { if (this.entries.get(organizationId) === entry) this.entries.delete(organizationId); });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  /** Forgets the organization's fingerprint: the next read asks the database. Also counts as a write (writeGeneration). */
  invalidate(organizationId: string): void {
    this.entries.delete(organizationId);
    this.generations.set(organizationId, this.writeGeneration(organizationId) + 1);
    if (this.generations.size > this.maxEntries) this.generations.delete(this.generations.keys().next().value as string);
  }

  /**
   * How many writes of the organization this process has seen (invalidations). A cached read model keys its results
   * on it as well as on the fingerprint: an edit in place through this server that leaves the aggregates unchanged
   * (a cost's amount, an item's standard cost) still shows on the next read.
   */
  writeGeneration(organizationId: string): number {
    return this.generations.get(organizationId) ?? 0;
  }

  private readonly generations = new Map<string, number>();
}

/** How long a list read is reused from memory (AppOptions.readCacheTtlMs). */
export const DEFAULT_READ_CACHE_TTL_MS = 1_000;

/**
 * A micro-cache of list reads (planned orders, action messages, items, planning runs), per organization: the same
 * request (URL with its query, language) within the time to live is answered from memory, concurrent callers share one
 * computation, and the answer is a shared result (serialised once, ETag). A write request of the organization through
 * this process clears all its entries at once (installWriteInvalidation), and so does a client seeing one of its jobs
 * end; another process's writes are seen within the time to live (1 s by default; 0 disables the cache). The key
 * always holds the organization, so one organization never reads another's entry. Errors are not kept.
 */
export class ReadMicroCache {
  private readonly byOrganization = new Map<string, Map<string, { at: number; value: Promise<unknown> }>>();
  constructor(readonly ttlMs: number = DEFAULT_READ_CACHE_TTL_MS, private readonly maxKeysPerOrganization = 500, private readonly maxOrganizations = 1_000) {}

  get<T>(organizationId: string, key: string, compute: () => Promise<T>, now = Date.now()): Promise<T> {
    if (!(this.ttlMs > 0)) return compute();
    let entries = this.byOrganization.get(organizationId);
    if (!entries) {
      entries = new Map();
      this.byOrganization.set(organizationId, entries);
      if (this.byOrganization.size > this.maxOrganizations) this.byOrganization.delete(this.byOrganization.keys().next().value as string);
    }
    const hit = entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value as Promise<T>;
    const entry = { at: now, value: compute().then(shareResult) };
    const owner = entries;
    owner.set(key, entry);
    entry.value.catch(() => { if (owner.get(key) === entry) owner.delete(key); });
    if (owner.size > this.maxKeysPerOrganization) owner.delete(owner.keys().next().value as string);
    return entry.value;
  }

  /** Forgets every entry of the organization: its next reads ask the database. */
  invalidate(organizationId: string): void {
    this.byOrganization.delete(organizationId);
  }
}

/** A list route's answer through the organization's read cache, keyed by the request's URL (query included) and language. */
export function readThroughCache<T>(cache: ReadMicroCache, organizationId: string, request: FastifyRequest, compute: () => Promise<T>): Promise<T> {
  return cache.get(organizationId, `${request.url}|${request.headers['accept-language'] ?? ''}`, compute);
}

/**
 * Forgets the caller's organization fingerprint and cached reads after every write request (a method other than
 * GET, HEAD, OPTIONS, by a signed-in caller, answered below 400) before its answer is sent, so the caller's next
 * read sees what it wrote.
 */
export function installWriteInvalidation(app: FastifyInstance, ...caches: { invalidate(organizationId: string): void }[]): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.auth && !['GET', 'HEAD', 'OPTIONS'].includes(request.method) && reply.statusCode < 400) {
      for (const cache of caches) cache.invalidate(request.auth.organizationId);
    }
    return payload;
  });
}

/**
 * Wraps the response serializer compiler: a shared result is validated and serialised once per route
 * serializer, then its JSON text is reused (the KPI dashboard's response is large: zod validation and
 * JSON.stringify were most of each cached request). Other payloads go through unchanged.
 */
export function memoizeSharedSerialization<R>(compile: (route: R) => (data: never) => string): (route: R) => (data: unknown) => string {
  return (route) => {
    const serialize = compile(route) as (data: unknown) => string;
    return (data) => {
      const shared = data !== null && typeof data === 'object' ? sharedResults.get(data) : undefined;
      if (!shared) return serialize(data);
      let json = shared.json.get(serialize);
      if (json === undefined) {
        json = serialize(data);
        shared.json.set(serialize, json);
      }
      return json;
    };
  };
}

const versionOfReply = new WeakMap<FastifyReply, string>();

/**
 * ETag and 304 for shared results (RFC 9110 §8.8.3, §13.1.2): a GET answered with a shared result gets
 * a weak ETag and `cache-control: private, no-cache` (the browser keeps it and asks again each time);
 * `If-None-Match` with that tag gets 304 without a body. Downloads (CSV/XLSX) and errors get no tag.
 */
export function installResultEtags(app: FastifyInstance): void {
  app.addHook('preSerialization', async (request, reply, payload) => {
    if (request.method === 'GET' && payload !== null && typeof payload === 'object') {
      const shared = sharedResults.get(payload);
      if (shared) versionOfReply.set(reply, shared.version);
    }
    return payload;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const version = versionOfReply.get(reply);
    if (version === undefined || reply.statusCode !== 200 || !String(reply.getHeader('content-type') ?? '').includes('json')) return payload;
    const etag = `W/"${version}"`;
    reply.header('etag', etag);
    reply.header('cache-control', 'private, no-cache');
    const asked = request.headers['if-none-match'];
    if (asked && asked.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
      reply.code(304);
      reply.removeHeader('content-type');
      return null;
    }
    return payload;
  });
}
