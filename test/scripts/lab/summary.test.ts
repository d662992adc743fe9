import { describe, expect, it } from 'vitest';
import { summarizeOutcomes } from '../../../scripts/lab/summary.ts';
import { judge, type Outcome } from '../../../scripts/lab/match.ts';
import type { Scenario } from '../../../scripts/lab/scenarios.ts';

const sc = (id: string, topFinding: string, count?: number): Scenario => ({
  id,
  title: id,
  what: '',
  mechanism: 'real',
  bucket: 'tab',
  steps: [],
  expect: {
    capture: { status: 401, method: 'GET', origin: 'primary', path: `/${id}`, ...(count ? { count } : {}) },
    topFinding,
  },
});
const ok = (id: string, finding: string, captured = 1): Outcome => ({
  id,
  produced: true,
  captured,
  finding,
  findingFrom: 'panel',
  state: 'done',
  log: '',
});

describe('headless npm start summary', () => {
  it('prints an aligned table and exits 0 when every scenario matches', () => {
    const s = summarizeOutcomes(
      [sc('jwt-expired', 'token-expired'), sc('digest', 'digest-rejected', 2)],
      [ok('jwt-expired', 'token-expired'), ok('digest', 'digest-rejected', 2)],
    );
    expect(s.exitCode).toBe(0);
    expect(s.failures).toBe(0);
    expect(s.table).toBe(
      [
        'Scenario     Captured  AuthLens top finding  Expected         Match',
        '-----------  --------  --------------------  ---------------  -----',
        'jwt-expired  yes       token-expired         token-expired    ok',
        'digest       yes (2)   digest-rejected       digest-rejected  ok',
        '',
        'All 2 scenarios diagnosed as expected.',
      ].join('\n'),
    );
  });

  it('marks a wrong finding, a missing capture, a duplicate and a scenario not run; exits 1', () => {
    const scenarios = [
      sc('a', 'token-expired'),
      sc('b', 'no-credentials'),
      sc('c', 'csrf-rejected'),
      sc('d', 'waf-block'),
    ];
    const s = summarizeOutcomes(scenarios, [
      ok('a', 'token-rejected'),
      { id: 'b', produced: true, captured: 0, findingFrom: 'none', state: 'done', log: '' },
      ok('c', 'csrf-rejected', 2),
    ]);
    expect(s.exitCode).toBe(1);
    expect(s.failures).toBe(4);
    const lines = s.table.split('\n');
    expect(lines[2]).toMatch(/^a +yes +token-rejected +token-expired +MISMATCH$/);
    expect(lines[3]).toMatch(/^b +no +- +no-credentials +MISMATCH$/);
    expect(lines[4]).toMatch(/^c +yes \(2\) +csrf-rejected +csrf-rejected +MISMATCH$/);
    expect(lines[5]).toMatch(/^d +- +- +waf-block +NOT RUN$/);
    expect(s.table).toContain('4 of 4 scenarios not diagnosed as expected:');
    expect(s.table).toContain('  a: top finding token-rejected, expected token-expired');
    expect(s.table).toContain('  b: not captured');
    expect(s.table).toContain('  c: captured 2 times, expected 1');
  });
});

describe('judge', () => {
  const s = sc('x', 'token-expired');
  it('needs the lab to have produced it, the page to be done, one capture, a panel row and the finding', () => {
    expect(judge(s, ok('x', 'token-expired'))).toEqual({ ok: true, why: [] });
    expect(judge(s, { ...ok('x', 'token-expired'), produced: false }).why).toEqual([
      'the lab never answered GET /x with 401',
    ]);
    expect(judge(s, { ...ok('x', 'token-expired'), state: 'timeout' }).why).toEqual([
      'the lab page reported "timeout"',
    ]);
    expect(judge(s, { ...ok('x', 'token-expired'), findingFrom: 'record' }).why).toEqual([
      'no row for it in the panel',
    ]);
    expect(judge(s, { ...ok('x', 'token-expired'), finding: undefined }).why).toEqual([
      'top finding (none), expected token-expired',
    ]);
  });
});
