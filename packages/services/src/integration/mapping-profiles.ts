import { sql } from 'kysely';
import type { DatabaseHandle } from '@flowpilot/db';
import { ENTITY_CATALOG, getEntityDescriptor, normalizeHeader, type EntityName } from '../data-exchange/entity-catalog';
import { readTables, type RawTable } from '../data-exchange/read-tables';
import { runImport, type ImportReport } from '../data-exchange/run-import';
import { recordAuditEntry, type AuditActor } from '../auth/audit';
import { INTEGRATION_CLI_ACTOR } from './webhooks';

export const INTEGRATION_DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'YYYYMMDD', 'DD-MM-YYYY'] as const;
export type IntegrationDateFormat = (typeof INTEGRATION_DATE_FORMATS)[number];

/** How one column of the entity is filled from the raw extract. Applied in this order: values, decimalComma, factor, date. */
export type IntegrationMappingColumn = {
  /** Column of the entity (its database / English header name). */
  target: string;
  /** Header in the ERP extract (case and accents ignored); omitted when the column is a constant `default`. */
  source?: string;
  /** Value when the source is missing or empty. */
  default?: string;
  /** Code translation, e.g. { "PF": "finished_good" }. */
  values?: Record<string, string>;
  /** Decimal comma and spaces as thousands separators: '1 234,5' → '1234.5'. */
  decimalComma?: boolean;
  /** Unit conversion: value × factor (e.g. grams → kg 0.001, cartons of 12 → each 12), rounded to 6 decimals. */
  factor?: number;
  /** Date layout of the extract, converted to YYYY-MM-DD. */
  date?: IntegrationDateFormat;
};

/** The columns of one entity filled from the extract. */
export type IntegrationMappingTarget = { entity: EntityName; columns: IntegrationMappingColumn[] };
/**
 * A profile: one or more entities filled from each row of the extract (an open-orders extract with one row
 * per line fills sales_order and sales_order_line; identical mapped rows, e.g. the order header repeated
 * on each line, are kept once).
 */
export type IntegrationMappingDefinition = { targets: IntegrationMappingTarget[] };
export type IntegrationMappingProfile = { code: string; name: string; definition: IntegrationMappingDefinition; updatedAt: string };

/** A problem of a profile or of applying it, located in the extract; text under integration.mapping.<code>. */
export type IntegrationMappingIssue = {
  code: 'unknown_entity' | 'unknown_target' | 'duplicate_target' | 'no_source' | 'required_unmapped' | 'bad_factor' | 'missing_source_column' | 'invalid_date' | 'invalid_number';
  file: string | null;
  row: number | null;
  column: string | null;
  value: string | null;
};

/** Checks a profile definition against the entity catalogue: known entity and columns, each with a source or default, required columns mapped. */
export function validateIntegrationMappingDefinition(definition: IntegrationMappingDefinition): IntegrationMappingIssue[] {
  const issues: IntegrationMappingIssue[] = [];
  const at = (code: IntegrationMappingIssue['code'], column: string | null, value: string | null = null): void => { issues.push({ code, file: null, row: null, column, value }); };
  if (!Array.isArray(definition.targets) || definition.targets.length === 0) {
    at('unknown_entity', null, '');
    return issues;
  }
  for (const target of definition.targets) {
    const descriptor = ENTITY_CATALOG.find((d) => d.name === target.entity);
    if (!descriptor) {
      at('unknown_entity', null, String(target.entity));
      continue;
    }
    const seen = new Set<string>();
    for (const column of target.columns) {
      const name = `${target.entity}.${column.target}`;
      if (!descriptor.columns.some((c) => c.name === column.target)) at('unknown_target', name, column.target);
      if (seen.has(column.target)) at('duplicate_target', name, column.target);
      seen.add(column.target);
      if (column.source === undefined && column.default === undefined) at('no_source', name);
      if (column.factor !== undefined && !(Number.isFinite(column.factor) && column.factor > 0)) at('bad_factor', name, String(column.factor));
    }
    for (const c of descriptor.columns) if (c.required && c.defaultValue === undefined && !seen.has(c.name)) at('required_unmapped', `${target.entity}.${c.name}`);
  }
  return issues;
}

