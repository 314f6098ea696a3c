import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkSourceFile, compareWithKnownViolations, findDependencyViolations, isNodeBuiltin, listImportSpecifiers,
  KNOWN_VIOLATIONS, type KnownViolation,
} from './check-dependency-direction';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

describe('dependency direction of the real tree', () => {
  it('has no violation beyond the known list, and every known one still exists (the list only shrinks)', () => {
    const { filesChecked, violations } = findDependencyViolations(root);
    expect(filesChecked).toBeGreaterThan(50);
    expect(KNOWN_VIOLATIONS, 'the tolerated list is empty: keep it so').toEqual([]);
    const { unexpected, fixed } = compareWithKnownViolations(violations);
    expect(unexpected.map((v) => `${v.file}:${v.line} '${v.specifier}' ${v.message}`)).toEqual([]);
    expect(fixed, 'fixed: remove these entries from KNOWN_VIOLATIONS').toEqual([]);
  });
});

describe('dependency direction on a synthetic tree', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'flowpilot-deps-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(scratch, path)), { recursive: true });
    writeFileSync(join(scratch, path), text);
  };

  it('catches a core file reading the disk and a db file importing services', () => {
    write('packages/core/package.json', '{"exports":{".":"./src/index.ts"}}');
    write('packages/core/src/mrp/run-mrp.ts', "import { readFileSync } from 'fs';\nexport const a = 1;\n");
    write('packages/core/src/mrp/run-mrp.test.ts', "import { readFileSync } from 'node:fs';\n");
    write('packages/db/package.json', '{"exports":{".":"./src/index.ts","./testing":"./src/testing/template.ts"}}');
    write('packages/db/src/index.ts', "export * from './database';\nimport { runImport } from '@flowpilot/services';\n");
    write('packages/services/src/index.ts', "import { createTestDatabase } from '@flowpilot/db/testing';\nimport { x } from '@flowpilot/db/src/schema';\n");
    const { filesChecked, violations } = findDependencyViolations(scratch);
    expect(filesChecked).toBe(4);
    expect(violations.map((v) => [v.file, v.line, v.specifier, v.rule])).toEqual([
      ['packages/core/src/mrp/run-mrp.ts', 1, 'fs', 'core_node_builtin'],
      ['packages/db/src/index.ts', 2, '@flowpilot/services', 'forbidden_package'],
      ['packages/services/src/index.ts', 2, '@flowpilot/db/src/schema', 'internal_path'],
    ]);
    // The check cannot silently pass: these are not in the known list.
    expect(compareWithKnownViolations(violations).unexpected).toHaveLength(3);
  });

  it('refuses a package it has no rule for', () => {
    write('packages/mobile/src/index.ts', 'export {};\n');
    expect(() => findDependencyViolations(scratch)).toThrow(/packages\/mobile has no dependency rule/);
  });
});

