import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import the contract from its TypeScript source, so `tsc -b` is not needed to run them.
const contractEntry = fileURLToPath(
  new URL('./packages/jobs-contract/src/index.ts', import.meta.url),
);

export default defineConfig({
  resolve: {
    alias: { '@imobibase/jobs-contract': contractEntry },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Picks Redis and PostgreSQL, makes a fresh migrated database, provides both URLs.
    globalSetup: ['./test/global-setup.ts'],
  },
});
