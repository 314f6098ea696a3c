/**
 * Writes docs/data-formats.md from the entity catalogue (packages/services/src/data-exchange/entity-catalog.ts),
 * so the documented import/export layout and the code that reads it cannot drift apart. Examples of accepted
 * spellings are run through the real parsers (parse-value.ts) while the page is generated.
 * Run: npx tsx scripts/generate-data-formats.ts        (add --check to exit 1 when the file is stale)
 *
 * The catalogue and parsers are imported by file rather than through '@flowpilot/services': they have no
 * dependencies, and loading the whole services package (database drivers, exceljs) is not needed to write a page.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listMessageKeys, translate } from '@flowpilot/contract';
import {
  ENTITY_CATALOG, entitiesInDependencyOrder, getEntityDescriptor,
  type ColumnSpec, type EntityDescriptor,
} from '../packages/services/src/data-exchange/entity-catalog';
import { decimalScale, parseCell, parseDateText, parseDecimalText, parseTimeText } from '../packages/services/src/data-exchange/parse-value';

/** A CLI format page under docs/formats/: its file name and its first heading. */
export type FormatDoc = { fileName: string; title: string };

const TARGET = 'docs/data-formats.md';
const GENERATOR = 'scripts/generate-data-formats.ts';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (text: string): string => `\`${text}\``;
const anchorOf = (descriptor: EntityDescriptor): string => descriptor.name.replace(/_/g, '-');

function boundsOf(column: ColumnSpec): string {
  const parts: string[] = [];
  if (column.values) parts.push(column.values.map(code).join(', '));
  if (column.min !== undefined && column.max !== undefined) {
    parts.push(`${column.minExclusive ? '>' : '≥'} ${column.min} and ≤ ${column.max}`);
  } else if (column.min !== undefined) {
    parts.push(`${column.minExclusive ? '>' : '≥'} ${column.min}`);
  } else if (column.max !== undefined) {
    parts.push(`≤ ${column.max}`);
  }
  if (column.type === 'decimal') parts.push(`${decimalScale(column)} decimals max`);
  if (column.type === 'code') parts.push('≤ 64 chars');
  if (column.type === 'text') parts.push('≤ 500 chars');
  return parts.join('; ');
}

function referenceOf(column: ColumnSpec): string {
  if (!column.references) return '';
  const target = getEntityDescriptor(column.references);
  return `[${target.fileNames[0]}](#${anchorOf(target)}) ${code(target.key.join(' + '))}`;
}

function requiredOf(column: ColumnSpec): string {
  if (column.required && column.defaultValue === undefined) return '**yes**';
  return 'no';
}

function defaultOf(column: ColumnSpec): string {
  if (column.defaultValue === undefined) return '';
  return column.defaultValue === '' ? '(empty)' : code(column.defaultValue);
}

function renderEntity(descriptor: EntityDescriptor): string[] {
  const [fileEn = descriptor.name, fileFr = fileEn] = descriptor.fileNames;
  const lines = [
    `<a id="${anchorOf(descriptor)}"></a>`,
    '',
    `### ${descriptor.labelEn} / ${descriptor.labelFr} — \`${descriptor.name}\``,
    '',
    `- **Files:** ${code(`${fileEn}.csv`)} / ${code(`${fileFr}.csv`)} (or an XLSX sheet named ${code(fileEn)} / ${code(fileFr)}; the entity name ${code(descriptor.name)} is accepted too)`,
    descriptor.appendOnly
      ? '- **Key:** none — an append-only ledger: every imported row is added, rows are never replaced'
      : `- **Key (unique per organisation):** ${descriptor.key.map(code).join(' + ')} — a row with an existing key replaces the stored one`,
  ];
  for (const reference of descriptor.compositeReferences ?? []) {
    const target = getEntityDescriptor(reference.entity);
    lines.push(`- **Refers to:** ${reference.columns.map(code).join(' + ')} must name a row of [${target.fileNames[0]}](#${anchorOf(target)}) (${target.key.map(code).join(' + ')})`);
  }
  for (const group of descriptor.allOrNone ?? []) lines.push(`- **All or none:** ${group.map(code).join(', ')} are given together or all left empty (a row error otherwise)`);
  lines.push(
    '',
    '| English header | French header | Type | Required | Default | Bounds / allowed values | Reference | Description |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...descriptor.columns.map((column) => `| ${code(column.name)} | ${code(column.headerFr)} | ${column.type} | ${requiredOf(column)} | ${defaultOf(column)} | ${cell(boundsOf(column))} | ${referenceOf(column)} | ${cell(column.descriptionEn)} |`),
    '',
  );
  return lines;
}

/** '`1 234,5` → `1234.5`' for accepted inputs, '`31/02/2026` → rejected' otherwise, from the real parser. */
function examples(inputs: readonly string[], parse: (raw: string) => string | undefined): string {
  return inputs.map((raw) => {
    const value = parse(raw);
    return `${code(raw)} → ${value === undefined ? 'rejected' : code(value)}`;
  }).join(', ');
}

