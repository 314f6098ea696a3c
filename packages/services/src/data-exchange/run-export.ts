import { sql } from 'kysely';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseHandle } from '@flowpilot/db';
import { ENTITY_CATALOG, getEntityDescriptor, type ColumnSpec, type EntityDescriptor, type EntityName } from './entity-catalog';

export type ExportFormat = 'csv' | 'xlsx';
export type HeaderLanguage = 'en' | 'fr';

export type ExportedTable = { entity: EntityName; headers: string[]; rows: string[][] };

/** Canonical text of a stored value: the same text an import produces, so exports re-import unchanged. */
export function formatStoredValue(column: ColumnSpec, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  switch (column.type) {
    case 'decimal': {
      const text = String(value);
      return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
    }
    case 'time':
      return String(value).slice(0, 5);
    case 'boolean':
      return value === true || value === 't' || value === 'true' ? 'true' : 'false';
    default:
      return String(value);
  }
}

/** Reads one entity of an organization as text rows in a stable order (key, or ledger id). */
export async function readEntityRows(handle: DatabaseHandle, organizationId: string, descriptor: EntityDescriptor, headerLanguage: HeaderLanguage = 'en'): Promise<ExportedTable> {
  const order = descriptor.key.length > 0 ? descriptor.key : ['id'];
  const result = await sql<Record<string, unknown>>`select ${sql.join(descriptor.columns.map((c) => sql.ref(c.name)))} from ${sql.table(descriptor.name)} where organization_id = ${organizationId} order by ${sql.join(order.map((k) => sql.ref(k)))}`.execute(handle.db);
  return {
    entity: descriptor.name,
    headers: descriptor.columns.map((c) => (headerLanguage === 'fr' ? c.headerFr : c.name)),
    rows: result.rows.map((row) => descriptor.columns.map((c) => formatStoredValue(c, row[c.name]))),
  };
}

export type RunExportOptions = {
  organizationId: string;
  entities: EntityName[] | 'all';
  format: ExportFormat;
  /** For one entity: the file to write; for several: a directory (CSV) or a workbook file (XLSX). */
  outPath: string;
  headerLanguage?: HeaderLanguage;
};

export type ExportReport = { files: string[]; entities: { entity: EntityName; rows: number }[] };

/** Writes entities as CSV (one file each, UTF-8, comma, header row) or XLSX (one sheet each). */
export async function runExport(handle: DatabaseHandle, options: RunExportOptions): Promise<ExportReport> {
  const descriptors = options.entities === 'all' ? [...ENTITY_CATALOG] : options.entities.map(getEntityDescriptor);
  const headerLanguage = options.headerLanguage ?? 'en';
  const tables: ExportedTable[] = [];
  for (const descriptor of descriptors) tables.push(await readEntityRows(handle, options.organizationId, descriptor, headerLanguage));
  const fileBase = (entity: EntityName): string => {
    const names = getEntityDescriptor(entity).fileNames;
    return (headerLanguage === 'fr' ? names[1] : names[0]) ?? entity;
  };
  const files: string[] = [];
  const single = descriptors.length === 1 && options.entities !== 'all';
  // Several entities: leave out the empty ones (the importer refuses a header-only file or sheet), unless all are empty.
  const written = single || tables.every((t) => t.rows.length === 0) ? tables : tables.filter((t) => t.rows.length > 0);
  if (options.format === 'csv') {
    if (single) {
      const table = tables[0]!;
      await writeFile(options.outPath, toCsv(table));
      files.push(options.outPath);
    } else {
      await mkdir(options.outPath, { recursive: true });
      for (const table of written) {
        const file = join(options.outPath, `${fileBase(table.entity)}.csv`);
        await writeFile(file, toCsv(table));
        files.push(file);
      }
    }
  } else {
    const workbook = new ExcelJS.Workbook();
    for (const table of written) {
      const sheet = workbook.addWorksheet(fileBase(table.entity).slice(0, 31));
      sheet.addRow(table.headers);
      sheet.getRow(1).font = { bold: true };
      for (const row of table.rows) sheet.addRow(row);
      sheet.views = [{ state: 'frozen', ySplit: 1 }];
    }
    await writeFile(options.outPath, Buffer.from(await workbook.xlsx.writeBuffer()));
    files.push(options.outPath);
  }
  return { files, entities: tables.map((t) => ({ entity: t.entity, rows: t.rows.length })) };
}

/** CSV text of a table: RFC 4180 quoting, '\n' line ends, UTF-8. */
export function toCsv(table: Pick<ExportedTable, 'headers' | 'rows'>): string {
  return Papa.unparse({ fields: table.headers, data: table.rows }, { newline: '\n' }) + '\n';
}
