import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { ensureOrganization } from '../organizations/ensure-organization';
import { addIntegrationWebhook, integrationEmitWebhookEvent } from './webhooks';
import { startWebhookDeliveryLoop } from './webhook-delivery-loop';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  for (const org of ['org-a', 'org-b']) await ensureOrganization(handle.db, org);
});
afterAll(async () => { await handle?.close(); });

describe('background webhook delivery', () => {
  it('delivers every organization\'s due events without anyone running the command, and stops cleanly', async () => {
    await addIntegrationWebhook(handle, { organizationId: 'org-a', url: 'https://a.example.test/hook', events: ['plan.published'] });
    await addIntegrationWebhook(handle, { organizationId: 'org-b', url: 'https://b.example.test/hook', events: ['plan.published'] });
    await integrationEmitWebhookEvent(handle.db, 'org-a', 'plan.published', { runs: [] });
    await integrationEmitWebhookEvent(handle.db, 'org-b', 'plan.published', { runs: [] });
    const calls: string[] = [];
    const fetchImpl = (async (url: string | URL | Request) => { calls.push(String(url)); return new Response('ok', { status: 200 }); }) as typeof fetch;
    const loop = startWebhookDeliveryLoop(handle, { intervalSeconds: 0.05, fetchImpl, urlPolicy: { allowPrivate: false, allowedHosts: [], resolveHost: async () => ['203.0.113.10'] } });
    for (let i = 0; i < 100 && calls.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    await loop.stop();
    expect(calls.sort()).toEqual(['https://a.example.test/hook', 'https://b.example.test/hook']);
  });
});
