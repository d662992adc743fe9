// The headless `npm start` summary: one line per scenario, and the exit code. Pure.
import type { Scenario } from './scenarios.ts';
import { judge, type Outcome } from './match.ts';

export interface Summary {
  table: string;
  failures: number;
  exitCode: 0 | 1;
}

const COLUMNS = ['Scenario', 'Captured', 'AuthLens top finding', 'Expected', 'Match'] as const;

export function summarizeOutcomes(scenarios: readonly Scenario[], outcomes: readonly Outcome[]): Summary {
  const rows: string[][] = [];
  const notes: string[] = [];
  let failures = 0;
  for (const s of scenarios) {
    const o = outcomes.find((x) => x.id === s.id);
    if (!o) {
      failures++;
      rows.push([s.id, '-', '-', s.expect.topFinding, 'NOT RUN']);
      continue;
    }
    const v = judge(s, o);
    if (!v.ok) {
      failures++;
      notes.push(`  ${s.id}: ${v.why.join('; ')}`);
    }
    const captured = o.captured === 0 ? 'no' : o.captured === 1 ? 'yes' : `yes (${o.captured})`;
    rows.push([s.id, captured, o.finding || '-', s.expect.topFinding, v.ok ? 'ok' : 'MISMATCH']);
  }
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const out = [line(COLUMNS), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  out.push(
    '',
    failures === 0
      ? `All ${scenarios.length} scenarios diagnosed as expected.`
      : `${failures} of ${scenarios.length} scenarios not diagnosed as expected:`,
  );
  out.push(...notes);
  return { table: out.join('\n'), failures, exitCode: failures === 0 ? 0 : 1 };
}
