import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database, DatabaseHandle } from '@flowpilot/db';
import { newIntegrationId } from './integration-ids';
import { recordAuditEntry, type AuditActor } from '../auth/audit';
import { checkIntegrationWebhookUrl, integrationWebhookUrlPolicyFromEnv, type IntegrationWebhookUrlPolicy, type IntegrationWebhookUrlProblem } from './webhook-url-policy';

export const INTEGRATION_WEBHOOK_EVENTS = ['plan.published', 'purchase_order.approved', 'shipment.dispatched'] as const;
export type IntegrationWebhookEvent = (typeof INTEGRATION_WEBHOOK_EVENTS)[number];

export type IntegrationWebhookSubscription = { id: string; url: string; events: IntegrationWebhookEvent[]; active: boolean; createdAt: string };

/** The signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the subscription's secret>`. */
export const INTEGRATION_SIGNATURE_HEADER = 'flowpilot-signature';

/**
 * Signs a webhook body: HMAC-SHA256 over `${timestampSeconds}.${body}` with the shared secret, hex.
 * Source: RFC 2104 (HMAC), FIPS 180-4 (SHA-256); the timestamp in the signed text defeats replays.
 * Example: signature of '{"a":1}' at t=1700000000 with secret 'whsec_test_0123456789' — see webhooks.test.ts.
 */
export function integrationSignWebhook(secret: string, timestampSeconds: number, body: string): string {
  const v1 = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${v1}`;
}

/** Verifies a signature header (constant-time) and its age; what a receiver runs. */
export function integrationVerifyWebhook(secret: string, header: string, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(integrationSignWebhook(secret, t, body).split('v1=')[1]!, 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Who changed a subscription when the caller names nobody: the command line, which has no login. */
export const INTEGRATION_CLI_ACTOR: AuditActor = { userId: null, email: null, via: 'cli' };

/** Problems with a subscription request, as message keys under integration.webhook.*. */
export class IntegrationWebhookInputError extends Error {
  constructor(readonly problem: IntegrationWebhookUrlProblem | 'unknown_event' | 'secret_too_short' | 'no_event', readonly value: string) {
    super(`${problem}: ${value}`);
    this.name = 'IntegrationWebhookInputError';
  }
}

/**
 * Adds a subscription; a secret of at least 16 characters is generated when none is given (returned once).
 * The URL must pass the webhook URL policy (http(s), no credentials, no private address unless allowed;
 * FLOWPILOT_WEBHOOK_ALLOW_PRIVATE / FLOWPILOT_WEBHOOK_ALLOW_HOSTS by default). Audited without the secret.
 */
export async function addIntegrationWebhook(handle: DatabaseHandle, input: { organizationId: string; url: string; events: readonly string[]; secret?: string; actor?: AuditActor; reason?: string | null; urlPolicy?: IntegrationWebhookUrlPolicy }): Promise<IntegrationWebhookSubscription & { secret: string }> {
  const checked = checkIntegrationWebhookUrl(input.url, input.urlPolicy ?? integrationWebhookUrlPolicyFromEnv());
  if (!checked.ok) throw new IntegrationWebhookInputError(checked.problem, checked.value);
  const url = checked.url;
  if (input.events.length === 0) throw new IntegrationWebhookInputError('no_event', '');
  for (const event of input.events) if (!(INTEGRATION_WEBHOOK_EVENTS as readonly string[]).includes(event)) throw new IntegrationWebhookInputError('unknown_event', event);
  const secret = input.secret ?? `whsec_${randomBytes(24).toString('hex')}`;
  if (secret.length < 16) throw new IntegrationWebhookInputError('secret_too_short', String(secret.length));
  const id = newIntegrationId('whk');
  const events = [...new Set(input.events)].sort() as IntegrationWebhookEvent[];
  const createdAt = await handle.db.transaction().execute(async (trx) => {
    const row = (await sql<{ created_at: Date }>`insert into webhook_subscription (id, organization_id, url, secret, events) values (${id}, ${input.organizationId}, ${url.toString()}, ${secret}, ${JSON.stringify(events)}::jsonb) returning created_at`.execute(trx)).rows[0];
    await recordAuditEntry(trx, { organizationId: input.organizationId, actor: input.actor ?? INTEGRATION_CLI_ACTOR, action: 'create', entity: 'webhook_subscription', entityKey: id,
      after: { url: url.toString(), events, active: true }, reason: input.reason ?? null });
    return row?.created_at ?? new Date();
  });
  return { id, url: url.toString(), events, active: true, createdAt: new Date(createdAt).toISOString(), secret };
}

export async function listIntegrationWebhooks(handle: DatabaseHandle, organizationId: string): Promise<IntegrationWebhookSubscription[]> {
  const rows = (await sql<{ id: string; url: string; events: IntegrationWebhookEvent[]; active: boolean; created_at: Date }>`select id, url, events, active, created_at from webhook_subscription where organization_id = ${organizationId} order by created_at, id`.execute(handle.db)).rows;
  return rows.map((r) => ({ id: r.id, url: r.url, events: r.events, active: r.active, createdAt: new Date(r.created_at).toISOString() }));
}

/** Deletes a subscription of the organization (audited with what it was); false when there is none with that id there. */
export async function deleteIntegrationWebhook(handle: DatabaseHandle, organizationId: string, id: string, options: { actor?: AuditActor; reason?: string | null } = {}): Promise<boolean> {
  return handle.db.transaction().execute(async (trx) => {
    const removed = (await sql<{ url: string; events: IntegrationWebhookEvent[]; active: boolean }>`delete from webhook_subscription where organization_id = ${organizationId} and id = ${id} returning url, events, active`.execute(trx)).rows[0];
    if (!removed) return false;
    await recordAuditEntry(trx, { organizationId, actor: options.actor ?? INTEGRATION_CLI_ACTOR, action: 'delete', entity: 'webhook_subscription', entityKey: id,
      before: { url: removed.url, events: removed.events, active: removed.active }, reason: options.reason ?? null });
    return true;
  });
}

/**
 * Writes an event to the outbox and one pending delivery per active subscription to it — call it with
 * the transaction that makes the change, so the event exists exactly when the change does (outbox pattern).
 */
export async function integrationEmitWebhookEvent(db: Kysely<Database>, organizationId: string, eventType: IntegrationWebhookEvent, payload: Record<string, unknown>): Promise<void> {
  const event = (await sql<{ id: string }>`insert into webhook_event (organization_id, event_type, payload) values (${organizationId}, ${eventType}, ${JSON.stringify(payload)}::jsonb) returning id::text`.execute(db)).rows[0];
  if (!event) return;
  await sql`insert into webhook_delivery (organization_id, event_id, subscription_id)
    select ${organizationId}, ${event.id}::bigint, id from webhook_subscription where organization_id = ${organizationId} and active and events ? ${eventType}`.execute(db);
}
