import {
  ENTITY_CATALOG, findEntityByFileName, getEntityDescriptor, normalizeHeader,
  type ColumnSpec, type EntityDescriptor, type EntityName,
} from './entity-catalog';
import { parseCell } from './parse-value';
import { findGraphCycles, type GraphEdge } from './find-graph-cycles';
import type { RawTable } from './read-tables';
import type { ImportIssue } from './import-issue';

/** Rows of one entity ready to write: canonical text per database column, with where they came from. */
export type EntityBatch = {
  descriptor: EntityDescriptor;
  rows: { source: string; row: number; values: Record<string, string | null> }[];
};

/** What the database already holds and the validation needs: existing keys and BOM edges. */
export type ExistingData = {
  /** Keys (joined with '\u0001') already stored for an entity. */
  keys(entity: EntityName): ReadonlySet<string>;
  /** Stored BOM lines as parent → component edges with their key. */
  bomEdges: readonly { parent: string; component: string; key: string }[];
};

export type ValidateTablesInput = {
  tables: readonly RawTable[];
  existing: ExistingData;
  /** Today's date (ISO) for checks such as "no sales in the future"; the caller supplies the clock. */
  today: string;
  /** Force every table to this entity (single-file imports with an unrelated file name). */
  entity?: EntityName | undefined;
};

export type ValidateTablesResult = { batches: EntityBatch[]; issues: ImportIssue[] };

export const KEY_SEPARATOR = '\u0001';

function headerMatches(column: ColumnSpec, header: string): boolean {
  const h = normalizeHeader(header);
  return h === normalizeHeader(column.name) || h === normalizeHeader(column.headerFr);
}

/**
 * Checks every table and returns every issue (never only the first): structure (file names,
 * headers), cells (types, bounds, lists), rows (reversed dates…), keys (duplicates), references to
 * other entities (in the same import or already stored), BOM cycles, and sales-history outliers
 * (warnings). The batches are only meant to be written when no issue is an error.
 */
export function validateTables(input: ValidateTablesInput): ValidateTablesResult {
  const issues: ImportIssue[] = [];
  const batches = new Map<EntityName, EntityBatch>();
  const fileNameOf = new Map<EntityName, string>();

  for (const table of input.tables) {
    const descriptor = input.entity ? getEntityDescriptor(input.entity) : findEntityByFileName(table.entityHint);
    if (!descriptor) {
      issues.push({ severity: 'error', file: table.source, row: null, column: null, value: null, code: 'unknown_file', params: { name: table.entityHint, expected: ENTITY_CATALOG.map((d) => d.fileNames.join('/')).join(', ') } });
      continue;
    }
    fileNameOf.set(descriptor.name, table.source);
    if (table.headers.length === 0 || table.headers.every((h) => h === '')) {
      issues.push({ severity: 'error', file: table.source, row: 1, column: null, value: null, code: 'no_header', params: {} });
      continue;
    }
    // Map each header to a column.
    const columnAt: (ColumnSpec | undefined)[] = [];
    const seen = new Set<string>();
    table.headers.forEach((header) => {
      const column = descriptor.columns.find((col) => headerMatches(col, header));
      if (!column) {
        if (header !== '') issues.push({ severity: 'error', file: table.source, row: 1, column: header, value: null, code: 'unknown_column', params: { expected: descriptor.columns.map((col) => `${col.name}/${col.headerFr}`).join(', ') } });
        columnAt.push(undefined);
        return;
      }
      if (seen.has(column.name)) {
        issues.push({ severity: 'error', file: table.source, row: 1, column: header, value: null, code: 'duplicate_column', params: {} });
        columnAt.push(undefined);
        return;
      }
      seen.add(column.name);
      columnAt.push(column);
    });
    const missing = descriptor.columns.filter((col) => col.required && col.defaultValue === undefined && !seen.has(col.name));
    for (const col of missing) issues.push({ severity: 'error', file: table.source, row: 1, column: null, value: null, code: 'missing_column', params: { expected: `${col.name} / ${col.headerFr}` } });
    if (table.rows.length === 0) {
      issues.push({ severity: 'error', file: table.source, row: null, column: null, value: null, code: 'empty_file', params: {} });
      continue;
    }
    if (missing.length > 0) continue;

    const headerOf = new Map<string, string>();
    columnAt.forEach((col, i) => { if (col) headerOf.set(col.name, table.headers[i] ?? col.name); });
    const batch = batches.get(descriptor.name) ?? { descriptor, rows: [] };
    batches.set(descriptor.name, batch);
    for (const raw of table.rows) {
      const values: Record<string, string | null> = {};
      let rowOk = true;
      for (const column of descriptor.columns) {
        const index = columnAt.findIndex((col) => col === column);
        const cell = index >= 0 ? raw.cells[index] : undefined;
        const parsed = parseCell(column, cell);
        if (parsed.ok) values[column.name] = parsed.value;
        else {
          rowOk = false;
          issues.push({ severity: 'error', file: table.source, row: raw.row, column: headerOf.get(column.name) ?? column.name, value: cell ?? '', code: parsed.code, params: parsed.params ?? {} });
        }
      }
      if (rowOk) issues.push(...checkRow(descriptor, values, { file: table.source, row: raw.row, headerOf, today: input.today }));
      batch.rows.push({ source: table.source, row: raw.row, values });
    }
  }

  const batchList = [...batches.values()];
  issues.push(...checkDuplicateKeys(batchList));
  issues.push(...checkReferences(batchList, input.existing, fileNameOf));
  issues.push(...checkBomCycles(batches.get('bom_line'), input.existing));
  issues.push(...flagSalesOutliers(batches.get('sales_history')));
  return { batches: batchList, issues };
}

