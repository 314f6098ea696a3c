import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import type { Role } from '@flowpilot/contract';
import { normalizeEmail } from './users';
import { verifyUserPassword } from './passwords';
import { recordAuditEntry, type AuditActor } from './audit';
import { invalidateCachedPrincipals } from './principal-cache';

/** Who a valid session or API token speaks for, in one organization. */
export type Principal = {
  userId: string; email: string; displayName: string; language: 'en' | 'fr' | null;
  organizationId: string; organizationName: string; role: Role;
  via: 'session' | 'token'; sessionId: string | null; csrfToken: string | null;
};

export const SESSION_TTL_HOURS = 12;
/** Login rate limits: failures within the window, per email and per client address (OWASP authentication cheat sheet: throttle). */
export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_ADDRESS = 30;

const sha256 = (secret: string): string => createHash('sha256').update(secret).digest('hex');
const newSecret = (): string => randomBytes(32).toString('base64url');

/** Starts a session; the caller gets the secret for the cookie and a CSRF token for its writes. */
export async function startSession(handle: DatabaseHandle, input: { userId: string; organizationId: string; ttlHours?: number }): Promise<{ secret: string; sessionId: string; csrfToken: string; expiresAt: string }> {
  const secret = newSecret();
  const sessionId = `s_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const csrfToken = newSecret();
  const ttl = input.ttlHours ?? SESSION_TTL_HOURS;
  const row = (await sql<{ expires_at: string }>`insert into user_session (id, secret_sha256, user_id, organization_id, csrf_token, expires_at)
    values (${sessionId}, ${sha256(secret)}, ${input.userId}, ${input.organizationId}, ${csrfToken}, now() + make_interval(hours => ${ttl}))
    returning to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as expires_at`.execute(handle.db)).rows[0];
  return { secret, sessionId, csrfToken, expiresAt: row?.expires_at ?? '' };
}

type PrincipalRow = { user_id: string; email: string; display_name: string; language: 'en' | 'fr' | null; organization_id: string; organization_name: string; role: Role };

/** The session's principal (sliding expiry: each use pushes the end back), or null when unknown, expired or deactivated. */
export async function resolveSession(handle: DatabaseHandle, secret: string): Promise<Principal | null> {
  const row = (await sql<PrincipalRow & { session_id: string; csrf_token: string; stale: boolean }>`
    select s.id as session_id, s.csrf_token, s.last_seen_at < now() - interval '1 minute' as stale,
      u.id as user_id, u.email, u.display_name, u.language, o.id as organization_id, o.name as organization_name, m.role
    from user_session s join app_user u on u.id = s.user_id
      join membership m on m.user_id = s.user_id and m.organization_id = s.organization_id
      join organization o on o.id = s.organization_id
    where s.secret_sha256 = ${sha256(secret)} and s.expires_at > now() and u.active and m.active`.execute(handle.db)).rows[0];
  if (!row) return null;
  if (row.stale) await sql`update user_session set last_seen_at = now(), expires_at = greatest(expires_at, now() + make_interval(hours => ${SESSION_TTL_HOURS})) where id = ${row.session_id}`.execute(handle.db);
  return principalOf(row, 'session', row.session_id, row.csrf_token);
}

function principalOf(row: PrincipalRow, via: 'session' | 'token', sessionId: string | null, csrfToken: string | null): Principal {
  return { userId: row.user_id, email: row.email, displayName: row.display_name, language: row.language, organizationId: row.organization_id, organizationName: row.organization_name, role: row.role, via, sessionId, csrfToken };
}

export async function endSession(handle: DatabaseHandle, secret: string): Promise<void> {
  const ended = (await sql<{ user_id: string }>`delete from user_session where secret_sha256 = ${sha256(secret)} returning user_id`.execute(handle.db)).rows[0];
  if (ended) invalidateCachedPrincipals({ userId: ended.user_id });
}

/** Moves a session to another organization the user belongs to; false when they do not belong to it. */
export async function switchSessionOrganization(handle: DatabaseHandle, input: { sessionId: string; userId: string; organizationId: string }): Promise<boolean> {
  const member = (await sql<{ ok: number }>`select 1 as ok from membership where user_id = ${input.userId} and organization_id = ${input.organizationId} and active`.execute(handle.db)).rows[0];
  if (!member) return false;
  await sql`update user_session set organization_id = ${input.organizationId} where id = ${input.sessionId}`.execute(handle.db);
  invalidateCachedPrincipals({ userId: input.userId });
  return true;
}

/** The organizations a user may switch to, with their role in each. */
export async function listUserOrganizations(handle: DatabaseHandle, userId: string): Promise<{ id: string; name: string; role: Role }[]> {
  return (await sql<{ id: string; name: string; role: Role }>`select o.id, o.name, m.role from membership m join organization o on o.id = m.organization_id
    where m.user_id = ${userId} and m.active order by o.name`.execute(handle.db)).rows;
}

export type LoginOutcome =
  | { ok: true; principal: Principal; secret: string; expiresAt: string }
  | { ok: false; problem: 'invalid_credentials' | 'rate_limited' | 'no_organization'; retryAfterSeconds?: number };

/**
 * Checks an email and password. Every attempt is recorded; after too many failures within the
 * window (per email, per client address) further attempts are refused without checking the
 * password. Unknown email and wrong password answer the same, and cost the same hash time.
 */
export async function logIn(handle: DatabaseHandle, input: { email: string; password: string; clientAddress: string; organizationId?: string }): Promise<LoginOutcome> {
  const email = normalizeEmail(input.email);
  const failures = (await sql<{ by_email: string; by_address: string }>`select
      count(*) filter (where email = ${email}) as by_email, count(*) filter (where client_address = ${input.clientAddress}) as by_address
    from login_attempt where not succeeded and attempted_at > now() - make_interval(mins => ${LOGIN_WINDOW_MINUTES})
      and (email = ${email} or client_address = ${input.clientAddress})`.execute(handle.db)).rows[0];
  if (Number(failures?.by_email ?? 0) >= MAX_FAILURES_PER_EMAIL || Number(failures?.by_address ?? 0) >= MAX_FAILURES_PER_ADDRESS) {
    return { ok: false, problem: 'rate_limited', retryAfterSeconds: LOGIN_WINDOW_MINUTES * 60 };
  }
  const user = (await sql<{ id: string; password_hash: string | null }>`select id, password_hash from app_user where email = ${email} and active`.execute(handle.db)).rows[0];
  // Same work whether or not the user exists, so response time does not reveal accounts.
  const valid = await verifyUserPassword(user?.password_hash ?? '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$9sTbSlTio3Biev89thdrlKKiCaYsjjYVJxGAL3swxpQ', input.password);
  await sql`insert into login_attempt (email, client_address, succeeded) values (${email}, ${input.clientAddress}, ${Boolean(user && valid)})`.execute(handle.db);
  if (!user || !valid) return { ok: false, problem: 'invalid_credentials' };
  const organizations = await listUserOrganizations(handle, user.id);
  const organization = input.organizationId ? organizations.find((o) => o.id === input.organizationId) : organizations[0];
  if (!organization) return { ok: false, problem: 'no_organization' };
  const session = await startSession(handle, { userId: user.id, organizationId: organization.id });
  const principal = await resolveSession(handle, session.secret);
  if (!principal) return { ok: false, problem: 'no_organization' };
  return { ok: true, principal, secret: session.secret, expiresAt: session.expiresAt };
}

export type ApiTokenInfo = { id: string; name: string; userEmail: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

/** Creates an API token for integrations; the secret (`fpt_…`) is shown once and only its hash is kept. */
export async function createApiToken(handle: DatabaseHandle, input: { organizationId: string; userId: string; name: string; actor: AuditActor }): Promise<{ ok: true; secret: string; id: string } | { ok: false; problem: 'name_taken' | 'name_empty' }> {
  const name = input.name.trim();
  if (!name) return { ok: false, problem: 'name_empty' };
  const secret = `fpt_${newSecret()}`;
  const id = `t_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const created = await handle.db.transaction().execute(async (trx) => {
    const row = (await sql<{ id: string }>`insert into api_token (id, organization_id, user_id, name, secret_sha256) values (${id}, ${input.organizationId}, ${input.userId}, ${name}, ${sha256(secret)})
      on conflict (organization_id, name) do nothing returning id`.execute(trx)).rows[0];
    if (!row) return false;
    await recordAuditEntry(trx, { organizationId: input.organizationId, actor: input.actor, action: 'create', entity: 'api_token', entityKey: name });
    return true;
  });
  return created ? { ok: true, secret, id } : { ok: false, problem: 'name_taken' };
}

