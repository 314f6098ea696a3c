import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { ROLES, type Role } from '@flowpilot/contract';
import { hashUserPassword, passwordProblem } from './passwords';
import { recordAuditEntry, type AuditActor } from './audit';
import { invalidateCachedPrincipals } from './principal-cache';

export type OrganizationMember = {
  userId: string; email: string; displayName: string; language: 'en' | 'fr' | null; role: Role; active: boolean; createdAt: string;
};

/** Why a user change was refused: outcomes as data, translated by the caller (`auth.problem.<code>`). */
export type UserProblem = 'email_invalid' | 'email_taken' | 'password_too_short' | 'password_too_long' | 'role_unknown' | 'not_found' | 'last_admin' | 'display_name_empty';
export type UserOutcome<T> = { ok: true; value: T } | { ok: false; problem: UserProblem };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

async function memberOf(handle: DatabaseHandle, organizationId: string, userId: string): Promise<OrganizationMember | null> {
  const row = (await sql<{ id: string; email: string; display_name: string; language: 'en' | 'fr' | null; role: Role; active: boolean; created_at: string }>`
    select u.id, u.email, u.display_name, u.language, m.role, (m.active and u.active) as active, to_char(u.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at
    from app_user u join membership m on m.user_id = u.id where m.organization_id = ${organizationId} and u.id = ${userId}`.execute(handle.db)).rows[0];
  return row ? { userId: row.id, email: row.email, displayName: row.display_name, language: row.language, role: row.role, active: row.active, createdAt: row.created_at } : null;
}

/** The organization's members, by email. */
export async function listOrganizationMembers(handle: DatabaseHandle, organizationId: string): Promise<OrganizationMember[]> {
  const rows = (await sql<{ id: string; email: string; display_name: string; language: 'en' | 'fr' | null; role: Role; active: boolean; created_at: string }>`
    select u.id, u.email, u.display_name, u.language, m.role, (m.active and u.active) as active, to_char(u.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at
    from app_user u join membership m on m.user_id = u.id where m.organization_id = ${organizationId} order by u.email`.execute(handle.db)).rows;
  return rows.map((row) => ({ userId: row.id, email: row.email, displayName: row.display_name, language: row.language, role: row.role, active: row.active, createdAt: row.created_at }));
}

export type CreateUserInput = {
  organizationId: string; email: string; displayName: string; password: string; role: Role; language?: 'en' | 'fr' | null; actor: AuditActor;
};

/**
 * Creates a user with an argon2id password hash and makes them a member of the organization.
 * An email already known (in any organization) is refused: adding an existing user to another
 * organization is `addOrganizationMember`, an operator's command-line action.
 */