/**
 * Creates or replaces a profile after validating it; audited in the same transaction with the previous
 * name and definition (before) and the new ones (after).
 */
export async function saveIntegrationMappingProfile(handle: DatabaseHandle, input: { organizationId: string; code: string; name: string; definition: IntegrationMappingDefinition; actor?: AuditActor; reason?: string | null }): Promise<{ saved: boolean; issues: IntegrationMappingIssue[] }> {
  const issues = validateIntegrationMappingDefinition(input.definition);
  if (issues.length > 0) return { saved: false, issues };
  await handle.db.transaction().execute(async (trx) => {
    const before = (await sql<{ name: string; definition: IntegrationMappingDefinition }>`select name, definition from mapping_profile where organization_id = ${input.organizationId} and code = ${input.code} for update`.execute(trx)).rows[0];
    await sql`insert into mapping_profile (organization_id, code, name, entity, definition) values (${input.organizationId}, ${input.code}, ${input.name}, ${input.definition.targets.map((t) => t.entity).join(',')}, ${JSON.stringify(input.definition)}::jsonb)
      on conflict (organization_id, code) do update set name = excluded.name, entity = excluded.entity, definition = excluded.definition, updated_at = now()`.execute(trx);
    await recordAuditEntry(trx, { organizationId: input.organizationId, actor: input.actor ?? INTEGRATION_CLI_ACTOR, action: before ? 'update' : 'create', entity: 'mapping_profile', entityKey: input.code,
      ...(before ? { before: { name: before.name, definition: before.definition } } : {}), after: { name: input.name, definition: input.definition }, reason: input.reason ?? null });
  });
  return { saved: true, issues: [] };
}

export async function listIntegrationMappingProfiles(handle: DatabaseHandle, organizationId: string): Promise<IntegrationMappingProfile[]> {
  const rows = (await sql<{ code: string; name: string; definition: IntegrationMappingDefinition; updated_at: Date }>`select code, name, definition, updated_at from mapping_profile where organization_id = ${organizationId} order by code`.execute(handle.db)).rows;
  return rows.map((r) => ({ code: r.code, name: r.name, definition: r.definition, updatedAt: new Date(r.updated_at).toISOString() }));
}

export async function getIntegrationMappingProfile(handle: DatabaseHandle, organizationId: string, code: string): Promise<IntegrationMappingProfile | null> {
  return (await listIntegrationMappingProfiles(handle, organizationId)).find((p) => p.code === code) ?? null;
}

/** Deletes a profile (audited with what it was); false when the organization has none with that code. */
export async function deleteIntegrationMappingProfile(handle: DatabaseHandle, organizationId: string, code: string, options: { actor?: AuditActor; reason?: string | null } = {}): Promise<boolean> {
  return handle.db.transaction().execute(async (trx) => {
    const removed = (await sql<{ name: string; definition: IntegrationMappingDefinition }>`delete from mapping_profile where organization_id = ${organizationId} and code = ${code} returning name, definition`.execute(trx)).rows[0];
    if (!removed) return false;
    await recordAuditEntry(trx, { organizationId, actor: options.actor ?? INTEGRATION_CLI_ACTOR, action: 'delete', entity: 'mapping_profile', entityKey: code, before: { name: removed.name, definition: removed.definition }, reason: options.reason ?? null });
    return true;
  });
}

const DATE_PATTERNS: Record<IntegrationDateFormat, RegExp> = {
  'YYYY-MM-DD': /^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})$/,
  'DD/MM/YYYY': /^(?<d>\d{1,2})\/(?<m>\d{1,2})\/(?<y>\d{4})$/,
  'MM/DD/YYYY': /^(?<m>\d{1,2})\/(?<d>\d{1,2})\/(?<y>\d{4})$/,
  'DD.MM.YYYY': /^(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{4})$/,
  'DD-MM-YYYY': /^(?<d>\d{1,2})-(?<m>\d{1,2})-(?<y>\d{4})$/,
  YYYYMMDD: /^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$/,
};

