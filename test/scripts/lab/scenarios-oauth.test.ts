// The OAuth scenarios, joined at the end of SCENARIOS: keep them honest.
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../../scripts/lab/scenarios.ts';
import { OAUTH_SCENARIOS } from '../../../scripts/lab/scenarios-oauth.ts';
import { servedMatches } from '../../../scripts/lab/match.ts';
import { CLIENTS } from '../../../scripts/lab/oidc/clients.ts';
import type { Served } from '../../../scripts/lab/server.ts';

// the OAuth/OIDC flow ids fixed for this round, and the existing one for an expired token
const FLOW_FINDINGS = new Set([
  'oauth-grant-rejected',
  'oauth-client-rejected',
  'oauth-authorization-error',
  'silent-auth-failed',
  'redirect-uri-mismatch',
  'redirected-to-login',
  'token-expired',
]);

describe('OAuth lab scenarios', () => {
  it('have unique ids, and are joined into SCENARIOS once each', () => {
    const ids = OAUTH_SCENARIOS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(SCENARIOS.filter((s) => ids.includes(s.id)).map((s) => s.id)).toEqual(ids);
  });

  it('expect the flow findings, each of them at least once', () => {
    const tops = OAUTH_SCENARIOS.map((s) => s.expect.topFinding);
    for (const t of tops) expect(FLOW_FINDINGS).toContain(t);
    expect(new Set(tops)).toEqual(FLOW_FINDINGS);
  });

  it('name registered clients only, and list among their wire facts the request they expect captured', () => {
    const clients = new Set<string>(Object.values(CLIENTS));
    for (const s of OAUTH_SCENARIOS) {
      for (const step of s.steps) if ('client' in step) expect(clients).toContain(step.client);
      const want = s.expect.capture;
      const asServed = s.wire.map((f): Served => ({ ...f, authorization: false, cookie: false }));
      expect(
        asServed.some((e) => servedMatches(e, want)),
        s.id,
      ).toBe(true);
    }
  });
});
