// The scenario list is shared by the lab page, npm start and the e2e suites: keep it honest.
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../../src/analysis/index.ts';
import { SCENARIOS, scenarioById, labUrl, type Step } from '../../../scripts/lab/scenarios.ts';

const documented = new Set(Object.keys(CATALOGUE));
const VENDOR_FINDINGS = new Set([
  'github-sso-required',
  'claims-challenge',
  'waf-block',
  'aws-route-not-found',
  'registry-token-required',
]);

function paths(steps: readonly Step[]): string[] {
  return steps.flatMap((s) => ('to' in s ? [s.to.path.split('?')[0]!] : 'steps' in s ? paths(s.steps) : []));
}

describe('lab scenarios', () => {
  it('have unique ids that look like ids', () => {
    const ids = SCENARIOS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(scenarioById('jwt-expired')?.title).toBe('Expired JWT');
    expect(scenarioById('nope')).toBeUndefined();
  });

  it('cover every failure the lab is meant to show', () => {
    // a finding that is never top (failure-burst) is covered as one of a scenario's alsoFindings
    const findings = new Set(SCENARIOS.flatMap((s) => [s.expect.topFinding, ...(s.expect.alsoFindings ?? [])]));
    for (const f of [
      'no-credentials',
      'malformed-authorization',
      'token-expired',
      'token-not-yet-valid',
      'token-rejected',
      'insufficient-scope',
      'protected-resource-metadata',
      'dpop-nonce-required',
      'step-up-required',
      'basic-credentials-rejected',
      'basic-prompt',
      'digest-stale-nonce',
      'digest-rejected',
      'negotiate-not-attempted',
      'cors-preflight-auth',
      'credentials-not-sent',
      'authorization-dropped-on-redirect',
      'csrf-rejected',
      'session-expired',
      'refresh-recovered',
      'refresh-loop',
      'failure-burst',
      'missing-challenge',
      ...VENDOR_FINDINGS,
    ])
      expect(findings, f).toContain(f);
    expect(
      SCENARIOS.filter((s) => s.expect.topFinding === 'csrf-rejected')
        .map((s) => s.expect.capture.status)
        .sort(),
    ).toEqual([403, 419]);
  });

  it('expect only finding ids of the catalogue', () => {
    for (const s of SCENARIOS)
      for (const f of [s.expect.topFinding, ...(s.expect.alsoFindings ?? [])]) expect(documented, s.id).toContain(f);
  });

  it('are canned exactly for the vendor look-alikes, and say so', () => {
    for (const s of SCENARIOS) {
      expect(s.mechanism === 'canned', s.id).toBe(VENDOR_FINDINGS.has(s.expect.topFinding));
      if (s.mechanism === 'canned') expect(s.what).toMatch(/^Look-alike \(canned headers/);
    }
  });

  it('request the path they expect to be captured (or redirect to it)', () => {
    // the OAuth flows' requests are made by the client library: their wire facts say where (scenarios-oauth.test.ts)
    for (const s of SCENARIOS.filter((x) => !('wire' in x))) {
      const p = paths(s.steps);
      const target = s.expect.capture.path;
      expect(p.includes(target) || p.includes(`/moved${target}`), `${s.id}: ${p.join(', ')}`).toBe(true);
    }
  });

  it('fill every {{variable}} from an earlier step', () => {
    const check = (steps: readonly Step[], known: Set<string>, id: string): void => {
      for (const st of steps) {
        const used = [...JSON.stringify({ ...st, steps: undefined }).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
        for (const u of used) expect(known, `${id} uses {{${u}}}`).toContain(u);
        if (st.do === 'fetch' && st.save) known.add(st.save.as);
        if (st.do === 'oauth-signin') for (const v of ['access_token', 'refresh_token']) known.add(v);
        if (st.do === 'oauth-refresh') known.add('previous_refresh_token');
        if ('steps' in st) check(st.steps, known, id);
      }
    };
    for (const s of SCENARIOS) check(s.steps, new Set(), s.id);
  });

  it('put only the service worker scenario in the no-tab bucket', () => {
    expect(SCENARIOS.filter((s) => s.bucket === 'no-tab').map((s) => s.id)).toEqual(['service-worker']);
  });

  it('build the lab URL for a second tab', () => {
    expect(labUrl('http://127.0.0.1:1')).toBe('http://127.0.0.1:1/');
    expect(labUrl('http://127.0.0.1:1', 'b 2')).toBe('http://127.0.0.1:1/?tab=b%202');
  });
});
