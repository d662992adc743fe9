// Patterns across requests (context.history: other exchanges of the tab, from a HAR file or the
// panel, which also passes lightweight records of successes seen shortly before and after a
// failure): a burst of failures, a refresh that recovered, a refresh loop, a credential that worked
// before. Runs last, so a refresh that recovered can name the request's own cause.
import type { Rule } from '../context.ts';
import type { Exchange } from '../types.ts';
import { clip, consumer, draft, ev, type Draft } from '../finding.ts';
import { rank } from '../rank.ts';
import { fingerprint } from '../mask.ts';
import { formatDuration, formatUtc } from '../time.ts';
import { rfc } from '../refs.ts';
import { AUTH_FAILURE_STATUSES } from '../../http/failure.ts';
import { PATTERN_WINDOW_MS } from '../../http/limits.ts';

const FAIL = new Set(AUTH_FAILURE_STATUSES);
// OAuth /token, Django simplejwt /token/refresh/, /auth/refresh, GitHub /access_token, oidc-client silent renew.
const REFRESH = /(^|\/)(token|refresh|refresh[-_]?token|access[-_]?token|renew|silent[-_]?renew)(\/|$)/i;
const BURST = { count: 5, ms: 10_000 };
const LOOP_MS = PATTERN_WINDOW_MS;

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
const auth = (e: Exchange): string | undefined =>
  e.requestHeaders.find((h) => h.name.toLowerCase() === 'authorization')?.value;
const isRefresh = (e: Exchange): boolean =>
  e.method.toUpperCase() === 'POST' && REFRESH.test(url(e.url)?.pathname ?? '');
