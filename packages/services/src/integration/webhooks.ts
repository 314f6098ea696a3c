import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database, DatabaseHandle } from '@flowpilot/db';
import { newIntegrationId } from './integration-ids';

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

/** Problems with a subscription request, as message keys under integration.webhook.*. */
export class IntegrationWebhookInputError extends Error {
  constructor(readonly problem: 'invalid_url' | 'unknown_event' | 'secret_too_short' | 'no_event', readonly value: string) {
    super(`${problem}: ${value}`);
    this.name = 'IntegrationWebhookInputError';
  }
}

/** Adds a subscription; a secret of at least 16 characters is generated when none is given (returned once). */
export async function addIntegrationWebhook(handle: DatabaseHandle, input: { organizationId: string; url: string; events: readonly string[]; secret?: string }): Promise<IntegrationWebhookSubscription & { secret: string }> {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw new IntegrationWebhookInputError('invalid_url', input.url);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new IntegrationWebhookInputError('invalid_url', input.url);
  if (input.events.length === 0) throw new IntegrationWebhookInputError('no_event', '');
  for (const event of input.events) if (!(INTEGRATION_WEBHOOK_EVENTS as readonly string[]).includes(event)) throw new IntegrationWebhookInputError('unknown_event', event);
  const secret = input.secret ?? `whsec_${randomBytes(24).toString('hex')}`;
  if (secret.length < 16) throw new IntegrationWebhookInputError('secret_too_short', String(secret.length));
  const id = newIntegrationId('whk');
  const events = [...new Set(input.events)].sort() as IntegrationWebhookEvent[];
  const row = (await sql<{ created_at: Date }>`insert into webhook_subscription (id, organization_id, url, secret, events) values (${id}, ${input.organizationId}, ${url.toString()}, ${secret}, ${JSON.stringify(events)}::jsonb) returning created_at`.execute(handle.db)).rows[0];
  return { id, url: url.toString(), events, active: true, createdAt: (row?.created_at ?? new Date()).toISOString(), secret };
}

export async function listIntegrationWebhooks(handle: DatabaseHandle, organizationId: string): Promise<IntegrationWebhookSubscription[]> {
  const rows = (await sql<{ id: string; url: string; events: IntegrationWebhookEvent[]; active: boolean; created_at: Date }>`select id, url, events, active, created_at from webhook_subscription where organization_id = ${organizationId} order by created_at, id`.execute(handle.db)).rows;
  return rows.map((r) => ({ id: r.id, url: r.url, events: r.events, active: r.active, createdAt: new Date(r.created_at).toISOString() }));
}

/** Deletes a subscription of the organization; false when there is none with that id there. */
export async function deleteIntegrationWebhook(handle: DatabaseHandle, organizationId: string, id: string): Promise<boolean> {
  const result = await sql`delete from webhook_subscription where organization_id = ${organizationId} and id = ${id}`.execute(handle.db);
  return Number(result.numAffectedRows ?? 0) > 0;
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
