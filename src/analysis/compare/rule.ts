// A pattern across requests: the same endpoint succeeded shortly before this failure, and the
// two requests differ in what decides authentication. The most explanatory difference (compare.ts)
// becomes the finding; the panel's Compare tab lists them all.
import type { Rule } from '../inspect.ts';
import type { Exchange } from '../types.ts';
import { clip, consumer, defineFindings, ev, type Fix } from '../finding.ts';
import { formatDuration } from '../time.ts';
import { MDN_CREDENTIALS, rfc } from '../refs.ts';
import { isRefresh } from '../rules/patterns.ts';
import { PATTERN_WINDOW_MS } from '../../http/limits.ts';
import { compareExchanges, DIFFERENCE_ORDER, type Difference, type DifferenceKind } from './compare.ts';
import { nearestSuccess } from './nearest.ts';

const WINDOW = `${PATTERN_WINDOW_MS / 1000} s`;

export const CHANGED = defineFindings('patterns', {
  'changed-since-success': {
    title: 'Changed since the last success',
    severity: 'warning',
    means:
      'A request to the same endpoint succeeded shortly before this failure, and the two requests differ in ' +
      'what decides authentication: the credential sent, its audience, issuer, scopes or expiry, the cookies ' +
      'sent, Origin, Sec-Fetch-Site or the DPoP proof. The difference named first is the most likely cause; the ' +
      'Compare tab lists them all.',
    restsOn:
      `The tab's other requests in the ${WINDOW} before this failure: the last success (2xx or 304) with the same ` +
      'origin, method and path template (numeric, UUID and hex segments templated), compared by meaning: header ' +
      'order and case are ignored, tokens are compared by value (shown masked) and by their decoded claims, ' +
      'cookies by name.',
    fixes: [consumer('Make the failing request carry what the successful one carried.')],
    references: [rfc(9110, '11.6.2'), MDN_CREDENTIALS],
  },
});

/** The kinds that can explain a failure; the others (a header added, a new exp) are listed only in Compare. */
const EXPLAINS = new Set<DifferenceKind>(DIFFERENCE_ORDER.slice(0, DIFFERENCE_ORDER.indexOf('api-key-changed') + 1));

const FIXES: Partial<Record<DifferenceKind, string>> = {
  'credential-missing':
    'Send the credential on this request too (an interceptor that skips some calls, a token not yet loaded).',
  'token-expired': 'Refresh the token before it expires, and retry once with the new token after a 401.',
  'scheme-changed': 'Send the scheme the successful request used.',
  'audience-changed':
    'Request the token for this API (the resource or audience parameter of the token request), ' +
    'or use one token per API.',
  'issuer-changed': 'Use a token from the issuer this API trusts (the same tenant, realm or environment).',
  'scope-lost': 'Request the missing scopes again when refreshing (a refresh may narrow the scopes granted).',
  'acr-changed': 'Authenticate again at the level the API requires (step-up).',
  'azp-changed': 'Use a token issued to the client this API accepts.',
  'cookies-missing':
    'Send the cookies: credentials: "include" for cross-origin fetch, SameSite=None; Secure for cross-site calls.',
  'dpop-proof-missing': 'Send a fresh DPoP proof with every request that uses a DPoP-bound token.',
  'dpop-mismatch': 'Make a new DPoP proof for each request, with its method as htm and its URL (no query) as htu.',
  'origin-changed': 'Call the API from an origin it allows (CORS, the Origin check of a CSRF protection).',
  'sec-fetch-site-changed': 'Make the call same-site, or set the cookies SameSite=None; Secure.',
  'token-changed':
    'Check where the new token comes from: a refresh or a login may have returned a token for another API.',
};

const lastPath = (e: Exchange): string => {
  try {
    return new URL(e.url).pathname;
  } catch {
    return e.url;
  }
};

function summaryOf(top: Difference, ago: string, refresh: Exchange | undefined): string {
  const since = `the last success to this endpoint (${ago} earlier)`;
  const after = refresh ? ` after a refresh (${refresh.method} ${clip(lastPath(refresh), 60)})` : '';
  switch (top.kind) {
    case 'credential-missing':
      return `${top.label} was sent by ${since} but not by this request`;
    case 'cookies-missing':
      return `This request did not carry the cookie(s) ${clip(top.subject.replace(/^not sent: /, ''), 80)} that ${since} sent`;
    case 'token-expired':
      return `The token changed since ${since}${after}, and the new one had already expired`;
    case 'audience-changed':
    case 'issuer-changed':
    case 'scope-lost':
    case 'acr-changed':
    case 'azp-changed':
    case 'subject-changed':
      return `The token changed between ${since} and this failure${after}: ${clip(lower(top.says), 160)}`;
    case 'token-changed':
      return `The token changed between ${since} and this failure${after}: the new one is refused`;
    default:
      return `${top.label} changed since ${since}: ${clip(lower(top.says), 160)}`;
  }
}

const lower = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1).replace(/\.$/, '');

export const changed: Rule = (c) => {
  if (!c.failure || !c.history.length) return [];
  const t = c.ex.timeStamp;
  const earlier = c.history.filter((e) => e.timeStamp <= t && t - e.timeStamp <= PATTERN_WINDOW_MS);
  const i = nearestSuccess(c.ex, earlier, { beforeOnly: true });
  if (i < 0) return [];
  const success = earlier[i]!;
  const cmp = compareExchanges(c.ex, success, c.fingerprintKey);
  const explaining = cmp.differences.filter((d) => EXPLAINS.has(d.kind));
  const top = explaining[0];
  if (!top) return [];
  // the same token, expired since: token-expired and credential-stopped-working already say it
  if (top.kind === 'token-expired' && !cmp.differences.some((d) => d.kind === 'token-changed')) return [];
  const refresh = earlier.find((e) => e.timeStamp >= success.timeStamp && isRefresh(e));
  const tokenKinds = top.kind !== 'credential-missing' && top.kind !== 'cookies-missing' && !!c.auth;
  const fix = FIXES[top.kind];
  return [
    CHANGED.draft('changed-since-success', {
      summary: summaryOf(top, formatDuration(cmp.apart), tokenKinds ? refresh : undefined),
      more: explaining
        .slice(0, 4)
        .map((d) => d.says)
        .join(' '),
      evidence: [
        ev(
          'Last success',
          `${success.status} ${success.method} ${clip(lastPath(success), 120)}, ${formatDuration(cmp.apart)} earlier`,
        ),
        ...explaining
          .slice(0, 4)
          .map((d) => ev(d.label, `${clip(d.subject, 150)} (the success: ${clip(d.reference, 150)})`)),
        refresh && tokenKinds
          ? ev('Refresh between', `${refresh.status} ${refresh.method} ${clip(lastPath(refresh), 80)}`)
          : undefined,
      ],
      ...(fix ? { fixes: [consumer(fix)] as Fix[] } : {}),
    }),
  ];
};
