// ESLint flat config for the whole workspace (`npm run lint` = `eslint packages bench scripts`).
// @eslint/js recommended + typescript-eslint recommended (no type information: fast on 2 cores).
// Rules are relaxed only where they clash with the house style (docs/decisions, /work/shared/docs/house-style.md).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Node globals for the few plain-JS entry points (bin scripts, the test runner); the `globals` package is not installed.
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
    'setImmediate', 'clearImmediate', 'queueMicrotask', 'structuredClone', 'TextEncoder', 'TextDecoder', 'AbortController',
    'AbortSignal', 'fetch', 'performance', 'global', 'globalThis'].map((name) => [name, 'readonly']),
);

const unusedVarsOptions = {
  args: 'after-used',
  argsIgnorePattern: '^_',
  varsIgnorePattern: '^_',
  caughtErrorsIgnorePattern: '^_',
  destructuredArrayIgnorePattern: '^_',
  ignoreRestSiblings: true,
};

export default defineConfig(
  globalIgnores(['**/node_modules/**', '**/dist/**', '**/.flowpilot/**', '**/.tmp/**', 'packages/web/dist/**', '**/coverage/**']),
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: nodeGlobals },
    rules: {
      'no-unused-vars': ['error', unusedVarsOptions],
    },
  },
  {
    files: ['packages/*/src/**/*.ts', 'packages/*/src/**/*.tsx', 'packages/web/e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: nodeGlobals },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', unusedVarsOptions],
      '@typescript-eslint/no-explicit-any': 'warn',
      // Importers and barcode/EDI parsers match control characters on purpose (rejecting them in cells, GS1 FNC1 = \x1d).
      'no-control-regex': 'off',
    },
  },
);
