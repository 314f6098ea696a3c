import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// End-to-end flows in Debian's Chromium (playwright-core) against the real server on the embedded database.
// Run: npx vitest run --config packages/web/vitest.e2e.config.ts   (see docs/web-app.md)
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['packages/web/e2e/**/*.e2e.test.ts'],
    globalSetup: ['packages/web/e2e/global-setup.ts'],
    testTimeout: 240_000,
    hookTimeout: 600_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
