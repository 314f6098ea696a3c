import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ROLES, roleCan, type Permission } from '@flowpilot/contract';
import { MAX_FAILURES_PER_EMAIL } from '@flowpilot/services';
import { createTestApp, type TestApp } from '../testing/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => { await t?.close(); });

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, headers });

describe('login, session, logout', () => {
  it('logs in with email and password: httpOnly SameSite cookie, CSRF token, role and permissions', async () => {
    const response = await login('Planner@Org-A.test ', t.password);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'fp_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const body = response.json();
    expect(body).toMatchObject({ user: { email: 'planner@org-a.test' }, organization: { id: 'org-a', name: 'Organization A' }, role: 'planner', via: 'session' });
    expect(body.permissions).toContain('planning:write');
    expect(body.permissions).not.toContain('users:read');
    expect(body.csrfToken.length).toBeGreaterThan(20);
    const session = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `fp_session=${cookie?.value}` } });
    expect(session.statusCode).toBe(200);
    expect(session.json().csrfToken).toBe(body.csrfToken);
    // The secret is stored only as its hash.
    const stored = (await sql<{ secret_sha256: string }>`select secret_sha256 from user_session`.execute(t.handle.db)).rows.map((r) => r.secret_sha256);
    expect(stored).not.toContain(cookie?.value);
    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: `fp_session=${cookie?.value}` } });
    expect(logout.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `fp_session=${cookie?.value}` } })).statusCode).toBe(401);
  });

  it('answers a wrong password and an unknown email the same way, in the caller language', async () => {
    const wrong = await login('viewer@org-a.test', 'not-the-password');
    const unknown = await login('nobody@org-a.test', 'not-the-password', { 'accept-language': 'fr' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({ code: 'invalid_credentials', message: 'Wrong email or password.' });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error).toMatchObject({ code: 'invalid_credentials', message: 'E-mail ou mot de passe incorrect.' });
  });

  it('rate-limits repeated failures for one email (429 with retry-after), even with the right password', async () => {
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) expect((await login('transport@org-b.test', `wrong-${i}`)).statusCode).toBe(401);
    const blocked = await login('transport@org-b.test', t.password);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.json().error.code).toBe('rate_limited');
    // Other accounts are not blocked.
    expect((await login('viewer@org-b.test', t.password)).statusCode).toBe(200);
  });

  it('rejects malformed login bodies with 400, never 500', async () => {
    for (const payload of ['{not json', JSON.stringify({ email: 1 }), JSON.stringify({})]) {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload, headers: { 'content-type': 'application/json' } });
      expect(response.statusCode, payload).toBe(400);
      expect(response.json().error.message.length).toBeGreaterThan(0);
    }
  });
});

describe('permissions on every endpoint', () => {
  const concrete = (url: string): string => url.replace(/:(\w+)/g, 'x');

  it('every /api/v1 route declares a permission and answers 401 without a session', async () => {
    expect(t.app.declaredRoutes.length).toBeGreaterThan(15);
    for (const route of t.app.declaredRoutes) {
      if (route.permission === 'public') continue;
      const response = await t.app.inject({ method: route.method as 'GET', url: concrete(route.url), payload: route.method === 'GET' ? undefined : {} });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(response.json().error.code).toBe('unauthenticated');
    }
  });

  it('each role is refused (403) exactly the routes its permission table denies', async () => {
    for (const role of ROLES) {
      const headers = await t.headers(role);
      for (const route of t.app.declaredRoutes) {
        if (route.permission === 'public' || route.permission === 'authenticated') continue;
        const allowed = roleCan(role, route.permission as Permission);
        if (allowed && route.method !== 'GET') continue; // writes are exercised with real bodies by each route's own tests
        const response = await t.app.inject({ method: route.method as 'GET', url: concrete(route.url), headers, payload: route.method === 'GET' ? undefined : {} });
        if (allowed) expect([401, 403], `${role} ${route.method} ${route.url}`).not.toContain(response.statusCode);
        else {
          expect(response.statusCode, `${role} ${route.method} ${route.url}`).toBe(403);
          expect(response.json().error.code).toBe('forbidden');
        }
      }
    }
  });

  it('refuses a write made with the session cookie but without the CSRF token; API tokens need none', async () => {
    const admin = await t.headers('admin');
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie: admin.cookie as string }, payload: { name: 'erp' } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf_failed');
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: admin, payload: { name: 'erp' } });
    expect(created.statusCode).toBe(201);
    const secret = created.json().secret as string;
    expect(secret).toMatch(/^fpt_/);
    const bearer = { authorization: `Bearer ${secret}` };
    const users = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer });
    expect(users.statusCode).toBe(200);
    const viaToken = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: bearer, payload: { name: 'second' } });
    expect(viaToken.statusCode).toBe(201);
    // Revoked: refused.
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${created.json().id}`, headers: admin })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer })).statusCode).toBe(401);
    // Another organization's token id: not found.
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${viaToken.json().id}`, headers: await t.headers('admin', 'org-b') })).statusCode).toBe(404);
  });
});

