// Ranking: errors before warnings before infos; within a severity, the most specific cause first
// (token-expired before the generic bearer-invalid-token the server also said). Patterns across
// requests come after the request's own cause (a burst shares it), except a refresh that recovered:
// it leads, as it says the failure needs no fix (its summary names the cause).
import type { Draft } from './finding.ts';
import type { FindingId } from './catalogue.ts';

const ORDER = [
  'waf-block',
  'cors-preflight-auth',
  'aws-route-not-found',
  'proxy-auth-required',
  'authorization-dropped-on-redirect',
  'refresh-loop',
  'malformed-authorization',
  'token-malformed',
  'token-unsigned',
  'token-expired',
  'token-not-yet-valid',
  'clock-skew',
  'github-sso-required',
  'claims-challenge',
  'step-up-required',
  'dpop-proof-missing',
  'dpop-nonce-required',
  'dpop-proof-invalid',
  'digest-stale-nonce',
  'digest-algorithm-mismatch',
  'digest-rejected',
  'basic-credentials-rejected',
  'aws-signature',
  'token-wrong-environment',
  'insufficient-scope',
  'registry-token-required',
  'negotiate-not-attempted',
  'negotiate-rejected',
  'csrf-rejected',
  'credentials-not-sent',
  'session-expired',
  'scheme-mismatch',
  'protected-resource-metadata',
  'token-rejected',
  'bearer-invalid-request',
  'bearer-invalid-token',
  'basic-prompt',
  'no-credentials',
  'rate-limited',
  'forbidden-unauthenticated',
  'forbidden-authenticated',
  'missing-challenge',
  'malformed-challenge',
  'negotiate-handshake',
  'token-encrypted',
  'token-in-query',
  'insecure-transport',
  'changed-since-success',
  'credential-stopped-working',
  'auth-failed',
  'failure-burst',
  'refresh-recovered',
] as const satisfies readonly FindingId[];
// An id without a place here is a type error, naming the id.
type Ranked<Unranked extends never> = Unranked;
type _EveryIdRanked = Ranked<Exclude<FindingId, (typeof ORDER)[number]>>;

const INDEX = new Map<string, number>(ORDER.map((id, i) => [id, i]));
const SEVERITY = { error: 0, warning: 1, info: 2, ok: 3 } as const;

/** When the key is found, the listed findings only repeat or mislead: drop them. */
const SUPPRESS: Partial<Record<FindingId, FindingId[]>> = {
  'waf-block': [
    'no-credentials',
    'forbidden-authenticated',
    'forbidden-unauthenticated',
    'missing-challenge',
    'session-expired',
    'credentials-not-sent',
  ],
  'cors-preflight-auth': [
    'no-credentials',
    'forbidden-unauthenticated',
    'missing-challenge',
    'basic-prompt',
    'negotiate-not-attempted',
    'aws-route-not-found',
  ],
  'authorization-dropped-on-redirect': ['no-credentials', 'credentials-not-sent'],
  'negotiate-not-attempted': ['no-credentials'],
  'credentials-not-sent': ['no-credentials'],
  'rate-limited': ['forbidden-authenticated'],
  'aws-route-not-found': ['forbidden-unauthenticated', 'forbidden-authenticated'],
  'proxy-auth-required': ['no-credentials'],
};

export function rank(found: Draft[]): Draft[] {
  const ids = new Set(found.map((d) => d.id));
  const drop = new Set<string>(
    Object.entries(SUPPRESS)
      .filter(([k]) => ids.has(k))
      .flatMap(([, v]) => v),
  );
  const kept = found.filter((d) => !drop.has(d.id));
  kept.sort((a, b) => SEVERITY[a.severity] - SEVERITY[b.severity] || (INDEX.get(a.id) ?? 99) - (INDEX.get(b.id) ?? 99));
  const seen = new Set<string>();
  const out = kept.filter((d) => !seen.has(d.id) && !!seen.add(d.id));
  // A loop that ended in a success is still a loop: then the loop leads.
  const lead = ids.has('refresh-loop') ? -1 : out.findIndex((d) => d.id === 'refresh-recovered');
  return lead > 0 ? [out[lead]!, ...out.slice(0, lead), ...out.slice(lead + 1)] : out;
}