describe('checkSourceFile rules', () => {
  const rulesOf = (...args: Parameters<typeof checkSourceFile>): string[] => checkSourceFile(...args).map((v) => `${v.rule} ${v.specifier}`);

  it('core: Node built-ins in any spelling, static, type-only, re-exported, dynamic or required', () => {
    const text = [
      "import { join } from 'node:path';",
      "import type { Worker } from 'worker_threads';",
      "export { randomUUID } from 'crypto';",
      "const fs = await import('fs/promises');",
      "const cp = require('child_process');",
      "import { optimize } from 'highs';",
      "import { helper } from './internal/helper';",
      "// import { x } from 'os'; (a comment is not an import)",
    ].join('\n');
    expect(rulesOf('core', 'src/mrp/run-mrp.ts', text)).toEqual([
      'core_node_builtin node:path', 'core_node_builtin worker_threads', 'core_node_builtin crypto',
      'core_node_builtin fs/promises', 'core_node_builtin child_process',
    ]);
  });

  it('core: tests and testing/ folders may use Node built-ins and read fixtures outside the package', () => {
    const text = "import { readFileSync } from 'node:fs';\nimport data from '../../../../examples/lean/vsm.json';\n";
    expect(rulesOf('core', 'src/lean/value-stream-map.test.ts', text)).toEqual([]);
    expect(rulesOf('core', 'src/testing/load-fixture.ts', text)).toEqual([]);
    expect(rulesOf('core', 'src/lean/value-stream-map.ts', text)).toEqual(['core_node_builtin node:fs', 'internal_path ../../../../examples/lean/vsm.json']);
  });

  it('core imports no @flowpilot package, even in tests', () => {
    expect(rulesOf('core', 'src/mrp/run-mrp.test.ts', "import { openDatabase } from '@flowpilot/db';")).toEqual(['forbidden_package @flowpilot/db']);
  });

  it('arrows between packages', () => {
    expect(rulesOf('db', 'src/x.ts', "import '@flowpilot/contract';\nimport '@flowpilot/core';")).toEqual(['forbidden_package @flowpilot/contract']);
    expect(rulesOf('services', 'src/x.ts', "import '@flowpilot/server';\nimport '@flowpilot/contract';\nimport '@flowpilot/db';")).toEqual(['forbidden_package @flowpilot/server']);
    expect(rulesOf('server', 'src/x.ts', "import '@flowpilot/cli';\nimport '@flowpilot/services';")).toEqual(['forbidden_package @flowpilot/cli']);
    expect(rulesOf('web', 'src/x.ts', "import '@flowpilot/contract';\nimport '@flowpilot/core';\nimport 'react';")).toEqual(['forbidden_package @flowpilot/core']);
    expect(rulesOf('cli', 'src/x.ts', "import '@flowpilot/services';\nimport '@flowpilot/server';\nimport 'commander';")).toEqual([]);
  });

  it('contract imports nothing but zod (tests may import vitest)', () => {
    expect(rulesOf('contract', 'src/x.ts', "import { z } from 'zod';\nimport { a } from './a';\nimport 'node:fs';\nimport 'vitest';")).toEqual([
      'contract_external_import node:fs', 'contract_external_import vitest',
    ]);
    expect(rulesOf('contract', 'src/x.test.ts', "import { it } from 'vitest';")).toEqual([]);
  });

  it('internal paths: deep @flowpilot imports and relative paths into another package, tests included', () => {
    expect(rulesOf('cli', 'src/testing/env.ts', "import { t } from '../../../db/src/testing/template';")).toEqual(['internal_path ../../../db/src/testing/template']);
    expect(rulesOf('server', 'src/x.test.ts', "import { t } from '@flowpilot/db/src/testing/template';")).toEqual(['internal_path @flowpilot/db/src/testing/template']);
    expect(rulesOf('server', 'src/x.ts', "import { t } from '@flowpilot/db/testing';", { exportedSubpaths: { db: ['./testing'] } })).toEqual([]);
    expect(rulesOf('server', 'src/a/b.ts', "import '../../package.json';\nimport '../c';")).toEqual([]);
  });
});

describe('helpers', () => {
  it('recognises Node built-ins by Node’s own list', () => {
    expect(['node:fs', 'fs', 'fs/promises', 'path/posix', 'worker_threads', 'node:test'].every(isNodeBuiltin)).toBe(true);
    expect(['highs', 'zod', '@flowpilot/core', './fs', 'fsevents'].some(isNodeBuiltin)).toBe(false);
  });

  it('lists specifiers with their lines, skipping strings and comments', () => {
    const text = "const s = \"import x from 'os'\";\n/* import 'path' */\nexport * from './a';\nimport b from 'b';\n";
    expect(listImportSpecifiers(text)).toEqual([{ specifier: './a', line: 3 }, { specifier: 'b', line: 4 }]);
  });

  it('a known pattern tolerates only what it names (tests only), and reports itself fixed when gone', () => {
    const known: KnownViolation = { reason: 'synthetic: tests reach into db internals', specifier: /^(\.\.\/)+db\/src\/testing\/template$/, testFilesOnly: true };
    const inTest = checkSourceFile('server', 'src/app.test.ts', "import { t } from '../../db/src/testing/template';");
    const inCode = checkSourceFile('server', 'src/app.ts', "import { t } from '../../db/src/testing/template';");
    const other = checkSourceFile('server', 'src/app.test.ts', "import { t } from '../../db/src/schema';");
    expect(compareWithKnownViolations(inTest, [known])).toEqual({ unexpected: [], tolerated: inTest, fixed: [] });
    expect(compareWithKnownViolations(inCode, [known]).unexpected).toEqual(inCode);
    expect(compareWithKnownViolations(other, [known]).unexpected).toEqual(other);
    expect(compareWithKnownViolations([], [known]).fixed).toEqual([known]);
  });
});