type RowContext = { file: string; row: number; headerOf: Map<string, string>; today: string };

function checkRow(descriptor: EntityDescriptor, values: Record<string, string | null>, context: RowContext): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const at = (column: string, code: string, params: Record<string, string | number> = {}): void => {
    issues.push({ severity: 'error', file: context.file, row: context.row, column: context.headerOf.get(column) ?? column, value: values[column] ?? '', code, params });
  };
  const datePairs: [string, string][] = [['valid_from', 'valid_to'], ['start_date', 'due_date'], ['ship_date', 'due_date'], ['order_date', 'due_date'], ['authorized_date', 'received_date'],
    ['received_date', 'inspected_date'], ['inspected_date', 'disposed_date'], ['invoice_date', 'due_date'], ['invoice_date', 'payment_date'], ['as_of_date', 'period_start']];
  for (const [earlier, later] of datePairs) {
    const a = values[earlier];
    const b = values[later];
    if (a && b && b < a && descriptor.columns.some((c) => c.name === earlier) && descriptor.columns.some((c) => c.name === later)) {
      at(later, 'dates_reversed', { later: context.headerOf.get(later) ?? later, earlier: context.headerOf.get(earlier) ?? earlier });
    }
  }
  if (descriptor.name === 'transfer_order' && values.from_location_code === values.to_location_code) at('to_location_code', 'same_locations');
  if (descriptor.name === 'customer' && values.delivery_window_start && values.delivery_window_end && values.delivery_window_end <= values.delivery_window_start) at('delivery_window_end', 'window_reversed');
  if (descriptor.name === 'carrier_tariff' && Number(values.max_weight_kg) <= Number(values.min_weight_kg)) at('max_weight_kg', 'weight_break_reversed');
  for (const group of descriptor.allOrNone ?? []) {
    const missing = group.filter((column) => values[column] === null || values[column] === undefined || values[column] === '');
    if (missing.length > 0 && missing.length < group.length) at(missing[0]!, 'all_or_none', { columns: group.map((column) => context.headerOf.get(column) ?? column).join(', ') });
  }
  if (descriptor.name === 'inventory_movement' && Number(values.quantity) === 0) at('quantity', 'zero_quantity');
  if (descriptor.name === 'sales_history' && values.sale_date && values.sale_date > context.today) at('sale_date', 'date_in_future', { today: context.today });
  if (descriptor.name === 'forecast_snapshot' && values.period_start && new Date(`${values.period_start}T00:00:00Z`).getUTCDay() !== 1) at('period_start', 'not_a_monday');
  if (descriptor.name === 'return_order') checkReturnRow(values, at);
  return issues;
}

/**
 * A return row must be consistent with its step (RMA workflow authorised → received → inspected →
 * closed): a received return has a receipt date and a location, an inspected one an inspection
 * result, a disposition only once inspected, and a closed return a disposition.
 */
function checkReturnRow(values: Record<string, string | null>, at: (column: string, code: string, params?: Record<string, string | number>) => void): void {
  const status = values.status ?? 'authorized';
  const step = ['authorized', 'received', 'inspected', 'closed'].indexOf(status);
  const need = (column: string): void => { if (!values[column]) at(column, 'return_status_incomplete', { status }); };
  if (step >= 1) { need('received_date'); need('location_code'); }
  if (step >= 2) need('inspection_result');
  if (step === 3) need('disposition');
  if (values.disposition && step >= 0 && step < 2) at('disposition', 'disposition_before_inspection', { status });
}

function keyOf(descriptor: EntityDescriptor, values: Record<string, string | null>): string {
  return descriptor.key.map((k) => values[k] ?? '').join(KEY_SEPARATOR);
}

function checkDuplicateKeys(batches: EntityBatch[]): ImportIssue[] {
  const issues: ImportIssue[] = [];
  for (const batch of batches) {
    if (batch.descriptor.key.length === 0) continue;
    const first = new Map<string, { source: string; row: number }>();
    for (const row of batch.rows) {
      if (batch.descriptor.key.some((k) => row.values[k] === null || row.values[k] === undefined)) continue;
      const key = keyOf(batch.descriptor, row.values);
      const previous = first.get(key);
      if (previous) {
        const shown = batch.descriptor.key.map((k) => row.values[k]).join(' / ');
        issues.push({ severity: 'error', file: row.source, row: row.row, column: batch.descriptor.key.join('+'), value: shown, code: 'duplicate_key', params: { key: shown, firstRow: previous.source === row.source ? previous.row : `${previous.source}:${previous.row}` } });
      } else first.set(key, { source: row.source, row: row.row });
    }
  }
  return issues;
}