export async function createUser(handle: DatabaseHandle, input: CreateUserInput): Promise<UserOutcome<OrganizationMember>> {
  const email = normalizeEmail(input.email);
  if (!EMAIL.test(email)) return { ok: false, problem: 'email_invalid' };
  if (!input.displayName.trim()) return { ok: false, problem: 'display_name_empty' };
  if (!ROLES.includes(input.role)) return { ok: false, problem: 'role_unknown' };
  const weak = passwordProblem(input.password);
  if (weak) return { ok: false, problem: weak === 'too_short' ? 'password_too_short' : 'password_too_long' };
  const passwordHash = await hashUserPassword(input.password);
  const userId = `u_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const created = await handle.db.transaction().execute(async (trx) => {
    const inserted = (await sql<{ id: string }>`insert into app_user (id, email, display_name, password_hash, language) values (${userId}, ${email}, ${input.displayName.trim()}, ${passwordHash}, ${input.language ?? null})
      on conflict (email) do nothing returning id`.execute(trx)).rows[0];
    if (!inserted) return false;
    await sql`insert into membership (user_id, organization_id, role) values (${userId}, ${input.organizationId}, ${input.role})`.execute(trx);
    await recordAuditEntry(trx, { organizationId: input.organizationId, actor: input.actor, action: 'create', entity: 'user', entityKey: email, after: { email, displayName: input.displayName.trim(), role: input.role, language: input.language ?? null } });
    return true;
  });
  if (!created) return { ok: false, problem: 'email_taken' };
  const member = await memberOf(handle, input.organizationId, userId);
  return member ? { ok: true, value: member } : { ok: false, problem: 'not_found' };
}

/** Gives an existing user (by email) a role in another organization, or changes it there. */
export async function addOrganizationMember(handle: DatabaseHandle, input: { organizationId: string; email: string; role: Role; actor: AuditActor }): Promise<UserOutcome<OrganizationMember>> {
  const email = normalizeEmail(input.email);
  if (!ROLES.includes(input.role)) return { ok: false, problem: 'role_unknown' };
  const user = (await sql<{ id: string }>`select id from app_user where email = ${email}`.execute(handle.db)).rows[0];
  if (!user) return { ok: false, problem: 'not_found' };
  await handle.db.transaction().execute(async (trx) => {
    await sql`insert into membership (user_id, organization_id, role) values (${user.id}, ${input.organizationId}, ${input.role})
      on conflict (user_id, organization_id) do update set role = excluded.role, active = true`.execute(trx);
    await recordAuditEntry(trx, { organizationId: input.organizationId, actor: input.actor, action: 'add_member', entity: 'user', entityKey: email, after: { role: input.role } });
  });
  invalidateCachedPrincipals({ userId: user.id });
  const member = await memberOf(handle, input.organizationId, user.id);
  return member ? { ok: true, value: member } : { ok: false, problem: 'not_found' };
}

export type UpdateMemberInput = { organizationId: string; userId: string; role?: Role; active?: boolean; displayName?: string; language?: 'en' | 'fr' | null; reason?: string | null; actor: AuditActor };

/**
 * Changes a member's role, activity (in this organization only) or profile; records before/after.
 * The organization keeps at least one active admin. Deactivating ends the member's sessions there.
 */
export async function updateOrganizationMember(handle: DatabaseHandle, input: UpdateMemberInput): Promise<UserOutcome<OrganizationMember>> {
  const before = await memberOf(handle, input.organizationId, input.userId);
  if (!before) return { ok: false, problem: 'not_found' };
  if (input.role !== undefined && !ROLES.includes(input.role)) return { ok: false, problem: 'role_unknown' };
  if (input.displayName !== undefined && !input.displayName.trim()) return { ok: false, problem: 'display_name_empty' };
  const losesAdmin = before.role === 'admin' && before.active && ((input.role !== undefined && input.role !== 'admin') || input.active === false);
  const outcome = await handle.db.transaction().execute(async (trx): Promise<UserProblem | null> => {
    if (losesAdmin) {
      const admins = Number((await sql<{ n: string }>`select count(*) as n from membership m join app_user u on u.id = m.user_id
        where m.organization_id = ${input.organizationId} and m.role = 'admin' and m.active and u.active and m.user_id <> ${input.userId}`.execute(trx)).rows[0]?.n ?? 0);
      if (admins === 0) return 'last_admin';
    }
    await sql`update membership set role = coalesce(${input.role ?? null}, role), active = coalesce(${input.active ?? null}::boolean, active)
      where organization_id = ${input.organizationId} and user_id = ${input.userId}`.execute(trx);
    if (input.displayName !== undefined || input.language !== undefined) {
      await sql`update app_user set display_name = coalesce(${input.displayName?.trim() ?? null}, display_name),
        language = case when ${input.language !== undefined} then ${input.language ?? null} else language end where id = ${input.userId}`.execute(trx);
    }
    if (input.active === false) await sql`delete from user_session where user_id = ${input.userId} and organization_id = ${input.organizationId}`.execute(trx);
    const after = { role: input.role ?? before.role, active: input.active ?? before.active, displayName: input.displayName?.trim() ?? before.displayName, language: input.language !== undefined ? input.language : before.language };
    await recordAuditEntry(trx, { organizationId: input.organizationId, actor: input.actor, action: 'update', entity: 'user', entityKey: before.email,
      before: { role: before.role, active: before.active, displayName: before.displayName, language: before.language }, after, reason: input.reason ?? null });
    return null;
  });
  if (outcome) return { ok: false, problem: outcome };
  // The role, activity and name a cached session carries are stale now.
  invalidateCachedPrincipals({ userId: input.userId });
  const member = await memberOf(handle, input.organizationId, input.userId);
  return member ? { ok: true, value: member } : { ok: false, problem: 'not_found' };
}

/** An admin sets a member's new password; every session of that user ends. The hash is never audited, only the fact. */
export async function resetMemberPassword(handle: DatabaseHandle, input: { organizationId: string; userId: string; password: string; actor: AuditActor; reason?: string | null }): Promise<UserOutcome<null>> {
  const member = await memberOf(handle, input.organizationId, input.userId);
  if (!member) return { ok: false, problem: 'not_found' };
  const weak = passwordProblem(input.password);
  if (weak) return { ok: false, problem: weak === 'too_short' ? 'password_too_short' : 'password_too_long' };
  const passwordHash = await hashUserPassword(input.password);
  await handle.db.transaction().execute(async (trx) => {
    await sql`update app_user set password_hash = ${passwordHash} where id = ${input.userId}`.execute(trx);
    await sql`delete from user_session where user_id = ${input.userId}`.execute(trx);
    await recordAuditEntry(trx, { organizationId: input.organizationId, actor: input.actor, action: 'reset_password', entity: 'user', entityKey: member.email, reason: input.reason ?? null });
  });
  invalidateCachedPrincipals({ userId: input.userId });
  return { ok: true, value: null };
}
