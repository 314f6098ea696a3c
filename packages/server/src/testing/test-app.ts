import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { ROLES, type Role } from '@flowpilot/contract';
import { createUser, ensureOrganization } from '@flowpilot/services';
import { buildApp, type AppOptions } from '../app';

export type TestApp = {
  app: FastifyInstance;
  handle: DatabaseHandle;
  orgA: 'org-a';
  orgB: 'org-b';
  /** Password of every seeded user. */
  password: string;
  /** Seeded login of a role in an organization: `<role>@<org>.test`. */
  emailOf: (role: Role, organizationId?: string) => string;
  /** Cookie and CSRF headers of a logged-in user of that role (org-a by default); cached per role and organization. */
  headers: (role: Role, organizationId?: string) => Promise<Record<string, string>>;
  close: () => Promise<void>;
};

export type TestAppOptions = {
  /** Seeds data once both organizations and their users exist (e.g. runImport for each organization). */
  seed?: (handle: DatabaseHandle) => Promise<void>;
  /** Anything else for buildApp (today defaults to 2026-11-24). */
  appOptions?: Partial<Omit<AppOptions, 'handle'>>;
};

const PASSWORD = 'correct-horse-battery';

/**
 * An in-process app on a fresh test database with two organizations (org-a, org-b) and one user of
 * each role in each (`planner@org-a.test`…), for route tests: allowed (2xx), denied (403), and
 * another organization's data (404). Requests go through `app.inject`.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const handle = await createTestDatabase();
  const emailOf = (role: Role, organizationId = 'org-a'): string => `${role}@${organizationId}.test`;
  for (const organizationId of ['org-a', 'org-b']) {
    await ensureOrganization(handle.db, organizationId, organizationId === 'org-a' ? 'Organization A' : 'Organization B');
    for (const role of ROLES) {
      const created = await createUser(handle, { organizationId, email: emailOf(role, organizationId), displayName: `${role} ${organizationId}`, password: PASSWORD, role, actor: { userId: null, email: null, via: 'system' } });
      if (!created.ok) throw new Error(`seeding ${role}@${organizationId}: ${created.problem}`);
    }
  }
  if (options.seed) await options.seed(handle);
  // The list read cache is off by default here (tests write with SQL and read at once); read-cache.test.ts turns it on.
  const app = await buildApp({ handle, today: () => '2026-11-24', webDistDir: null, readCacheTtlMs: 0, ...options.appOptions });
  const cache = new Map<string, Record<string, string>>();
  const headers = async (role: Role, organizationId = 'org-a'): Promise<Record<string, string>> => {
    const key = `${role}@${organizationId}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: emailOf(role, organizationId), password: PASSWORD } });
    if (response.statusCode !== 200) throw new Error(`login of ${key} failed: ${response.statusCode} ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === 'fp_session');
    if (!cookie) throw new Error(`login of ${key} set no session cookie`);
    const value = { cookie: `fp_session=${cookie.value}`, 'x-csrf-token': String(response.json().csrfToken) };
    cache.set(key, value);
    return value;
  };
  return {
    app, handle, orgA: 'org-a', orgB: 'org-b', password: PASSWORD, emailOf, headers,
    async close() {
      await app.close();
      await handle.close();
    },
  };
}
