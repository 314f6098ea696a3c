import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { ensureOrganization } from '../organizations/ensure-organization';
import { listAuditEntries } from '../auth/audit';
import { IntegrationWebhookInputError, addIntegrationWebhook, deleteIntegrationWebhook, integrationEmitWebhookEvent, integrationVerifyWebhook } from './webhooks';
import { listIntegrationWebhookDeliveries, runDeliverIntegrationWebhooks } from './deliver-webhooks';
import {
  checkIntegrationWebhookTarget, checkIntegrationWebhookUrl, integrationWebhookUrlPolicyFromEnv, isPublicIntegrationAddress, type IntegrationWebhookUrlPolicy,
} from './webhook-url-policy';

const STRICT: IntegrationWebhookUrlPolicy = { allowPrivate: false, allowedHosts: [] };
const refusalOf = (url: string, policy = STRICT) => {
  const checked = checkIntegrationWebhookUrl(url, policy);
  return checked.ok ? null : { problem: checked.problem, value: checked.value };
};

describe('webhook URL policy (form)', () => {
  it('classifies addresses: loopback, private (RFC 1918), CGNAT, link-local (cloud metadata), ULA, IPv4-mapped IPv6 are not public', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '100.64.0.1', '169.254.169.254', '0.0.0.0', '::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '224.0.0.1']) {
      expect(isPublicIntegrationAddress(address), address).toBe(false);
    }
    for (const address of ['8.8.8.8', '172.32.0.1', '93.184.215.14', '2606:4700::1111', '::ffff:8.8.8.8']) expect(isPublicIntegrationAddress(address), address).toBe(true);
    expect(isPublicIntegrationAddress('not-an-ip')).toBe(false);
  });

  it('refuses other schemes, credentials in the URL, private IP literals in any spelling, and localhost names', () => {
    expect(refusalOf('ftp://erp.example.test/hook')).toEqual({ problem: 'scheme_not_allowed', value: 'ftp' });
    expect(refusalOf('file:///etc/passwd')).toEqual({ problem: 'scheme_not_allowed', value: 'file' });
    expect(refusalOf('not a url')).toEqual({ problem: 'invalid_url', value: 'not a url' });
    expect(refusalOf('https://user:secret@erp.example.test/hook')).toEqual({ problem: 'credentials_in_url', value: 'https://erp.example.test' });
    expect(refusalOf('https://token@erp.example.test/hook')?.problem).toBe('credentials_in_url');
    // The URL parser normalises decimal and hex IPv4 spellings: 2130706433 = 0x7f000001 = 127.0.0.1.
    expect(refusalOf('http://2130706433/hook')).toEqual({ problem: 'private_address', value: '127.0.0.1' });
    expect(refusalOf('http://0x7f.1/hook')).toEqual({ problem: 'private_address', value: '127.0.0.1' });
    expect(refusalOf('http://[::1]:8080/hook')).toEqual({ problem: 'private_address', value: '::1' });
    expect(refusalOf('http://[::ffff:127.0.0.1]/hook')?.problem).toBe('private_address');
    expect(refusalOf('http://169.254.169.254/latest/meta-data')?.problem).toBe('private_address');
    expect(refusalOf('http://localhost:3000/hook')).toEqual({ problem: 'private_address', value: 'localhost' });
    expect(refusalOf('http://api.localhost/hook')?.problem).toBe('private_address');
    expect(refusalOf('https://erp.example.test/hook')).toBeNull();
    expect(refusalOf('http://8.8.8.8/hook')).toBeNull();
  });

  it('lets the operator allow private targets: all of them, or named hosts and CIDR ranges', () => {
    expect(refusalOf('http://127.0.0.1:9000/hook', { allowPrivate: true, allowedHosts: [] })).toBeNull();
    const listed: IntegrationWebhookUrlPolicy = { allowPrivate: false, allowedHosts: ['10.20.0.0/16', 'erp.internal', '192.168.1.5'] };
    expect(refusalOf('http://10.20.3.4/hook', listed)).toBeNull();
    expect(refusalOf('http://10.21.0.1/hook', listed)?.problem).toBe('private_address');
    expect(refusalOf('http://192.168.1.5/hook', listed)).toBeNull();
    expect(refusalOf('http://192.168.1.6/hook', listed)?.problem).toBe('private_address');
    // Still never another scheme or credentials.
    expect(refusalOf('ftp://10.20.3.4/hook', listed)?.problem).toBe('scheme_not_allowed');
    expect(refusalOf('http://u:p@127.0.0.1/hook', { allowPrivate: true, allowedHosts: [] })?.problem).toBe('credentials_in_url');
  });

  it('reads the policy from the environment', () => {
    expect(integrationWebhookUrlPolicyFromEnv({})).toEqual({ allowPrivate: false, allowedHosts: [] });
    expect(integrationWebhookUrlPolicyFromEnv({ FLOWPILOT_WEBHOOK_ALLOW_PRIVATE: '1', FLOWPILOT_WEBHOOK_ALLOW_HOSTS: ' ERP.internal, 10.0.0.0/8 ,' }))
      .toEqual({ allowPrivate: true, allowedHosts: ['erp.internal', '10.0.0.0/8'] });
    expect(integrationWebhookUrlPolicyFromEnv({ FLOWPILOT_WEBHOOK_ALLOW_PRIVATE: '0' }).allowPrivate).toBe(false);
  });
});

