// Patterns across requests (context.history: other exchanges of the tab, e.g. from a HAR file):
// a burst of failures, a refresh that recovered, a refresh loop, a credential that worked before.
import type { Rule } from '../context.ts';
import type { Exchange } from '../types.ts';
import { consumer, draft, ev, type Draft } from '../finding.ts';
import { fingerprint } from '../mask.ts';
import { formatDuration, formatUtc } from '../time.ts';
import { rfc } from '../refs.ts';

const FAIL = new Set([401, 403, 407, 419, 440, 498]);
const REFRESH = /(^|\/)(token|refresh|refresh[-_]?token|renew|silent[-_]?renew)(\/|$)/i;
const BURST = { count: 5, ms: 10_000 };
const LOOP_MS = 60_000;

function url(s: string): URL | undefined {
  try { return new URL(s); } catch { return undefined; }
}
const auth = (e: Exchange): string | undefined => e.requestHeaders.find((h) => h.name.toLowerCase() === 'authorization')?.value;
const isRefresh = (e: Exchange): boolean => e.method.toUpperCase() === 'POST' && REFRESH.test(url(e.url)?.pathname ?? '');
const ok = (e: Exchange): boolean => e.status >= 200 && e.status < 300;

export const patterns: Rule = (c) => {
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
    out.push(draft({
      id: 'credential-stopped-working', severity: 'warning', title: 'The same credential worked earlier',
      summary: `The same credential (#${fingerprint(sent)}) worked ${ago} earlier on this origin: it expired or was revoked since`,
      explanation: `A request with the identical Authorization succeeded at ${formatUtc(worked.timeStamp)} (${worked.method} ${worked.url.slice(0, 200)}, ${worked.status}). Between then and now the credential expired, was revoked, or the server's keys changed.`,
      evidence: [ev('Fingerprint', `#${fingerprint(sent)}`), ev('Last success', `${formatUtc(worked.timeStamp)}, ${ago} earlier`)],
      fixes: [consumer('Refresh the credential when a request that used to work starts failing.')],
      refs: [rfc(6750, '3.1')],
    }));
  }

  const refreshesBefore = others.filter((e) => isRefresh(e) && e.timeStamp <= t && t - e.timeStamp <= LOOP_MS);
  const failsBefore = here.filter((e) => FAIL.has(e.status) && e.timeStamp <= t && t - e.timeStamp <= LOOP_MS);
  if (refreshesBefore.length >= 2 && failsBefore.length >= 2) {
    out.push(draft({
      id: 'refresh-loop', severity: 'error', title: 'Refresh loop',
      summary: `Refresh loop: ${refreshesBefore.length} token refreshes and ${failsBefore.length + 1} failures in ${formatDuration(LOOP_MS)}: the new token is not used, or the refresh fails`,
      explanation: 'The app refreshes and retries, and the retry fails again. Either the retried request still carries the old token, or the refresh itself returns a token this API rejects.',
      evidence: [ev('Refresh calls', refreshesBefore.map((e) => `${e.status} ${url(e.url)?.pathname ?? ''}`).join(', ').slice(0, 200)), ev('Failures on this origin', String(failsBefore.length + 1))],
      fixes: [consumer('After a refresh, rebuild the request with the new token; stop after one retry.')],
      refs: [rfc(6749, '6')],
    }));
  }

  const refreshAfter = others.find((e) => isRefresh(e) && e.timeStamp > t && e.timeStamp - t <= LOOP_MS && ok(e));
  const retried = refreshAfter && here.find((e) => e.timeStamp > refreshAfter.timeStamp && e.timeStamp - t <= LOOP_MS && e.url === c.ex.url && ok(e));
  if (refreshAfter && retried) {
    out.push(draft({
      id: 'refresh-recovered', severity: 'ok', title: 'Refreshed and recovered',
      summary: 'Token refreshed and the retry succeeded: the app handled this',
      explanation: `A refresh call (${url(refreshAfter.url)?.pathname ?? ''}) followed, and the retry succeeded at ${formatUtc(retried.timeStamp)}. Benign.`,
      evidence: [ev('Retry', `${retried.status} at ${formatUtc(retried.timeStamp)}`)],
      fixes: [consumer('Nothing needed; refreshing shortly before exp avoids the failed round trip.')],
      refs: [rfc(6749, '6')],
    }));
  }

  const burst = here.filter((e) => FAIL.has(e.status) && e.timeStamp <= t && t - e.timeStamp <= BURST.ms);
  if (burst.length + 1 >= BURST.count) {
    out.push(draft({
      id: 'failure-burst', severity: 'warning', title: 'Many failures at once',
      summary: `${burst.length + 1} requests to ${origin} failed within ${formatDuration(t - burst[0]!.timeStamp)}: a credential expired or a key rotated`,
      explanation: 'Many requests to one origin started failing together: usually an expired credential set, a rotated signing key, or a changed header expectation, not one bad request.',
      evidence: [ev('Failures', String(burst.length + 1)), ev('Since', formatUtc(burst[0]!.timeStamp))],
      fixes: [consumer('Fix the first failure; the others share its cause.')],
      refs: [rfc(6750, '3.1')],
    }));
  }
  return out;
};
