import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { parseCsvText } from '../data-exchange/read-tables';
import { CountingError, type CountEntryIssue } from './counting-error';
import { COUNT_CAUSE_CODES, type CountClassSettingsByClass } from './counting-settings';
import { snapshotQuantityOf } from './internal/snapshot-quantity';
import { evaluateCountLine } from './internal/evaluate-count-line';
import { recordAuditEntry, type AuditActor } from '../auth/audit';

export type EnterCountsOptions = {
  organizationId: string;
  countNumber: string;
  /** File name as the user gave it (every issue names it). */
  file: string;
  /** CSV text: item_code and counted_quantity, optional location_code, lot_number, cause_code, counted_at, line_number. */
  text: string;
  /** When the stock was counted, for rows without counted_at (ISO timestamp). */
  countedAt: string;
  countedBy?: string;
  /** Who enters (audit trail); default the system with countedBy as its e-mail. */
  actor?: AuditActor;
};

export type EnterCountsResult = {
  countNumber: string;
  linesEntered: number;
  /** Lines to count again (their variance exceeds the class tolerance): where to go, never the book. */
  linesToRecount: { lineNumber: number; binCode: string; itemCode: string; lotNumber: string }[];
  /** Lines of the sheet not counted yet. */
  linesRemaining: number;
};

type ParsedRow = { row: number; itemCode: string; lotNumber: string; quantity: number; causeCode: string | null; countedAt: string };

const REQUIRED = ['item_code', 'counted_quantity'];
const KNOWN = ['count_number', 'line_number', 'location_code', 'bin_code', 'item_code', 'item_name', 'lot_number', 'uom_code', 'counted_quantity', 'cause_code', 'counted_at'];

/**
 * Enters counted quantities (blind: the book is never shown) from a CSV file. Every row is checked first —
 * unknown location or one not counted here, unknown item or one not on the sheet, missing, non-numeric or negative
 * quantity, the same item and lot twice, an unknown cause code, a counted_at before the count started, a line already
 * counted — and if anything is wrong nothing is written: CountingError invalid_input with every issue (file, row,
 * column, value). Otherwise, in one transaction, each line's variance is reconciled with the movements posted during
 * the count (computeCountVariance); a first count outside its class tolerance asks for a recount, a recount replaces
 * the first count. A lot found that the sheet did not list becomes a new line. A closed count is invalid_state.
 */
