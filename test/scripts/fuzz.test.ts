// A slice of `npm run fuzz`: the same targets and properties, fewer inputs, no timing.
import { describe, expect, it } from 'vitest';
import { runTarget } from '../../scripts/fuzz/run.ts';
import { TARGETS } from '../../scripts/fuzz/targets.ts';

describe('fuzz targets (a slice of npm run fuzz)', () => {
  it.each(TARGETS.map((t) => [t.name, t] as const))('%s: no exception, no broken invariant', (_name, t) => {
    const r = runTarget(t, { inputs: 1500, seed: 20261125, growth: [2000] });
    expect(r.problems).toEqual([]);
    expect(r.inputs).toBe(1500);
  });
});
