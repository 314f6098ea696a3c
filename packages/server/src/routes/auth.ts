import { z } from 'zod';
import { sql } from 'kysely';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ApiTokenList, AuditPage, AuditQuery, CreateApiTokenBody, CreatedApiToken, CreateUserBody, ErrorBody, LoginBody, ResetPasswordBody, SessionResponse,
  SwitchOrganizationBody, UpdateUserBody, UserList, UserRecord, permissionsOf, translate, type Language,
} from '@flowpilot/contract';
import {
  MIN_PASSWORD_LENGTH, createApiToken, createUser, endSession, listApiTokens, listAuditEntries, listOrganizationMembers, listUserOrganizations, logIn,
  resetMemberPassword, resolveSession, revokeApiToken, switchSessionOrganization, updateOrganizationMember, type AuditActor, type UserProblem,
} from '@flowpilot/services';
import type { AppContext } from '../app';
import { HttpError, languageOf } from '../error-handler';
import { authOf } from '../auth/request-auth';
import { clearSessionCookie, presentedSecret, requestAuthOf, setSessionCookie } from '../auth/install-auth';

const STATUS_OF_PROBLEM: Record<UserProblem, number> = {
  email_invalid: 400, email_taken: 409, password_too_short: 400, password_too_long: 400, role_unknown: 400, not_found: 404, last_admin: 409, display_name_empty: 400,
};

/** The audit actor of a request: the authenticated user and how they came. */
export function actorOf(request: FastifyRequest): AuditActor {
  const auth = authOf(request);
  return { userId: auth.userId, email: auth.email, via: auth.via };
}

function userProblem(language: Language, problem: UserProblem): HttpError {
  return new HttpError(STATUS_OF_PROBLEM[problem], problem, translate(language, `auth.problem.${problem}`, { min: MIN_PASSWORD_LENGTH }));
}

