import Papa from 'papaparse';

/** One series read from a long CSV, in period order. */
export type ForecastCsvSeries = { seriesId: string; values: number[]; periods: string[] };

export type ForecastCsvIssue = { line: number; column: string; value: string; message: string };

export type ReadForecastCsvResult =
  | { ok: true; series: ForecastCsvSeries[]; periodColumn: 't' | 'date' }
  | { ok: false; issues: ForecastCsvIssue[] };

const DATE_PATTERN = /^\d{4}-\d{2}(-\d{2})?$/;

/**
 * Reads the long CSV `series_id,t,value` (t an integer period) or `series_id,date,value`
 * (ISO YYYY-MM-DD or YYYY-MM, one row per period, equally spaced). Validates every row and
 * returns all issues with their 1-based line numbers (the header is line 1); nothing is returned
 * as data unless the whole file is valid. Series keep the order of first appearance; rows within a
 * series are sorted by period. Duplicate periods and gaps in integer periods are issues (gaps are
 * never filled silently).
 */
export function readForecastCsv(text: string, options: { maxIssues?: number } = {}): ReadForecastCsvResult {
  const maxIssues = options.maxIssues ?? 20;
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: 'greedy' });
  const rows = parsed.data;
  const issues: ForecastCsvIssue[] = [];
  if (rows.length === 0) return { ok: false, issues: [{ line: 1, column: '', value: '', message: 'the file is empty (expected a header series_id,t,value or series_id,date,value)' }] };
  const header = rows[0]!.map((h) => h.trim().toLowerCase());
  const idIndex = header.indexOf('series_id');
  const tIndex = header.indexOf('t');
  const dateIndex = header.indexOf('date');
  const valueIndex = header.indexOf('value');
  const missing: string[] = [];
  if (idIndex < 0) missing.push('series_id');
  if (tIndex < 0 && dateIndex < 0) missing.push('t or date');
  if (valueIndex < 0) missing.push('value');
  if (missing.length > 0) {
    return { ok: false, issues: [{ line: 1, column: missing.join(', '), value: rows[0]!.join(','), message: `missing column(s): ${missing.join(', ')}` }] };
  }
  const periodColumn: 't' | 'date' = tIndex >= 0 ? 't' : 'date';
  const periodIndex = tIndex >= 0 ? tIndex : dateIndex;
  const bySeries = new Map<string, { period: string; order: number; value: number; line: number }[]>();
  // Papa drops nothing but blank lines; track physical line numbers from its row order plus skipped blanks.
  const lineNumbers = physicalLineNumbers(text);
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    const line = lineNumbers[r] ?? r + 1;
    const add = (column: string, value: string, message: string): void => {
      if (issues.length < maxIssues) issues.push({ line, column, value, message });
    };
    const seriesId = (row[idIndex] ?? '').trim();
    const periodText = (row[periodIndex] ?? '').trim();
    const valueText = (row[valueIndex] ?? '').trim();
    if (seriesId === '') add('series_id', seriesId, 'series_id is empty');
    let order = Number.NaN;
    if (periodColumn === 't') {
      if (!/^-?\d+$/.test(periodText)) add('t', periodText, 't must be an integer period');
      else order = Number(periodText);
    } else if (!DATE_PATTERN.test(periodText) || Number.isNaN(Date.parse(periodText.length === 7 ? `${periodText}-01` : periodText))) {
      add('date', periodText, 'date must be YYYY-MM-DD or YYYY-MM');
    } else {
      order = 0;
    }
    const value = valueText === '' ? Number.NaN : Number(valueText);
    if (!Number.isFinite(value)) add('value', valueText, 'value must be a number');
    if (seriesId === '' || Number.isNaN(order) || !Number.isFinite(value)) continue;
    const list = bySeries.get(seriesId) ?? [];
    bySeries.set(seriesId, list);
    list.push({ period: periodText, order, value, line });
  }
  const series: ForecastCsvSeries[] = [];
  for (const [seriesId, list] of bySeries) {
    list.sort((a, b) => (periodColumn === 't' ? a.order - b.order : a.period < b.period ? -1 : a.period > b.period ? 1 : 0) || a.line - b.line);
    for (let i = 1; i < list.length; i++) {
      const previous = list[i - 1]!;
      const current = list[i]!;
      if (previous.period === current.period || (periodColumn === 't' && previous.order === current.order)) {
        if (issues.length < maxIssues) issues.push({ line: current.line, column: periodColumn, value: current.period, message: `duplicate period for series ${seriesId} (also on line ${previous.line})` });
      } else if (periodColumn === 't' && current.order !== previous.order + 1) {
        if (issues.length < maxIssues) issues.push({ line: current.line, column: 't', value: current.period, message: `gap in series ${seriesId}: t jumps from ${previous.order} to ${current.order} (fill missing periods, e.g. with 0)` });
      }
    }
    series.push({ seriesId, values: list.map((p) => p.value), periods: list.map((p) => p.period) });
  }
  if (issues.length > 0) return { ok: false, issues };
  if (series.length === 0) return { ok: false, issues: [{ line: 2, column: '', value: '', message: 'no data rows after the header' }] };
  return { ok: true, series, periodColumn };
}

/** Maps parsed row index → physical 1-based line number (blank lines are skipped by the parser). */
function physicalLineNumbers(text: string): number[] {
  const result: number[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  lines.forEach((line, index) => {
    if (line.trim() !== '') result.push(index + 1);
  });
  return result;
}
