// Patterns across requests (the inspection's history: other exchanges of the tab, from a HAR file
// or the panel, which also passes lightweight records of successes seen shortly before and after
// a failure): a burst of failures, a refresh that recovered, a refresh loop, a credential that
// worked before. Runs last, so a refresh that recovered can name the request's own cause.
import type { Rule } from '../inspect.ts';
import type { Exchange } from '../types.ts';
import { clip, consumer, defineFindings, ev, type Draft } from '../finding.ts';
import { rank } from '../rank.ts';
import { authorizationFingerprint } from '../mask.ts';
import { formatDuration, formatUtc } from '../time.ts';
import { rfc } from '../refs.ts';
import { AUTH_FAILURE_STATUSES } from '../../http/failure.ts';
import { headerValue } from '../../http/headers.ts';
import { PATTERN_WINDOW_MS } from '../../http/limits.ts';

const FAIL = new Set(AUTH_FAILURE_STATUSES);
// OAuth /token, Django simplejwt /token/refresh/, /auth/refresh, GitHub /access_token, oidc-client silent renew.
const REFRESH = /(^|\/)(token|refresh|refresh[-_]?token|access[-_]?token|renew|silent[-_]?renew)(\/|$)/i;
const BURST = { count: 5, ms: 10_000 };
const WINDOW = `${PATTERN_WINDOW_MS / 1000} s`;
const REFRESH_CALL = 'a POST to a token or refresh endpoint (/token, /refresh, /access_token, /renew...)';

export const PATTERNS = defineFindings('patterns', {
  'credential-stopped-working': {
    title: 'The same credential worked earlier',
    severity: 'warning',
    means:
      'A request with the identical Authorization succeeded earlier on this origin. Between then and now the ' +
      'credential expired, was revoked, or the server’s keys changed.',
    restsOn:
      'The tab’s other requests (the panel’s records, or the other entries of a HAR file): an earlier 2xx on ' +
      'the same origin whose Authorization equals this one’s, compared by value and shown by fingerprint.',
    fixes: [consumer('Refresh the credential when a request that used to work starts failing.')],
    references: [rfc(6750, '3.1')],
  },
  'refresh-loop': {
    title: 'Refresh loop',
    severity: 'error',
    means:
      'The app refreshes and retries, and the retry fails again. Either the retried request still carries the ' +
      'old token, or the refresh itself returns a token this API rejects.',
    restsOn:
      `In the ${WINDOW} before this failure, at least two earlier failures of the same endpoint (origin and ` +
      `path; the query is ignored), with ${REFRESH_CALL} in each gap between them.`,
    fixes: [consumer('After a refresh, rebuild the request with the new token; stop after one retry.')],
    references: [rfc(6749, '6')],
  },
  'refresh-recovered': {
    title: 'Refreshed and recovered',
    severity: 'ok',
    means:
      'The request failed, then the app refreshed its token and the retry succeeded: the app handled the ' +
      'expiry itself, and there is nothing to fix. Refreshing shortly before exp saves the failed round trip.',
    restsOn:
      `In the ${WINDOW} after this failure, ${REFRESH_CALL} that succeeded, then a success of the same method ` +
      'and URL. It is shown first, with the cause of the failure, unless a refresh loop was seen.',
    fixes: [consumer('Nothing needed; refreshing shortly before exp avoids the failed round trip.')],
    references: [rfc(6749, '6')],
  },
  'failure-burst': {
    title: 'Many failures at once',
    severity: 'warning',
    means:
      'Many requests to one origin started failing together: usually an expired credential set, a rotated ' +
      'signing key, or a changed header expectation, not one bad request.',
    restsOn: `At least ${BURST.count} failures to one origin, this one included, within ${BURST.ms / 1000} s.`,
    fixes: [consumer('Fix the first failure; the others share its cause.')],
    references: [rfc(6750, '3.1')],
  },
});

// Each history entry is seen by the diagnoses of all its neighbours: parse its URL once.
const parsed = new Map<string, URL | undefined>();
function url(s: string): URL | undefined {
  if (parsed.has(s)) return parsed.get(s);
  let u: URL | undefined;
  try {
    u = new URL(s);
  } catch {
    u = undefined;
  }
  if (parsed.size >= 5_000) parsed.clear();
  parsed.set(s, u);
  return u;
}
const auth = (e: Exchange): string | undefined => headerValue(e.requestHeaders, 'authorization');
export const isRefresh = (e: Exchange): boolean =>
  e.method.toUpperCase() === 'POST' && REFRESH.test(url(e.url)?.pathname ?? '');
const ok = (e: Exchange): boolean => e.status >= 200 && e.status < 300;
/** the same endpoint: the query is left out, as clients add cache-busting stamps to retries */
const endpoint = (s: string): string => {
  const u = url(s);
  return u ? u.origin + u.pathname : s;
};
const pathOf = (e: Exchange): string => url(e.url)?.pathname ?? '';

/** requests of one burst or retry often land within a second: "0 s" would read as a glitch */
const span = (ms: number): string => (ms < 1000 ? 'under a second' : formatDuration(ms));
/** every earlier failure carried the Authorization of this one */
const sameToken = (fails: readonly Exchange[], sent: string | undefined): boolean =>
  !!sent && fails.length > 0 && fails.every((e) => auth(e) === sent);