/** Login, session, organization switch, users, API tokens and the audit trail. */
export function registerAuthRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const handle = context.handle;

  const sessionBody = async (request: FastifyRequest): Promise<SessionResponse> => {
    const auth = authOf(request);
    const organizations = await listUserOrganizations(handle, auth.userId);
    const organization = organizations.find((o) => o.id === auth.organizationId);
    const user = (await sql<{ language: 'en' | 'fr' | null }>`select language from app_user where id = ${auth.userId}`.execute(handle.db)).rows[0];
    return {
      user: { id: auth.userId, email: auth.email, displayName: auth.displayName, language: user?.language ?? null },
      organization: { id: auth.organizationId, name: organization?.name ?? auth.organizationId },
      role: auth.role, permissions: permissionsOf(auth.role), organizations, csrfToken: auth.csrfToken, via: auth.via,
    };
  };

  typed.post('/api/v1/auth/login', {
    config: { permission: 'public' },
    schema: { tags: ['auth'], summary: 'Log in with email and password; sets the httpOnly session cookie', body: LoginBody, response: { 200: SessionResponse, 401: ErrorBody, 429: ErrorBody } },
  }, async (request, reply) => {
    const language = languageOf(request.headers['accept-language']);
    const outcome = await logIn(handle, { email: request.body.email, password: request.body.password, clientAddress: request.ip, organizationId: request.body.organizationId });
    if (!outcome.ok) {
      if (outcome.problem === 'rate_limited') {
        reply.header('retry-after', String(outcome.retryAfterSeconds ?? 900));
        throw new HttpError(429, 'rate_limited', translate(language, 'auth.problem.rate_limited', { minutes: Math.ceil((outcome.retryAfterSeconds ?? 900) / 60) }));
      }
      throw new HttpError(401, outcome.problem, translate(language, `auth.problem.${outcome.problem}`));
    }
    setSessionCookie(reply, outcome.secret, context.secureCookies);
    request.auth = requestAuthOf(outcome.principal);
    return sessionBody(request);
  });

  typed.get('/api/v1/auth/session', {
    config: { permission: 'authenticated' },
    schema: { tags: ['auth'], summary: 'The current session (401 when not logged in)', response: { 200: SessionResponse, 401: ErrorBody } },
  }, async (request) => sessionBody(request));

  typed.post('/api/v1/auth/logout', {
    config: { permission: 'public' },
    schema: { tags: ['auth'], summary: 'End the session and clear its cookie', response: { 204: z.null() } },
  }, async (request, reply) => {
    const presented = presentedSecret(request);
    if (presented?.kind === 'session') await endSession(handle, presented.secret);
    clearSessionCookie(reply, context.secureCookies);
    return reply.status(204).send(null);
  });

  typed.post('/api/v1/auth/organization', {
    config: { permission: 'authenticated' },
    schema: { tags: ['auth'], summary: 'Switch the session to another organization the user belongs to', body: SwitchOrganizationBody, response: { 200: SessionResponse, 400: ErrorBody, 403: ErrorBody } },
  }, async (request) => {
    const auth = authOf(request);
    const language = languageOf(request.headers['accept-language']);
    if (auth.via !== 'session' || !auth.sessionId) throw new HttpError(400, 'not_a_session', translate(language, 'auth.problem.unauthenticated'));
    const switched = await switchSessionOrganization(handle, { sessionId: auth.sessionId, userId: auth.userId, organizationId: request.body.organizationId });
    if (!switched) throw new HttpError(403, 'organization_not_member', translate(language, 'auth.problem.organization_not_member', { organization: request.body.organizationId }));
    const presented = presentedSecret(request);
    const principal = presented ? await resolveSession(handle, presented.secret) : null;
    if (principal) request.auth = requestAuthOf(principal);
    return sessionBody(request);
  });

  typed.get('/api/v1/users', {
    config: { permission: 'users:read' },
    schema: { tags: ['administration'], summary: 'Users of the organization with their roles', response: { 200: UserList } },
  }, async (request) => ({ items: await listOrganizationMembers(handle, authOf(request).organizationId) }));

  typed.post('/api/v1/users', {
    config: { permission: 'users:write' },
    schema: { tags: ['administration'], summary: 'Create a user in the organization', body: CreateUserBody, response: { 201: UserRecord, 400: ErrorBody, 409: ErrorBody } },
  }, async (request, reply) => {
    const outcome = await createUser(handle, { ...request.body, organizationId: authOf(request).organizationId, actor: actorOf(request) });
    if (!outcome.ok) throw userProblem(languageOf(request.headers['accept-language']), outcome.problem);
    return reply.status(201).send(outcome.value);
  });

  typed.patch('/api/v1/users/:id', {
    config: { permission: 'users:write' },
    schema: { tags: ['administration'], summary: 'Change a member\'s role, activity or profile (audited with before/after)', params: z.object({ id: z.string().max(100) }), body: UpdateUserBody, response: { 200: UserRecord, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, async (request) => {
    const outcome = await updateOrganizationMember(handle, { ...request.body, organizationId: authOf(request).organizationId, userId: request.params.id, actor: actorOf(request) });
    if (!outcome.ok) throw userProblem(languageOf(request.headers['accept-language']), outcome.problem);
    return outcome.value;
  });

  typed.post('/api/v1/users/:id/password', {
    config: { permission: 'users:write' },
    schema: { tags: ['administration'], summary: 'An administrator sets a member\'s new password (their sessions end)', params: z.object({ id: z.string().max(100) }), body: ResetPasswordBody, response: { 204: z.null(), 400: ErrorBody, 404: ErrorBody } },
  }, async (request, reply) => {
    const outcome = await resetMemberPassword(handle, { organizationId: authOf(request).organizationId, userId: request.params.id, password: request.body.password, reason: request.body.reason ?? null, actor: actorOf(request) });
    if (!outcome.ok) throw userProblem(languageOf(request.headers['accept-language']), outcome.problem);
    return reply.status(204).send(null);
  });

  typed.get('/api/v1/tokens', {
    config: { permission: 'users:read' },
    schema: { tags: ['administration'], summary: 'API tokens of the organization (never their secrets)', response: { 200: ApiTokenList } },
  }, async (request) => ({ items: await listApiTokens(handle, authOf(request).organizationId) }));

  typed.post('/api/v1/tokens', {
    config: { permission: 'authenticated' },
    schema: { tags: ['administration'], summary: 'Create an API token acting as the caller (the secret is shown once)', body: CreateApiTokenBody, response: { 201: CreatedApiToken, 400: ErrorBody, 409: ErrorBody } },
  }, async (request, reply) => {
    const auth = authOf(request);
    const language = languageOf(request.headers['accept-language']);
    const outcome = await createApiToken(handle, { organizationId: auth.organizationId, userId: auth.userId, name: request.body.name, actor: actorOf(request) });
    if (!outcome.ok) throw new HttpError(outcome.problem === 'name_taken' ? 409 : 400, outcome.problem, translate(language, `auth.problem.${outcome.problem}`));
    return reply.status(201).send({ id: outcome.id, name: request.body.name.trim(), secret: outcome.secret });
  });

  typed.delete('/api/v1/tokens/:id', {
    config: { permission: 'users:write' },
    schema: { tags: ['administration'], summary: 'Revoke an API token', params: z.object({ id: z.string().max(100) }), response: { 204: z.null(), 404: ErrorBody } },
  }, async (request, reply) => {
    const revoked = await revokeApiToken(handle, { organizationId: authOf(request).organizationId, tokenId: request.params.id, actor: actorOf(request) });
    if (!revoked) throw new HttpError(404, 'not_found', translate(languageOf(request.headers['accept-language']), 'error.not_found', { detail: `token ${request.params.id}` }));
    return reply.status(204).send(null);
  });

  typed.get('/api/v1/audit', {
    config: { permission: 'audit:read' },
    schema: { tags: ['administration'], summary: 'Audit trail: who changed what, when, before/after and why', querystring: AuditQuery, response: { 200: AuditPage } },
  }, async (request) => {
    const { page, pageSize, ...filters } = request.query;
    const result = await listAuditEntries(handle.db, { organizationId: authOf(request).organizationId, page, pageSize, ...filters });
    return { items: result.items, page, pageSize, total: result.total };
  });
}
