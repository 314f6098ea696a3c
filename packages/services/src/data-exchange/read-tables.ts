import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

/** A sheet of raw text as read from a CSV file or an XLSX sheet: headers plus rows with their row numbers. */
export type RawTable = {
  /** File name as the user gave it (and `#sheet` for XLSX sheets), used in every issue. */
  source: string;
  /** Base name that selects the entity: the file name without extension, or the sheet name. */
  entityHint: string;
  headers: string[];
  /** Row numbers are the spreadsheet's: the header is row 1, the first data row is row 2. */
  rows: { row: number; cells: string[] }[];
};

/** Decodes bytes as UTF-8 (BOM removed), falling back to Windows-1252 for old ERP extracts. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Parses CSV text (delimiter detected: comma, semicolon or tab) into a RawTable. */
export function parseCsvText(text: string, source: string, entityHint: string): RawTable {
  const parsed = Papa.parse<string[]>(text, { delimiter: '', skipEmptyLines: false, delimitersToGuess: [';', ',', '\t', '|'] });
  const all = parsed.data;
  const headers = (all[0] ?? []).map((h) => h.trim());
  const rows: RawTable['rows'] = [];
  for (let i = 1; i < all.length; i++) {
    const cells = all[i] ?? [];
    if (cells.every((cell) => cell.trim() === '')) continue;
    rows.push({ row: i + 1, cells });
  }
  return { source, entityHint, headers, rows };
}

function cellToText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    if ('result' in value) return cellToText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

/** Reads every non-empty sheet of an XLSX workbook. A sheet named after an entity imports that entity. */
export async function parseXlsxBuffer(buffer: Buffer, source: string): Promise<RawTable[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const tables: RawTable[] = [];
  const fileHint = basename(source, extname(source));
  for (const sheet of workbook.worksheets) {
    const matrix: { row: number; cells: string[] }[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      // row.values is 1-based; reading it once per row keeps large sheets linear (columnCount is not cached).
      const values = row.values as ExcelJS.CellValue[];
      const cells: string[] = [];
      for (let col = 1; col < values.length; col++) cells.push(cellToText(values[col]));
      matrix.push({ row: rowNumber, cells });
    });
    if (matrix.length === 0) continue;
    const [header, ...rows] = matrix;
    const headers = (header?.cells ?? []).map((h) => h.trim());
    while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
    const hint = workbook.worksheets.length === 1 ? fileHint : sheet.name;
    tables.push({ source: `${source}#${sheet.name}`, entityHint: hint, headers, rows: rows.filter((r) => r.cells.some((c) => c.trim() !== '')) });
  }
  return tables;
}

/** Reads a CSV file, an XLSX file, or every CSV/XLSX file of a directory (sorted by name). */
export async function readTables(path: string): Promise<RawTable[]> {
  const info = await stat(path);
  const files = info.isDirectory()
    ? (await readdir(path)).filter((f) => /\.(csv|xlsx)$/i.test(f)).sort().map((f) => join(path, f))
    : [path];
  const tables: RawTable[] = [];
  for (const file of files) {
    const bytes = await readFile(file);
    const display = info.isDirectory() ? basename(file) : file;
    if (/\.xlsx$/i.test(file)) tables.push(...(await parseXlsxBuffer(bytes, display)));
    else tables.push(parseCsvText(decodeText(bytes), display, basename(file, extname(file))));
  }
  return tables;
}
