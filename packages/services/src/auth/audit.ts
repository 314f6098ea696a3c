import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '@flowpilot/db';

/** Who did something: a user through a session or an API token, or a command-line operator. */
export type AuditActor = { userId: string | null; email: string | null; via: 'session' | 'token' | 'cli' | 'system' };

export type AuditEntry = {
  organizationId: string;
  actor: AuditActor;
  action: string;
  entity: string;
  entityKey: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
};

/** How many audit entries the work of one scope (an HTTP request) recorded; see runInAuditScope. */
export type AuditScope = { entries: number };
const auditScopes = new AsyncLocalStorage<AuditScope>();

/**
 * Runs `fn` with an audit scope: every recordAuditEntry made by it (and the async work it starts) is
 * counted, so the server can tell a write request that recorded its own entry from one that did not.
 */
export function runInAuditScope<T>(scope: AuditScope, fn: () => T): T {
  return auditScopes.run(scope, fn);
}

/** Records one write in the audit trail, in the caller's transaction so the trail and the change commit together. */
export async function recordAuditEntry(db: Kysely<Database> | Transaction<Database>, entry: AuditEntry): Promise<void> {
  const scope = auditScopes.getStore();
  if (scope) scope.entries++;
  await sql`insert into audit_log (organization_id, user_id, user_email, via, action, entity, entity_key, before, after, reason)
    values (${entry.organizationId}, ${entry.actor.userId}, ${entry.actor.email}, ${entry.actor.via}, ${entry.action}, ${entry.entity}, ${entry.entityKey},
      ${entry.before === undefined ? null : JSON.stringify(entry.before)}::jsonb, ${entry.after === undefined ? null : JSON.stringify(entry.after)}::jsonb, ${entry.reason ?? null})`.execute(db);
}

export type AuditRecord = {
  id: string; userId: string | null; userEmail: string | null; via: string | null; action: string; entity: string; entityKey: string;
  before: unknown; after: unknown; reason: string | null; createdAt: string;
};

export type AuditQuery = { organizationId: string; entity?: string; entityKey?: string; userId?: string; from?: string; to?: string; page: number; pageSize: number };

/** The organization's audit trail, newest first, filtered by entity, key, user and date range (inclusive days, UTC). */
export async function listAuditEntries(db: Kysely<Database>, query: AuditQuery): Promise<{ items: AuditRecord[]; total: number }> {
  const where = sql`organization_id = ${query.organizationId}
    and (${query.entity ?? null}::text is null or entity = ${query.entity ?? null})
    and (${query.entityKey ?? null}::text is null or entity_key = ${query.entityKey ?? null})
    and (${query.userId ?? null}::text is null or user_id = ${query.userId ?? null})
    and (${query.from ?? null}::date is null or created_at >= ${query.from ?? null}::date)
    and (${query.to ?? null}::date is null or created_at < ${query.to ?? null}::date + 1)`;
  const total = Number((await sql<{ n: string }>`select count(*) as n from audit_log where ${where}`.execute(db)).rows[0]?.n ?? 0);
  const rows = (await sql<{ id: string; user_id: string | null; user_email: string | null; via: string | null; action: string; entity: string; entity_key: string; before: unknown; after: unknown; reason: string | null; created_at: string }>`
    select id::text, user_id, user_email, via, action, entity, entity_key, before, after, reason, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at
    from audit_log where ${where} order by created_at desc, id desc limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`.execute(db)).rows;
  return {
    total,
    items: rows.map((r) => ({ id: r.id, userId: r.user_id, userEmail: r.user_email, via: r.via, action: r.action, entity: r.entity, entityKey: r.entity_key, before: r.before, after: r.after, reason: r.reason, createdAt: r.created_at })),
  };
}
