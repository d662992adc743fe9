// Causes that live in the browser: preflights, credentials mode, redirects, sessions (CSRF: csrf.ts).
import type { Ctx, Rule } from '../context.ts';
import { consumer, draft, ev, list, server, type Draft } from '../finding.ts';
import { MDN_CORS, MDN_CREDENTIALS, MDN_COOKIES, link } from '../refs.ts';

const origin = (u: string | undefined): string | undefined => {
  try {
    return u ? new URL(u).origin : undefined;
  } catch {
    return undefined;
  }
};

export const isPreflight = (c: Ctx): boolean => c.method === 'OPTIONS' && !!c.req('access-control-request-method');

export const browser: Rule = (c) => {
  const out: Draft[] = [];
  if (isPreflight(c) && (c.status === 401 || c.status === 403)) {
    out.push(
      draft({
        id: 'cors-preflight-auth',
        severity: 'error',
        title: 'CORS preflight rejected by auth',
        summary: `The CORS preflight (OPTIONS) got ${c.status}: let OPTIONS through without auth`,
        explanation: `Browsers never send credentials on a preflight, so an auth check on OPTIONS always fails and the real ${c.req('access-control-request-method')} is never sent.`,
        evidence: [
          ev('Access-Control-Request-Method', c.req('access-control-request-method') ?? ''),
          ev('Access-Control-Request-Headers', c.req('access-control-request-headers') ?? ''),
        ],
        fixes: [
          server(
            'Answer OPTIONS before the auth middleware, with 204 and the CORS headers.',
            "if (req.method === 'OPTIONS') return res.status(204).end();",
          ),
        ],
        refs: [MDN_CORS, link('Fetch standard: CORS preflight', 'https://fetch.spec.whatwg.org/#cors-preflight-fetch')],
      }),
    );
    return out;
  }
  const noCreds = !c.auth && c.cookies.length === 0 && c.apiKeys.length === 0 && c.queryTokens.length === 0;
  const hops = c.ex.redirects ?? [];
  const lastAuthHop = [...hops]
    .reverse()
    .find(
      (h) => Array.isArray(h.requestHeaders) && h.requestHeaders.some((x) => x.name.toLowerCase() === 'authorization'),
    );
  const from = origin(lastAuthHop?.url);
  if (lastAuthHop && !c.auth && from && c.url && from !== c.url.origin && c.failure) {
    out.push(
      draft({
        id: 'authorization-dropped-on-redirect',
        severity: 'error',
        title: 'Authorization dropped on a cross-origin redirect',
        summary: `Authorization was dropped when ${from} redirected to ${c.url.origin}: call the final URL directly`,
        explanation:
          'The first request carried Authorization; the redirect went to another origin, and the Fetch standard removes Authorization on cross-origin redirects, so this request went without it.',
        evidence: [
          ev('Redirected from', lastAuthHop.url.slice(0, 300)),
          ev('To', c.ex.url.slice(0, 300)),
          ev('Redirect status', String(lastAuthHop.status)),
        ],
        fixes: [
          consumer(
            'Request the final URL directly (fix the trailing slash or http→https redirect), or follow redirects manually and re-attach the header.',
            "fetch(url, { redirect: 'manual' })",
          ),
        ],
        refs: [link('Fetch standard: HTTP-redirect fetch', 'https://fetch.spec.whatwg.org/#http-redirect-fetch')],
      }),
    );
  } else if (
    noCreds &&
    c.crossOrigin &&
    c.ex.type !== 'main_frame' &&
    c.challenges.length === 0 &&
    [401, 403, 419, 440].includes(c.status)
  ) {
    const causes = ['fetch defaults to credentials: "same-origin"'];
    // SameSite and third-party cookie blocking only bite across sites, not between subdomains.
    if (c.req('sec-fetch-site') !== 'same-site')
      causes.push('a SameSite=Lax or unspecified cookie is not sent cross-site', 'third-party cookies are blocked');
    if (c.url?.protocol === 'http:') causes.push('a Secure cookie is never sent over http');
    out.push(
      draft({
        id: 'credentials-not-sent',
        severity: 'error',
        title: 'Cross-origin request went without credentials',
        summary:
          "Cross-origin request sent no cookies or Authorization: use credentials: 'include' and SameSite=None; Secure cookies",
        explanation: `${c.ex.initiator ?? 'The page'} called ${c.url?.origin ?? 'another origin'} with no Cookie and no Authorization. Likely cause${causes.length > 1 ? ', one of' : ''}: ${causes.join('; ')}.`,
        evidence: [
          ev('Initiator', c.ex.initiator ?? ''),
          ev('Target', c.url?.origin ?? ''),
          ev('Sec-Fetch-Site', c.req('sec-fetch-site') ?? ''),
        ],
        fixes: [
          consumer(
            'Send cookies cross-origin (XHR: withCredentials = true).',
            "fetch(url, { credentials: 'include' })",
          ),
          server(
            'Set the session cookie for cross-site use and allow credentials for the exact origin.',
            'Set-Cookie: session=…; SameSite=None; Secure\nAccess-Control-Allow-Origin: https://app.example\nAccess-Control-Allow-Credentials: true',
          ),
        ],
        refs: [MDN_CREDENTIALS, MDN_COOKIES],
      }),
    );
  }
  if (
    c.cookies.length &&
    !c.auth &&
    !c.challenges.length &&
    [401, 419, 440].includes(c.status) &&
    !(c.csrf && !c.csrf.header)
  ) {
    out.push(
      draft({
        id: 'session-expired',
        severity: 'error',
        title: 'Session expired',
        summary: `Session cookie sent but refused (${c.status}): the server-side session ended; sign in again`,
        explanation:
          'Cookies went with the request but the server no longer knows the session: it timed out, the user signed out elsewhere, or the server restarted with in-memory sessions.',
        evidence: [
          ev(
            'Cookies sent (names)',
            c.cookies
              .map((k) => k.name)
              .join(', ')
              .slice(0, 300),
          ),
        ],
        fixes: [
          consumer('Sign in again; on 401 redirect to login instead of retrying.'),
          server('Check session lifetime and storage; answer with a WWW-Authenticate or a JSON reason.'),
        ],
        refs: [MDN_COOKIES],
      }),
    );
  }
  return out;
};