const ok = (e: Exchange): boolean => e.status >= 200 && e.status < 300;
/** the same endpoint: the query is left out, as clients add cache-busting stamps to retries */
const endpoint = (s: string): string => {
  const u = url(s);
  return u ? u.origin + u.pathname : s;
};

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
  if (worked && sent) {
    const ago = formatDuration(t - worked.timeStamp);
    out.push(
      draft({
        id: 'credential-stopped-working',
        severity: 'warning',
        title: 'The same credential worked earlier',
        summary: `The same credential (#${fingerprint(sent)}) worked ${ago} earlier on this origin: it expired or was revoked since`,
        explanation: `A request with the identical Authorization succeeded at ${formatUtc(worked.timeStamp)} (${worked.method} ${worked.url.slice(0, 200)}, ${worked.status}). Between then and now the credential expired, was revoked, or the server's keys changed.`,
        evidence: [
          ev('Fingerprint', `#${fingerprint(sent)}`),
          ev('Last success', `${formatUtc(worked.timeStamp)}, ${ago} earlier`),
        ],
        fixes: [consumer('Refresh the credential when a request that used to work starts failing.')],
        refs: [rfc(6750, '3.1')],
      }),
    );
  }

  // 401 → refresh → 401 → refresh → 401: each gap between two failures of this endpoint holds a
  // refresh call. Needs the refresh calls themselves: failures alone cannot tell a loop from polling.
  const mine = endpoint(c.ex.url);
  const failsBefore = here.filter(
    (e) => FAIL.has(e.status) && e.timeStamp <= t && t - e.timeStamp <= LOOP_MS && endpoint(e.url) === mine,
  );
  const refreshes = others.filter((e) => isRefresh(e) && e.timeStamp <= t && t - e.timeStamp <= LOOP_MS);
  const stops = [...failsBefore.map((e) => e.timeStamp), t];
  const cycles = stops
    .slice(1)
    .filter((end, i) => refreshes.some((r) => r.timeStamp >= stops[i]! && r.timeStamp <= end)).length;
  if (cycles >= 2) {
    const took = span(t - failsBefore[0]!.timeStamp);
    out.push(
      draft({
        id: 'refresh-loop',
        severity: 'error',
        title: 'Refresh loop',
        summary: `Refresh loop: ${c.method} ${clip(url(c.ex.url)?.pathname ?? '', 80)} failed ${failsBefore.length + 1} times in ${took}, with ${cycles} token refreshes between: the new token is not used, or the refresh fails`,
        explanation:
          'The app refreshes and retries, and the retry fails again. Either the retried request still carries the old token, or the refresh itself returns a token this API rejects.' +
          (sameToken(failsBefore, sent)
            ? ' Every failure carried the same Authorization: the refreshed token is not used.'
            : ''),
        evidence: [
          ev(
            'Refresh calls',
            refreshes
              .map((e) => `${e.status} ${url(e.url)?.pathname ?? ''}`)
              .join(', ')
              .slice(0, 200),
          ),
          ev('Failures of this endpoint', `${failsBefore.length + 1} in ${took}`),
          sent ? ev('Authorization', `#${fingerprint(sent)}`) : undefined,
        ],
        fixes: [consumer('After a refresh, rebuild the request with the new token; stop after one retry.')],
        refs: [rfc(6749, '6')],
      }),
    );
  }

  const refreshAfter = others.find((e) => isRefresh(e) && e.timeStamp > t && e.timeStamp - t <= LOOP_MS && ok(e));
  const retried =
    refreshAfter &&
    others.find(
      (e) =>
        e.timeStamp > refreshAfter.timeStamp &&
        e.timeStamp - t <= LOOP_MS &&
        e.url === c.ex.url &&
        e.method.toUpperCase() === c.method &&
        ok(e),
    );
  if (refreshAfter && retried) {
    // The request's own cause, from the families that ran before (ranked as they will be shown).
    const cause = rank([...earlier]).find((d) => d.severity === 'error' || d.severity === 'warning');
    const was = cause ? cause.title : `Request refused (${c.status})`;
    out.push(
      draft({
        id: 'refresh-recovered',
        severity: 'ok',
        title: 'Refreshed and recovered',
        summary: `${was}; the app refreshed ${/^token-/.test(cause?.id ?? '') ? 'it' : 'the token'} and the retry succeeded: nothing to fix`,
        explanation: `${cause ? `This request failed because: ${clip(cause.summary, 200)}. ` : ''}A refresh call (${refreshAfter.method} ${url(refreshAfter.url)?.pathname ?? ''}, ${refreshAfter.status}) followed at ${formatUtc(refreshAfter.timeStamp)}, and the retry succeeded at ${formatUtc(retried.timeStamp)}. Benign: the app handled it.`,
        evidence: [
          cause ? ev('Original cause', cause.title) : undefined,
          ev(
            'Refresh',
            `${refreshAfter.status} ${url(refreshAfter.url)?.pathname ?? ''}, ${span(refreshAfter.timeStamp - t)} later`,
          ),
          ev('Retry', `${retried.status} at ${formatUtc(retried.timeStamp)}`),
        ],
        fixes: [consumer('Nothing needed; refreshing shortly before exp avoids the failed round trip.')],
        refs: [rfc(6749, '6')],
      }),
    );
  }

  const burst = here.filter((e) => FAIL.has(e.status) && e.timeStamp <= t && t - e.timeStamp <= BURST.ms);
  if (burst.length + 1 >= BURST.count) {
    out.push(
      draft({
        id: 'failure-burst',
        severity: 'warning',
        title: 'Many failures at once',
        summary: `${burst.length + 1} requests to ${origin} failed within ${span(t - burst[0]!.timeStamp)}: a credential expired or a key rotated`,
        explanation:
          'Many requests to one origin started failing together: usually an expired credential set, a rotated signing key, or a changed header expectation, not one bad request.',
        evidence: [ev('Failures', String(burst.length + 1)), ev('Since', formatUtc(burst[0]!.timeStamp))],
        fixes: [consumer('Fix the first failure; the others share its cause.')],
        refs: [rfc(6750, '3.1')],
      }),
    );
  }
  return out;
};
