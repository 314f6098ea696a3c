import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { runCli } from '../testing/run-cli';
import { createCliTestEnv, type CliTestEnv } from '../testing/cli-test-env';

// `flowpilot db migrate|reset|backup|restore` through the in-process CLI, on an embedded PGlite
// (FLOWPILOT_DATA_DIR) or, with DATABASE_URL set, on a PostgreSQL schema of its own (FLOWPILOT_DB_SCHEMA).

const SMALL = {
  'units.csv': 'code,name,dimension\nEA,Each,count\n',
  'items.csv': 'code,name,item_type,uom_code,make_or_buy,lead_time_days,standard_cost\nFG1,Pompe « été »,finished_good,EA,make,2,12.5\nC1,Screw,component,EA,buy,5,0.0125\n',
  'locations.csv': 'code,name,location_type\nW1,Warehouse,warehouse\n',
  'on_hand.csv': 'item_code,location_code,lot_number,quantity,expiry_date\nFG1,W1,L1,10,2027-03-31\nC1,W1,L2,40.5,\n',
  'inventory_movements.csv': 'item_code,location_code,lot_number,movement_type,quantity,occurred_at\nFG1,W1,L1,opening_balance,10,2026-11-01\nC1,W1,L2,opening_balance,40.5,2026-11-01\n',
  'sales_history.csv': 'item_code,location_code,sale_date,quantity\nFG1,W1,2026-10-05,3\nFG1,W1,2026-10-12,4\n',
};

let test: CliTestEnv;
beforeEach(async () => { test = await createCliTestEnv(); });
afterEach(async () => { await test.cleanup(); });

const run = (args: string[], env = test.env) => runCli(args, { env });

async function countItems(target: CliTestEnv): Promise<number> {
  const handle = await target.open();
  try {
    return Number((await sql<{ n: string }>`select count(*) as n from item`.execute(handle.db)).rows[0]?.n ?? 0);
  } finally {
    await handle.close();
  }
}

async function importSmall(): Promise<void> {
  const dir = join(test.dir, 'in');
  mkdirSync(dir);
  for (const [file, text] of Object.entries(SMALL)) writeFileSync(join(dir, file), text);
  const result = await run(['import', dir, '--json']);
  expect(result.stderr).toBe('');
  expect(result.exitCode, result.stderr).toBe(0);
}

/** Every exported CSV file of the demo organization, by name. */
async function exportAll(target: CliTestEnv, name: string): Promise<Record<string, string>> {
  const dir = join(test.dir, name);
  const result = await run(['export', 'all', '--format', 'csv', '--out', dir], target.env);
  expect(result.exitCode, result.stderr).toBe(0);
  return Object.fromEntries(readdirSync(dir).sort().map((file) => [file, readFileSync(join(dir, file), 'utf8')]));
}

describe('flowpilot db', { timeout: 300_000 }, () => {
  it('migrate is idempotent: a second run applies nothing and keeps the data', async () => {
    const first = await run(['db', 'migrate', '--json']);
    expect(first.exitCode, first.stderr).toBe(0);
    await importSmall();
    const second = await run(['db', 'migrate', '--json']);
    expect(second.exitCode, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout).applied).toEqual([]);
    const human = await run(['db', 'migrate']);
    expect(human.stdout).toContain('(0 migration(s) applied)');
    expect(await countItems(test)).toBe(2);
  });

  it('reset without --yes exits 2 and keeps the data; with --yes it empties the database', async () => {
    await importSmall();
    const refused = await run(['db', 'reset']);
    expect(refused.exitCode, refused.stderr).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect(await countItems(test)).toBe(2);
    const done = await run(['db', 'reset', '--yes', '--json']);
    expect(done.exitCode, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout).reset).toBe(true);
    expect(await countItems(test)).toBe(0);
  });

  it('backup then restore into a fresh database gives identical exports', async () => {
    await importSmall();
    const file = join(test.dir, 'backup.json.gz');
    const backup = await run(['db', 'backup', '--out', file, '--json']);
    expect(backup.exitCode, backup.stderr).toBe(0);
    const written = JSON.parse(backup.stdout) as { rows: number; tables: { name: string; rows: number }[] };
    expect(written.tables.find((t) => t.name === 'item')?.rows).toBe(2);
    expect(written.rows).toBeGreaterThanOrEqual(10);

    const fresh = await createCliTestEnv();
    try {
      const notConfirmed = await run(['db', 'restore', file], fresh.env);
      expect(notConfirmed.exitCode, notConfirmed.stderr).toBe(2);
      const restored = await run(['db', 'restore', file, '--yes', '--json'], fresh.env);
      expect(restored.stderr).toBe('');
      expect(restored.exitCode, restored.stderr).toBe(0);
      expect(JSON.parse(restored.stdout).rows).toBe(written.rows);
      const original = await exportAll(test, 'export-original');
      const copy = await exportAll(fresh, 'export-restored');
      expect(Object.keys(copy)).toEqual(Object.keys(original));
      expect(copy).toEqual(original);
      expect(original['items.csv']).toContain('Pompe « été »');

      // A restored database keeps working: identity sequences continue after the restored ids.
      const handle = await fresh.open();
      try {
        await sql`insert into inventory_movement (organization_id, item_code, location_code, lot_number, movement_type, quantity, occurred_at) values ('demo', 'C1', 'W1', 'L2', 'adjustment', -0.5, '2026-11-20')`.execute(handle.db);
      } finally {
        await handle.close();
      }
    } finally {
      await fresh.cleanup();
    }
  });

  it('restore refuses a file that is not a backup (exit 3) and a missing file (exit 4), keeping the data', async () => {
    await importSmall();
    const text = join(test.dir, 'notes.txt');
    writeFileSync(text, 'hello, not a backup\n');
    const plain = await run(['db', 'restore', text, '--yes']);
    expect(plain.exitCode, plain.stderr).toBe(3);
    expect(plain.stderr).toContain('not a flowpilot backup');

    const otherJson = join(test.dir, 'other.json.gz');
    writeFileSync(otherJson, gzipSync(JSON.stringify({ hello: 'world' })));
    const wrongFormat = await run(['db', 'restore', otherJson, '--yes']);
    expect(wrongFormat.exitCode, wrongFormat.stderr).toBe(3);
    expect(wrongFormat.stderr).toContain('not a flowpilot backup');

    const missing = await run(['db', 'restore', join(test.dir, 'nope.json.gz'), '--yes']);
    expect(missing.exitCode, missing.stderr).toBe(4);
    expect(missing.stderr).toContain('nope.json.gz');
    expect(await countItems(test)).toBe(2);
  });
});
