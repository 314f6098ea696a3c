import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';

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
 * younger than the time to live. Each server instance keeps its own; nothing is written. Values are
 * shared (shareResult): serialised once per route and answered with an ETag (see installResultEtags).
 */
export class ResultCache<T> {
  private readonly entries = new Map<string, { fingerprint: string; at: number; value: Promise<T> }>();
  constructor(private readonly ttlMs: number, private readonly maxEntries = 200) {}

  async get(key: string, fingerprint: string, compute: () => Promise<T>, now = Date.now()): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.fingerprint === fingerprint && now - hit.at < this.ttlMs) return hit.value;
    const value = compute().then(shareResult);
    this.entries.set(key, { fingerprint, at: now, value });
    value.catch(() => this.entries.delete(key));
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
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