export async function enterCounts(handle: DatabaseHandle, options: EnterCountsOptions): Promise<EnterCountsResult> {
  const org = options.organizationId;
  const count = (await sql<{ location_code: string; status: string; tolerances: CountClassSettingsByClass; started_at: Date }>`
    select location_code, status, tolerances, started_at from inventory_count where organization_id = ${org} and count_number = ${options.countNumber}`.execute(handle.db)).rows[0];
  if (!count) throw new CountingError('not_found', 'counting.error.unknownCount', { count: options.countNumber });
  if (count.status !== 'open') throw new CountingError('invalid_state', 'counting.error.countNotOpen', { count: options.countNumber, status: count.status });
  const lines = (await sql<{ line_number: number; item_code: string; lot_number: string; status: string; bin_code: string }>`
    select line_number, item_code, lot_number, status, bin_code from inventory_count_line where organization_id = ${org} and count_number = ${options.countNumber}`.execute(handle.db)).rows;
  const table = parseCsvText(options.text, options.file, 'counts');
  const issues: CountEntryIssue[] = [];
  const issue = (row: number | null, column: string | null, value: string | null, code: string, params: Record<string, string | number> = {}): void => {
    issues.push({ file: options.file, row, column, value, code: `counting.issue.${code}`, params });
  };
  const col = new Map(table.headers.map((h, i) => [h.toLowerCase(), i]));
  for (const required of REQUIRED) if (!col.has(required)) issue(1, required, null, 'missingColumn', { columns: table.headers.join(', ') || '-' });
  for (const header of table.headers) if (header !== '' && !KNOWN.includes(header.toLowerCase())) issue(1, header, null, 'unknownColumn', { known: KNOWN.join(', ') });
  if (table.rows.length === 0 && issues.length === 0) issue(null, null, null, 'empty');
  if (issues.length > 0) throw new CountingError('invalid_input', 'counting.error.entryRefused', { file: options.file, count: options.countNumber, issues: issues.length }, issues);

  const locations = new Set((await sql<{ code: string }>`select code from location where organization_id = ${org}`.execute(handle.db)).rows.map((r) => r.code));
  const itemsOnSheet = new Set(lines.map((l) => l.item_code));
  const lineOf = new Map(lines.map((l) => [`${l.item_code}\u0000${l.lot_number}`, l]));
  const codesInFile = [...new Set(table.rows.map((r) => (r.cells[col.get('item_code')!] ?? '').trim()).filter((c) => c !== ''))];
  const knownItems = codesInFile.length === 0 ? new Set<string>() : new Set((await sql<{ code: string }>`select code from item where organization_id = ${org} and code in (${sql.join(codesInFile)})`.execute(handle.db)).rows.map((r) => r.code));
  const startedAt = new Date(count.started_at).getTime();
  const seen = new Map<string, number>();
  const parsed: ParsedRow[] = [];
  for (const { row, cells } of table.rows) {
    const get = (name: string): string => (col.has(name) ? (cells[col.get(name)!] ?? '').trim() : '');
    let ok = true;
    const location = get('location_code');
    if (location !== '' && !locations.has(location)) { issue(row, 'location_code', location, 'unknownLocation'); ok = false; }
    else if (location !== '' && location !== count.location_code) { issue(row, 'location_code', location, 'otherLocation', { location: count.location_code }); ok = false; }
    const itemCode = get('item_code');
    if (itemCode === '') { issue(row, 'item_code', '', 'missingItem'); ok = false; }
    else if (!knownItems.has(itemCode)) { issue(row, 'item_code', itemCode, 'unknownItem'); ok = false; }
    else if (!itemsOnSheet.has(itemCode)) { issue(row, 'item_code', itemCode, 'itemNotOnSheet', { count: options.countNumber }); ok = false; }
    const lotNumber = get('lot_number');
    const quantityText = get('counted_quantity').replace(',', '.');
    const quantity = Number(quantityText);
    if (quantityText === '') { issue(row, 'counted_quantity', '', 'missingQuantity'); ok = false; }
    else if (!Number.isFinite(quantity)) { issue(row, 'counted_quantity', get('counted_quantity'), 'notANumber'); ok = false; }
    else if (quantity < 0) { issue(row, 'counted_quantity', get('counted_quantity'), 'negativeQuantity'); ok = false; }
    const cause = get('cause_code');
    if (cause !== '' && !(COUNT_CAUSE_CODES as readonly string[]).includes(cause)) { issue(row, 'cause_code', cause, 'unknownCause', { causes: COUNT_CAUSE_CODES.join(', ') }); ok = false; }
    const countedAtText = get('counted_at');
    const countedAt = countedAtText === '' ? options.countedAt : countedAtText;
    const countedAtMs = Date.parse(countedAt);
    if (Number.isNaN(countedAtMs)) { issue(row, countedAtText === '' ? null : 'counted_at', countedAt, 'badTimestamp'); ok = false; }
    else if (countedAtMs < startedAt) { issue(row, countedAtText === '' ? null : 'counted_at', countedAt, 'beforeStart', { startedAt: new Date(startedAt).toISOString() }); ok = false; }
    if (itemCode !== '') {
      const key = `${itemCode}\u0000${lotNumber}`;
      const first = seen.get(key);
      if (first !== undefined) { issue(row, 'item_code', itemCode, 'countedTwice', { lot: lotNumber || '-', firstRow: first }); ok = false; }
      else seen.set(key, row);
      const line = lineOf.get(key);
      if (line && (line.status === 'counted' || line.status === 'recounted')) { issue(row, 'counted_quantity', get('counted_quantity'), 'alreadyCounted', { line: Number(line.line_number) }); ok = false; }
    }
    if (ok) parsed.push({ row, itemCode, lotNumber, quantity, causeCode: cause === '' ? null : cause, countedAt: new Date(countedAtMs).toISOString() });
  }
  if (issues.length > 0) throw new CountingError('invalid_input', 'counting.error.entryRefused', { file: options.file, count: options.countNumber, issues: issues.length }, issues);

  return handle.db.transaction().execute(async (trx) => {
    const locked = (await sql<{ status: string }>`select status from inventory_count where organization_id = ${org} and count_number = ${options.countNumber} for update`.execute(trx)).rows[0];
    if (locked?.status !== 'open') throw new CountingError('invalid_state', 'counting.error.countNotOpen', { count: options.countNumber, status: locked?.status ?? '-' });
    const toRecount: EnterCountsResult['linesToRecount'] = [];
    // Each entered line as it was and as it is now (the audit entry): status and counted quantity only, never the book.
    const before: { lineNumber: number; itemCode: string; lotNumber: string; status: string; countedQuantity: number | null }[] = [];
    const after: { lineNumber: number; itemCode: string; lotNumber: string; status: string; countedQuantity: number; causeCode: string | null; countedAt: string }[] = [];
    let nextLine = lines.reduce((m, l) => Math.max(m, Number(l.line_number)), 0);
    for (const row of parsed) {
      let line = lineOf.get(`${row.itemCode}\u0000${row.lotNumber}`);
      if (!line) {
        // A lot the sheet did not list: its book at the start is computed from the frozen ledger like the others.
        const template = lines.find((l) => l.item_code === row.itemCode)!;
        const meta = (await sql<{ abc_class: string; unit_cost: string }>`select abc_class, unit_cost::text from inventory_count_line where organization_id = ${org} and count_number = ${options.countNumber} and line_number = ${template.line_number}`.execute(trx)).rows[0]!;
        const snapshot = await snapshotQuantityOf(trx, org, options.countNumber, row.itemCode, count.location_code, row.lotNumber);
        nextLine++;
        await sql`insert into inventory_count_line (organization_id, count_number, line_number, item_code, location_code, lot_number, bin_code, abc_class, unit_cost, snapshot_quantity)
          values (${org}, ${options.countNumber}, ${nextLine}, ${row.itemCode}, ${count.location_code}, ${row.lotNumber}, ${template.bin_code}, ${meta.abc_class}, ${meta.unit_cost}, ${snapshot})`.execute(trx);
        line = { line_number: nextLine, item_code: row.itemCode, lot_number: row.lotNumber, status: 'to_count', bin_code: template.bin_code };
      }
      const previous = (await sql<{ counted_quantity: string | null }>`select counted_quantity::text from inventory_count_line where organization_id = ${org} and count_number = ${options.countNumber} and line_number = ${line.line_number}`.execute(trx)).rows[0];
      before.push({ lineNumber: Number(line.line_number), itemCode: line.item_code, lotNumber: line.lot_number, status: line.status, countedQuantity: previous?.counted_quantity == null ? null : Number(previous.counted_quantity) });
      const evaluated = await evaluateCountLine(trx, org, options.countNumber, Number(line.line_number), row.quantity, row.countedAt, count.tolerances);
      const isRecount = line.status === 'recount';
      const status = isRecount ? 'recounted' : evaluated.withinTolerance ? 'counted' : 'recount';
      await sql`update inventory_count_line set status = ${status}, first_count_quantity = ${isRecount ? sql`first_count_quantity` : sql`${row.quantity}`}, counted_quantity = ${row.quantity},
        counted_at = ${row.countedAt}, counted_by = ${options.countedBy ?? null}, cause_code = coalesce(${row.causeCode}, cause_code),
        movements_during_count_quantity = ${evaluated.movementsDuringCountQuantity}, expected_quantity = ${evaluated.expectedQuantity}, variance_quantity = ${evaluated.varianceQuantity},
        variance_value = ${evaluated.varianceValueEur}, within_tolerance = ${evaluated.withinTolerance}
        where organization_id = ${org} and count_number = ${options.countNumber} and line_number = ${line.line_number}`.execute(trx);
      after.push({ lineNumber: Number(line.line_number), itemCode: line.item_code, lotNumber: line.lot_number, status, countedQuantity: row.quantity, causeCode: row.causeCode, countedAt: row.countedAt });
      if (status === 'recount') toRecount.push({ lineNumber: Number(line.line_number), binCode: line.bin_code, itemCode: line.item_code, lotNumber: line.lot_number });
    }
    const remaining = Number((await sql<{ n: string }>`select count(*)::text as n from inventory_count_line where organization_id = ${org} and count_number = ${options.countNumber} and status = 'to_count'`.execute(trx)).rows[0]?.n ?? 0);
    await recordAuditEntry(trx, {
      organizationId: org, actor: options.actor ?? { userId: null, email: options.countedBy ?? null, via: 'system' }, action: 'count', entity: 'inventory_count', entityKey: options.countNumber,
      before: { lines: before }, after: { file: options.file, lines: after, linesRemaining: remaining },
    });
    return { countNumber: options.countNumber, linesEntered: parsed.length, linesToRecount: toRecount.sort((a, b) => a.lineNumber - b.lineNumber), linesRemaining: remaining };
  });
}
