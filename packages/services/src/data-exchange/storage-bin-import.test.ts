import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { createTestDatabase } from '@flowpilot/db/testing';
import { runImport } from './run-import';
import { parseCsvText } from './read-tables';
import { formatImportIssue } from './import-issue';
import { startCount } from '../counting/start-count';

// Storage bins through the import catalogue (emplacements.csv / storage_bins.csv): row-level checks, then the count sheet walks them.

const today = '2026-11-24';
let handle: DatabaseHandle;
beforeEach(async () => {
  handle = await createTestDatabase();
  const run = (text: string) => sql.raw(text).execute(handle.db);
  await run(`insert into organization (id, name) values ('org_a', 'A'), ('org_b', 'B')`);
  for (const org of ['org_a', 'org_b']) {
    await run(`insert into unit_of_measure (organization_id, code, name, dimension) values ('${org}', 'EA', 'Each', 'count')`);
    await run(`insert into item (organization_id, code, name, item_type, uom_code, make_or_buy) values ('${org}', 'P1', 'Bolt', 'component', 'EA', 'buy'), ('${org}', 'P2', 'Gear', 'component', 'EA', 'buy')`);
    await run(`insert into location (organization_id, code, name, location_type) values ('${org}', 'W1', 'Main', 'warehouse')`);
  }
  await run(`insert into stock_lot (organization_id, item_code, location_code, lot_number, quantity) values ('org_a', 'P1', 'W1', '', 10), ('org_a', 'P2', 'W1', '', 5)`);
});
afterEach(async () => { await handle.close(); });

const bins = async (org: string) => (await sql<{ item_code: string; bin_code: string }>`select item_code, bin_code from storage_bin where organization_id = ${org} order by 1`.execute(handle.db)).rows;

describe('storage bins in the import catalogue', () => {
  it('refuses an unknown item, an unknown location, an empty bin and the same item twice, writing nothing', async () => {
    const text = 'code_article;code_site;code_emplacement\nP1;W1;B-07\nP9;W1;A-01\nP2;W9;A-02\nP2;W1;\nP1;W1;C-03\n';
    const report = await runImport(handle, { organizationId: 'org_a', tables: [parseCsvText(text, 'emplacements.csv', 'emplacements')], today });
    expect(report.written).toBe(false);
    const errors = report.issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => [i.row, i.column, i.code, i.value]).sort((x, y) => Number(x[0]) - Number(y[0]))).toEqual([
      [3, 'item_code', 'unknown_reference', 'P9'], [4, 'location_code', 'unknown_reference', 'W9'], [5, 'code_emplacement', 'required', ''], [6, 'item_code+location_code', 'duplicate_key', expect.any(String)],
    ]);
    expect(formatImportIssue(errors.find((i) => i.row === 5)!, 'en')).toContain('emplacements.csv, row 5, column code_emplacement');
    expect(formatImportIssue(errors.find((i) => i.row === 5)!, 'fr')).toContain('emplacements.csv, ligne 5, colonne code_emplacement');
    expect(await bins('org_a')).toEqual([]);
  });

  it('loads valid bins (English headers) for one organization; a count sheet follows the bin order', async () => {
    const text = 'item_code,location_code,bin_code\nP1,W1,B-07\nP2,W1,A-01\n';
    const report = await runImport(handle, { organizationId: 'org_a', tables: [parseCsvText(text, 'storage_bins.csv', 'storage_bins')], today });
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(report.written).toBe(true);
    expect(await bins('org_a')).toEqual([{ item_code: 'P1', bin_code: 'B-07' }, { item_code: 'P2', bin_code: 'A-01' }]);
    expect(await bins('org_b')).toEqual([]);
    const sheet = await startCount(handle, { organizationId: 'org_a', locationCode: 'W1', countDate: today, startedAt: `${today}T08:00:00Z` });
    expect(sheet.lines.map((l) => [l.binCode, l.itemCode])).toEqual([['A-01', 'P2'], ['B-07', 'P1']]);
    // Importing again replaces a bin (the key is item + location).
    await runImport(handle, { organizationId: 'org_a', tables: [parseCsvText('item_code,location_code,bin_code\nP1,W1,A-00\n', 'storage_bins.csv', 'storage_bins')], today });
    expect(await bins('org_a')).toEqual([{ item_code: 'P1', bin_code: 'A-00' }, { item_code: 'P2', bin_code: 'A-01' }]);
  });
});
