import ExcelJS from 'exceljs';
import Papa from 'papaparse';

export type FlatTable = { headers: string[]; rows: string[][] };

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * A list of API records as a table: one column per key (first-seen order across all records), one
 * row per record; nested objects and arrays are kept as JSON text so nothing is lost.
 */
export function recordsToTable(records: readonly Record<string, unknown>[]): FlatTable {
  const headers: string[] = [];
  const seen = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) if (!seen.has(key)) { seen.add(key); headers.push(key); }
  return { headers, rows: records.map((record) => headers.map((h) => cell(record[h]))) };
}

/** CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads accents), comma or semicolon separated. */
export function tableToCsvText(table: FlatTable, delimiter: ',' | ';' = ','): string {
  return '\ufeff' + Papa.unparse({ fields: table.headers, data: table.rows }, { newline: '\r\n', delimiter }) + '\r\n';
}

/** One-sheet workbook with a bold, frozen header row; numbers that are plain decimals become numeric cells. */
export async function tableToXlsxBuffer(table: FlatTable, sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31) || 'list');
  sheet.addRow(table.headers);
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((v) => (/^-?\d+(\.\d+)?$/.test(v) && v.length < 16 ? Number(v) : v)));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
