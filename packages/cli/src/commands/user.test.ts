import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { logIn, resolveApiToken } from '@flowpilot/services';
import { createCliTestEnv, type CliTestEnv } from '../testing/cli-test-env';
import { runCli } from '../testing/run-cli';

let cli: CliTestEnv;
beforeAll(async () => { cli = await createCliTestEnv(); });
afterAll(async () => { await cli?.cleanup(); });

describe('flowpilot user', () => {
  it('creates the first admin of a new organization, who can then log in; refuses a weak password and a duplicate', async () => {
    const created = await runCli(['user', 'create', '--email', 'Boss@Client.fr', '--name', 'La Cheffe', '--org', 'client-1', '--json'], { env: { ...cli.env, FLOWPILOT_PASSWORD: 'a-very-long-secret' } });
    expect(created.exitCode, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ email: 'boss@client.fr', role: 'admin', active: true });
    const weak = await runCli(['user', 'create', '--email', 'x@client.fr', '--name', 'X', '--password', 'short', '--org', 'client-1'], { env: cli.env, language: 'fr' });
    expect(weak.exitCode).toBe(3);
    expect(weak.stderr).toContain('au moins 10 caractères');
    const duplicate = await runCli(['user', 'create', '--email', 'boss@client.fr', '--name', 'Again', '--password', 'a-very-long-secret', '--org', 'client-1'], { env: cli.env });
    expect(duplicate.exitCode).toBe(3);
    expect(duplicate.stderr).toContain('already exists');
    const badRole = await runCli(['user', 'create', '--email', 'y@client.fr', '--name', 'Y', '--password', 'a-very-long-secret', '--role', 'boss'], { env: cli.env });
    expect(badRole.exitCode).toBe(2);

    const handle = await cli.open();
    try {
      const outcome = await logIn(handle, { email: 'boss@client.fr', password: 'a-very-long-secret', clientAddress: 'test' });
      expect(outcome.ok && outcome.principal).toMatchObject({ organizationId: 'client-1', role: 'admin' });
      const audit = (await sql<{ action: string; via: string }>`select action, via from audit_log where organization_id = 'client-1'`.execute(handle.db)).rows;
      expect(audit).toEqual([{ action: 'create', via: 'cli' }]);
    } finally {
      await handle.close();
    }
  });

  it('gives the user a role in a second organization, resets the password, and issues an API token', async () => {
    const role = await runCli(['user', 'role', '--email', 'boss@client.fr', '--role', 'viewer', '--org', 'client-2'], { env: cli.env });
    expect(role.exitCode, role.stderr).toBe(0);
    const list = await runCli(['user', 'list', '--org', 'client-2', '--json'], { env: cli.env });
    expect(JSON.parse(list.stdout)).toMatchObject([{ email: 'boss@client.fr', role: 'viewer' }]);
    const reset = await runCli(['user', 'reset-password', '--email', 'boss@client.fr', '--password', 'the-new-secret!', '--org', 'client-1'], { env: cli.env });
    expect(reset.exitCode, reset.stderr).toBe(0);
    const unknown = await runCli(['user', 'reset-password', '--email', 'ghost@client.fr', '--password', 'the-new-secret!', '--org', 'client-1'], { env: cli.env });
    expect(unknown.exitCode).toBe(4);
    const token = await runCli(['user', 'token', '--email', 'boss@client.fr', '--name', 'erp-sync', '--org', 'client-1', '--json'], { env: cli.env });
    expect(token.exitCode, token.stderr).toBe(0);
    const secret = JSON.parse(token.stdout).secret as string;
    const handle = await cli.open();
    try {
      expect(await resolveApiToken(handle, secret)).toMatchObject({ email: 'boss@client.fr', organizationId: 'client-1', role: 'admin', via: 'token' });
      const old = await logIn(handle, { email: 'boss@client.fr', password: 'a-very-long-secret', clientAddress: 'test' });
      expect(old.ok).toBe(false);
    } finally {
      await handle.close();
    }
  });
});
