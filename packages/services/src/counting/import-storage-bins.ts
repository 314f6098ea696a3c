import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { parseCsvText } from '../data-exchange/read-tables';
import { CountingError, type CountEntryIssue } from './counting-error';

/**
 * Loads storage bins (item_code, location_code, bin_code) from CSV: the order in which count sheets walk a location.
 * Every row is checked (unknown item or location, empty bin, the same item and location twice) and nothing is written
 * unless all rows are valid (CountingError invalid_input with every issue); then each row replaces the item's bin at
 * that location, in one transaction. Returns the number of bins written.
 */
export async function importStorageBins(handle: DatabaseHandle, options: { organizationId: string; file: string; text: string }): Promise<{ binsWritten: number }> {
  const org = options.organizationId;
  const table = parseCsvText(options.text, options.file, 'storage_bins');
  const issues: CountEntryIssue[] = [];
  const issue = (row: number | null, column: string | null, value: string | null, code: string, params: Record<string, string | number> = {}): void => {
    issues.push({ file: options.file, row, column, value, code: `counting.issue.${code}`, params });
  };
  const col = new Map(table.headers.map((h, i) => [h.toLowerCase(), i]));
  for (const required of ['item_code', 'location_code', 'bin_code']) if (!col.has(required)) issue(1, required, null, 'missingColumn', { columns: table.headers.join(', ') || '-' });
  if (issues.length > 0) throw new CountingError('invalid_input', 'counting.error.binsRefused', { file: options.file, issues: issues.length }, issues);
  const items = new Set((await sql<{ code: string }>`select code from item where organization_id = ${org}`.execute(handle.db)).rows.map((r) => r.code));
  const locations = new Set((await sql<{ code: string }>`select code from location where organization_id = ${org}`.execute(handle.db)).rows.map((r) => r.code));
  const seen = new Map<string, number>();
  const rows: { item: string; location: string; bin: string }[] = [];
  for (const { row, cells } of table.rows) {
    const get = (name: string): string => (cells[col.get(name)!] ?? '').trim();
    const item = get('item_code');
    const location = get('location_code');
    const bin = get('bin_code');
    let ok = true;
    if (!items.has(item)) { issue(row, 'item_code', item, 'unknownItem'); ok = false; }
    if (!locations.has(location)) { issue(row, 'location_code', location, 'unknownLocation'); ok = false; }
    if (bin === '') { issue(row, 'bin_code', '', 'missingBin'); ok = false; }
    const key = `${item}@${location}`;
    if (seen.has(key)) { issue(row, 'item_code', item, 'binTwice', { location, firstRow: seen.get(key)! }); ok = false; } else seen.set(key, row);
    if (ok) rows.push({ item, location, bin });
  }
  if (issues.length > 0) throw new CountingError('invalid_input', 'counting.error.binsRefused', { file: options.file, issues: issues.length }, issues);
  await handle.db.transaction().execute(async (trx) => {
    for (const r of rows) {
      await sql`insert into storage_bin (organization_id, item_code, location_code, bin_code) values (${org}, ${r.item}, ${r.location}, ${r.bin})
        on conflict (organization_id, item_code, location_code) do update set bin_code = excluded.bin_code`.execute(trx);
    }
  });
  return { binsWritten: rows.length };
}
