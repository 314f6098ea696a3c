import { CoreError } from '../shared/core-error';
import { lineOfOffset, mapJsonValueLines } from './internal/json-line-map';
import { validateTariff } from './validate-tariff';
import type { Tariff, TariffOption, TariffZone, TransportMode, WeightBreakTariff } from './types';

function lineError(line: number, reason: string, cause?: unknown): CoreError {
  return new CoreError('invalid_input', `line ${line}: ${reason}`, { path: `line ${line}`, details: { line }, ...(cause === undefined ? {} : { cause }) });
}

function parseNumber(raw: string, line: number, what: string): number {
  const trimmed = raw.trim();
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value)) throw lineError(line, `${what} must be a number, got "${raw}"`);
  if (value < 0) throw lineError(line, `${what} must be ≥ 0, got ${value}`);
  return value;
}

const METADATA_KEYS = ['carrier', 'mode', 'currency', 'basis', 'fuel_surcharge_fraction', 'minimum_charge', 'volumetric_kg_per_m3', 'version', 'transit_days', 'zone_map', 'option'] as const;

/**
 * Parses a zone × weight-break tariff grid written as CSV into a typed WeightBreakTariff.
 * Format: `# key=value; key=value` metadata lines (carrier, mode, currency, basis, fuel_surcharge_fraction,
 * minimum_charge, volumetric_kg_per_m3, version, transit_days, zone_map=`prefix:zone …`, option=`code:kind:amount`),
 * then a header `zone[,transit_days][,minimum_charge],<break kg>,<break kg>…` and one row per zone with its rates.
 * Comma-separated, no quoted fields; blank lines ignored. Documented in docs/formats/transport-warehouse.md.
 * Example: "# carrier=ACME; mode=road-ltl; currency=EUR; basis=per-100kg\nzone,0,100\nZ1,12,10" → 1 zone, breaks [0, 100].
 * Throws invalid_input whose message and path start with `line N:` and say why.
 */
