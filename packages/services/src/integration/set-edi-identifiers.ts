import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { toDbError } from '@flowpilot/db';
import { isValidGs1Key } from '@flowpilot/core';
import { readTables } from '../data-exchange/read-tables';

export const INTEGRATION_IDENTIFIER_KINDS = ['organization_gln', 'gs1_company_prefix', 'customer_gln', 'supplier_gln', 'location_gln', 'item_gtin'] as const;
export type IntegrationIdentifierKind = (typeof INTEGRATION_IDENTIFIER_KINDS)[number];

export type IntegrationIdentifierRow = { kind: IntegrationIdentifierKind; code: string; value: string };
export type IntegrationIdentifierIssue = { index: number; kind: string; code: string; value: string; problem: 'unknown_kind' | 'invalid_check_digit' | 'invalid_format' | 'unknown_code' };

const TABLE: Record<IntegrationIdentifierKind, { table: string; column: string } | null> = {
  organization_gln: null, gs1_company_prefix: null,
  customer_gln: { table: 'customer', column: 'gln' }, supplier_gln: { table: 'supplier', column: 'gln' }, location_gln: { table: 'location', column: 'gln' }, item_gtin: { table: 'item', column: 'gtin' },
};

/**
 * Sets the GS1 identifiers EDI matches on — our GLN and company prefix, customers', suppliers' and
 * locations' GLNs, items' GTINs — all-or-nothing: each value is checked (13-digit GLN and 8/12/13/14-digit
 * GTIN with their GS1 check digit, prefix of 6–12 digits) and each code must exist; an empty value clears it.
 */
export async function runSetIntegrationIdentifiers(handle: DatabaseHandle, input: { organizationId: string; rows: readonly IntegrationIdentifierRow[] }): Promise<{ written: boolean; issues: IntegrationIdentifierIssue[] }> {
  const issues: IntegrationIdentifierIssue[] = [];
  for (const [index, row] of input.rows.entries()) {
    const issue = (problem: IntegrationIdentifierIssue['problem']): void => { issues.push({ index, kind: row.kind, code: row.code, value: row.value, problem }); };
    if (!(INTEGRATION_IDENTIFIER_KINDS as readonly string[]).includes(row.kind)) { issue('unknown_kind'); continue; }
    if (row.value !== '') {
      if (row.kind === 'gs1_company_prefix') { if (!/^\d{6,12}$/.test(row.value)) issue('invalid_format'); }
      else if (row.kind === 'item_gtin') {
        const kind = ({ 8: 'gtin-8', 12: 'gtin-12', 13: 'gtin-13', 14: 'gtin-14' } as const)[row.value.length as 8 | 12 | 13 | 14];
        if (!/^\d+$/.test(row.value) || !kind) issue('invalid_format');
        else if (!isValidGs1Key(row.value, kind)) issue('invalid_check_digit');
      } else if (!/^\d{13}$/.test(row.value)) issue('invalid_format');
      else if (!isValidGs1Key(row.value, 'gln')) issue('invalid_check_digit');
    }
    const target = TABLE[row.kind];
    if (target) {
      const found = (await sql<{ n: string }>`select count(*)::text as n from ${sql.table(target.table)} where organization_id = ${input.organizationId} and code = ${row.code}`.execute(handle.db)).rows[0]?.n;
      if (found === '0') issue('unknown_code');
    }
  }
  if (issues.length > 0) return { written: false, issues };
  try {
    await handle.db.transaction().execute(async (trx) => {
      for (const row of input.rows) {
        const value = row.value === '' ? null : row.value;
        const target = TABLE[row.kind];
        if (row.kind === 'organization_gln') await sql`update organization set gln = ${value} where id = ${input.organizationId}`.execute(trx);
        else if (row.kind === 'gs1_company_prefix') await sql`update organization set gs1_company_prefix = ${value} where id = ${input.organizationId}`.execute(trx);
        else if (target) await sql`update ${sql.table(target.table)} set ${sql.ref(target.column)} = ${value} where organization_id = ${input.organizationId} and code = ${row.code}`.execute(trx);
      }
    });
  } catch (error) {
    throw toDbError(error);
  }
  return { written: true, issues: [] };
}

/** Reads an identifiers CSV (`kind,code,value`, see examples/edi/identifiers.csv) into rows. */
export async function readIntegrationIdentifiersCsv(path: string): Promise<IntegrationIdentifierRow[]> {
  const [table] = await readTables(path);
  if (!table) return [];
  const index = (name: string): number => table.headers.findIndex((h) => h.trim().toLowerCase() === name);
  const [kind, code, value] = [index('kind'), index('code'), index('value')];
  return table.rows.map((r) => ({ kind: (r.cells[kind] ?? '').trim() as IntegrationIdentifierKind, code: (r.cells[code] ?? '').trim(), value: (r.cells[value] ?? '').trim() }));
}
