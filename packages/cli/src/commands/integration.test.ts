import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { readEancomOrderResponse, tokenizeEdifact, validateEdifactEnvelope } from '@flowpilot/core';
import { runCli } from '../testing/run-cli';
import { createCliTestEnv, type CliTestEnv } from '../testing/cli-test-env';

// `flowpilot edi …`, `map …`, `webhook …`, `erp-export` on the example company of examples/edi (interchanges
// written from the GS1 EANCOM 2002 S4 guidelines) and the generic ERP extracts of examples/erp-mappings.
const examples = resolve(import.meta.dirname, '../../../../examples');
let test: CliTestEnv;
beforeEach(async () => { test = await createCliTestEnv({ FLOWPILOT_AS_OF: '2026-11-23', FLOWPILOT_TODAY: '2026-11-24', FLOWPILOT_NOW: '2026-11-24T10:00:00Z' }); });
afterEach(async () => { await test.cleanup(); });

describe('flowpilot edi', () => {
  it('receives an order once, plans, answers with ORDRSP; a bad interchange exits 3 and writes nothing', async () => {
    const run = (args: string[]) => runCli(args, { env: test.env });
    expect((await run(['import', join(examples, 'edi/master-data')])).exitCode).toBe(0);
    expect((await run(['edi', 'ids', join(examples, 'edi/identifiers.csv')])).exitCode).toBe(0);
    const received = await run(['edi', 'receive', join(examples, 'edi/orders-from-customer.edi'), '--contrl', join(test.dir, 'contrl.edi'), '--json']);
    expect(received.exitCode).toBe(0);
    expect((JSON.parse(received.stdout) as { status: string }).status).toBe('accepted');
    expect(readFileSync(join(test.dir, 'contrl.edi'), 'utf8')).toContain("UCI+770001+5412345000013:14+3765432100007:14+7'");
    const again = await run(['edi', 'receive', join(examples, 'edi/orders-from-customer.edi')]);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('already processed');

    const rejected = await run(['edi', 'receive', join(examples, 'edi/orders-rejected.edi')]);
    expect(rejected.exitCode).toBe(3);
    expect(rejected.stdout).toContain('message ME000002, segment 17 (LIN), element 3, component 1: no item has GTIN or code "4006381333931"');

    expect((await run(['plan', '--horizon-weeks', '8'])).exitCode).toBe(0);
    const out = join(test.dir, 'ordrsp.edi');
    const sent = await run(['edi', 'send', 'ordrsp', 'CMD-77001', '--output', out]);
    expect(sent.exitCode).toBe(0);
    const response = readEancomOrderResponse(validateEdifactEnvelope(tokenizeEdifact(readFileSync(out, 'utf8')).segments).interchange.messages[0]!);
    expect(response.response?.lines.map((l) => [l.item.supplierItemCode, l.quantity, l.promisedDate])).toEqual([['FG-100', '24', '2026-12-01'], ['FG-200', '60', '2026-12-10']]);
    expect((await run(['edi', 'send', 'DESADV', 'NOPE'])).exitCode).toBe(4);
    const listed = JSON.parse((await run(['edi', 'list', '--json'])).stdout) as { total: number };
    expect(listed.total).toBe(3);

    const handle = await test.open();
    try {
      expect((await sql<{ n: number }>`select count(*)::int as n from sales_order where order_number like 'CMD-%'`.execute(handle.db)).rows[0]?.n).toBe(2);
    } finally {
      await handle.close();
    }
  }, 600_000);
});

describe('flowpilot map, webhook, erp-export', () => {
  it('saves and applies a mapping profile, subscribes a webhook and exports purchase orders once', async () => {
    const run = (args: string[]) => runCli(args, { env: test.env });
    expect((await run(['import', join(examples, 'edi/master-data')])).exitCode).toBe(0);
    expect((await run(['map', 'save', 'erp-orders', join(examples, 'erp-mappings/generic-erp-open-orders.profile.json'), '--name', 'ERP open orders'])).exitCode).toBe(0);
    expect((await run(['map', 'list'])).stdout).toContain('erp-orders');
    const applied = await run(['map', 'apply', 'erp-orders', join(examples, 'erp-mappings/generic-erp-open-orders.csv')]);
    expect(applied.exitCode).toBe(0);
    expect((await run(['map', 'apply', 'nope', join(examples, 'erp-mappings/generic-erp-open-orders.csv')])).exitCode).toBe(4);

    const added = await run(['webhook', 'add', 'https://erp.example.test/hook', '--event', 'shipment.dispatched', '--event', 'plan.published', '--json']);
    expect(added.exitCode).toBe(0);
    expect((JSON.parse(added.stdout) as { events: string[] }).events).toEqual(['plan.published', 'shipment.dispatched']);
    expect((await run(['webhook', 'add', 'https://x.test', '--event', 'nope'])).exitCode).toBe(2);
    // The URL policy comes from the config file as well as from the environment (the file named by FLOWPILOT_CONFIG).
    const refused = await run(['webhook', 'add', 'http://127.0.0.1:9/hook', '--event', 'plan.published']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('127.0.0.1');
    const configPath = join(test.dir, 'flowpilot.config.json');
    writeFileSync(configPath, JSON.stringify({ webhookAllowHosts: '127.0.0.1' }));
    const allowed = await runCli(['webhook', 'add', 'http://127.0.0.1:9/hook', '--event', 'plan.published', '--json'], { env: { ...test.env, FLOWPILOT_CONFIG: configPath } });
    expect(allowed.exitCode).toBe(0);
    expect((JSON.parse(allowed.stdout) as { url: string }).url).toBe('http://127.0.0.1:9/hook');

    const outDir = join(test.dir, 'erp');
    const exported = await run(['erp-export', '--out', outDir, '--json']);
    expect(exported.exitCode).toBe(0);
    expect((JSON.parse(exported.stdout) as { documentCount: number }).documentCount).toBe(2);
    expect((await run(['erp-export', '--out', outDir])).stdout).toContain('Nothing new');
    expect(readdirSync(outDir)).toHaveLength(1);
  }, 600_000);
});
