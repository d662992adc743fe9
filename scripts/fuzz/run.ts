// Runs one fuzz target: fast-check draws the inputs, every input is timed, exceptions and broken
// invariants are counted (the run goes on), and the worst time is kept per input size (sizes in
// powers of two). Then the target's hostile shapes are grown to each size of a series and timed,
// so time per character can be read off as flat (linear) or rising (worse).
import fc from 'fast-check';
import type { Target } from './targets.ts';

export interface Problem {
  kind: 'exception' | 'invariant';
  message: string;
  input: string;
}

export interface FuzzResult {
  name: string;
  inputs: number;
  exceptions: number;
  invariants: number;
  problems: Problem[];
  /** bucket (inputs of size < 2^k characters) -> worst ms and how many inputs fell there */
  worstBySize: Map<number, { worstMs: number; count: number }>;
  /** hostile inputs grown to each size: the worst ms of the target's shapes */
  growth: { size: number; worstMs: number }[];
}

const KEEP_PROBLEMS = 5;

function describe(input: unknown): string {
  try {
    const s = typeof input === 'string' ? input : JSON.stringify(input);
    return s.length > 300 ? `${s.slice(0, 300)}… (${s.length} characters)` : s;
  } catch {
    return String(input);
  }
}

const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

export function runTarget<I>(
  t: Target<I>,
  o: { inputs: number; seed: number; growth?: readonly number[] },
): FuzzResult {
  const r: FuzzResult = {
    name: t.name,
    inputs: 0,
    exceptions: 0,
    invariants: 0,
    problems: [],
    worstBySize: new Map(),
    growth: [],
  };
  const record = (p: Problem): void => {
    if (p.kind === 'exception') r.exceptions++;
    else r.invariants++;
    if (r.problems.length < KEEP_PROBLEMS) r.problems.push(p);
  };
  fc.assert(
    fc.property(t.input, (input) => {
      r.inputs++;
      const start = process.hrtime.bigint();
      let broke: string | undefined;
      try {
        broke = t.run(input);
      } catch (e) {
        record({ kind: 'exception', message: e instanceof Error ? e.message : String(e), input: describe(input) });
      }
      const took = ms(start);
      if (broke !== undefined) record({ kind: 'invariant', message: broke, input: describe(input) });
      const bucket = 2 ** Math.ceil(Math.log2(Math.max(1, t.size(input)) + 1));
      const b = r.worstBySize.get(bucket) ?? { worstMs: 0, count: 0 };
      b.count++;
      b.worstMs = Math.max(b.worstMs, took);
      r.worstBySize.set(bucket, b);
      return true; // counted above: the run goes on to the end
    }),
    { numRuns: o.inputs, seed: o.seed, endOnFailure: true },
  );
  for (const size of o.growth ?? []) {
    let worst = 0;
    for (const input of t.grow(size)) {
      // best of three: a collection or a compilation in the middle is not the code's time
      let best = Number.POSITIVE_INFINITY;
      for (let k = 0; k < 3; k++) {
        const start = process.hrtime.bigint();
        try {
          const broke = t.run(input);
          if (broke !== undefined && k === 0) record({ kind: 'invariant', message: broke, input: describe(input) });
        } catch (e) {
          if (k === 0)
            record({ kind: 'exception', message: e instanceof Error ? e.message : String(e), input: describe(input) });
        }
        best = Math.min(best, ms(start));
      }
      worst = Math.max(worst, best);
    }
    r.growth.push({ size, worstMs: worst });
  }
  return r;
}

export function report(results: readonly FuzzResult[]): string {
  const out: string[] = ['# Fuzz report', ''];
  out.push('| target | inputs | exceptions | broken invariants |', '|---|---|---|---|');
  for (const r of results) out.push(`| ${r.name} | ${r.inputs} | ${r.exceptions} | ${r.invariants} |`);
  for (const r of results) {
    out.push('', `## ${r.name}`, '', 'Random inputs, worst time per size:', '');
    out.push('| size (characters) | inputs | worst ms |', '|---|---|---|');
    for (const [bucket, b] of [...r.worstBySize].sort((a, b2) => a[0] - b2[0]))
      out.push(`| < ${bucket} | ${b.count} | ${b.worstMs.toFixed(3)} |`);
    if (r.growth.length) {
      out.push('', 'Hostile shapes grown (best of 3 per shape, worst shape):', '');
      out.push('| size (characters) | worst ms | µs per 1 000 characters |', '|---|---|---|');
      for (const g of r.growth)
        out.push(`| ${g.size} | ${g.worstMs.toFixed(2)} | ${((g.worstMs * 1000 * 1000) / g.size).toFixed(1)} |`);
    }
    for (const p of r.problems) out.push('', `- ${p.kind}: ${p.message}`, `  input: \`${p.input}\``);
  }
  return `${out.join('\n')}\n`;
}
