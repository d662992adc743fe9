import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files that take far longer than any other (the two halves of the leak hunt): started first, one
 * per core, so that the rest of the suite runs beside them instead of after them. (With no timing
 * cache, as on a fresh clone in CI, vitest starts the biggest files first, and these are small.)
 */
const SLOW = ['test/leak-hunt/leak-hunt.test.ts', 'test/leak-hunt/leak-hunt.control.test.ts'];
const rank = (f: TestSpecification): number => {
  const i = SLOW.findIndex((s) => f.moduleId.endsWith(s));
  return i < 0 ? SLOW.length : i;
};

class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

// Unit and component tests: pure logic in node, Preact components in happy-dom
// (files named *.test.tsx opt into the DOM with a `// @vitest-environment happy-dom` line).
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 20_000,
    sequence: { sequencer: SlowFirst },
    // vitest run defaults to one worker fewer than the cores: on a two-core CI machine that is one
    // worker, and the suite ran file after file while the main process sat idle
    maxWorkers: availableParallelism(),
    // a bigger young generation: the DOM tests allocate a lot of short-lived objects, and the
    // default one spent about a quarter of the leak hunt in garbage collection
    execArgv: ['--max-semi-space-size=64'],
  },
});
