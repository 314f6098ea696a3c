import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('PUT /api/v1/auth/language', () => {
  it('saves the user\'s own language (any role, audited once) and the next sign-in answers it', async () => {
    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/auth/language', headers: await t.headers('viewer'), payload: { language: 'fr' } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ language: 'fr' });
    // saving the same language again writes nothing more to the audit trail
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/auth/language', headers: await t.headers('viewer'), payload: { language: 'fr' } })).statusCode).toBe(200);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: t.emailOf('viewer'), password: t.password } });
    expect(login.json().user.language).toBe('fr');
    const session = await t.app.inject({ url: '/api/v1/auth/session', headers: await t.headers('viewer') });
    expect(session.json().user.language).toBe('fr');
    // another user, in the other organization, is untouched
    expect((await t.app.inject({ url: '/api/v1/auth/session', headers: await t.headers('viewer', 'org-b') })).json().user.language).toBeNull();
    const audit = await t.app.inject({ url: '/api/v1/audit?entity=user', headers: await t.headers('admin') });
    const entries = (audit.json().items as { entityKey: string; after: unknown }[]).filter((e) => e.entityKey === t.emailOf('viewer'));
    expect(entries.filter((e) => JSON.stringify(e.after) === '{"language":"fr"}')).toHaveLength(1);
  });

  it('refuses an unknown language, a request without a session, and a write without the CSRF token', async () => {
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/auth/language', headers: await t.headers('planner'), payload: { language: 'de' } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/auth/language', payload: { language: 'en' } })).statusCode).toBe(401);
    const { cookie } = await t.headers('planner');
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/auth/language', headers: { cookie }, payload: { language: 'en' } })).statusCode).toBe(403);
  });
});
