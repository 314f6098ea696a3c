import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../testing/test-app';

// The auth hook reuses a resolved session for a few seconds (PrincipalCache): revocations made through
// this server must still take effect at once; changes made elsewhere (another process) within the TTL.
// Long enough for two requests on a loaded test machine.
const TTL_MS = 4000;
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ appOptions: { sessionCacheTtlMs: TTL_MS } });
});
afterAll(async () => { await t?.close(); });

const loginAs = async (email: string): Promise<Record<string, string>> => {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: t.password } });
  expect(response.statusCode).toBe(200);
  return { cookie: `fp_session=${response.cookies.find((c) => c.name === 'fp_session')?.value}`, 'x-csrf-token': String(response.json().csrfToken) };
};
const sessionOf = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers });
const idOf = async (email: string): Promise<string> => (await sql<{ id: string }>`select id from app_user where email = ${email}`.execute(t.handle.db)).rows[0]!.id;

describe('session cache', () => {
  it('serves a cached session without the database, and sees a change made by another process after the TTL', { timeout: 30_000 }, async () => {
    const viewer = await loginAs('viewer@org-a.test');
    expect((await sessionOf(viewer)).statusCode).toBe(200);
    // Another process (the CLI, a second server) ends every session in the database: this server's cache
    // does not hear of it, so the session works until the entry ages out …
    await sql`delete from user_session where user_id = ${await idOf('viewer@org-a.test')}`.execute(t.handle.db);
    expect((await sessionOf(viewer)).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, TTL_MS + 100));
    // … and not after.
    expect((await sessionOf(viewer)).statusCode).toBe(401);
  });

  it('logout ends the session at once', async () => {
    const planner = await loginAs('planner@org-a.test');
    expect((await sessionOf(planner)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: planner })).statusCode).toBe(204);
    expect((await sessionOf(planner)).statusCode).toBe(401);
  });

  it('a password reset and a deactivation end the member\'s cached sessions at once; a role change applies at once', async () => {
    const admin = await t.headers('admin');
    const buyer = await loginAs('buyer@org-a.test');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: buyer })).statusCode).toBe(200);
    const buyerId = await idOf('buyer@org-a.test');
    // Role change: buyer → viewer loses integration:write at once.
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${buyerId}`, headers: admin, payload: { role: 'viewer' } })).statusCode).toBe(200);
    expect((await sessionOf(buyer)).json().role).toBe('viewer');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: buyer, payload: { url: 'https://erp.example.test/hook', events: ['plan.published'] } })).statusCode).toBe(403);
    // Password reset by the admin.
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/users/${buyerId}/password`, headers: admin, payload: { password: 'another-long-password' } })).statusCode).toBeLessThan(300);
    expect((await sessionOf(buyer)).statusCode).toBe(401);
    // Deactivation.
    const warehouse = await loginAs('warehouse@org-a.test');
    expect((await sessionOf(warehouse)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${await idOf('warehouse@org-a.test')}`, headers: admin, payload: { active: false } })).statusCode).toBe(200);
    expect((await sessionOf(warehouse)).statusCode).toBe(401);
  });

  it('a revoked API token stops working at once', async () => {
    const admin = await t.headers('admin');
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: admin, payload: { name: 'erp-cache-test' } });
    expect(created.statusCode).toBe(201);
    const bearer = { authorization: `Bearer ${created.json().secret}` };
    expect((await sessionOf(bearer)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${created.json().id}`, headers: admin })).statusCode).toBe(204);
    expect((await sessionOf(bearer)).statusCode).toBe(401);
  });
});
