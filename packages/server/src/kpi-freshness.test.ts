import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from './testing/test-app';

// The KPI dashboard's data fingerprint is kept per organization in memory (DataFingerprints) and cleared by this
// server's write requests of that organization. The time to live is long here (60 s) so that the test reads the
// rule, not a clock: a change made behind the server's back (another server, a worker: here direct SQL) is not seen
// while the fingerprint is kept; any successful write request of the organization through this server shows it at once.
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ appOptions: { dataFingerprintTtlMs: 60_000 } });
});
afterAll(async () => { await t?.close(); });

const dashboardTag = async (organizationId = 'org-a'): Promise<string> => {
  const response = await t.app.inject({ url: '/api/v1/kpis?from=2026-01-01&to=2026-11-24', headers: await t.headers('viewer', organizationId) });
  expect(response.statusCode).toBe(200);
  return String(response.headers.etag);
};
let entry = 0;
/** A logistics cost booked without going through this server (counts in the fingerprint). */
const costBookedElsewhere = async (organizationId: string) => {
  entry += 1;
  await sql`insert into cost_entry (organization_id, entry_number, entry_date, category, amount_eur) values (${organizationId}, ${`C-${entry}`}, '2026-10-15', 'transport', 120)`.execute(t.handle.db);
};
const addAction = async (role: 'planner' | 'viewer', organizationId = 'org-a') => t.app.inject({
  method: 'POST', url: '/api/v1/improvement-actions', headers: await t.headers(role, organizationId),
  payload: { title: 'Shorten the picking path', owner: 'Lea', dueDate: '2026-12-31', auditFinding: '5S audit: long picking path' },
});

describe('KPI dashboard freshness', () => {
  it('reuses the fingerprint within its time to live: a change made elsewhere is not seen yet', async () => {
    const first = await dashboardTag();
    await costBookedElsewhere('org-a');
    expect(await dashboardTag()).toBe(first);
  });

  it('a write request of the organization clears it at once; a refused write or another organization\'s write does not', async () => {
    const before = await dashboardTag();
    await costBookedElsewhere('org-a');
    expect((await addAction('viewer')).statusCode).toBe(403);
    expect((await addAction('planner', 'org-b')).statusCode).toBe(201);
    expect(await dashboardTag()).toBe(before);
    expect((await addAction('planner')).statusCode).toBe(201);
    const after = await dashboardTag();
    expect(after).not.toBe(before);
    // The recomputed dashboard is cached again under the new fingerprint.
    expect(await dashboardTag()).toBe(after);
  });

  it('a write request through this server recomputes it even when the six aggregates are unchanged (an edit in place)', async () => {
    const before = await dashboardTag();
    expect(await dashboardTag()).toBe(before);
    expect((await addAction('planner')).statusCode).toBe(201);
    expect(await dashboardTag()).not.toBe(before);
  });
});
