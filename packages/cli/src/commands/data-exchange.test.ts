import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { runCli } from '../testing/run-cli';
import { createCliTestEnv, type CliTestEnv } from '../testing/cli-test-env';

// Tests for `flowpilot import`, `export` and `check` through the in-process CLI, on an embedded PGlite
// (FLOWPILOT_DATA_DIR) or, with DATABASE_URL set, on a PostgreSQL schema of its own (FLOWPILOT_DB_SCHEMA).

const SMALL = {
  'units.csv': 'code,name,dimension\nEA,Each,count\n',
  'items.csv': 'code,name,item_type,uom_code,make_or_buy,lead_time_days\nFG1,Pump,finished_good,EA,make,2\nC1,Screw,component,EA,buy,5\n',
  'locations.csv': 'code,name,location_type\nW1,Warehouse,warehouse\n',
  'on_hand.csv': 'item_code,location_code,lot_number,quantity\nFG1,W1,L1,10\nC1,W1,L2,40\n',
  'inventory_movements.csv': 'item_code,location_code,lot_number,movement_type,quantity,occurred_at\nFG1,W1,L1,opening_balance,10,2026-11-01\nC1,W1,L2,opening_balance,40,2026-11-01\n',
};

let test: CliTestEnv;
beforeEach(async () => { test = await createCliTestEnv(); });
afterEach(async () => { await test.cleanup(); });

function writeDir(name: string, files: Record<string, string>): string {
  const dir = join(test.dir, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

async function count(table: string): Promise<number> {
  const handle = await test.open();
  try {
    return Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(handle.db)).rows[0]?.n ?? 0);
  } finally {
    await handle.close();
  }
}

const run = (args: string[], language: 'en' | 'fr' = 'en') => runCli(args, { env: test.env, language });

describe('flowpilot import', { timeout: 300_000 }, () => {
  it('imports a small directory (exit 0, rows written), then exports one entity and all as CSV and XLSX', async () => {
    const dir = writeDir('in', SMALL);
    const imported = await run(['import', dir]);
    expect(imported.stderr.includes('Error')).toBe(false);
    expect(imported.exitCode, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('Imported 8 row(s)');
    expect(imported.stdout).toMatch(/item: 2 row\(s\) from items\.csv/);
    expect(await count('item')).toBe(2);
    expect(await count('stock_lot')).toBe(2);

    const itemsCsv = join(test.dir, 'items-out.csv');
    const one = await run(['export', 'items', '--format', 'csv', '--out', itemsCsv, '--json']);
    expect(one.exitCode, one.stderr).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ files: [itemsCsv], entities: [{ entity: 'item', rows: 2 }] });
    const lines = readFileSync(itemsCsv, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^code[,;]/);
    expect(lines.slice(1).map((l) => l.split(/[,;]/)[0]).sort()).toEqual(['C1', 'FG1']);

    const frCsv = join(test.dir, 'articles.csv');
    expect((await run(['export', 'items', '--format', 'csv', '--out', frCsv, '--headers', 'fr'])).exitCode).toBe(0);
    expect(readFileSync(frCsv, 'utf8').replace(/^\uFEFF/, '')).toMatch(/^code_article[,;]designation/);

    const allDir = join(test.dir, 'all');
    const all = await run(['export', 'all', '--format', 'csv', '--out', allDir]);
    expect(all.exitCode, all.stderr).toBe(0);
    expect(all.stdout).toMatch(/Exported 8 row\(s\)/);
    expect(readdirSync(allDir).sort()).toEqual(['inventory_movements.csv', 'items.csv', 'locations.csv', 'on_hand.csv', 'units.csv']); // empty entities are left out

    const xlsx = join(test.dir, 'items.xlsx');
    expect((await run(['export', 'items', '--format', 'xlsx', '--out', xlsx])).exitCode).toBe(0);
    expect(readFileSync(xlsx).subarray(0, 2).toString('latin1')).toBe('PK'); // a zip container, as every XLSX
    const allXlsx = join(test.dir, 'all.xlsx');
    const allWorkbook = await run(['export', 'all', '--format', 'xlsx', '--out', allXlsx, '--json']);
    expect(allWorkbook.exitCode, allWorkbook.stderr).toBe(0);
    expect(JSON.parse(allWorkbook.stdout).entities.reduce((sum: number, e: { rows: number }) => sum + e.rows, 0)).toBe(8);

    // The exported workbook imports back into an empty database: the round trip keeps every row.
    const other = await createCliTestEnv();
    try {
      const back = await runCli(['import', allXlsx, '--json'], { env: other.env });
      expect(back.exitCode, back.stderr).toBe(0);
      expect(JSON.parse(back.stdout).written).toBe(true);
    } finally {
      await other.cleanup();
    }
  });

  it('refuses an import with errors (exit 3), lists every error with file, row and column, and writes nothing', async () => {
    const dir = writeDir('bad', {
      'units.csv': 'code,name,dimension\nEA,Each,count\n',
      'items.csv': 'code,name,item_type,uom_code,make_or_buy,lead_time_days\nA1,Ok,component,EA,buy,5\nA2,Bad unit,component,KGS,buy,5\nA3,Bad lead time,component,EA,buy,-1\n',
      'on_hand.csv': 'item_code,location_code,lot_number,quantity\nA1,NOWHERE,L1,3\n',
    });
    const result = await run(['import', dir]);
    expect(result.exitCode, result.stderr).toBe(3);
    const errorLines = result.stdout.split('\n').filter((line) => line.startsWith('ERROR'));
    expect(errorLines).toHaveLength(3);
    expect(errorLines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^ERROR items\.csv, row 3, column uom_code, value "KGS"/),
      expect.stringMatching(/^ERROR items\.csv, row 4, column lead_time_days, value "-1"/),
      expect.stringMatching(/^ERROR on_hand\.csv, row 2, column location_code, value "NOWHERE"/),
    ]));
    expect(result.stderr).toContain('Import refused: 3 error(s)');
    expect(await count('unit_of_measure')).toBe(0);
    expect(await count('item')).toBe(0);

    const json = await run(['import', dir, '--json']);
    expect(json.exitCode, json.stderr).toBe(3);
    const report = JSON.parse(json.stdout) as { written: boolean; errorCount: number; issues: { file: string; row: number; column: string; message: string }[] };
    expect(report.written).toBe(false);
    expect(report.errorCount).toBe(3);
    expect(report.issues.map((i) => `${i.file}:${i.row}:${i.column}`).sort()).toEqual(['items.csv:3:uom_code', 'items.csv:4:lead_time_days', 'on_hand.csv:2:location_code']);
    for (const issue of report.issues) expect(issue.message).toContain(`row ${issue.row}, column ${issue.column}`);

    const french = await run(['import', dir], 'fr');
    expect(french.exitCode, french.stderr).toBe(3);
    expect(french.stdout).toContain('ligne 3, colonne uom_code');
    expect(french.stderr).toContain('Import refusé : 3 erreur(s)');
    expect(await count('item')).toBe(0);
  });

  it('--dry-run validates and reports but writes nothing', async () => {
    const dir = writeDir('in', SMALL);
    const result = await run(['import', dir, '--dry-run', '--json']);
    expect(result.exitCode, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { dryRun: boolean; written: boolean; errorCount: number; entities: { rows: number }[] };
    expect(report).toMatchObject({ dryRun: true, written: false, errorCount: 0 });
    expect(report.entities.reduce((sum, e) => sum + e.rows, 0)).toBe(8);
    const human = await run(['import', dir, '--dry-run'], 'fr');
    expect(human.exitCode, human.stderr).toBe(0);
    expect(human.stdout).toContain('Simulation : 8 ligne(s) valides');
    expect(await count('item')).toBe(0);
    expect(await count('inventory_movement')).toBe(0);
  });

  it('answers usage and not-found errors without touching the database', async () => {
    const unknown = await run(['export', 'gadgets', '--format', 'csv', '--out', join(test.dir, 'x.csv')]);
    expect(unknown.exitCode, unknown.stderr).toBe(2);
    expect(unknown.stderr).toContain('unknown entity "gadgets"');
    expect((await run(['export', 'items', '--format', 'pdf', '--out', join(test.dir, 'x.pdf')])).exitCode).toBe(2);
    const missing = await run(['import', join(test.dir, 'does-not-exist')]);
    expect(missing.exitCode, missing.stderr).toBe(4);
    expect(existsSync(join(test.dir, 'x.csv'))).toBe(false);
  });
});