const BOOLEAN_CANDIDATES = ['true', 'false', 'yes', 'no', 'y', 'n', '1', '0', 'oui', 'non', 'o', 'vrai', 'faux', 'x', 'on', 'off', 'ok'];

function booleanSpellings(): { yes: string[]; no: string[]; rejected: string[] } {
  const column: ColumnSpec = { name: 'flag', headerFr: 'drapeau', type: 'boolean', descriptionEn: '', descriptionFr: '' };
  const result = { yes: [] as string[], no: [] as string[], rejected: [] as string[] };
  for (const word of BOOLEAN_CANDIDATES) {
    const parsed = parseCell(column, word);
    if (!parsed.ok) result.rejected.push(word);
    else if (parsed.value === 'true') result.yes.push(word);
    else result.no.push(word);
  }
  return result;
}

function issueCodes(): string[] {
  const keys = listMessageKeys('en').filter((key) => key.startsWith('import.'));
  return [
    '| Code | Severity | Message (English; French in the CLI when `FLOWPILOT_LANG=fr`) |',
    '| --- | --- | --- |',
    ...keys.map((key) => {
      const issue = key.slice('import.'.length);
      const severity = issue === 'sales_outlier' ? 'warning' : issue === 'too_many_issues' ? '(summary)' : 'error';
      return `| ${code(issue)} | ${severity} | ${cell(translate('en', key))} |`;
    }),
  ];
}

/** The whole page, from the catalogue and the list of CLI format pages. Pure: same input, same text. */
export function renderDataFormats(formatDocs: readonly FormatDoc[]): string {
  const booleans = booleanSpellings();
  const lines: string[] = [
    '# Data formats / Formats de données',
    '',
    `<!-- Generated by ${GENERATOR} from ENTITY_CATALOG (packages/services/src/data-exchange/entity-catalog.ts). Do not edit by hand: run \`npx tsx ${GENERATOR}\`. -->`,
    '',
    'One documented layout per entity. `flowpilot import <dir|file.csv|file.xlsx>` reads these files into one',
    'organisation; `flowpilot export <entity|all> --format csv|xlsx --out <path> [--headers en|fr]` writes the same',
    'layout back, so an export re-imports unchanged. `flowpilot check` runs the data-quality checks on stored data.',
    'The JSON and CSV files of the planning commands (forecast, MRP, routing…) are described in [docs/formats](#cli-file-formats).',
    '',
    '## General rules',
    '',
    '### Files and sheets',
    '',
    '- **One file per entity**, named after the entity in English or French (`items.csv` or `articles.csv`); names are',
    '  case- and accent-insensitive, and the entity name itself (`stock_lot.csv`) is accepted too. A directory import reads',
    '  every `.csv` and `.xlsx` file in it, sorted by name. `--entity <name>` forces one entity whatever the file name.',
    '- **XLSX workbooks:** every non-empty sheet is read; a sheet named after an entity (same names as the files) imports',
    '  that entity. A workbook with a single sheet is matched by its file name instead. Cells typed as dates become',
    '  ISO dates; formulas are read through their cached result. Export writes one sheet per entity, header row in bold',
    '  and frozen.',
    '- **Encoding:** UTF-8 (a byte-order mark is removed); a file that is not valid UTF-8 is read as Windows-1252, the',
    '  encoding of older French ERP and Excel extracts. Export writes UTF-8 without BOM.',
    '- **Delimiter:** detected per file among comma `,`, semicolon `;`, tab and pipe `|`. Quoted fields follow RFC 4180',
    '  (`"Dupont; Fils"`, doubled quotes inside). Export writes commas and `\\n` line ends.',
    '- **Header row:** row 1 holds the column names, in **English or French** (they may be mixed), in any order. Headers are',
    '  compared without case or accents, with spaces, dashes, dots and slashes read as underscores (`Date de réception` = `date_de_reception`). An unknown or',
    '  repeated column is an error; a required column without a default must be present. Blank rows are skipped. Row',
    '  numbers in messages are the spreadsheet\'s (the header is row 1).',
    '',
    '### Values',
    '',
    '- **Empty cell:** takes the column\'s default; with no default it is stored as empty (null), or rejected if required.',
    `- **Decimals:** decimal comma or point, with optional thousands separators (space, no-break space, apostrophe, or the other mark): ${examples(['1234.5', '1234,5', '1 234,5', '1.234,5', '1,234.5', "1'234.5", '-0,50'], parseDecimalText)}.`,
    `  A single comma or point is always the decimal mark: ${examples(['1,234'], parseDecimalText)}; several of the same mark are thousands: ${examples(['1.234.567', '1,2,3'], parseDecimalText)}. Exponents are refused: ${examples(['12e3'], parseDecimalText)}.`,
    '  Digits are kept as text from file to database (`numeric`): no binary rounding. Money columns (price, cost, charge)',
    '  keep 4 decimals, other quantities 6; more decimals are an error, not a silent rounding.',
    '- **Integers:** digits with an optional sign; spaces as thousands separators are allowed.',
    `- **Dates:** ISO \`YYYY-MM-DD\` or French \`DD/MM/YYYY\` (also with \`.\` or \`-\`); a time part after an ISO date is ignored: ${examples(['2026-03-31', '31/03/2026', '31.03.2026', '1/3/2026', '2026-03-31T08:00:00Z'], parseDateText)}.`,
    `  The day must exist and month-first US dates are not guessed: ${examples(['31/02/2026', '03/31/2026', '2026/03/31'], parseDateText)}. Dates must lie in 1990-01-01 … 2100-12-31.`,
    `- **Times:** \`HH:MM\`, \`HH:MM:SS\` (seconds dropped) or the French \`8h30\`: ${examples(['08:30', '8h30', '8h', '08:30:15', '24:00'], parseTimeText)}.`,
    `- **Booleans:** yes = ${booleans.yes.map(code).join(', ')}; no = ${booleans.no.map(code).join(', ')} (any case). Others are rejected (e.g. ${booleans.rejected.map(code).join(', ')}).`,
    '- **Lists (enum columns):** one of the allowed values below, compared without case or accents.',
    '- **Codes:** at most 64 characters, no control characters; surrounding spaces are trimmed. **Text:** at most 500 characters.',
    '',
    '### Checks, errors and warnings',
    '',
    '- **All or nothing:** every file is read and checked first, and every issue is reported (file, row, column, value,',
    '  and how to fix it) — never only the first. Nothing is written unless no issue is an **error**; then all entities are',
    '  written in one transaction, parents before children, so a failure leaves the database as it was.',
    '- **Warnings** (unusual sales quantities, Hampel filter over a 29-observation window, promotions excepted) are',
    '  reported but do not block the import.',
    '- **Keys:** a key may appear once per import. A row whose key is already stored **replaces** the stored row (upsert);',
    '  the inventory ledger is append-only.',
    '- **References** must name a row of the same import or one already stored for the organisation. Bills of',
    '  materials must not contain cycles (checked across stored and imported lines).',
    '- **Row rules:** an end date before its start (`valid_to` < `valid_from`, `due_date` < `start_date`/`ship_date`/`order_date`,',
    '  `received_date` < `authorized_date`), a transfer between the same location, a delivery window closing before it',
    '  opens, an upper weight break not above the lower one, a zero inventory movement, and a sale dated after today are errors.',
    '- **`--dry-run`** checks and reports without writing. The CLI exits with code 3 when an error was found.',
    '',
    '#### Issue codes',
    '',
    ...issueCodes(),
    '',
    '## Import order',
    '',
    'Files may come in any order; they are written in this order (each entity after the ones it refers to):',
    '',
    entitiesInDependencyOrder().map((descriptor) => `[${descriptor.fileNames[0]}](#${anchorOf(descriptor)})`).join(' → '),
    '',
    '## Entities',
    '',
    '| Entity | English file | French file | Key |',
    '| --- | --- | --- | --- |',
    ...ENTITY_CATALOG.map((descriptor) => `| [${descriptor.labelEn}](#${anchorOf(descriptor)}) | ${code(`${descriptor.fileNames[0]}.csv`)} | ${code(`${descriptor.fileNames[1] ?? descriptor.fileNames[0]}.csv`)} | ${descriptor.key.length > 0 ? descriptor.key.map(code).join(' + ') : '(ledger, none)'} |`),
    '',
  ];
  for (const descriptor of ENTITY_CATALOG) lines.push(...renderEntity(descriptor));
  lines.push(
    '<a id="cli-file-formats"></a>',
    '',
    '## CLI file formats',
    '',
    'The planning commands read and write their own JSON/CSV files, documented next to each command:',
    '',
    ...formatDocs.map((doc) => `- [${cell(doc.title)}](formats/${doc.fileName})`),
    '',
  );
  return lines.join('\n');
}