function checkReferences(batches: EntityBatch[], existing: ExistingData, fileNameOf: Map<EntityName, string>): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const importedKeys = new Map<EntityName, Set<string>>();
  for (const batch of batches) importedKeys.set(batch.descriptor.name, new Set(batch.rows.map((r) => keyOf(batch.descriptor, r.values))));
  const known = (entity: EntityName, key: string): boolean => importedKeys.get(entity)?.has(key) === true || existing.keys(entity).has(key);
  const fileFor = (entity: EntityName): string => {
    const descriptor = getEntityDescriptor(entity);
    return fileNameOf.get(entity) ?? `${descriptor.fileNames[0]}.csv`;
  };
  for (const batch of batches) {
    for (const row of batch.rows) {
      for (const column of batch.descriptor.columns) {
        if (!column.references) continue;
        const value = row.values[column.name];
        if (value === null || value === undefined || value === '') continue;
        if (!known(column.references, value)) {
          issues.push({ severity: 'error', file: row.source, row: row.row, column: column.name, value, code: 'unknown_reference', params: { entityName: column.references, file: fileFor(column.references) } });
        }
      }
      for (const reference of batch.descriptor.compositeReferences ?? []) {
        const parts = reference.columns.map((col) => row.values[col] ?? '');
        if (parts.some((p) => p === '')) continue;
        if (!known(reference.entity, parts.join(KEY_SEPARATOR))) {
          issues.push({ severity: 'error', file: row.source, row: row.row, column: reference.columns.join('+'), value: parts.join(' / '), code: 'unknown_reference', params: { entityName: reference.entity, file: fileFor(reference.entity) } });
        }
      }
    }
  }
  return issues;
}

/**
 * Finds cycles in the BOM graph (stored lines, replaced by imported lines with the same key, plus
 * new lines) by depth-first search, and reports each cycle once on the imported line that closes it.
 */
function checkBomCycles(batch: EntityBatch | undefined, existing: ExistingData): ImportIssue[] {
  if (!batch) return [];
  type Origin = { source: string; row: number };
  const edges = new Map<string, GraphEdge<Origin>>();
  for (const e of existing.bomEdges) edges.set(e.key, { from: e.parent, to: e.component });
  for (const row of batch.rows) {
    const parent = row.values.parent_item_code;
    const component = row.values.component_item_code;
    if (!parent || !component) continue;
    edges.set(keyOf(batch.descriptor, row.values), { from: parent, to: component, tag: { source: row.source, row: row.row } });
  }
  return findGraphCycles([...edges.values()]).map(({ nodes, closingEdge }) => ({
    severity: 'error', file: closingEdge.tag?.source ?? 'bom_lines', row: closingEdge.tag?.row ?? null, column: 'component_item_code', value: closingEdge.to, code: 'bom_cycle', params: { cycle: nodes.join(' → ') },
  }));
}

/**
 * Flags unusual sales (warnings, never rejections) with a Hampel identifier (Pearson 2002): per
 * item × location series in date order, a point is flagged when |x − median| / (1.4826 · MAD) > 6
 * over a centred window of 29 observations, so seasonal peaks are compared with their own season.
 * Promotional days are not flagged: their uplift is expected.
 */
function flagSalesOutliers(batch: EntityBatch | undefined): ImportIssue[] {
  if (!batch) return [];
  const series = new Map<string, EntityBatch['rows']>();
  for (const row of batch.rows) {
    const key = `${row.values.item_code}@${row.values.location_code}`;
    const list = series.get(key) ?? [];
    list.push(row);
    series.set(key, list);
  }
  const issues: ImportIssue[] = [];
  const halfWindow = 14;
  for (const [key, unsorted] of series) {
    if (unsorted.length < 2 * halfWindow + 1) continue;
    const rows = [...unsorted].sort((a, b) => String(a.values.sale_date).localeCompare(String(b.values.sale_date)));
    const quantities = rows.map((r) => Number(r.values.quantity));
    rows.forEach((row, index) => {
      if (row.values.promotion === 'true') return;
      const from = Math.max(0, Math.min(index - halfWindow, quantities.length - 2 * halfWindow - 1));
      const window = quantities.slice(from, from + 2 * halfWindow + 1);
      const median = medianOf(window);
      // Counts have at least Poisson noise: sqrt(median) floors the scale so small counts are not over-flagged.
      const scale = Math.max(1.4826 * medianOf(window.map((q) => Math.abs(q - median))), Math.sqrt(Math.max(median, 1)));
      if (scale <= 0) return;
      const score = Math.abs((quantities[index] ?? 0) - median) / scale;
      if (score > 6) {
        issues.push({ severity: 'warning', file: row.source, row: row.row, column: 'quantity', value: String(row.values.quantity), code: 'sales_outlier', params: { series: key, typical: round2(median), score: round2(score) } });
      }
    });
  }
  return issues;
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
