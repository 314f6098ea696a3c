import { readFileSync } from 'node:fs';
import { translate } from '@flowpilot/contract';
import { CliError, EXIT_CODES, type CliContext } from '../cli-context';

/** Reads a text file: exit 4 when it is missing. */
export function readInventoryText(path: string, context: CliContext): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') throw new CliError(EXIT_CODES.notFound, translate(context.language, 'error.file_not_found', { path }), { cause: error });
    throw error;
  }
}

/** Parses a JSON object from text: exit 3 when it is not JSON or not an object. */
export function parseInventoryJson(text: string, path: string, context: CliContext): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError(EXIT_CODES.invalidInput, translate(context.language, 'inventory.error.inputNotJson', { path, detail: (error as Error).message }), { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError(EXIT_CODES.invalidInput, translate(context.language, 'inventory.error.inputShape', { path, detail: 'expected a JSON object' }));
  }
  return value as Record<string, unknown>;
}

/**
 * Parses CSV text with a header row (RFC 4180 quoting; the delimiter, comma or semicolon, is read from the header).
 * Returns one record per non-empty line, keyed by the header's names.
 */
export function parseInventoryCsv(text: string, path: string, context: CliContext): Record<string, string>[] {
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  let line = 1;
  for (let i = 0; i < clean.length; i++) {
    const char = clean[i]!;
    if (quoted) {
      if (char === '"') {
        if (clean[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else {
        if (char === '\n') line++;
        field += char;
      }
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === delimiter) { row.push(field); field = ''; }
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && clean[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      line++;
    } else field += char;
  }
  if (quoted) throw new CliError(EXIT_CODES.invalidInput, translate(context.language, 'inventory.error.csv', { path, line, detail: 'unclosed quote' }));
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  const nonEmpty = rows.filter((cells) => cells.some((cell) => cell.trim() !== ''));
  if (nonEmpty.length === 0) return [];
  const header = nonEmpty[0]!.map((name) => name.trim());
  return nonEmpty.slice(1).map((cells, index) => {
    if (cells.length > header.length) throw new CliError(EXIT_CODES.invalidInput, translate(context.language, 'inventory.error.csv', { path, line: index + 2, detail: `${cells.length} fields for ${header.length} columns` }));
    return Object.fromEntries(header.map((name, column) => [name, (cells[column] ?? '').trim()]));
  });
}

/**
 * The CLI's one rounding policy for printed numbers: money (keys naming a cost, profit or value) to 2 decimals,
 * everything else to 4; whole numbers stay whole. Infinity prints as null in JSON.
 */
export function roundForOutput(value: unknown, key = ''): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Number.isInteger(value)) return value;
    const digits = /cost|profit|value/i.test(key) && !/rate|share|level/i.test(key) ? 2 : 4;
    const factor = 10 ** digits;
    return Math.round(value * factor) / factor;
  }
  if (Array.isArray(value)) return value.map((entry) => roundForOutput(entry, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([name, entry]) => [name, roundForOutput(entry, name)]));
  }
  return value;
}
