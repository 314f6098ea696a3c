/**
 * Checks that the package arrows point one way (docs/ARCHITECTURE.md):
 *   web -> contract <- server -> services -> db -> core,  cli -> services
 * Reads every import/export-from/dynamic import/require specifier of packages/<pkg>/src/**\/*.ts(x) and
 * reports each that breaks a rule:
 *   core      no Node built-in (`node:*`, fs, path, crypto, …) outside tests and testing/ folders, no @flowpilot/*
 *   db        no services, server, cli, web, contract
 *   services  no server, cli, web
 *   contract  nothing but zod (and its own files)
 *   server    no cli, web
 *   web       no @flowpilot package but contract
 *   any       no internal path of another package (`@flowpilot/x/src/…`, or a relative path leaving the package)
 * Run: npx tsx scripts/check-dependency-direction.ts   (exit code 1 and one line per violation)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

export type PackageName = 'core' | 'db' | 'services' | 'contract' | 'server' | 'cli' | 'web';

export type DependencyRule =
  | 'core_node_builtin'
  | 'forbidden_package'
  | 'contract_external_import'
  | 'internal_path';

export type DependencyViolation = {
  /** File path relative to the repository root, with forward slashes. */
  file: string;
  /** 1-based line of the specifier. */
  line: number;
  specifier: string;
  rule: DependencyRule;
  message: string;
};

const SCOPE = '@flowpilot/';

/** @flowpilot packages each package must not import (the arrows above, read backwards). */
export const FORBIDDEN_PACKAGES: Readonly<Record<PackageName, readonly PackageName[]>> = {
  core: ['db', 'services', 'contract', 'server', 'cli', 'web'],
  db: ['services', 'server', 'cli', 'web', 'contract'],
  services: ['server', 'cli', 'web'],
  contract: ['core', 'db', 'services', 'server', 'cli', 'web'],
  server: ['cli', 'web'],
  cli: ['web'],
  web: ['core', 'db', 'services', 'server', 'cli'],
};

const BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')));

/** True for `node:x`, `fs`, `fs/promises`, `path/posix`… (Node's own list, so new modules are covered). */
export function isNodeBuiltin(specifier: string): boolean {
  if (specifier.startsWith('node:')) return true;
  return BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0] ?? '');
}

/** Tests and test helpers may read fixture files: `x.test.ts(x)`, anything under a `testing/` folder. */
export function isTestFile(pathInPackage: string): boolean {
  return /\.test\.tsx?$/.test(pathInPackage) || pathInPackage.split('/').includes('testing');
}

/** Every module specifier a source file names, with its line: static and type imports, export-from, import(), require(). */
export function listImportSpecifiers(sourceText: string): { specifier: string; line: number }[] {
  const info = ts.preProcessFile(sourceText, true, true);
  const lineStarts = [0];
  for (let i = 0; i < sourceText.length; i++) if (sourceText.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineOf = (pos: number): number => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= pos) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
  return info.importedFiles.map((ref) => ({ specifier: ref.fileName, line: lineOf(ref.pos) }));
}

/** What the checker knows about the other packages: the subpaths their package.json `exports` declare. */
export type CheckContext = {
  /** Package → declared subpaths other than '.', e.g. { db: ['./testing'] } allows '@flowpilot/db/testing'. */
  exportedSubpaths?: Partial<Record<PackageName, readonly string[]>>;
};

/**
 * The violations of one source file.
 * @param pkg the package the file belongs to
 * @param pathInPackage the file's path inside `packages/<pkg>/`, forward slashes (`src/mrp/run-mrp.ts`)
 */
export function checkSourceFile(pkg: PackageName, pathInPackage: string, sourceText: string, context: CheckContext = {}): DependencyViolation[] {
  const file = `packages/${pkg}/${pathInPackage}`;
  const isTest = isTestFile(pathInPackage);
  const violations: DependencyViolation[] = [];
  const add = (line: number, specifier: string, rule: DependencyRule, message: string): void => {
    violations.push({ file, line, specifier, rule, message });
  };
  for (const { specifier, line } of listImportSpecifiers(sourceText)) {
    if (specifier.startsWith('.')) {
      // Resolved from the package folder: '../db/src/x' lands in another package, '../../examples/x' outside packages/.
      const target = posix.normalize(posix.join(posix.dirname(pathInPackage), specifier));
      if (target === '..' || target.startsWith('../')) {
        const segments = target.split('/');
        const otherPackage = segments[0] === '..' && segments[1] !== '..' ? segments[1] : undefined;
        if (otherPackage !== undefined) {
          add(line, specifier, 'internal_path', `relative import into packages/${otherPackage}: import its entry point '@flowpilot/${otherPackage}' (or a subpath its package.json exports)`);
        } else if (!isTest) {
          add(line, specifier, 'internal_path', `relative import leaves packages/${pkg}: only tests may read fixture files outside their package`);
        }
      }
      continue;
    }
    if (specifier.startsWith(SCOPE)) {
      const [name = '', ...rest] = specifier.slice(SCOPE.length).split('/');
      if (rest.length > 0) {
        const subpath = `./${rest.join('/')}`;
        const declared = context.exportedSubpaths?.[name as PackageName] ?? [];
        if (!declared.includes(subpath)) add(line, specifier, 'internal_path', `deep import into @flowpilot/${name}: import its entry point '@flowpilot/${name}' (or declare '${subpath}' in its package.json exports)`);
      }
      if ((FORBIDDEN_PACKAGES[pkg] as readonly string[]).includes(name)) {
        add(line, specifier, 'forbidden_package', `${pkg} must not import @flowpilot/${name} (arrows: web -> contract <- server -> services -> db -> core, cli -> services)`);
      }
      continue;
    }
    if (pkg === 'core' && isNodeBuiltin(specifier) && !isTest) {
      add(line, specifier, 'core_node_builtin', 'core is pure: no Node built-ins (pass data in, do I/O in services)');
      continue;
    }
    const isZod = specifier === 'zod' || specifier.startsWith('zod/');
    const isTestRunner = isTest && (specifier === 'vitest' || specifier.startsWith('vitest/'));
    if (pkg === 'contract' && !isZod && !isTestRunner) {
      add(line, specifier, 'contract_external_import', 'contract imports nothing but zod (the web bundles it)');
    }
  }
  return violations;
}

function listSourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) files.push(...listSourceFiles(path));
    else if (/\.tsx?$/.test(entry) && !entry.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

const PACKAGE_NAMES = Object.keys(FORBIDDEN_PACKAGES) as PackageName[];

/** A violation pattern tolerated for now: printed as "known (to fix)", never failing the check. */
export type KnownViolation = {
  /** What must be fixed, and how. */
  reason: string;
  specifier: RegExp;
  /** Only in tests and testing/ folders. */
  testFilesOnly: boolean;
};

/**
 * Violations found when this check was written, owned by other people and left for them to fix.
 * The check fails once a pattern no longer occurs, so the list only shrinks.
 */
export const KNOWN_VIOLATIONS: readonly KnownViolation[] = [];

function readExportedSubpaths(packageDir: string): string[] {
  try {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { exports?: unknown };
    if (manifest.exports === null || typeof manifest.exports !== 'object') return [];
    return Object.keys(manifest.exports).filter((key) => key.startsWith('./'));
  } catch {
    return [];
  }
}

/** Checks every packages/<pkg>/src file under a repository root; violations sorted by file and line. */
export function findDependencyViolations(rootDir: string): { filesChecked: number; violations: DependencyViolation[] } {
  const violations: DependencyViolation[] = [];
  let filesChecked = 0;
  const packagesDir = join(rootDir, 'packages');
  const packages = readdirSync(packagesDir).sort().filter((entry) => {
    try {
      return statSync(join(packagesDir, entry, 'src')).isDirectory();
    } catch {
      return false;
    }
  });
  const context: CheckContext = { exportedSubpaths: {} };
  for (const entry of packages) {
    if (!(PACKAGE_NAMES as string[]).includes(entry)) {
      throw new Error(`packages/${entry} has no dependency rule: add it to FORBIDDEN_PACKAGES in scripts/check-dependency-direction.ts`);
    }
    context.exportedSubpaths![entry as PackageName] = readExportedSubpaths(join(packagesDir, entry));
  }
  for (const entry of packages) {
    for (const path of listSourceFiles(join(packagesDir, entry, 'src'))) {
      const pathInPackage = relative(join(packagesDir, entry), path).split(sep).join('/');
      violations.push(...checkSourceFile(entry as PackageName, pathInPackage, readFileSync(path, 'utf8'), context));
      filesChecked++;
    }
  }
  violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.specifier.localeCompare(b.specifier));
  return { filesChecked, violations };
}

function matchesKnown(violation: DependencyViolation, known: KnownViolation): boolean {
  const pathInPackage = violation.file.split('/').slice(2).join('/');
  return known.specifier.test(violation.specifier) && (!known.testFilesOnly || isTestFile(pathInPackage));
}

/** Splits violations into new ones and known ones, and lists known patterns that no longer occur. */
export function compareWithKnownViolations(
  violations: readonly DependencyViolation[],
  known: readonly KnownViolation[] = KNOWN_VIOLATIONS,
): { unexpected: DependencyViolation[]; tolerated: DependencyViolation[]; fixed: KnownViolation[] } {
  const isKnown = (v: DependencyViolation): boolean => known.some((k) => matchesKnown(v, k));
  return {
    unexpected: violations.filter((v) => !isKnown(v)),
    tolerated: violations.filter(isKnown),
    fixed: known.filter((k) => !violations.some((v) => matchesKnown(v, k))),
  };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const { filesChecked, violations } = findDependencyViolations(root);
  const { unexpected, tolerated, fixed } = compareWithKnownViolations(violations);
  const show = (v: DependencyViolation): string => `${v.file}:${v.line}  '${v.specifier}'  [${v.rule}] ${v.message}`;
  for (const v of tolerated) console.warn(`known (to fix): ${show(v)}`);
  for (const k of KNOWN_VIOLATIONS) if (tolerated.some((v) => matchesKnown(v, k))) console.warn(`  to fix: ${k.reason}`);
  for (const k of fixed) console.error(`fixed, remove from KNOWN_VIOLATIONS: ${k.specifier} (${k.reason})`);
  for (const v of unexpected) console.error(show(v));
  if (unexpected.length > 0 || fixed.length > 0) {
    console.error(`${unexpected.length} dependency-direction violation(s) in ${filesChecked} files.`);
    process.exit(1);
  }
  console.log(`Dependency direction OK (${filesChecked} files, ${tolerated.length} known violation(s) to fix).`);
}