describe('webhook URL policy (target, resolved at delivery)', () => {
  const resolvingTo = (addresses: string[]): IntegrationWebhookUrlPolicy => ({ allowPrivate: false, allowedHosts: [], resolveHost: async () => addresses });

  it('refuses a host any of whose addresses is private, and one that does not resolve; allowed names skip the lookup', async () => {
    expect(await checkIntegrationWebhookTarget('https://erp.example.test/hook', resolvingTo(['203.0.113.10']))).toBeNull();
    expect(await checkIntegrationWebhookTarget('https://erp.example.test/hook', resolvingTo(['203.0.113.10', '10.0.0.5'])))
      .toEqual({ problem: 'private_address', value: 'erp.example.test → 10.0.0.5' });
    expect(await checkIntegrationWebhookTarget('https://erp.example.test/hook', { allowPrivate: false, allowedHosts: [], resolveHost: async () => { throw new Error('ENOTFOUND'); } }))
      .toEqual({ problem: 'unresolvable_host', value: 'erp.example.test' });
    expect(await checkIntegrationWebhookTarget('https://erp.example.test/hook', resolvingTo([]))).toEqual({ problem: 'unresolvable_host', value: 'erp.example.test' });
    let lookups = 0;
    const named: IntegrationWebhookUrlPolicy = { allowPrivate: false, allowedHosts: ['erp.internal'], resolveHost: async () => { lookups++; return ['10.0.0.5']; } };
    expect(await checkIntegrationWebhookTarget('https://erp.internal/hook', named)).toBeNull();
    expect(lookups).toBe(0);
    expect(await checkIntegrationWebhookTarget('https://erp.example.test/hook', { ...resolvingTo(['10.0.0.5']), allowedHosts: ['10.0.0.0/24'] })).toBeNull();
  });
});

