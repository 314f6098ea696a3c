import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { INTEGRATION_SIGNATURE_HEADER, integrationSignWebhook } from './webhooks';
import { checkIntegrationWebhookTarget, integrationWebhookUrlPolicyFromEnv, type IntegrationWebhookUrlPolicy } from './webhook-url-policy';

export type IntegrationDeliverOptions = {
  organizationId: string;
  /** The caller's clock: which deliveries are due, and the signature timestamp. */
  now: Date;
  /** Injected for tests; the global fetch by default. */
  fetchImpl?: typeof fetch;
  /** After this many failed attempts a delivery is marked failed (default 8). */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt (default 30 s), capped at 6 h. */
  baseDelaySeconds?: number;
  timeoutMs?: number;
  limit?: number;
  /** Where deliveries may go, checked again before each attempt (default: from the environment, see integrationWebhookUrlPolicyFromEnv). */
  urlPolicy?: IntegrationWebhookUrlPolicy;
};

export type IntegrationDeliverResult = { attempted: number; delivered: number; retrying: number; failed: number };

/**
 * Retry delay after the n-th failed attempt: base · 2^(n−1) seconds, capped at 6 hours (exponential backoff).
 * Example: base 30 s → 30, 60, 120, 240 … seconds after attempts 1, 2, 3, 4.
 */
export function integrationRetryDelaySeconds(failedAttempts: number, baseDelaySeconds = 30): number {
  return Math.min(baseDelaySeconds * 2 ** Math.max(0, failedAttempts - 1), 6 * 3600);
}

/**
 * Delivers the due webhook deliveries of an organization: POSTs the event JSON with the signature header,
 * records every attempt (status code or error, duration) in the delivery log; a 2xx answer marks it
 * delivered, anything else schedules a retry with exponential backoff until maxAttempts, then failed.
 * Rows are claimed with FOR UPDATE SKIP LOCKED so two workers never send the same delivery at once.
 * Before each attempt the URL is checked again against the URL policy, its host resolved afresh (DNS may
 * now point at a private address): a refused target is a failed attempt whose error says why, nothing is sent.
 */
export async function runDeliverIntegrationWebhooks(handle: DatabaseHandle, options: IntegrationDeliverOptions): Promise<IntegrationDeliverResult> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const maxAttempts = options.maxAttempts ?? 8;
  const urlPolicy = options.urlPolicy ?? integrationWebhookUrlPolicyFromEnv();
  const result: IntegrationDeliverResult = { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
  const due = (await sql<{ id: string; attempt_count: number; url: string; secret: string; event_id: string; event_type: string; payload: unknown; created_at: Date }>`
    select d.id::text, d.attempt_count, s.url, s.secret, e.id::text as event_id, e.event_type, e.payload, e.created_at
    from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id join webhook_event e on e.id = d.event_id
    where d.organization_id = ${options.organizationId} and d.status = 'pending' and (d.attempt_count = 0 or d.next_attempt_at <= ${options.now})
    order by d.next_attempt_at, d.id limit ${options.limit ?? 100}`.execute(handle.db)).rows;
  for (const delivery of due) {
    const claimed = await handle.db.transaction().execute(async (trx) => {
      const row = (await sql<{ attempt_count: number }>`select attempt_count from webhook_delivery where id = ${delivery.id}::bigint and status = 'pending' for update skip locked`.execute(trx)).rows[0];
      if (!row) return false;
      const body = JSON.stringify({ id: delivery.event_id, type: delivery.event_type, createdAt: new Date(delivery.created_at).toISOString(), organizationId: options.organizationId, data: delivery.payload });
      const timestamp = Math.floor(options.now.getTime() / 1000);
      const started = performance.now();
      let statusCode: number | null = null;
      let error: string | null = null;
      try {
        const refused = await checkIntegrationWebhookTarget(delivery.url, urlPolicy);
        if (refused) {
          throw new Error(refused.problem === 'unresolvable_host'
            ? `not sent: host ${refused.value} does not resolve (DNS)`
            : `not sent, refused by the webhook URL policy (${refused.problem}: ${refused.value}); an operator may allow it with FLOWPILOT_WEBHOOK_ALLOW_HOSTS or FLOWPILOT_WEBHOOK_ALLOW_PRIVATE=1`);
        }
        const response = await fetchImpl(delivery.url, {
          method: 'POST', body, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
          headers: { 'content-type': 'application/json', [INTEGRATION_SIGNATURE_HEADER]: integrationSignWebhook(delivery.secret, timestamp, body), 'flowpilot-event': delivery.event_type, 'flowpilot-delivery': delivery.id },
        });
        statusCode = response.status;
        if (!response.ok) error = `HTTP ${response.status}`;
      } catch (caught) {
        error = caught instanceof Error ? caught.message : String(caught);
      }
      const attempt = row.attempt_count + 1;
      const durationMs = Math.round(performance.now() - started);
      await sql`insert into webhook_delivery_attempt (delivery_id, attempt, attempted_at, status_code, error, duration_ms) values (${delivery.id}::bigint, ${attempt}, ${options.now}, ${statusCode}, ${error}, ${durationMs})`.execute(trx);
      if (error === null) {
        await sql`update webhook_delivery set status = 'delivered', attempt_count = ${attempt}, last_status_code = ${statusCode}, last_error = null, delivered_at = ${options.now} where id = ${delivery.id}::bigint`.execute(trx);
        result.delivered++;
      } else if (attempt >= maxAttempts) {
        await sql`update webhook_delivery set status = 'failed', attempt_count = ${attempt}, last_status_code = ${statusCode}, last_error = ${error} where id = ${delivery.id}::bigint`.execute(trx);
        result.failed++;
      } else {
        const next = new Date(options.now.getTime() + integrationRetryDelaySeconds(attempt, options.baseDelaySeconds) * 1000);
        await sql`update webhook_delivery set attempt_count = ${attempt}, last_status_code = ${statusCode}, last_error = ${error}, next_attempt_at = ${next} where id = ${delivery.id}::bigint`.execute(trx);
        result.retrying++;
      }
      return true;
    });
    if (claimed) result.attempted++;
  }
  return result;
}

export type IntegrationWebhookDeliveryRow = { id: string; eventType: string; eventId: string; subscriptionId: string; url: string; status: string; attemptCount: number; nextAttemptAt: string; lastStatusCode: number | null; lastError: string | null };

/** The delivery log of an organization, newest first. */
export async function listIntegrationWebhookDeliveries(handle: DatabaseHandle, organizationId: string, limit = 100): Promise<IntegrationWebhookDeliveryRow[]> {
  const rows = (await sql<{ id: string; event_type: string; event_id: string; subscription_id: string; url: string; status: string; attempt_count: number; next_attempt_at: Date; last_status_code: number | null; last_error: string | null }>`
    select d.id::text, e.event_type, e.id::text as event_id, d.subscription_id, s.url, d.status, d.attempt_count, d.next_attempt_at, d.last_status_code, d.last_error
    from webhook_delivery d join webhook_event e on e.id = d.event_id join webhook_subscription s on s.id = d.subscription_id
    where d.organization_id = ${organizationId} order by d.id desc limit ${limit}`.execute(handle.db)).rows;
  return rows.map((r) => ({ id: r.id, eventType: r.event_type, eventId: r.event_id, subscriptionId: r.subscription_id, url: r.url, status: r.status, attemptCount: r.attempt_count, nextAttemptAt: new Date(r.next_attempt_at).toISOString(), lastStatusCode: r.last_status_code, lastError: r.last_error }));
}
