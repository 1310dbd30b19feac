import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Temporal servers and databases start per file; two cores allow two files at a time.
    maxWorkers: 2,
    pool: 'forks',
    // Generous, because a browser test may share the two cores with the demo's first start.
    testTimeout: 300_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
