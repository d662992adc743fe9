// `npm run fuzz`: every target of scripts/fuzz/targets.ts with 10^6 fast-check inputs (or
// --inputs N), then its hostile shapes grown from 1 KB to 1 MB. Prints the report and writes it
// to fuzz-output/report.md; exits non-zero on any exception or broken invariant.
// Options: --inputs N, --seed N, --target <part of a name>, --no-growth.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { report, runTarget, type FuzzResult } from './fuzz/run.ts';
import { TARGETS } from './fuzz/targets.ts';

const { values } = parseArgs({
  options: {
    inputs: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    target: { type: 'string' },
    'no-growth': { type: 'boolean', default: false },
  },
});
const inputs = Number(values.inputs);
const seed = Number(values.seed);
const GROWTH = [1_000, 10_000, 100_000, 1_000_000];
const chosen = TARGETS.filter((t) => !values.target || t.name.includes(values.target));

const results: FuzzResult[] = [];
for (const t of chosen) {
  const start = Date.now();
  const r = runTarget(t, { inputs, seed, growth: values['no-growth'] ? [] : GROWTH });
  results.push(r);
  console.log(
    `${t.name}: ${r.inputs} inputs, ${r.exceptions} exceptions, ${r.invariants} broken invariants ` +
      `(${((Date.now() - start) / 1000).toFixed(0)} s, seed ${seed})`,
  );
}
const text = report(results);
const dir = resolve(import.meta.dirname, '..', 'fuzz-output');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'report.md'), text);
console.log(`\n${text}`);
process.exitCode = results.some((r) => r.exceptions + r.invariants > 0) ? 1 : 0;
