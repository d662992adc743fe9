import { defineConfig } from 'vitest/config';

// End-to-end: the built extension in real Chromium (and Firefox) against local servers.
// One file at a time: each launches its own browser, and the machines have two cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
