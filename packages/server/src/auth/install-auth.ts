import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import { roleCan, translate, type Permission } from '@flowpilot/contract';
import { PrincipalCache, recordAuditEntry, resolveApiToken, resolveSession, runInAuditScope, type AuditScope, type Principal } from '@flowpilot/services';
import type { DatabaseHandle } from '@flowpilot/db';
import { HttpError, languageOf } from '../error-handler';
import type { RequestAuth } from './request-auth';

export const SESSION_COOKIE = 'fp_session';

/** A /api/v1 route and the permission it declared (the permission table's test walks them all). */
export type DeclaredRoute = { method: string; url: string; permission: Permission | 'authenticated' | 'public' };

declare module 'fastify' {
  interface FastifyInstance {
    declaredRoutes: DeclaredRoute[];
  }
}
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** How long this server reuses a resolved session or token without asking the database (AppOptions.sessionCacheTtlMs). */
export const DEFAULT_SESSION_CACHE_TTL_MS = 5_000;

export type InstallAuthOptions = {
  /**
   * Time a resolved session cookie or API token is reused from memory (0: ask the database on every
   * request). Logout, password reset, role or activity change, organization switch and token revocation
   * made through this process clear it at once; a change made by another process (another server, the
   * CLI) is seen within this time.
   */
  sessionCacheTtlMs?: number;
};

export function requestAuthOf(principal: Principal): RequestAuth {
  return {
    userId: principal.userId, email: principal.email, displayName: principal.displayName, organizationId: principal.organizationId,
    role: principal.role, via: principal.via, sessionId: principal.sessionId, csrfToken: principal.csrfToken,
  };
}

export function setSessionCookie(reply: FastifyReply, secret: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 12 * 3600 });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}

/** The secret the caller presents: a bearer API token, or the session cookie. */
export function presentedSecret(request: FastifyRequest): { kind: 'token' | 'session'; secret: string } | null {
  const authorization = request.headers.authorization;
  if (authorization?.toLowerCase().startsWith('bearer ')) return { kind: 'token', secret: authorization.slice(7).trim() };
  const secret = request.cookies[SESSION_COOKIE];
  return secret ? { kind: 'session', secret } : null;
}

/**
 * Authentication and authorisation, once for every route: resolves the caller (API token or
 * session cookie), then enforces the route's declared permission, and the CSRF token on writes made
 * with a cookie. A /api/v1 route that declares no permission refuses to register, so no endpoint
 * can be left open by forgetting.
 */
export async function installAuth(app: FastifyInstance, handle: DatabaseHandle, options: InstallAuthOptions = {}): Promise<void> {
  await app.register(cookie);
  installAuditFallback(app, handle);
  // Embedded database: one connection, which a planning cycle's transaction may hold for minutes, and every change
  // to sessions goes through this process (its invalidations reach this cache at once). A signed-in user's
  // requests (the app's progress polls) are then answered from the expired entry rather than wait.
  const staleWhileBusy = handle.kind === 'pglite' ? { waitMs: 250, maxStaleMs: 10 * 60_000 } : undefined;
  const principals = new PrincipalCache({ ttlMs: options.sessionCacheTtlMs ?? DEFAULT_SESSION_CACHE_TTL_MS, ...(staleWhileBusy ? { staleWhileBusy } : {}) });
  app.addHook('onClose', async () => { principals.close(); });
  app.decorateRequest('auth', null);
  const declared: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', declared);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const permission = route.config?.permission;
    if (!permission) throw new Error(`route ${String(route.method)} ${route.url} declares no permission (config.permission)`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') declared.push({ method, url: route.url, permission });
    // The API reference shows what each route needs.
    if (route.schema && !String(route.schema.description ?? '').includes('Permission:')) {
      route.schema.description = [route.schema.description, `Permission: \`${permission}\``].filter(Boolean).join('\n\n');
    }
  });
  app.addHook('onRequest', async (request) => {
    const permission = request.routeOptions.config?.permission as Permission | 'authenticated' | 'public' | undefined;
    const presented = presentedSecret(request);
    if (presented) {
      const principal = presented.kind === 'token'
        ? await principals.resolve('token', presented.secret, () => resolveApiToken(handle, presented.secret))
        : await principals.resolve('session', presented.secret, () => resolveSession(handle, presented.secret));
      request.auth = principal ? requestAuthOf(principal) : null;
    }
    if (!permission || permission === 'public') return;
    const language = languageOf(request.headers['accept-language']);
    const auth = request.auth;
    if (!auth) throw new HttpError(401, 'unauthenticated', translate(language, 'auth.problem.unauthenticated'));
    if (permission !== 'authenticated' && !roleCan(auth.role, permission)) {
      throw new HttpError(403, 'forbidden', translate(language, 'auth.problem.forbidden', { role: auth.role, permission }));
    }
    if (auth.via === 'session' && !SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== auth.csrfToken) {
      throw new HttpError(403, 'csrf_failed', translate(language, 'auth.problem.csrf'));
    }
  });
}

