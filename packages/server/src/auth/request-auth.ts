import type { FastifyRequest } from 'fastify';
import type { Permission, Role } from '@flowpilot/contract';
import { HttpError } from '../error-handler';

/** Who is calling: set by the auth hook on every request (null when no valid session or token). */
export type RequestAuth = {
  userId: string;
  email: string;
  displayName: string;
  /** Every query of the request is scoped to this organization. */
  organizationId: string;
  role: Role;
  via: 'session' | 'token';
  sessionId: string | null;
  /** The session's CSRF token (null for API tokens, which need none). */
  csrfToken: string | null;
};

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
  interface FastifyContextConfig {
    /**
     * The permission a route needs; `authenticated` for any logged-in caller; `public` for the few
     * routes open without a session (health, login). Every /api/v1 route must say which.
     */
    permission?: Permission | 'authenticated' | 'public';
  }
}

/** The caller of a route that needs a permission (the auth hook already checked it): never null there. */
export function authOf(request: FastifyRequest): RequestAuth {
  if (!request.auth) throw new HttpError(401, 'unauthenticated', 'log in first');
  return request.auth;
}

/** The caller's organization: the one scope of every query. */
export function organizationOf(request: FastifyRequest): string {
  return authOf(request).organizationId;
}