describe('users, organizations and the audit trail', () => {
  it('an admin creates a user, changes the role with a reason, resets the password; each write is audited with before/after', async () => {
    const admin = await t.headers('admin');
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload: { email: 'new.buyer@org-a.test', displayName: 'New Buyer', password: 'a-long-password', role: 'buyer', language: 'fr' } });
    expect(created.statusCode).toBe(201);
    const userId = created.json().userId as string;
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload: { email: 'new.buyer@org-a.test', displayName: 'Again', password: 'a-long-password', role: 'buyer' } })).statusCode).toBe(409);
    const short = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: { ...admin, 'accept-language': 'fr' }, payload: { email: 'x@org-a.test', displayName: 'X', password: 'short', role: 'buyer' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toContain('au moins 10 caractères');

    const updated = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${userId}`, headers: admin, payload: { role: 'planner', reason: 'moved to planning' } });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().role).toBe('planner');
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/users/${userId}/password`, headers: admin, payload: { password: 'another-long-password' } })).statusCode).toBe(204);
    expect((await login('new.buyer@org-a.test', 'a-long-password')).statusCode).toBe(401);
    expect((await login('new.buyer@org-a.test', 'another-long-password')).statusCode).toBe(200);

    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/audit?entity=user&entityKey=new.buyer@org-a.test', headers: admin });
    expect(audit.statusCode).toBe(200);
    const entries = audit.json().items as { action: string; userEmail: string; before: unknown; after: unknown; reason: string | null }[];
    expect(entries.map((e) => e.action)).toEqual(['reset_password', 'update', 'create']);
    expect(entries[1]).toMatchObject({ userEmail: 'admin@org-a.test', before: { role: 'buyer' }, after: { role: 'planner' }, reason: 'moved to planning' });
    expect(JSON.stringify(entries)).not.toContain('argon2');
    // Org-b's admin sees none of it, and cannot touch org-a's user.
    const adminB = await t.headers('admin', 'org-b');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit?entity=user&entityKey=new.buyer@org-a.test', headers: adminB })).json().total).toBe(0);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${userId}`, headers: adminB, payload: { role: 'viewer' } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/users/${userId}/password`, headers: adminB, payload: { password: 'hijacked-password' } })).statusCode).toBe(404);
    expect(((await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: adminB })).json().items as { email: string }[]).map((u) => u.email)).not.toContain('new.buyer@org-a.test');
  });

  it('keeps at least one active admin; deactivating a member ends their sessions', async () => {
    const admin = await t.headers('admin', 'org-b');
    const users = (await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: admin })).json().items as { userId: string; email: string }[];
    const adminId = users.find((u) => u.email === 'admin@org-b.test')?.userId;
    const lastAdmin = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${adminId}`, headers: admin, payload: { role: 'viewer' } });
    expect(lastAdmin.statusCode).toBe(409);
    expect(lastAdmin.json().error.code).toBe('last_admin');
    const planner = await t.headers('planner', 'org-b');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: planner })).statusCode).toBe(200);
    const plannerId = users.find((u) => u.email === 'planner@org-b.test')?.userId;
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${plannerId}`, headers: admin, payload: { active: false } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: planner })).statusCode).toBe(401);
    expect((await login('planner@org-b.test', t.password)).json().error.code).toBe('no_organization');
  });

  it('switches the session to another organization only where the user is a member', async () => {
    const admin = await t.headers('admin');
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/auth/organization', headers: admin, payload: { organizationId: 'org-b' } });
    expect(refused.statusCode).toBe(403);
    await sql`insert into membership (user_id, organization_id, role) select id, 'org-b', 'viewer' from app_user where email = 'buyer@org-a.test'`.execute(t.handle.db);
    const buyer = await login('buyer@org-a.test', t.password);
    const headers = { cookie: `fp_session=${buyer.cookies.find((c) => c.name === 'fp_session')?.value}`, 'x-csrf-token': buyer.json().csrfToken as string };
    expect((buyer.json().organizations as { id: string }[]).map((o) => o.id).sort()).toEqual(['org-a', 'org-b']);
    const switched = await t.app.inject({ method: 'POST', url: '/api/v1/auth/organization', headers, payload: { organizationId: 'org-b' } });
    expect(switched.statusCode).toBe(200);
    expect(switched.json()).toMatchObject({ organization: { id: 'org-b' }, role: 'viewer' });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers })).json().organization.id).toBe('org-b');
  });
});

describe('API reference', () => {
  it('shows each route\'s permission in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { description?: string }>> };
    expect(doc.paths['/api/v1/users']?.get?.description).toContain('Permission: `users:read`');
    expect(doc.paths['/api/v1/auth/login']?.post?.description).toContain('Permission: `public`');
  });
});
