import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { runImport } from './run-import';
import { runExport } from './run-export';
import { formatImportIssue } from './import-issue';
import { parseCsvText } from './read-tables';

const demoDir = resolve(import.meta.dirname, '../../../../examples/demo-company');
const today = '2026-11-24';
let handle: DatabaseHandle;

beforeEach(async () => { handle = await createTestDatabase(); });
afterEach(async () => { await handle.close(); });

async function countRows(table: string): Promise<number> {
  const result = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(handle.db);
  return Number(result.rows[0]?.n ?? 0);
}

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fp-import-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const units = 'code,name,dimension\nEA,Each,count\nKG,Kilogram,mass\n';

describe('runImport', () => {
  it('imports minimal master data with French headers, decimal commas and dd/mm/yyyy dates', async () => {
    const dir = tempDir({
      'unites.csv': 'code;libelle;dimension\nEA;Unité;count\n',
      'articles.csv': 'code_article;designation;type_article;unite;fabrique_achete;cout_standard;delai_jours\nA1;Article 1;component;EA;buy;1 234,5;5\n',
      'sites.csv': 'code_site;nom;type_site;latitude;longitude\nW1;Entrepôt;warehouse;48,85;2,35\n',
      'stock.csv': 'code_article;code_site;lot;quantite;date_peremption\nA1;W1;L1;12,5;31/12/2027\n',
    });
    const report = await runImport(handle, { organizationId: 'org_a', path: dir, today });
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(report.written).toBe(true);
    const lot = await sql<{ quantity: string; expiry_date: string }>`select quantity, expiry_date from stock_lot`.execute(handle.db);
    expect(lot.rows[0]).toEqual({ quantity: '12.500000', expiry_date: '2027-12-31' });
    const item = await sql<{ standard_cost: string }>`select standard_cost from item`.execute(handle.db);
    expect(item.rows[0]?.standard_cost).toBe('1234.5000');
  });

  it('reports all 10 errors of a file with 10 errors, each located, and writes nothing', async () => {
    const dir = tempDir({
      'units.csv': units,
      'items.csv': [
        'code,name,item_type,uom_code,make_or_buy,standard_cost,lead_time_days',
        'A1,Ok,component,EA,buy,1,5',
        'A2,Bad type,gadget,EA,buy,1,5', // 1 not in list
        'A3,Bad unit,component,KGS,buy,1,5', // 2 unknown unit
        'A4,Negative lead time,component,EA,buy,1,-2', // 3 negative lead time
        'A5,Missing lead time,component,EA,buy,1,', // 4 required
        'A6,Text cost,component,EA,buy,abc,5', // 5 not a number
        'A1,Duplicate,component,EA,buy,1,5', // 6 duplicate key
        ',No code,component,EA,buy,1,5', // 7 required code
        'A8,Bad make,component,EA,steal,1,5', // 8 not in list
        'A9,Negative cost,component,EA,buy,-3,5', // 9 negative
        'A10,Decimal lead time,component,EA,buy,1,2.5', // 10 not an integer
      ].join('\n') + '\n',
    });
    const report = await runImport(handle, { organizationId: 'org_a', path: dir, today });
    const errors = report.issues.filter((i) => i.severity === 'error');
    expect(errors).toHaveLength(10);
    expect(errors.map((e) => [e.row, e.code]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [3, 'not_in_list'], [4, 'unknown_reference'], [5, 'negative'], [6, 'required'], [7, 'not_a_number'],
      [8, 'duplicate_key'], [9, 'required'], [10, 'not_in_list'], [11, 'negative'], [12, 'not_an_integer'],
    ]);
    const unknownUnit = errors.find((e) => e.code === 'unknown_reference');
    expect(formatImportIssue(unknownUnit!, 'en')).toBe('ERROR items.csv, row 4, column uom_code, value "KGS": Unit of measure "KGS" is unknown. Add it to units.csv first, or fix the code.');
    expect(formatImportIssue(unknownUnit!, 'fr')).toContain('ligne 4, colonne uom_code');
    expect(report.written).toBe(false);
    expect(await countRows('item')).toBe(0);
    expect(await countRows('unit_of_measure')).toBe(0);
  });

  it('refuses a cyclic BOM and names the items in the cycle', async () => {
    const dir = tempDir({
      'units.csv': units,
      'items.csv': 'code,name,item_type,uom_code,make_or_buy,lead_time_days\nP,P,finished_good,EA,make,1\nQ,Q,semi_finished,EA,make,1\nR,R,component,EA,make,1\n',
      'boms.csv': 'parent_item_code,version\nP,V1\nQ,V1\nR,V1\n',
      'bom_lines.csv': 'parent_item_code,bom_version,line_number,component_item_code,quantity_per\nP,V1,10,Q,1\nQ,V1,10,R,2\nR,V1,10,P,1\n',
    });
    const report = await runImport(handle, { organizationId: 'org_a', path: dir, today });
    const cycle = report.issues.find((i) => i.code === 'bom_cycle');
    expect(cycle?.params.cycle).toBe('P → Q → R → P');
    expect(cycle?.file).toBe('bom_lines.csv');
    expect(await countRows('bom_line')).toBe(0);
    expect(await countRows('item')).toBe(0);
  });

  it('refuses negative stock, unknown locations, dates out of range and future sales, and writes nothing', async () => {
    const dir = tempDir({
      'units.csv': units,
      'items.csv': 'code,name,item_type,uom_code,make_or_buy,lead_time_days\nA,A,finished_good,EA,make,1\n',
      'locations.csv': 'code,name,location_type\nW,W,warehouse\n',
      'on_hand.csv': 'item_code,location_code,lot_number,quantity,expiry_date\nA,W,L1,-5,\nA,NOPE,L2,5,\nA,W,L3,5,31/02/2027\nA,W,L4,5,1890-01-01\n',
      'sales_history.csv': 'item_code,location_code,sale_date,quantity\nA,W,2030-01-01,3\n',
    });
    const report = await runImport(handle, { organizationId: 'org_a', path: dir, today });
    expect(report.issues.map((i) => `${i.file}:${i.row}:${i.code}`).sort()).toEqual(['on_hand.csv:2:negative', 'on_hand.csv:3:unknown_reference', 'on_hand.csv:4:not_a_date', 'on_hand.csv:5:date_out_of_range', 'sales_history.csv:2:date_in_future']);
    expect(await countRows('stock_lot')).toBe(0);
    expect(await countRows('sales_history')).toBe(0);
  });

  it('dry run gives the same report and writes nothing', async () => {
    const dir = tempDir({ 'units.csv': units });
    const report = await runImport(handle, { organizationId: 'org_a', path: dir, today, dryRun: true });
    expect(report.errorCount).toBe(0);
    expect(report.written).toBe(false);
    expect(await countRows('unit_of_measure')).toBe(0);
  });

  it('flags sales-history outliers as warnings without rejecting them', async () => {
    const lines = ['item_code,location_code,sale_date,quantity'];
    for (let d = 1; d <= 40; d++) lines.push(`A,W,2026-0${d <= 28 ? 2 : 3}-${String(d <= 28 ? d : d - 28).padStart(2, '0')},${d === 14 ? 500 : 10 + (d % 3)}`);
    const dir = tempDir({
      'units.csv': units,
      'items.csv': 'code,name,item_type,uom_code,make_or_buy,lead_time_days\nA,A,finished_good,EA,make,1\n',
      'locations.csv': 'code,name,location_type\nW,W,warehouse\n',
      'sales_history.csv': lines.join('\n') + '\n',
    });
    const report = await runImport(handle, { organizationId: 'org_a', path: dir, today });
    expect(report.errorCount).toBe(0);
    expect(report.issues.filter((i) => i.code === 'sales_outlier').map((i) => i.row)).toEqual([15]);
    expect(await countRows('sales_history')).toBe(40);
  });

  it('keeps organizations apart: the same codes in two organizations', async () => {
    const dir = tempDir({ 'units.csv': units });
    await runImport(handle, { organizationId: 'org_a', path: dir, today });
    await runImport(handle, { organizationId: 'org_b', path: dir, today });
    expect(await countRows('unit_of_measure')).toBe(4);
  });
});

