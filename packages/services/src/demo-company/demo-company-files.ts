import { ENTITY_CATALOG } from '../data-exchange/entity-catalog';
import { toCsv } from '../data-exchange/run-export';
import type { DemoCompany } from './generate-demo-company';

/** The demo company as CSV files (English headers, catalogue column order): file name → text. */
export function toDemoCompanyCsvFiles(company: DemoCompany): Map<string, string> {
  const files = new Map<string, string>();
  for (const descriptor of ENTITY_CATALOG) {
    const rows = company.tables[descriptor.name];
    if (!rows || rows.length === 0) continue;
    const headers = descriptor.columns.map((c) => c.name);
    files.set(`${descriptor.fileNames[0]}.csv`, toCsv({ headers, rows: rows.map((row) => headers.map((h) => row[h] ?? '')) }));
  }
  return files;
}