describe('webhook URL policy on subscription and delivery', () => {
  const ORG = 'org-hooks';
  const LOCAL_ORG = 'org-hooks-local';
  let handle: DatabaseHandle;
  let receiver: Server;
  let receiverUrl = '';
  const received: { body: string; signature: string }[] = [];

  beforeAll(async () => {
    handle = await createTestDatabase();
    await ensureOrganization(handle.db, ORG);
    await ensureOrganization(handle.db, LOCAL_ORG);
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
      request.on('end', () => {
        received.push({ body, signature: String(request.headers['flowpilot-signature']) });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver?.close(resolve));
    await handle?.close();
  });

  it('refuses to subscribe a private URL unless allowed, with the problem as data; audits every subscription change', async () => {
    const actor = { userId: 'u_1', email: 'buyer@org.test', via: 'session' as const };
    await expect(addIntegrationWebhook(handle, { organizationId: ORG, url: receiverUrl, events: ['plan.published'], urlPolicy: STRICT, actor }))
      .rejects.toMatchObject({ problem: 'private_address', value: '127.0.0.1' });
    await expect(addIntegrationWebhook(handle, { organizationId: ORG, url: 'https://a:b@erp.example.test/', events: ['plan.published'], urlPolicy: STRICT, actor }))
      .rejects.toBeInstanceOf(IntegrationWebhookInputError);
    const hook = await addIntegrationWebhook(handle, { organizationId: ORG, url: 'https://erp.example.test/hook', events: ['plan.published'], urlPolicy: STRICT, actor, reason: 'ERP go-live' });
    expect(await deleteIntegrationWebhook(handle, ORG, hook.id, { actor, reason: 'replaced' })).toBe(true);
    const audit = await listAuditEntries(handle.db, { organizationId: ORG, entity: 'webhook_subscription', page: 1, pageSize: 10 });
    expect(audit.items.map((e) => ({ action: e.action, key: e.entityKey, by: e.userEmail, via: e.via, before: e.before, after: e.after, reason: e.reason }))).toEqual([
      { action: 'delete', key: hook.id, by: 'buyer@org.test', via: 'session', before: { url: 'https://erp.example.test/hook', events: ['plan.published'], active: true }, after: null, reason: 'replaced' },
      { action: 'create', key: hook.id, by: 'buyer@org.test', via: 'session', before: null, after: { url: 'https://erp.example.test/hook', events: ['plan.published'], active: true }, reason: 'ERP go-live' },
    ]);
    // The secret never reaches the audit trail.
    expect(JSON.stringify(audit.items)).not.toContain(hook.secret);
  });

  it('checks the target again at delivery: a host whose DNS now points inside is not called', async () => {
    await addIntegrationWebhook(handle, { organizationId: ORG, url: 'https://rebind.example.test/hook', events: ['shipment.dispatched'], urlPolicy: { ...STRICT, resolveHost: async () => ['203.0.113.10'] } });
    await integrationEmitWebhookEvent(handle.db, ORG, 'shipment.dispatched', { shipmentNumber: 'SH-1' });
    let calls = 0;
    const fetchImpl = (async () => { calls++; return new Response(null, { status: 204 }); }) as typeof fetch;
    const outcome = await runDeliverIntegrationWebhooks(handle, { organizationId: ORG, now: new Date('2026-11-24T10:00:00Z'), fetchImpl, urlPolicy: { ...STRICT, resolveHost: async () => ['127.0.0.1'] } });
    expect(outcome).toEqual({ attempted: 1, delivered: 0, retrying: 1, failed: 0 });
    expect(calls).toBe(0);
    const [delivery] = await listIntegrationWebhookDeliveries(handle, ORG);
    expect(delivery?.lastError).toContain('private_address: rebind.example.test → 127.0.0.1');
  });

  it('delivers to a local receiver only when the operator allows private targets', async () => {
    const allowed: IntegrationWebhookUrlPolicy = { allowPrivate: true, allowedHosts: [] };
    const hook = await addIntegrationWebhook(handle, { organizationId: LOCAL_ORG, url: receiverUrl, events: ['purchase_order.approved'], urlPolicy: allowed, secret: 'whsec_test_0123456789' });
    await integrationEmitWebhookEvent(handle.db, LOCAL_ORG, 'purchase_order.approved', { orderNumber: 'PO-1' });
    const now = new Date();
    // Without the allowance (e.g. the environment changed since), the real fetch is never made.
    const refused = await runDeliverIntegrationWebhooks(handle, { organizationId: LOCAL_ORG, now, urlPolicy: STRICT, baseDelaySeconds: 0 });
    expect(refused).toMatchObject({ attempted: 1, delivered: 0 });
    expect(received).toHaveLength(0);
    const delivered = await runDeliverIntegrationWebhooks(handle, { organizationId: LOCAL_ORG, now: new Date(now.getTime() + 1000), urlPolicy: allowed });
    expect(delivered).toMatchObject({ attempted: 1, delivered: 1 });
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]!.body)).toMatchObject({ type: 'purchase_order.approved', data: { orderNumber: 'PO-1' } });
    expect(integrationVerifyWebhook(hook.secret, received[0]!.signature, received[0]!.body, Math.floor(now.getTime() / 1000) + 1)).toBe(true);
  });
});
