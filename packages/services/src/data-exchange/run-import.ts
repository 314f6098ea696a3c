import { sql, type Kysely } from 'kysely';
import type { Database, DatabaseHandle } from '@flowpilot/db';
import { toDbError } from '@flowpilot/db';
import {
  entitiesInDependencyOrder, findEntityByFileName, getEntityDescriptor, type EntityDescriptor, type EntityName,
} from './entity-catalog';
import { readTables, type RawTable } from './read-tables';
import { validateTables, KEY_SEPARATOR, type EntityBatch, type ExistingData } from './validate-tables';
import type { ImportIssue } from './import-issue';
import { ensureOrganization } from '../organizations/ensure-organization';
import { recordAuditEntry, type AuditActor } from '../auth/audit';

export type ImportReport = {
  dryRun: boolean;
  /** True only when every row was written (all-or-nothing). */
  written: boolean;
  entities: { entity: EntityName; rows: number; sources: string[] }[];
  issues: ImportIssue[];
  errorCount: number;
  warningCount: number;
};

export type RunImportOptions = {
  organizationId: string;
  /** A directory, a .csv or an .xlsx file; or tables already read. */
  path?: string;
  tables?: RawTable[];
  entity?: EntityName;
  dryRun?: boolean;
  /** ISO date used for "not in the future" checks; the caller's clock. */
  today: string;
  onProgress?: (step: { entity: EntityName; rowsWritten: number; rowsTotal: number }) => void;
  signal?: AbortSignal;
  /** Who imports: recorded in the audit trail with the files and row counts, in the import's transaction. */
  actor?: AuditActor;
};

const CHUNK_ROWS = 500;

/** Joins key parts the way validation does. */
function joinKey(parts: unknown[]): string {
  return parts.map((p) => (p === null || p === undefined ? '' : String(p))).join(KEY_SEPARATOR);
}

async function loadExisting(db: Kysely<Database>, organizationId: string, entities: Set<EntityName>, needBomEdges: boolean): Promise<ExistingData> {
  const keys = new Map<EntityName, Set<string>>();
  for (const entity of entities) {
    const descriptor = getEntityDescriptor(entity);
    if (descriptor.key.length === 0) continue;
    const result = await sql<Record<string, unknown>>`select ${sql.join(descriptor.key.map((k) => sql.ref(k)))} from ${sql.table(descriptor.name)} where organization_id = ${organizationId}`.execute(db);
    keys.set(entity, new Set(result.rows.map((r) => joinKey(descriptor.key.map((k) => normalizeStoredKey(r[k]))))));
  }
  let bomEdges: ExistingData['bomEdges'] = [];
  if (needBomEdges) {
    const result = await sql<{ parent_item_code: string; bom_version: string; line_number: number; component_item_code: string }>`select parent_item_code, bom_version, line_number, component_item_code from bom_line where organization_id = ${organizationId}`.execute(db);
    bomEdges = result.rows.map((r) => ({ parent: r.parent_item_code, component: r.component_item_code, key: joinKey([r.parent_item_code, r.bom_version, r.line_number]) }));
  }
  const empty = new Set<string>();
  return { keys: (entity) => keys.get(entity) ?? empty, bomEdges };
}

/** Stored numerics come back as '10.000000': keys compare on the canonical text. */
function normalizeStoredKey(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' && /^-?\d+\.\d+$/.test(value)) return value.replace(/\.?0+$/, '');
  return String(value);
}

function referencedEntities(descriptors: EntityDescriptor[]): Set<EntityName> {
  const set = new Set<EntityName>();
  for (const d of descriptors) {
    set.add(d.name);
    for (const column of d.columns) if (column.references) set.add(column.references);
    for (const r of d.compositeReferences ?? []) set.add(r.entity);
  }
  return set;
}

/**
 * Imports CSV/XLSX data for one organization, all-or-nothing: reads, validates everything, and
 * writes every entity in one transaction only when no error was found (upsert by key; the ledger is
 * appended). A dry run returns the same report without writing.
 */
export async function runImport(handle: DatabaseHandle, options: RunImportOptions): Promise<ImportReport> {
  const tables = options.tables ?? (options.path ? await readTables(options.path) : []);
  options.signal?.throwIfAborted();
  const descriptors = tables
    .map((t) => (options.entity ? getEntityDescriptor(options.entity) : findEntityByFileName(t.entityHint)))
    .filter((d): d is EntityDescriptor => d !== undefined);
  const existing = await loadExisting(handle.db, options.organizationId, referencedEntities(descriptors), descriptors.some((d) => d.name === 'bom_line'));
  const { batches, issues } = validateTables({ tables, existing, today: options.today, entity: options.entity });
  const errorCount = issues.filter((i) => i.severity === 'error').length;
  const report: ImportReport = {
    dryRun: options.dryRun === true,
    written: false,
    entities: batches.map((b) => ({ entity: b.descriptor.name, rows: b.rows.length, sources: [...new Set(b.rows.map((r) => r.source))] })),
    issues,
    errorCount,
    warningCount: issues.length - errorCount,
  };
  if (errorCount > 0 || options.dryRun || batches.length === 0) return report;

  const order = entitiesInDependencyOrder().map((d) => d.name);
  const sorted = [...batches].sort((a, b) => order.indexOf(a.descriptor.name) - order.indexOf(b.descriptor.name));
  try {
    await handle.db.transaction().execute(async (trx) => {
      await ensureOrganization(trx, options.organizationId);
      for (const batch of sorted) {
        await writeBatch(trx, options.organizationId, batch, options);
      }
      await recordAuditEntry(trx, {
        organizationId: options.organizationId, actor: options.actor ?? { userId: null, email: null, via: 'system' }, action: 'import', entity: 'data',
        entityKey: [...new Set(sorted.map((b) => b.descriptor.name))].join(',').slice(0, 200), after: { entities: report.entities },
      });
    });
  } catch (error) {
    throw toDbError(error);
  }
  report.written = true;
  return report;
}

async function writeBatch(db: Kysely<Database>, organizationId: string, batch: EntityBatch, options: RunImportOptions): Promise<void> {
  const { descriptor } = batch;
  const columns = ['organization_id', ...descriptor.columns.map((c) => c.name)];
  const conflictKey = ['organization_id', ...descriptor.key];
  const updates = descriptor.columns.filter((c) => !descriptor.key.includes(c.name)).map((c) => c.name);
  for (let start = 0; start < batch.rows.length; start += CHUNK_ROWS) {
    options.signal?.throwIfAborted();
    const chunk = batch.rows.slice(start, start + CHUNK_ROWS);
    const values = chunk.map((row) => sql`(${sql.join([organizationId, ...descriptor.columns.map((c) => row.values[c.name] ?? null)])})`);
    const conflict = descriptor.appendOnly
      ? sql``
      : updates.length > 0
        ? sql` on conflict (${sql.join(conflictKey.map((k) => sql.ref(k)))}) do update set ${sql.join(updates.map((u) => sql`${sql.ref(u)} = excluded.${sql.ref(u)}`))}`
        : sql` on conflict (${sql.join(conflictKey.map((k) => sql.ref(k)))}) do nothing`;
    await sql`insert into ${sql.table(descriptor.name)} (${sql.join(columns.map((c) => sql.ref(c)))}) values ${sql.join(values)}${conflict}`.execute(db);
    options.onProgress?.({ entity: descriptor.name, rowsWritten: Math.min(start + CHUNK_ROWS, batch.rows.length), rowsTotal: batch.rows.length });
  }
}
