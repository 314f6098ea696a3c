import { readFileSync, writeFileSync } from 'node:fs';
import { reconcileForecasts, type HierarchyNode, type ReconciliationMethod } from '@flowpilot/core';
import { translate } from '@flowpilot/contract';
import { CliError, EXIT_CODES, printJson, type CliContext } from '../cli-context';
import type { CommandRegistration } from './index';

/** CLI spelling → core method. */
const METHODS: Record<string, ReconciliationMethod> = {
  'bottom-up': 'bottom_up',
  'top-down-ap': 'top_down_average_proportions',
  'top-down-pa': 'top_down_proportion_of_averages',
  ols: 'ols',
  'wls-structural': 'wls_structural',
  'wls-variance': 'wls_variance',
  'mint-sample': 'mint_sample',
  'mint-shrink': 'mint_shrink',
};

type ReconcileOptions = {
  hierarchy: string;
  forecasts: string;
  method: string;
  history?: string;
  residuals?: string;
  nonNegative?: boolean;
  output?: string;
  json?: boolean;
};

type CsvRow = { line: number; cells: Record<string, string> };

/** Minimal RFC 4180 reader (quotes, doubled quotes, CRLF) that keeps each row's line number. */
function readCsv(path: string, context: CliContext): { columns: string[]; rows: CsvRow[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(EXIT_CODES.notFound, translate(context.language, 'reconcile.error.file', { path, message: (error as Error).message }), { cause: error });
  }
  const records: { line: number; fields: string[] }[] = [];
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.some((f) => f !== '')) records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      line++;
      recordLine = line;
    } else field += ch;
  }
  fields.push(field);
  if (fields.some((f) => f !== '')) records.push({ line: recordLine, fields });
  const header = (records.shift()?.fields ?? []).map((c) => c.trim().replace(/^\uFEFF/, ''));
  const rows = records.map((r) => ({ line: r.line, cells: Object.fromEntries(header.map((c, k) => [c, (r.fields[k] ?? '').trim()])) }));
  return { columns: header, rows };
}

function requireColumns(path: string, columns: string[], needed: string[], context: CliContext): void {
  for (const column of needed) {
    if (!columns.includes(column)) throw new CliError(EXIT_CODES.invalidInput, translate(context.language, 'reconcile.error.column', { path, column, columns: columns.join(', ') || '-' }));
  }
}

function rowError(context: CliContext, path: string, row: CsvRow, column: string, messageKey: string, params: Record<string, unknown> = {}): CliError {
  return new CliError(EXIT_CODES.invalidInput, translate(context.language, 'reconcile.error.row', { path, line: row.line, column, value: row.cells[column] ?? '', message: translate(context.language, messageKey, params) }));
}

function readHierarchy(path: string, context: CliContext): HierarchyNode[] {
  const { columns, rows } = readCsv(path, context);
  if (columns.includes('node_id')) {
    requireColumns(path, columns, ['node_id', 'parent_id'], context);
    return rows.map((row) => ({ nodeId: row.cells['node_id']!, parentId: row.cells['parent_id'] ? row.cells['parent_id'] : null }));
  }
  requireColumns(path, columns, ['item_id', 'family_id'], context);
  const nodes: HierarchyNode[] = [{ nodeId: 'total', parentId: null }];
  const families = new Set<string>();
  for (const row of rows) {
    const family = row.cells['family_id']!;
    if (!families.has(family)) {
      families.add(family);
      nodes.push({ nodeId: family, parentId: 'total' });
    }
    nodes.push({ nodeId: row.cells['item_id']!, parentId: family });
  }
  return nodes;
}

