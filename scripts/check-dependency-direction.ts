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
  const lineStarts = ts.computeLineStarts(sourceText);
  return info.importedFiles.map((ref) => ({ specifier: ref.fileName, line: ts.computeLineAndCharacterOfPosition(lineStarts, ref.pos).line + 1 }));
}

/**
 * The violations of one source file.
 * @param pkg the package the file belongs to
 * @param pathInPackage the file's path inside `packages/<pkg>/`, forward slashes (`src/mrp/run-mrp.ts`)
 */
export function checkSourceFile(pkg: PackageName, pathInPackage: string, sourceText: string): DependencyViolation[] {
  const file = `packages/${pkg}/${pathInPackage}`;
  const violations: DependencyViolation[] = [];
  const add = (line: number, specifier: string, rule: DependencyRule, message: string): void => {
    violations.push({ file, line, specifier, rule, message });
  };
  for (const { specifier, line } of listImportSpecifiers(sourceText)) {
    if (specifier.startsWith('.')) {
      const target = posix.normalize(posix.join(posix.dirname(pathInPackage), specifier));
      if (target === '..' || target.startsWith('../')) {
        add(line, specifier, 'internal_path', `relative import leaves packages/${pkg}: import the other package by its name (@flowpilot/…)`);
      }
      continue;
    }
    if (specifier.startsWith(SCOPE)) {
      const [name = '', ...rest] = specifier.slice(SCOPE.length).split('/');
      if (rest.length > 0) add(line, specifier, 'internal_path', `deep import into @flowpilot/${name}: import its entry point '@flowpilot/${name}'`);
      if ((FORBIDDEN_PACKAGES[pkg] as readonly string[]).includes(name)) {
        add(line, specifier, 'forbidden_package', `${pkg} must not import @flowpilot/${name} (arrows: web -> contract <- server -> services -> db -> core, cli -> services)`);
      }
      continue;
    }
    if (pkg === 'core' && isNodeBuiltin(specifier) && !isTestFile(pathInPackage)) {
      add(line, specifier, 'core_node_builtin', 'core is pure: no Node built-ins (pass data in, do I/O in services)');
      continue;
    }
    if (pkg === 'contract' && specifier !== 'zod' && !specifier.startsWith('zod/')) {
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

/** Checks every packages/<pkg>/src file under a repository root; violations sorted by file and line. */
export function findDependencyViolations(rootDir: string): { filesChecked: number; violations: DependencyViolation[] } {
  const violations: DependencyViolation[] = [];
  let filesChecked = 0;
  const packagesDir = join(rootDir, 'packages');
  for (const entry of readdirSync(packagesDir).sort()) {
    const srcDir = join(packagesDir, entry, 'src');
    let isDir = false;
    try {
      isDir = statSync(srcDir).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) continue;
    if (!(PACKAGE_NAMES as string[]).includes(entry)) {
      throw new Error(`packages/${entry} has no dependency rule: add it to FORBIDDEN_PACKAGES in scripts/check-dependency-direction.ts`);
    }
    for (const path of listSourceFiles(srcDir)) {
      const pathInPackage = relative(join(packagesDir, entry), path).split(sep).join('/');
      violations.push(...checkSourceFile(entry as PackageName, pathInPackage, readFileSync(path, 'utf8')));
      filesChecked++;
    }
  }
  violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.specifier.localeCompare(b.specifier));
  return { filesChecked, violations };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const { filesChecked, violations } = findDependencyViolations(root);
  for (const v of violations) console.error(`${v.file}:${v.line}  '${v.specifier}'  [${v.rule}] ${v.message}`);
  if (violations.length > 0) {
    console.error(`${violations.length} dependency-direction violation(s) in ${filesChecked} files.`);
    process.exit(1);
  }
  console.log(`Dependency direction OK (${filesChecked} files).`);
}
