import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { CountingError } from './counting-error';

/** One line of a blind count sheet: where to go and what to count, never the book quantity. */
export type CountSheetLine = {
  lineNumber: number;
  binCode: string;
  itemCode: string;
  itemName: string;
  uomCode: string;
  lotNumber: string;
  status: 'to_count' | 'counted' | 'recount' | 'recounted';
};

export type CountSheet = {
  countNumber: string;
  locationCode: string;
  countDate: string;
  status: 'open' | 'closed' | 'cancelled';
  startedAt: string;
  planNumber: string | null;
  lines: CountSheetLine[];
};

/**
 * The blind sheet of a count, ordered by bin then item and lot; `onlyRecount` keeps the lines waiting for a recount.
 * Throws CountingError not_found for a count of another organization or none.
 */
export async function getCountSheet(handle: DatabaseHandle, options: { organizationId: string; countNumber: string; onlyRecount?: boolean }): Promise<CountSheet> {
  const header = (await sql<{ count_number: string; location_code: string; count_date: string; status: CountSheet['status']; started_at: Date; plan_number: string | null }>`
    select count_number, location_code, count_date::text, status, started_at, plan_number from inventory_count where organization_id = ${options.organizationId} and count_number = ${options.countNumber}`.execute(handle.db)).rows[0];
  if (!header) throw new CountingError('not_found', 'counting.error.unknownCount', { count: options.countNumber });
  const lines = (await sql<{ line_number: number; bin_code: string; item_code: string; name: string; uom_code: string; lot_number: string; status: CountSheetLine['status'] }>`
    select l.line_number, l.bin_code, l.item_code, i.name, i.uom_code, l.lot_number, l.status from inventory_count_line l join item i on i.organization_id = l.organization_id and i.code = l.item_code
    where l.organization_id = ${options.organizationId} and l.count_number = ${options.countNumber} and (${options.onlyRecount === true}::boolean = false or l.status = 'recount')
    order by l.bin_code, l.item_code, l.lot_number, l.line_number`.execute(handle.db)).rows;
  return {
    countNumber: header.count_number, locationCode: header.location_code, countDate: header.count_date, status: header.status, startedAt: new Date(header.started_at).toISOString(), planNumber: header.plan_number,
    lines: lines.map((l) => ({ lineNumber: Number(l.line_number), binCode: l.bin_code, itemCode: l.item_code, itemName: l.name, uomCode: l.uom_code, lotNumber: l.lot_number, status: l.status })),
  };
}

/** The sheet as comma-separated CSV for counters: fill counted_quantity (and cause_code if known) and enter the file back as is. */
export function toCountSheetCsv(sheet: CountSheet): string {
  const header = 'count_number,line_number,location_code,bin_code,item_code,item_name,lot_number,uom_code,counted_quantity,cause_code';
  const cell = (value: string): string => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const rows = sheet.lines.map((l) => [sheet.countNumber, String(l.lineNumber), sheet.locationCode, l.binCode, l.itemCode, l.itemName, l.lotNumber, l.uomCode, '', ''].map(cell).join(','));
  return [header, ...rows].join('\n') + '\n';
}