export function parseTariffCsv(text: string): WeightBreakTariff {
  const rows = text.split(/\r?\n/);
  const metadata = new Map<string, { value: string; line: number }>();
  const options: { option: TariffOption; line: number }[] = [];
  let header: { cells: string[]; line: number } | undefined;
  const zones: { zone: TariffZone; line: number }[] = [];
  let breakColumns = 0;
  let transitColumn = -1;
  let minimumColumn = -1;
  rows.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '') return;
    if (trimmed.startsWith('#')) {
      const body = trimmed.slice(1).trim();
      if (!body.includes('=')) return; // a comment
      for (const pair of body.split(';')) {
        if (pair.trim() === '') continue;
        const equals = pair.indexOf('=');
        if (equals < 0) throw lineError(line, `metadata "${pair.trim()}" is not key=value`);
        const key = pair.slice(0, equals).trim().toLowerCase();
        const value = pair.slice(equals + 1).trim();
        if (!(METADATA_KEYS as readonly string[]).includes(key)) throw lineError(line, `unknown metadata key "${key}" (known: ${METADATA_KEYS.join(', ')})`);
        if (key === 'option') {
          const [code, kind, amount, ...rest] = value.split(':');
          if (code === undefined || kind === undefined || amount === undefined || rest.length > 0 || code === '') throw lineError(line, `option must be code:kind:amount, got "${value}"`);
          if (kind !== 'fixed' && kind !== 'per-100kg' && kind !== 'fraction-of-base') throw lineError(line, `option kind must be fixed, per-100kg or fraction-of-base, got "${kind}"`);
          options.push({ option: { code, kind, amount: parseNumber(amount, line, `option ${code} amount`) }, line });
          continue;
        }
        if (metadata.has(key)) throw lineError(line, `metadata key "${key}" given twice (first on line ${metadata.get(key)!.line})`);
        metadata.set(key, { value, line });
      }
      return;
    }
    const cells = raw.split(',').map((cell) => cell.trim());
    if (header === undefined) {
      if (cells[0]?.toLowerCase() !== 'zone') throw lineError(line, `the header must start with "zone", got "${cells[0] ?? ''}"`);
      let column = 1;
      while (column < cells.length && Number.isNaN(Number(cells[column])) ) {
        const name = cells[column]!.toLowerCase();
        if (name === 'transit_days') transitColumn = column;
        else if (name === 'minimum_charge') minimumColumn = column;
        else throw lineError(line, `unknown header column "${cells[column]}" (expected transit_days, minimum_charge or a weight break)`);
        column += 1;
      }
      const breaks = cells.slice(column);
      if (breaks.length === 0) throw lineError(line, 'the header lists no weight breaks');
      breakColumns = column;
      breaks.forEach((cell, i) => parseNumber(cell, line, `weight break ${i + 1}`));
      header = { cells, line };
      return;
    }
    if (cells.length !== header.cells.length) throw lineError(line, `expected ${header.cells.length} cells like the header (line ${header.line}), got ${cells.length}`);
    const zoneName = cells[0]!;
    if (zoneName === '') throw lineError(line, 'the zone name is empty');
    const previous = zones.find((z) => z.zone.zone === zoneName);
    if (previous !== undefined) throw lineError(line, `zone ${zoneName} already defined on line ${previous.line}`);
    const zone: TariffZone = { zone: zoneName, rates: cells.slice(breakColumns).map((cell, i) => parseNumber(cell, line, `rate for break ${header!.cells[breakColumns + i]}`)) };
    if (transitColumn > 0 && cells[transitColumn] !== '') zone.transitDays = parseNumber(cells[transitColumn]!, line, 'transit_days');
    if (minimumColumn > 0 && cells[minimumColumn] !== '') zone.minimumCharge = parseNumber(cells[minimumColumn]!, line, 'minimum_charge');
    zones.push({ zone, line });
  });
  if (header === undefined) throw lineError(Math.max(1, rows.length), 'no header line "zone,…" found');
  if (zones.length === 0) throw lineError(header.line, 'no zone rows after the header');
  const required = (key: string): { value: string; line: number } => {
    const entry = metadata.get(key);
    if (entry === undefined) throw lineError(1, `missing metadata "# ${key}=…"`);
    return entry;
  };
  const mode = required('mode');
  const numberMeta = (key: string): number | undefined => {
    const entry = metadata.get(key);
    return entry === undefined ? undefined : parseNumber(entry.value, entry.line, key);
  };
  const zoneMapEntry = metadata.get('zone_map');
  const zoneMap = zoneMapEntry?.value.split(/\s+/).filter((part) => part !== '').map((part) => {
    const [prefix, zone, ...rest] = part.split(':');
    if (prefix === undefined || zone === undefined || rest.length > 0 || prefix === '' || zone === '') throw lineError(zoneMapEntry.line, `zone_map entries are prefix:zone, got "${part}"`);
    if (!zones.some((z) => z.zone.zone === zone)) throw lineError(zoneMapEntry.line, `zone_map points to zone ${zone}, which has no row`);
    return { prefix, zone };
  });
  const tariff: WeightBreakTariff = {
    kind: 'weight-break',
    carrierId: required('carrier').value,
    mode: mode.value as TransportMode,
    currency: required('currency').value,
    basis: required('basis').value as WeightBreakTariff['basis'],
    breaks: header.cells.slice(breakColumns).map(Number),
    zones: zones.map((z) => z.zone),
    ...(zoneMap === undefined ? {} : { zoneMap }),
    ...(options.length === 0 ? {} : { options: options.map((o) => o.option) }),
  };
  const optional: [keyof WeightBreakTariff, string][] = [['fuelSurchargeFraction', 'fuel_surcharge_fraction'], ['minimumCharge', 'minimum_charge'], ['volumetricKgPerM3', 'volumetric_kg_per_m3'], ['transitDays', 'transit_days']];
  for (const [field, key] of optional) {
    const value = numberMeta(key);
    if (value !== undefined) (tariff as Record<string, unknown>)[field] = value;
  }
  const version = metadata.get('version');
  if (version !== undefined) tariff.version = version.value;
  try {
    validateTariff(tariff);
  } catch (error) {
    if (!(error instanceof CoreError)) throw error;
    const path = error.path ?? '';
    const zoneMatch = /^zones\[(\d+)\]/.exec(path);
    const keyOfField: Record<string, string> = { carrierId: 'carrier', mode: 'mode', currency: 'currency', basis: 'basis' };
    const line = zoneMatch ? zones[Number(zoneMatch[1])]!.line : path.startsWith('breaks') ? header.line : path.startsWith('options') ? (options[Number(/\[(\d+)\]/.exec(path)?.[1] ?? 0)]?.line ?? 1) : (metadata.get(keyOfField[path] ?? '')?.line ?? 1);
    throw lineError(line, error.message, error);
  }
  return tariff;
}

/**
 * Parses a JSON tariff file: one tariff object, or `{ "tariffs": [ … ] }`. Syntax errors and schema errors are
 * refused with the line where they occur (message `line N: reason (path)`).
 * Example: parseTariffJson('{"tariffs":[{"kind":"per-tonne-km", …}]}') returns one tariff.
 * Throws invalid_input with `line N:` in the message and path.
 */
export function parseTariffJson(text: string): Tariff[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const lineColumn = /line (\d+)/.exec(message);
    const position = /position (\d+)/.exec(message);
    const line = lineColumn ? Number(lineColumn[1]) : position ? lineOfOffset(text, Number(position[1])) : lineOfOffset(text, text.length);
    throw lineError(line, `not valid JSON (${message})`, error);
  }
  const lines = mapJsonValueLines(text);
  const lineOfPath = (path: string): number => {
    let candidate = path;
    while (candidate !== '') {
      const found = lines.get(candidate);
      if (found !== undefined) return found;
      candidate = candidate.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    }
    return lines.get('') ?? 1;
  };
  const list: { tariff: unknown; path: string }[] = [];
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Array.isArray((value as { tariffs?: unknown }).tariffs)) {
    ((value as { tariffs: unknown[] }).tariffs).forEach((tariff, index) => list.push({ tariff, path: `tariffs[${index}]` }));
    if (list.length === 0) throw lineError(lineOfPath('tariffs'), 'tariffs is empty');
  } else {
    list.push({ tariff: value, path: '' });
  }
  return list.map(({ tariff, path }) => {
    try {
      return validateTariff(tariff, path);
    } catch (error) {
      if (!(error instanceof CoreError)) throw error;
      const at = error.path ?? path;
      const line = lineOfPath(at);
      throw new CoreError('invalid_input', `line ${line}: ${error.message} (${at})`, { path: `line ${line}`, details: { line, field: at }, cause: error });
    }
  });
}
