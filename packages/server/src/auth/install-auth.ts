import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import { roleCan, translate, type Permission } from '@flowpilot/contract';
import { resolveApiToken, resolveSession, type Principal } from '@flowpilot/services';
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
export async function installAuth(app: FastifyInstance, handle: DatabaseHandle): Promise<void> {
  await app.register(cookie);
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
      const principal = presented.kind === 'token' ? await resolveApiToken(handle, presented.secret) : await resolveSession(handle, presented.secret);
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
