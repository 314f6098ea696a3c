import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ENTITY_CATALOG } from '../packages/services/src/data-exchange/entity-catalog';
import { readFormatDocs, renderDataFormats, runGenerateDataFormats } from './generate-data-formats';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

describe('docs/data-formats.md', () => {
  it('is up to date with the entity catalogue and docs/formats (else run: npx tsx scripts/generate-data-formats.ts)', () => {
    expect(runGenerateDataFormats(['--check'], root)).toEqual({ exitCode: 0, message: 'docs/data-formats.md is up to date.' });
  });

  it('documents every entity with both file names and every column header in English and French', () => {
    const text = readFileSync(join(root, 'docs/data-formats.md'), 'utf8');
    for (const entity of ENTITY_CATALOG) {
      expect(text).toContain(`<a id="${entity.name.replace(/_/g, '-')}"></a>`);
      for (const fileName of entity.fileNames) expect(text).toContain(`\`${fileName}.csv\``);
      for (const column of entity.columns) expect(text).toContain(`| \`${column.name}\` | \`${column.headerFr}\` | ${column.type} |`);
    }
  });

  it('links every CLI format page', () => {
    const text = readFileSync(join(root, 'docs/data-formats.md'), 'utf8');
    const docs = readFormatDocs(root);
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) expect(text).toContain(`](formats/${doc.fileName})`);
  });
});

describe('generate-data-formats --check', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'flowpilot-data-formats-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('fails on a stale page, a missing page and a new format page, and passes after regeneration', () => {
    mkdirSync(join(scratch, 'docs'), { recursive: true });
    cpSync(join(root, 'docs/formats'), join(scratch, 'docs/formats'), { recursive: true });
    expect(runGenerateDataFormats(['--check'], scratch).exitCode).toBe(1);
    writeFileSync(join(scratch, 'docs/data-formats.md'), readFileSync(join(root, 'docs/data-formats.md'), 'utf8').replace('`articles.csv`', '`article.csv`'));
    expect(runGenerateDataFormats(['--check'], scratch)).toEqual({ exitCode: 1, message: 'docs/data-formats.md is stale: run npx tsx scripts/generate-data-formats.ts' });
    expect(runGenerateDataFormats([], scratch).exitCode).toBe(0);
    expect(runGenerateDataFormats(['--check'], scratch).exitCode).toBe(0);
    writeFileSync(join(scratch, 'docs/formats/edi.md'), '# EDI formats (`flowpilot edi`)\n');
    expect(runGenerateDataFormats(['--check'], scratch).exitCode).toBe(1);
  });

  it('renders the same text twice (deterministic)', () => {
    const docs = [{ fileName: 'a.md', title: 'A' }];
    expect(renderDataFormats(docs)).toBe(renderDataFormats(docs));
  });

  it('shows accepted spellings as the real parser reads them', () => {
    const text = renderDataFormats([]);
    expect(text).toContain('`1 234,5` → `1234.5`');
    expect(text).toContain('`31/03/2026` → `2026-03-31`');
    expect(text).toContain('`31/02/2026` → rejected');
    expect(text).toContain('`8h30` → `08:30`');
    expect(text).toMatch(/yes = [^;]*`oui`/);
  });
});
