import { defineConfig } from 'vitest/config';

// Unit and component tests: pure logic in node, Preact components in happy-dom
// (files named *.test.tsx opt into the DOM with a `// @vitest-environment happy-dom` line).
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
