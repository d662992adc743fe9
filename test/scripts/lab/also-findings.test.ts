// A scenario's alsoFindings: ids that must be among the record's findings (not the top one).
import { describe, expect, it } from 'vitest';
import { judge, type Outcome } from '../../../scripts/lab/match.ts';
import { SCENARIOS } from '../../../scripts/lab/scenarios.ts';

const burst = SCENARIOS.find((s) => s.id === 'failure-burst')!;
const outcome = (over: Partial<Outcome>): Outcome => ({
  id: burst.id,
  produced: true,
  captured: 1,
  finding: 'token-rejected',
  findingFrom: 'panel',
  state: 'done',
  log: '',
  ...over,
});

describe('judge with alsoFindings', () => {
  it('the burst scenario wants the per-request cause on top and failure-burst among the findings', () => {
    expect(burst.expect.topFinding).toBe('token-rejected');
    expect(burst.expect.alsoFindings).toEqual(['failure-burst']);
  });

  it('passes when they are among the findings read, fails when missing', () => {
    expect(judge(burst, outcome({ findings: ['token-rejected', 'failure-burst'] }))).toEqual({ ok: true, why: [] });
    expect(judge(burst, outcome({ findings: ['token-rejected'] })).why).toEqual([
      'failure-burst not among the findings (token-rejected)',
    ]);
    expect(judge(burst, outcome({ findings: [] })).why).toEqual(['failure-burst not among the findings (none)']);
    // a caller that read only the top finding (the headless driver) is judged on that alone
    expect(judge(burst, outcome({})).ok).toBe(true);
    expect(judge(burst, outcome({ finding: 'failure-burst' })).ok).toBe(false);
  });

  it('scenarios without alsoFindings do not need the findings read', () => {
    const plain = SCENARIOS.find((s) => !s.expect.alsoFindings)!;
    expect(judge(plain, outcome({ id: plain.id, finding: plain.expect.topFinding })).ok).toBe(true);
  });
});