describe('demo company', () => {
  it('imports cleanly, and export then import into an empty database gives identical data (CSV and XLSX)', async () => {
    const report = await runImport(handle, { organizationId: 'demo', path: demoDir, today });
    expect(report.issues.filter((i) => i.severity === 'error').map((i) => formatImportIssue(i, 'en'))).toEqual([]);
    expect(report.written).toBe(true);
    const csvDir = mkdtempSync(join(tmpdir(), 'fp-export-'));
    await runExport(handle, { organizationId: 'demo', entities: 'all', format: 'csv', outPath: csvDir });
    const xlsxPath = join(mkdtempSync(join(tmpdir(), 'fp-export-')), 'demo.xlsx');
    await runExport(handle, { organizationId: 'demo', entities: 'all', format: 'xlsx', outPath: xlsxPath });

    for (const source of [csvDir, xlsxPath]) {
      const second = await createTestDatabase();
      try {
        const again = await runImport(second, { organizationId: 'demo', path: source, today });
        expect(again.errorCount).toBe(0);
        const outDir = mkdtempSync(join(tmpdir(), 'fp-export-'));
        await runExport(second, { organizationId: 'demo', entities: 'all', format: 'csv', outPath: outDir });
        for (const file of readdirSync(csvDir)) {
          expect(readFileSync(join(outDir, file), 'utf8'), `${file} after ${source}`).toBe(readFileSync(join(csvDir, file), 'utf8'));
        }
      } finally {
        await second.close();
      }
    }
    // Every entity of the demo is present and matches the shipped file row count.
    for (const file of readdirSync(demoDir).filter((f) => f.endsWith('.csv'))) {
      const shipped = parseCsvText(readFileSync(join(demoDir, file), 'utf8'), file, file).rows.length;
      const exported = parseCsvText(readFileSync(join(csvDir, file), 'utf8'), file, file).rows.length;
      expect(exported, file).toBe(shipped);
    }
  }, 900_000); // three full demo imports and an XLSX workbook of 70k rows: minutes on a loaded 2-core machine
});

describe('the ledger', () => {
  it('is append-only: updates and deletes are refused', async () => {
    mkdirSync(join(tmpdir(), 'x'), { recursive: true });
    const dir = tempDir({
      'units.csv': units,
      'items.csv': 'code,name,item_type,uom_code,make_or_buy,lead_time_days\nA,A,finished_good,EA,make,1\n',
      'locations.csv': 'code,name,location_type\nW,W,warehouse\n',
      'inventory_movements.csv': 'item_code,location_code,movement_type,quantity,occurred_at\nA,W,receipt,5,2026-01-02\n',
    });
    await runImport(handle, { organizationId: 'org_a', path: dir, today });
    await expect(sql`update inventory_movement set quantity = 6`.execute(handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from inventory_movement`.execute(handle.db)).rejects.toThrow(/append-only/);
  });
});
