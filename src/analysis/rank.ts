// Ranking: errors before warnings before infos; within a severity, the most specific cause first
// (token-expired before the generic bearer-invalid-token the server also said). Patterns across
// requests come after the request's own cause (a burst shares it), except a refresh that recovered:
// it leads, as it says the failure needs no fix (its summary names the cause).
import type { Draft } from './finding.ts';
import type { FindingId } from './catalogue.ts';

const ORDER = [
  // someone other than the API answered
  'waf-block',
  'cors-preflight-auth',
  'aws-route-not-found',
  'proxy-auth-required',
  'client-certificate-required',
  'authorization-dropped-on-redirect',
  'refresh-loop',
  // the sign-in flow: what the identity provider or the client's callback refused
  'redirect-uri-mismatch',
  'silent-auth-failed',
  'account-locked',
  // an API call sent to sign in: the authorize URL it landed on is the middleware's, not the cause
  'redirected-to-login',
  'pkce-missing',
  'pkce-plain',
  'implicit-flow',
  'state-mismatch',
  'nonce-mismatch',
  'id-token-wrong-audience',
  'issuer-mismatch',
  'refresh-token-reused',
  'oauth-client-rejected',
  'oauth-grant-rejected',
  'oauth-authorization-error',
  'state-missing',
  // refused for another reason than the credential
  'ip-not-allowed',
  'api-not-enabled',
  'rate-limited',
  // the credential itself
  'aws-session-token-missing',
  'dpop-bound-token-as-bearer',
  'id-token-as-access-token',
  'malformed-authorization',
  'token-malformed',
  'token-unsigned',
  'token-expired',
  'token-not-yet-valid',
  'token-lifetime-too-long',
  'token-revoked',
  'token-wrong-audience',
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
  'credential-wrong-place',
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
  'forbidden-unauthenticated',
  'forbidden-authenticated',
  'resource-state',
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
  // the discovery doctor's ids, in the order of its chain (its report keeps step order within a severity)
  'discovery-fetch-failed',
  'discovery-challenge-not-exposed',
  'discovery-challenge-no-resource-metadata',
  'discovery-metadata-not-found',
  'discovery-redirect-loop',
  'discovery-redirect-refused',
  'discovery-metadata-too-large',
  'discovery-metadata-not-json',
  'discovery-resource-mismatch',
  'discovery-no-authorization-servers',
  'discovery-authorization-server-not-url',
  'discovery-authorization-server-unreachable',
  'discovery-issuer-mismatch',
  'discovery-pkce-s256-unsupported',
  'discovery-no-registration',
  'discovery-scope-not-supported',
  'discovery-metadata-no-cors',
  'discovery-token-audience-mismatch',
  'discovery-fetch-limit',
  'discovery-ok',
] as const satisfies readonly FindingId[];
// An id without a place here is a type error, naming the id.
type Ranked<Unranked extends never> = Unranked;
type _EveryIdRanked = Ranked<Exclude<FindingId, (typeof ORDER)[number]>>;

const INDEX = new Map<string, number>(ORDER.map((id, i) => [id, i]));
const SEVERITY = { error: 0, warning: 1, info: 2, ok: 3 } as const;

/** A generic refusal that a more specific cause explains. */
const GENERIC: FindingId[] = [
  'forbidden-authenticated',
  'forbidden-unauthenticated',
  'missing-challenge',
  'auth-failed',
  'no-credentials',
  'credentials-not-sent',
  'basic-prompt',
];
/** What a token endpoint or an authorize answer is not: a resource server's refusal. */
const NOT_AN_API_CALL: FindingId[] = [
  ...GENERIC,
  'bearer-invalid-request',
  'bearer-invalid-token',
  'basic-credentials-rejected',
  'scheme-mismatch',
  'session-expired',
  'token-rejected',
];
/** The token is refused for a reason its claims or the server name: the generic rejection repeats it. */
const TOKEN_CAUSE: FindingId[] = ['token-rejected', 'forbidden-authenticated', 'missing-challenge'];

/** When the key is found, the listed findings only repeat or mislead: drop them. */
const SUPPRESS: Partial<Record<FindingId, FindingId[]>> = {
  'waf-block': [...GENERIC, 'session-expired', 'account-locked', 'rate-limited', 'csrf-rejected'],
  'client-certificate-required': [...GENERIC, 'session-expired', 'csrf-rejected'],
  'oauth-grant-rejected': NOT_AN_API_CALL,
  'oauth-client-rejected': NOT_AN_API_CALL,
  'refresh-token-reused': NOT_AN_API_CALL,
  'oauth-authorization-error': NOT_AN_API_CALL,
  'silent-auth-failed': NOT_AN_API_CALL,
  'redirect-uri-mismatch': NOT_AN_API_CALL,
  'state-mismatch': [...NOT_AN_API_CALL, 'redirected-to-login'],
  'account-locked': [...NOT_AN_API_CALL, 'rate-limited'],
  'rate-limited': GENERIC,
  'api-not-enabled': GENERIC,
  'ip-not-allowed': GENERIC,
  // A second factor or a fresher sign-in is asked for: the credential itself was read and accepted.
  'step-up-required': [...GENERIC, 'basic-credentials-rejected', 'scheme-mismatch', 'token-rejected'],
  'credential-wrong-place': [...GENERIC, 'scheme-mismatch', 'token-rejected'],
  'token-revoked': TOKEN_CAUSE,
  'token-wrong-audience': TOKEN_CAUSE,
  'issuer-mismatch': TOKEN_CAUSE,
  'token-lifetime-too-long': [...TOKEN_CAUSE, 'no-credentials'],
  'id-token-as-access-token': TOKEN_CAUSE,
  'dpop-bound-token-as-bearer': [...TOKEN_CAUSE, 'scheme-mismatch'],
  'aws-session-token-missing': [...TOKEN_CAUSE, 'aws-signature'],
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