/** Reads series_id + an integer or date period + a value column into ordered arrays per series. */
function readSeries(path: string, valueColumn: string, periodColumns: string[], context: CliContext, contiguousSteps: boolean): Record<string, number[]> {
  const { columns, rows } = readCsv(path, context);
  const periodColumn = periodColumns.find((c) => columns.includes(c)) ?? periodColumns[0]!;
  requireColumns(path, columns, ['series_id', periodColumn, valueColumn], context);
  const bySeries = new Map<string, Map<string, { value: number; order: number | string }>>();
  for (const row of rows) {
    const id = row.cells['series_id']!;
    const rawPeriod = row.cells[periodColumn]!;
    let order: number | string = rawPeriod;
    if (periodColumn !== 'date') {
      const n = Number(rawPeriod);
      if (!Number.isInteger(n) || n < 1) throw rowError(context, path, row, periodColumn, 'reconcile.error.notInteger');
      order = n;
    }
    const rawValue = row.cells[valueColumn]!;
    const value = rawValue === '' ? Number.NaN : Number(rawValue);
    if (!Number.isFinite(value)) throw rowError(context, path, row, valueColumn, 'reconcile.error.notNumber');
    const series = bySeries.get(id) ?? new Map();
    if (series.has(String(order))) throw rowError(context, path, row, periodColumn, 'reconcile.error.duplicate');
    series.set(String(order), { value, order });
    bySeries.set(id, series);
  }
  const out: Record<string, number[]> = {};
  for (const [id, series] of bySeries) {
    const entries = [...series.values()].sort((a, b) => (typeof a.order === 'number' && typeof b.order === 'number' ? a.order - b.order : String(a.order) < String(b.order) ? -1 : 1));
    if (contiguousSteps) {
      entries.forEach((e, k) => {
        if (e.order !== k + 1) throw new CliError(EXIT_CODES.invalidInput, translate(context.language, 'reconcile.error.gap', { seriesId: id, step: k + 1 }));
      });
    }
    out[id] = entries.map((e) => e.value);
  }
  return out;
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * `flowpilot reconcile --hierarchy <csv> --forecasts <csv> [--method mint-shrink|…] [--history <csv>]
 * [--residuals <csv>] [--non-negative] [--output <csv>] [--json]`.
 */
export const registerReconcileCommand: CommandRegistration = (program, context) => {
  const t = (key: string, params?: Record<string, unknown>) => translate(context.language, key, params);
  program
    .command('reconcile')
    .description(t('reconcile.description'))
    .requiredOption('--hierarchy <csv>', t('reconcile.option.hierarchy'))
    .requiredOption('-f, --forecasts <csv>', t('reconcile.option.forecasts'))
    .option('--method <method>', t('reconcile.option.method', { methods: Object.keys(METHODS).join('|') }), 'wls-structural')
    .option('--history <csv>', t('reconcile.option.history'))
    .option('--residuals <csv>', t('reconcile.option.residuals'))
    .option('--non-negative', t('reconcile.option.nonNegative'))
    .option('-o, --output <csv>', t('reconcile.option.output'))
    .option('--json', t('cli.option.json'))
    .action((options: ReconcileOptions) => {
      const method = METHODS[options.method] ?? (Object.values(METHODS).includes(options.method as ReconciliationMethod) ? (options.method as ReconciliationMethod) : undefined);
      if (method === undefined) throw new CliError(EXIT_CODES.usage, t('reconcile.error.method', { value: options.method, values: Object.keys(METHODS).join(', ') }));
      const hierarchy = readHierarchy(options.hierarchy, context);
      const baseForecasts = readSeries(options.forecasts, 'forecast', ['step'], context, true);
      const history = options.history ? readSeries(options.history, 'value', ['t', 'date'], context, false) : undefined;
      const residuals = options.residuals ? readSeries(options.residuals, 'residual', ['t', 'date'], context, false) : undefined;
      const result = reconcileForecasts({ hierarchy, baseForecasts, method, history, residuals, nonNegative: options.nonNegative ?? false });
      const lines = ['series_id,step,base,reconciled'];
      const rows: { seriesId: string; step: number; base: number | null; reconciled: number }[] = [];
      for (const id of result.nodeIds) {
        result.reconciled[id]!.forEach((value, h) => {
          const base = baseForecasts[id]?.[h];
          rows.push({ seriesId: id, step: h + 1, base: base === undefined ? null : round(base), reconciled: round(value) });
          lines.push(`${/[",\n]/.test(id) ? `"${id.replace(/"/g, '""')}"` : id},${h + 1},${base === undefined ? '' : round(base)},${round(value)}`);
        });
      }
      const csv = lines.join('\n') + '\n';
      if (options.output) writeFileSync(options.output, csv);
      const horizon = result.nodeIds.length > 0 ? result.reconciled[result.nodeIds[0]!]!.length : 0;
      if (options.json) {
        printJson(context, { method: result.method, baseIncoherence: round(result.baseIncoherence), parameters: result.parameters, notes: result.notes, rows: options.output ? undefined : rows });
        return;
      }
      if (!options.output) context.stdout(csv);
      context.stderr(t('reconcile.summary', { nodes: result.nodeIds.length, bottom: result.bottomIds.length, horizon, method: options.method, incoherence: round(result.baseIncoherence) }) + '\n');
      if (result.parameters.shrinkageLambda !== undefined) context.stderr(t('reconcile.lambda', { lambda: round(result.parameters.shrinkageLambda) }) + '\n');
      for (const note of result.notes) context.stderr(note + '\n');
      if (options.output) context.stderr(t('reconcile.written', { output: options.output }) + '\n');
    });
};
