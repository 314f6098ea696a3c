import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { runDeliverIntegrationWebhooks } from './deliver-webhooks';
import type { IntegrationWebhookUrlPolicy } from './webhook-url-policy';

export type WebhookDeliveryLoop = { stop(): Promise<void> };

/**
 * Delivers due webhook deliveries of every organization every `intervalSeconds` (default 30), so retries
 * with backoff happen without anyone running `flowpilot webhook deliver`. One round at a time; errors of a
 * round are reported to `onError` and the loop goes on. Several servers may run it: a delivery is claimed
 * inside runDeliverIntegrationWebhooks.
 */
export function startWebhookDeliveryLoop(handle: DatabaseHandle, options: { intervalSeconds?: number; onError?: (error: unknown) => void; now?: () => Date; fetchImpl?: typeof fetch; urlPolicy?: IntegrationWebhookUrlPolicy } = {}): WebhookDeliveryLoop {
  const intervalMs = (options.intervalSeconds ?? 30) * 1000;
  let running: Promise<void> | null = null;
  let stopped = false;
  const round = async (): Promise<void> => {
    const organizations = (await sql<{ organization_id: string }>`select distinct organization_id from webhook_subscription where active`.execute(handle.db)).rows;
    for (const { organization_id: organizationId } of organizations) {
      if (stopped) return;
      await runDeliverIntegrationWebhooks(handle, { organizationId, now: options.now?.() ?? new Date(), ...(options.fetchImpl ? { fetchImpl: options.fetchImpl } : {}), ...(options.urlPolicy ? { urlPolicy: options.urlPolicy } : {}) });
    }
  };
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = round().catch((error: unknown) => options.onError?.(error)).finally(() => { running = null; });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
