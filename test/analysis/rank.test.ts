import { describe, expect, it } from 'vitest';
import { rank } from '../../src/analysis/rank.ts';
import type { Draft } from '../../src/analysis/finding.ts';
import type { Severity } from '../../src/analysis/types.ts';

const d = (id: string, severity: Severity = 'error'): Draft => ({
  id,
  severity,
  title: id,
  summary: id,
  explanation: id,
  evidence: [],
  fixes: [],
  references: [],
});
const order = (...xs: Draft[]) => rank(xs).map((x) => x.id);

describe('rank', () => {
  it('puts the specific cause before the generic one', () => {
    expect(order(d('bearer-invalid-token'), d('token-expired'))).toEqual(['token-expired', 'bearer-invalid-token']);
    expect(order(d('no-credentials'), d('registry-token-required'))).toEqual([
      'registry-token-required',
      'no-credentials',
    ]);
  });
  it('errors before warnings before infos', () => {
    expect(order(d('token-encrypted', 'info'), d('token-in-query', 'warning'), d('forbidden-authenticated'))).toEqual([
      'forbidden-authenticated',
      'token-in-query',
      'token-encrypted',
    ]);
  });
  it('drops findings a more telling one explains, and duplicates', () => {
    expect(order(d('no-credentials'), d('waf-block'), d('forbidden-unauthenticated'))).toEqual(['waf-block']);
    expect(order(d('clock-skew', 'warning'), d('clock-skew'))).toEqual(['clock-skew']);
    expect(rank([d('clock-skew', 'warning'), d('clock-skew')])[0]?.severity).toBe('error');
  });
  it('a refresh that recovered leads (it says the failure needs no fix), unless a refresh loop was seen', () => {
    expect(order(d('bearer-invalid-token'), d('refresh-recovered', 'ok'), d('token-expired'))).toEqual([
      'refresh-recovered',
      'token-expired',
      'bearer-invalid-token',
    ]);
    expect(order(d('refresh-recovered', 'ok'), d('refresh-loop'), d('token-expired'))).toEqual([
      'refresh-loop',
      'token-expired',
      'refresh-recovered',
    ]);
  });
  it("patterns across requests follow the request's own cause", () => {
    expect(order(d('failure-burst', 'warning'), d('auth-failed', 'warning'))).toEqual(['auth-failed', 'failure-burst']);
    expect(order(d('failure-burst', 'warning'), d('token-rejected'), d('bearer-invalid-token'))).toEqual([
      'token-rejected',
      'bearer-invalid-token',
      'failure-burst',
    ]);
    expect(order(d('no-credentials'), d('basic-prompt'))).toEqual(['basic-prompt', 'no-credentials']);
  });
  it('unknown ids go last within their severity', () => {
    expect(order(d('something-new'), d('auth-failed'))).toEqual(['auth-failed', 'something-new']);
  });
});