/** The docs/formats/*.md pages of a repository, sorted by file name, with their first heading. */
export function readFormatDocs(rootDir: string): FormatDoc[] {
  const dir = join(rootDir, 'docs', 'formats');
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.md')).sort();
  } catch {
    names = [];
  }
  return names.map((fileName) => {
    const firstHeading = readFileSync(join(dir, fileName), 'utf8').split('\n').find((line) => line.startsWith('# '));
    return { fileName, title: firstHeading ? firstHeading.slice(2).trim() : fileName };
  });
}

/** Writes the page, or with `--check` compares it; returns the exit code and a one-line message. */
export function runGenerateDataFormats(args: readonly string[], rootDir: string): { exitCode: 0 | 1; message: string } {
  const target = join(rootDir, TARGET);
  const text = renderDataFormats(readFormatDocs(rootDir));
  if (args.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      current = '';
    }
    return current === text
      ? { exitCode: 0, message: `${TARGET} is up to date.` }
      : { exitCode: 1, message: `${TARGET} is stale: run npx tsx ${GENERATOR}` };
  }
  writeFileSync(target, text);
  return { exitCode: 0, message: `Wrote ${ENTITY_CATALOG.length} entities to ${TARGET}` };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const { exitCode, message } = runGenerateDataFormats(process.argv.slice(2), resolve(dirname(fileURLToPath(import.meta.url)), '..'));
  (exitCode === 0 ? console.log : console.error)(message);
  process.exit(exitCode);
}
