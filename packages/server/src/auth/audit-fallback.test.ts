import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { recordAuditEntry } from '@flowpilot/services';
import { createTestApp, type TestApp } from '../testing/test-app';

// The audit safety net of the auth plugin: a successful write request that recorded no audit entry of its
// own still leaves one (who, when, route, parameters, body without secrets, reason); one that did, or a
// refused one, leaves nothing more.
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  // Routes of the test only (the app is not ready yet): a write without its own audit entry, one with, a computation.
  t.app.post('/api/v1/test-audit/bare/:code', { config: { permission: 'integration:write' } }, async (request, reply) => {
    await sql`select 1`.execute(t.handle.db);
    return reply.status(201).send({ ok: true, code: (request.params as { code: string }).code });
  });
  t.app.post('/api/v1/test-audit/own', { config: { permission: 'integration:write' } }, async (request) => {
    const auth = request.auth!;
    await recordAuditEntry(t.handle.db, { organizationId: auth.organizationId, actor: { userId: auth.userId, email: auth.email, via: auth.via }, action: 'create', entity: 'test_thing', entityKey: 'T1', after: { n: 1 } });
    return { ok: true };
  });
  t.app.post('/api/v1/test-audit/compute', { config: { permission: 'integration:read' } }, async () => ({ ok: true }));
});
afterAll(async () => { await t?.close(); });

type Entry = { action: string; entity: string; entityKey: string; userEmail: string | null; via: string | null; after: unknown; reason: string | null };
const trail = async (): Promise<Entry[]> => (await t.app.inject({ url: '/api/v1/audit?pageSize=100', headers: await t.headers('admin') })).json().items as Entry[];

describe('audit fallback for write requests', () => {
  it('records a write that audited nothing itself, with who, route, parameters, redacted body and reason', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/test-audit/bare/K-7?dryRun=false', headers: await t.headers('buyer'), payload: { note: 'x', password: 'hunter22', nested: { apiToken: 'fpt_abc' }, reason: 'monthly clean-up' } });
    expect(response.statusCode).toBe(201);
    // The entry is written once the answer is sent.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const entry = (await trail()).find((e) => e.entity === 'http_request');
    expect(entry).toEqual(expect.objectContaining({
      action: 'post', entityKey: 'POST /api/v1/test-audit/bare/:code', userEmail: 'buyer@org-a.test', via: 'session', reason: 'monthly clean-up',
      after: { params: { code: 'K-7' }, query: { dryRun: 'false' }, body: { note: 'x', password: '[redacted]', nested: { apiToken: '[redacted]' }, reason: 'monthly clean-up' }, status: 201 },
    }));
    expect(JSON.stringify(await trail())).not.toContain('hunter22');
  });

  it('adds nothing when the handler audited the change itself, for a computation (read permission), or for a refused request', async () => {
    const before = (await trail()).length;
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/test-audit/own', headers: await t.headers('buyer'), payload: {} })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/test-audit/compute', headers: await t.headers('viewer'), payload: {} })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/test-audit/bare/K-8', headers: await t.headers('viewer'), payload: {} })).statusCode).toBe(403);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await trail();
    expect(after.length - before).toBe(1);
    expect(after[0]).toMatchObject({ entity: 'test_thing', entityKey: 'T1' });
  });
});
