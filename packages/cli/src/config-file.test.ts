import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyConfigFile } from './config-file';

const dir = mkdtempSync(join(tmpdir(), 'fp-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('config file', () => {
  it('fills unset variables from flowpilot.config.json; the environment wins', () => {
    writeFileSync(join(dir, 'flowpilot.config.json'), JSON.stringify({ port: 8080, organization: 'client-1', secureCookies: true, language: 'fr', webhookAllowPrivate: true, webhookAllowHosts: 'erp.local,10.1.0.0/16' }));
    const outcome = applyConfigFile({ FLOWPILOT_LANG: 'en' }, dir);
    expect(outcome).toMatchObject({ ok: true, path: join(dir, 'flowpilot.config.json') });
    if (outcome.ok) {
      expect(outcome.env).toMatchObject({ PORT: '8080', FLOWPILOT_ORG: 'client-1', FLOWPILOT_SECURE_COOKIES: '1', FLOWPILOT_LANG: 'en' });
      expect(outcome.env).toMatchObject({ FLOWPILOT_WEBHOOK_ALLOW_PRIVATE: '1', FLOWPILOT_WEBHOOK_ALLOW_HOSTS: 'erp.local,10.1.0.0/16' });
    }
  });

  it('names an unknown key, bad JSON, and a missing FLOWPILOT_CONFIG file', () => {
    writeFileSync(join(dir, 'bad-key.json'), JSON.stringify({ prot: 8080 }));
    expect(applyConfigFile({ FLOWPILOT_CONFIG: 'bad-key.json' }, dir)).toMatchObject({ ok: false, message: expect.stringContaining('unknown key "prot"') });
    writeFileSync(join(dir, 'bad.json'), '{ port: ');
    expect(applyConfigFile({ FLOWPILOT_CONFIG: 'bad.json' }, dir)).toMatchObject({ ok: false, message: expect.stringContaining('not valid JSON') });
    expect(applyConfigFile({ FLOWPILOT_CONFIG: 'nope.json' }, dir)).toMatchObject({ ok: false, message: expect.stringContaining('not found') });
    expect(applyConfigFile({}, join(dir, 'nothing-here'))).toMatchObject({ ok: true, path: null });
  });
});