function convertDate(value: string, format: IntegrationDateFormat): string | null {
  const groups = DATE_PATTERNS[format].exec(value)?.groups;
  if (!groups) return null;
  const iso = `${groups.y}-${groups.m!.padStart(2, '0')}-${groups.d!.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

/**
 * Applies a profile to raw extract tables: renames columns, translates codes, converts decimal commas,
 * units (value × factor, 6 decimals) and dates, fills defaults. Pure: returns the mapped tables, in the
 * entity's own headers, and every issue located by file, row and column of the extract.
 * Example: source "Qty (g)" = "1 500,0", decimalComma, factor 0.001 → quantity "1.5".
 */
export function mapIntegrationTables(definition: IntegrationMappingDefinition, tables: readonly RawTable[]): { tables: RawTable[]; issues: IntegrationMappingIssue[] } {
  const issues: IntegrationMappingIssue[] = [];
  const mapped: RawTable[] = [];
  for (const target of definition.targets) {
    const descriptor = getEntityDescriptor(target.entity);
    for (const table of tables) {
      const indexOf = new Map(table.headers.map((h, i) => [normalizeHeader(h), i]));
      const sources = target.columns.map((column) => {
        if (column.source === undefined) return -1;
        const index = indexOf.get(normalizeHeader(column.source));
        if (index === undefined && column.default === undefined && !issues.some((i) => i.code === 'missing_source_column' && i.file === table.source && i.column === column.source)) {
          issues.push({ code: 'missing_source_column', file: table.source, row: 1, column: column.source, value: null });
        }
        return index ?? -1;
      });
      const seenRows = new Set<string>();
      const rows: RawTable['rows'] = [];
      for (const raw of table.rows) {
        const cells = target.columns.map((column, i) => mapCell(column, sources[i]!, raw, table.source, issues));
        const identity = cells.join('\u0001');
        if (seenRows.has(identity)) continue;
        seenRows.add(identity);
        rows.push({ row: raw.row, cells });
      }
      mapped.push({ source: `${table.source} → ${descriptor.name}`, entityHint: descriptor.fileNames[0] ?? descriptor.name, headers: target.columns.map((c) => c.target), rows });
    }
  }
  return { tables: mapped, issues };
}

function mapCell(column: IntegrationMappingColumn, index: number, raw: RawTable['rows'][number], file: string, issues: IntegrationMappingIssue[]): string {
  let value = index >= 0 ? (raw.cells[index] ?? '').trim() : '';
  if (value === '') return column.default ?? '';
  if (column.values && Object.hasOwn(column.values, value)) value = column.values[value]!;
  if (column.decimalComma) value = value.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  const where = column.source ?? column.target;
  if (column.factor !== undefined) {
    const number = Number(value);
    if (!Number.isFinite(number)) {
      if (!issues.some((i) => i.file === file && i.row === raw.row && i.column === where)) issues.push({ code: 'invalid_number', file, row: raw.row, column: where, value });
      return value;
    }
    value = String(Math.round(number * column.factor * 1e6) / 1e6);
  }
  if (column.date) {
    const iso = convertDate(value, column.date);
    if (iso === null) {
      if (!issues.some((i) => i.file === file && i.row === raw.row && i.column === where)) issues.push({ code: 'invalid_date', file, row: raw.row, column: where, value });
      return value;
    }
    value = iso;
  }
  return value;
}

export type IntegrationMappingImportReport = ImportReport & { profile: string; mappingIssues: IntegrationMappingIssue[] };

/**
 * `flowpilot map apply`: reads the extract (CSV/XLSX), maps it through the stored profile, then runs the
 * ordinary all-or-nothing import for the profile's entity. With mapping issues nothing is written (the
 * import still validates what could be mapped, as a dry run, so every issue is reported at once).
 */
export async function runIntegrationMappingImport(handle: DatabaseHandle, options: { organizationId: string; profileCode: string; path: string; today: string; dryRun?: boolean }): Promise<IntegrationMappingImportReport | null> {
  const profile = await getIntegrationMappingProfile(handle, options.organizationId, options.profileCode);
  if (!profile) return null;
  const raw = await readTables(options.path);
  const { tables, issues } = mapIntegrationTables(profile.definition, raw);
  const report = await runImport(handle, { organizationId: options.organizationId, tables, today: options.today, dryRun: options.dryRun === true || issues.length > 0 });
  return { ...report, written: report.written && issues.length === 0, errorCount: report.errorCount + issues.length, profile: profile.code, mappingIssues: issues };
}