export async function listApiTokens(handle: DatabaseHandle, organizationId: string): Promise<ApiTokenInfo[]> {
  return (await sql<ApiTokenInfo>`select t.id, t.name, u.email as "userEmail",
      to_char(t.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt",
      to_char(t.last_used_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "lastUsedAt",
      to_char(t.revoked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "revokedAt"
    from api_token t join app_user u on u.id = t.user_id where t.organization_id = ${organizationId} order by t.name`.execute(handle.db)).rows;
}

export async function revokeApiToken(handle: DatabaseHandle, input: { organizationId: string; tokenId: string; actor: AuditActor }): Promise<boolean> {
  const revokedFor = await handle.db.transaction().execute(async (trx) => {
    const row = (await sql<{ name: string; user_id: string }>`update api_token set revoked_at = coalesce(revoked_at, now()) where id = ${input.tokenId} and organization_id = ${input.organizationId} returning name, user_id`.execute(trx)).rows[0];
    if (!row) return null;
    await recordAuditEntry(trx, { organizationId: input.organizationId, actor: input.actor, action: 'revoke', entity: 'api_token', entityKey: row.name });
    return row.user_id;
  });
  if (revokedFor === null) return false;
  invalidateCachedPrincipals({ userId: revokedFor });
  return true;
}

/** The token's principal (acting as its user, with the user's current role in the token's organization), or null. */
export async function resolveApiToken(handle: DatabaseHandle, secret: string): Promise<Principal | null> {
  const row = (await sql<PrincipalRow & { token_id: string }>`
    select t.id as token_id, u.id as user_id, u.email, u.display_name, u.language, o.id as organization_id, o.name as organization_name, m.role
    from api_token t join app_user u on u.id = t.user_id
      join membership m on m.user_id = t.user_id and m.organization_id = t.organization_id
      join organization o on o.id = t.organization_id
    where t.secret_sha256 = ${sha256(secret)} and t.revoked_at is null and u.active and m.active`.execute(handle.db)).rows[0];
  if (!row) return null;
  await sql`update api_token set last_used_at = now() where id = ${row.token_id} and (last_used_at is null or last_used_at < now() - interval '1 minute')`.execute(handle.db);
  return principalOf(row, 'token', null, null);
}
