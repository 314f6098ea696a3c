import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from './testing/test-app';
import { ReadMicroCache } from './result-cache';

// List reads (planned orders, action messages, items, planning runs) go through a per-organization micro-cache
// (ReadMicroCache). The time to live is long here (60 s) so the test reads the rule, not a clock: a change made behind
// the server's back (another server, a worker: here direct SQL) is not seen while the entry is kept; a successful write
// request of the organization through this server, or the client seeing one of its jobs end, shows it at once.
let t: TestApp;
let runs = 0;

beforeAll(async () => {
  t = await createTestApp({ appOptions: { readCacheTtlMs: 60_000 } });
});
afterAll(async () => { await t?.close(); });

/** A planning run recorded without going through this server. */
const runRecordedElsewhere = async (organizationId: string): Promise<void> => {
  runs += 1;
  await sql`insert into planning_run (id, organization_id, run_type, status, as_of_date, parameters, started_at)
    values (${`run_cache_${runs}`}, ${organizationId}, 'mrp', 'succeeded', '2026-11-23', '{}'::jsonb, now())`.execute(t.handle.db);
};
const storedRuns = async (organizationId = 'org-a'): Promise<number> =>
  Number((await sql<{ n: string }>`select count(*)::text as n from planning_run where organization_id = ${organizationId}`.execute(t.handle.db)).rows[0]!.n);
const listedRuns = async (organizationId = 'org-a'): Promise<number> => {
  const response = await t.app.inject({ url: '/api/v1/planning-runs?page=1&pageSize=20', headers: await t.headers('viewer', organizationId) });
  expect(response.statusCode).toBe(200);
  return (response.json() as { total: number }).total;
};

describe('list read cache', () => {
  it('answers the same request from memory within its time to live, with an ETag and 304', async () => {
    await runRecordedElsewhere('org-a');
    const before = await listedRuns();
    await runRecordedElsewhere('org-a');
    expect(await listedRuns()).toBe(before);
    const first = await t.app.inject({ url: '/api/v1/planning-runs?page=1&pageSize=20', headers: await t.headers('viewer') });
    expect(first.headers.etag).toMatch(/^W\//);
    const again = await t.app.inject({ url: '/api/v1/planning-runs?page=1&pageSize=20', headers: { ...(await t.headers('viewer')), 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
    // Another query is another entry: it reads the database.
    const other = await t.app.inject({ url: '/api/v1/planning-runs?page=1&pageSize=10', headers: await t.headers('viewer') });
    expect((other.json() as { total: number }).total).toBe(before + 1);
  });

  it('a write request of the organization clears its entries at once; another organization keeps its own', async () => {
    const before = await listedRuns();
    await runRecordedElsewhere('org-a');
    expect(await listedRuns()).toBe(before);
    expect(await storedRuns()).toBeGreaterThan(before);
    const orgB = await listedRuns('org-b');
    const write = await t.app.inject({ method: 'PUT', url: '/api/v1/auth/language', headers: await t.headers('planner'), payload: { language: 'fr' } });
    expect(write.statusCode).toBeLessThan(400);
    expect(await listedRuns()).toBe(await storedRuns());
    // org-b never sees org-a's entry, and org-a's write did not touch org-b's.
    expect(orgB).toBe(0);
    await runRecordedElsewhere('org-b');
    expect(await listedRuns('org-b')).toBe(0);
  });

  it('a client that sees one of its jobs end reads fresh lists', async () => {
    const before = await listedRuns();
    await runRecordedElsewhere('org-a');
    expect(await listedRuns()).toBe(before);
    await sql`insert into job (id, organization_id, kind, params, status, finished_at) values ('job_forecast_cache', 'org-a', 'forecast', '{}'::jsonb, 'succeeded', now())`.execute(t.handle.db);
    const job = await t.app.inject({ url: '/api/v1/jobs/job_forecast_cache', headers: await t.headers('viewer') });
    expect(job.statusCode).toBe(200);
    expect(await listedRuns()).toBe(await storedRuns());
    expect(await storedRuns()).toBeGreaterThan(before);
    // Later polls of the same ended job keep the caches: only its first read in this process clears them.
    const seen = await listedRuns();
    await runRecordedElsewhere('org-a');
    const again = await t.app.inject({ url: '/api/v1/jobs/job_forecast_cache', headers: await t.headers('viewer') });
    expect(again.statusCode).toBe(200);
    expect(await listedRuns()).toBe(seen);
    expect(await storedRuns()).toBeGreaterThan(seen);
  });
});

describe('ReadMicroCache', () => {
  it('shares one computation between concurrent callers, expires, and keeps no error', async () => {
    const cache = new ReadMicroCache(1_000);
    let computed = 0;
    const compute = async () => ({ n: ++computed });
    const [a, b] = await Promise.all([cache.get('o', 'k', compute, 0), cache.get('o', 'k', compute, 10)]);
    expect(a).toBe(b);
    expect(computed).toBe(1);
    expect(Object.isFrozen(a)).toBe(true);
    expect((await cache.get('o', 'k', compute, 999)).n).toBe(1);
    expect((await cache.get('o', 'k', compute, 1_000)).n).toBe(2);
    await expect(cache.get('o', 'bad', async () => { throw new Error('boom'); }, 1_000)).rejects.toThrow('boom');
    expect((await cache.get('o', 'bad', async () => ({ n: 42 }), 1_001)).n).toBe(42);
    const off = new ReadMicroCache(0);
    await off.get('o', 'k', compute);
    await off.get('o', 'k', compute);
    expect(computed).toBe(4);
  });
});