describe('flowpilot check', { timeout: 300_000 }, () => {
  it('finds a BOM cycle inserted with SQL (import refuses cycles) and a stock ledger mismatch', async () => {
    const dir = writeDir('in', {
      ...SMALL,
      'items.csv': 'code,name,item_type,uom_code,make_or_buy,lead_time_days\nFG1,Pump,finished_good,EA,make,2\nSF1,Body,semi_finished,EA,make,1\nC1,Screw,component,EA,buy,5\n',
      'boms.csv': 'parent_item_code,version\nFG1,V1\nSF1,V1\n',
      'bom_lines.csv': 'parent_item_code,bom_version,line_number,component_item_code,quantity_per\nFG1,V1,10,SF1,1\nSF1,V1,10,C1,2\n',
    });
    expect((await run(['import', dir])).exitCode).toBe(0);

    const clean = await run(['check', '--json']);
    expect(clean.exitCode, clean.stderr).toBe(0);
    const before = JSON.parse(clean.stdout) as { checks: { check: string; findingCount: number }[] };
    expect(before.checks.find((c) => c.check === 'bom_cycle')?.findingCount).toBe(0);
    expect(before.checks.find((c) => c.check === 'ledger_mismatch')?.findingCount).toBe(0);

    const handle = await test.open();
    try {
      await sql`insert into bom_line (organization_id, parent_item_code, bom_version, line_number, component_item_code, quantity_per) values ('demo', 'SF1', 'V1', 20, 'FG1', 1)`.execute(handle.db);
      await sql`update stock_lot set quantity = 7 where organization_id = 'demo' and item_code = 'FG1'`.execute(handle.db);
    } finally {
      await handle.close();
    }

    const result = await run(['check', '--json']);
    expect(result.exitCode, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { errorCount: number; findings: { check: string; key: string; params: Record<string, unknown>; message: string }[] };
    const cycle = report.findings.filter((f) => f.check === 'bom_cycle');
    expect(cycle).toHaveLength(1);
    expect(String(cycle[0]?.params.cycle)).toMatch(/^(FG1 → SF1 → FG1|SF1 → FG1 → SF1)$/);
    const mismatch = report.findings.filter((f) => f.check === 'ledger_mismatch');
    expect(mismatch).toEqual([expect.objectContaining({ key: 'FG1@W1', params: { onHand: 7, ledger: 10 } })]);
    expect(report.errorCount).toBeGreaterThanOrEqual(2);

    const human = await run(['check'], 'fr');
    expect(human.exitCode, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/ERR .*: 1\n/);
    expect(human.stdout).toContain('FG1@W1');
  });
});