export const patterns: Rule = (c, earlier) => {
  if (!c.history.length || !c.url || !c.failure) return [];
  const out: Draft[] = [];
  const t = c.ex.timeStamp;
  const origin = c.url.origin;
  const self = (e: Exchange): boolean => e.timeStamp === t && e.url === c.ex.url && e.status === c.status;
  const others = c.history.filter((e) => !self(e)).sort((a, b) => a.timeStamp - b.timeStamp);
  const here = others.filter((e) => url(e.url)?.origin === origin);
  const sent = c.req('authorization');

  const worked = sent ? here.filter((e) => e.timeStamp <= t && ok(e) && auth(e) === sent).pop() : undefined;
  const fp = sent ? authorizationFingerprint(sent, c.fingerprintKey) : undefined;
  if (worked && sent) {
    const ago = formatDuration(t - worked.timeStamp);
    out.push(
      PATTERNS.draft('credential-stopped-working', {
        summary:
          `The same credential${fp ? ` (#${fp})` : ''} worked ${ago} earlier on this origin: ` +
          'it expired or was revoked since',
        explanation:
          `A request with the identical Authorization succeeded at ${formatUtc(worked.timeStamp)} ` +
          `(${worked.method} ${worked.url.slice(0, 200)}, ${worked.status}). Between then and now the credential ` +
          "expired, was revoked, or the server's keys changed.",
        evidence: [
          fp ? ev('Fingerprint', `#${fp}`) : undefined,
          ev('Last success', `${formatUtc(worked.timeStamp)}, ${ago} earlier`),
        ],
      }),
    );
  }

  // 401 → refresh → 401 → refresh → 401: each gap between two failures of this endpoint holds a
  // refresh call. Needs the refresh calls themselves: failures alone cannot tell a loop from polling.
  const mine = endpoint(c.ex.url);
  const failsBefore = here.filter(
    (e) => FAIL.has(e.status) && e.timeStamp <= t && t - e.timeStamp <= PATTERN_WINDOW_MS && endpoint(e.url) === mine,
  );
  const refreshes = others.filter((e) => isRefresh(e) && e.timeStamp <= t && t - e.timeStamp <= PATTERN_WINDOW_MS);
  const stops = [...failsBefore.map((e) => e.timeStamp), t];
  const cycles = stops
    .slice(1)
    .filter((end, i) => refreshes.some((r) => r.timeStamp >= stops[i]! && r.timeStamp <= end)).length;
  if (cycles >= 2) {
    const took = span(t - failsBefore[0]!.timeStamp);
    out.push(
      PATTERNS.draft('refresh-loop', {
        summary:
          `Refresh loop: ${c.method} ${clip(pathOf(c.ex), 80)} failed ${failsBefore.length + 1} times in ` +
          `${took}, with ${cycles} token refreshes between: the new token is not used, or the refresh fails`,
        ...(sameToken(failsBefore, sent)
          ? { more: 'Every failure carried the same Authorization: the refreshed token is not used.' }
          : {}),
        evidence: [
          ev(
            'Refresh calls',
            refreshes
              .map((e) => `${e.status} ${pathOf(e)}`)
              .join(', ')
              .slice(0, 200),
          ),
          ev('Failures of this endpoint', `${failsBefore.length + 1} in ${took}`),
          fp ? ev('Authorization', `#${fp}`) : undefined,
        ],
      }),
    );
  }

  const refreshAfter = others.find(
    (e) => isRefresh(e) && e.timeStamp > t && e.timeStamp - t <= PATTERN_WINDOW_MS && ok(e),
  );
  const retried =
    refreshAfter &&
    others.find(
      (e) =>
        e.timeStamp > refreshAfter.timeStamp &&
        e.timeStamp - t <= PATTERN_WINDOW_MS &&
        e.url === c.ex.url &&
        e.method.toUpperCase() === c.method &&
        ok(e),
    );
  if (refreshAfter && retried) {
    // The request's own cause, from the families that ran before (ranked as they will be shown).
    const cause = rank([...earlier]).find((d) => d.severity === 'error' || d.severity === 'warning');
    const was = cause ? cause.title : `Request refused (${c.status})`;
    const refresh = `${refreshAfter.method} ${pathOf(refreshAfter)}, ${refreshAfter.status}`;
    out.push(
      PATTERNS.draft('refresh-recovered', {
        summary:
          `${was}; the app refreshed ${/^token-/.test(cause?.id ?? '') ? 'it' : 'the token'} ` +
          'and the retry succeeded: nothing to fix',
        explanation:
          (cause ? `This request failed because: ${clip(cause.summary, 200)}. ` : '') +
          `A refresh call (${refresh}) followed at ${formatUtc(refreshAfter.timeStamp)}, and the retry ` +
          `succeeded at ${formatUtc(retried.timeStamp)}. Benign: the app handled it.`,
        evidence: [
          cause ? ev('Original cause', cause.title) : undefined,
          ev('Refresh', `${refreshAfter.status} ${pathOf(refreshAfter)}, ${span(refreshAfter.timeStamp - t)} later`),
          ev('Retry', `${retried.status} at ${formatUtc(retried.timeStamp)}`),
        ],
      }),
    );
  }

  const burst = here.filter((e) => FAIL.has(e.status) && e.timeStamp <= t && t - e.timeStamp <= BURST.ms);
  if (burst.length + 1 >= BURST.count) {
    out.push(
      PATTERNS.draft('failure-burst', {
        summary:
          `${burst.length + 1} requests to ${origin} failed within ${span(t - burst[0]!.timeStamp)}: ` +
          'a credential expired or a key rotated',
        evidence: [ev('Failures', String(burst.length + 1)), ev('Since', formatUtc(burst[0]!.timeStamp))],
      }),
    );
  }
  return out;
};