const auditScopeOf = new WeakMap<FastifyRequest, AuditScope>();
/** Body fields never copied into the audit trail. */
const SECRET_FIELD = /password|secret|token|authorization/i;
/** Request bodies larger than this are summarised (size only) in a fallback entry. */
const MAX_AUDITED_BODY_CHARS = 16_384;

function redacted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redacted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, v]) => [key, SECRET_FIELD.test(key) ? '[redacted]' : redacted(v)]));
}

/**
 * The audit trail's safety net: a write request (a route declaring an `<area>:write` permission, answered
 * 2xx) whose handler recorded no audit entry itself still leaves one — who (user, email, session or
 * token), when, which route with its parameters, query and body (secrets redacted, large bodies by size),
 * and the `reason` field when the body or query has one. It has no before/after: services that change
 * data record those themselves, in their transaction (recordAuditEntry); this entry is written after the
 * answer, so a crash in between can lose it, never the change's own entry.
 */
function installAuditFallback(app: FastifyInstance, handle: DatabaseHandle): void {
  // preHandler (after the body is parsed: stream callbacks would lose an earlier async context), right before the handler.
  app.addHook('preHandler', (request, _reply, done) => {
    if (SAFE_METHODS.has(request.method) || !request.url.startsWith('/api/v1/')) {
      done();
      return;
    }
    const scope: AuditScope = { entries: 0 };
    auditScopeOf.set(request, scope);
    // The rest of the request (hooks, handler, services) runs inside the scope, which counts audit entries.
    runInAuditScope(scope, () => done());
  });
  app.addHook('onResponse', async (request, reply) => {
    const scope = auditScopeOf.get(request);
    const permission = request.routeOptions.config?.permission;
    const auth = request.auth;
    if (!scope || scope.entries > 0 || !auth || typeof permission !== 'string' || !permission.endsWith(':write') || reply.statusCode < 200 || reply.statusCode >= 300) return;
    const body = request.body;
    const text = body === undefined ? '' : typeof body === 'string' ? body : Buffer.isBuffer(body) ? '' : JSON.stringify(body);
    const bodyForAudit = body === undefined ? null
      : Buffer.isBuffer(body) || text.length > MAX_AUDITED_BODY_CHARS ? { bytes: Buffer.isBuffer(body) ? body.length : Buffer.byteLength(text) } : redacted(body);
    const reasonOf = (value: unknown): string | null => (value && typeof value === 'object' && typeof (value as { reason?: unknown }).reason === 'string' ? (value as { reason: string }).reason : null);
    try {
      await recordAuditEntry(handle.db, {
        organizationId: auth.organizationId, actor: { userId: auth.userId, email: auth.email, via: auth.via },
        action: request.method.toLowerCase(), entity: 'http_request', entityKey: `${request.method} ${request.routeOptions.url ?? request.url}`,
        after: { params: request.params ?? null, query: redacted(request.query ?? null), body: bodyForAudit, status: reply.statusCode },
        reason: reasonOf(body) ?? reasonOf(request.query),
      });
    } catch (error) {
      request.log.error({ err: error }, 'audit fallback entry not recorded');
    }
  });
}
