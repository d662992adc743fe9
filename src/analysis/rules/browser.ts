// Causes that live in the browser: preflights, credentials mode, redirects, sessions (CSRF: csrf.ts).
import type { Inspection, Rule } from '../inspect.ts';
import { consumer, defineFindings, ev, server, type Draft } from '../finding.ts';
import { code } from '../snippets.ts';
import { MDN_CORS, MDN_CREDENTIALS, MDN_COOKIES, link } from '../refs.ts';
import { headerValue } from '../../http/headers.ts';

export const BROWSER = defineFindings('browser', {
  'cors-preflight-auth': {
    title: 'CORS preflight rejected by auth',
    severity: 'error',
    means:
      'Browsers never send credentials on a CORS preflight (the OPTIONS request that asks whether a ' +
      'cross-origin call is allowed), so an auth check on OPTIONS always fails and the real request is never ' +
      'sent.',
    restsOn: 'An OPTIONS request with Access-Control-Request-Method, answered 401 or 403.',
    fixes: [
      server(
        'Answer OPTIONS before the auth middleware, with 204 and the CORS headers.',
        code('js', "if (req.method === 'OPTIONS') return res.status(204).end();"),
      ),
    ],
    references: [
      MDN_CORS,
      link('Fetch standard: CORS preflight', 'https://fetch.spec.whatwg.org/#cors-preflight-fetch'),
    ],
  },
  'authorization-dropped-on-redirect': {
    title: 'Authorization dropped on a cross-origin redirect',
    severity: 'error',
    means:
      'The first request carried Authorization; the redirect went to another origin, and the Fetch standard ' +
      'removes Authorization on cross-origin redirects, so this request went without it.',
    restsOn:
      'A redirect chain in which an earlier hop carried Authorization and the final request, to another ' +
      'origin, carried none and failed.',
    fixes: [
      consumer(
        'Request the final URL directly (fix the trailing slash or http→https redirect), or follow redirects ' +
          'manually and re-attach the header.',
        code('js', "fetch(url, { redirect: 'manual' })"),
      ),
    ],
    references: [link('Fetch standard: HTTP-redirect fetch', 'https://fetch.spec.whatwg.org/#http-redirect-fetch')],
  },
  'credentials-not-sent': {
    title: 'Cross-origin request went without credentials',
    severity: 'error',
    means:
      'A cross-origin request carried no cookie and no Authorization, and the target refused it. fetch sends ' +
      'cookies to another origin only with credentials: "include" (XHR: withCredentials), and even then the ' +
      'browser leaves out SameSite=Lax or unspecified cookies on cross-site requests, Secure cookies over ' +
      'http, and third-party cookies where they are blocked.',
    restsOn:
      'A request that is not a page navigation, whose initiator is another origin (else Sec-Fetch-Site: ' +
      'cross-site or same-site), with no Authorization, cookie, API key or URL token, answered 401, 403, 419 ' +
      'or 440 without a challenge.',
    fixes: [
      consumer(
        'Send cookies cross-origin (XHR: withCredentials = true).',
        code('js', "fetch(url, { credentials: 'include' })"),
      ),
      server(
        'Set the session cookie for cross-site use and allow credentials for the exact origin.',
        code(
          'http',
          `Set-Cookie: session=…; SameSite=None; Secure
Access-Control-Allow-Origin: https://app.example
Access-Control-Allow-Credentials: true`,
        ),
      ),
    ],
    references: [MDN_CREDENTIALS, MDN_COOKIES],
  },
  'session-expired': {
    title: 'Session expired',
    severity: 'error',
    means:
      'Cookies went with the request but the server no longer knows the session: it timed out, the user signed ' +
      'out elsewhere, or the server restarted with in-memory sessions.',
    restsOn:
      'Cookies sent, no Authorization, and a 401, 419 or 440 without WWW-Authenticate, unless a CSRF check ' +
      'explains the refusal.',
    fixes: [
      consumer('Sign in again; on 401 redirect to login instead of retrying.'),
      server('Check session lifetime and storage; answer with a WWW-Authenticate or a JSON reason.'),
    ],
    references: [MDN_COOKIES],
  },
});

const origin = (u: string | undefined): string | undefined => {
  try {
    return u ? new URL(u).origin : undefined;
  } catch {
    return undefined;
  }
};

const isPreflight = (c: Inspection): boolean => c.method === 'OPTIONS' && !!c.req('access-control-request-method');

export const browser: Rule = (c) => {
  const out: Draft[] = [];
  if (isPreflight(c) && (c.status === 401 || c.status === 403)) {
    out.push(
      BROWSER.draft('cors-preflight-auth', {
        summary: `The CORS preflight (OPTIONS) got ${c.status}: let OPTIONS through without auth`,
        explanation:
          'Browsers never send credentials on a preflight, so an auth check on OPTIONS always fails and the ' +
          `real ${c.req('access-control-request-method')} is never sent.`,
        evidence: [
          ev('Access-Control-Request-Method', c.req('access-control-request-method') ?? ''),
          ev('Access-Control-Request-Headers', c.req('access-control-request-headers') ?? ''),
        ],
      }),
    );
    return out;
  }
  const noCreds = !c.auth && c.cookies.length === 0 && c.apiKeys.length === 0 && c.queryTokens.length === 0;
  const hops = c.ex.redirects ?? [];
  const lastAuthHop = [...hops]
    .reverse()
    .find((h) => Array.isArray(h.requestHeaders) && headerValue(h.requestHeaders, 'authorization') !== undefined);
  const from = origin(lastAuthHop?.url);
  if (lastAuthHop && !c.auth && from && c.url && from !== c.url.origin && c.failure) {
    out.push(
      BROWSER.draft('authorization-dropped-on-redirect', {
        summary: `Authorization was dropped when ${from} redirected to ${c.url.origin}: call the final URL directly`,
        evidence: [
          ev('Redirected from', lastAuthHop.url.slice(0, 300)),
          ev('To', c.ex.url.slice(0, 300)),
          ev('Redirect status', String(lastAuthHop.status)),
        ],
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
      BROWSER.draft('credentials-not-sent', {
        // A 403 with nothing sent is first the server's forbidden-unauthenticated (a 403 where 401 fits,
        // FastAPI's HTTPBearer, Django REST framework); the browser's part is then a likely reason.
        ...(c.status === 403 ? { severity: 'warning' as const } : {}),
        summary:
          'Cross-origin request sent no cookies or Authorization: ' +
          "use credentials: 'include' and SameSite=None; Secure cookies",
        explanation:
          `${c.ex.initiator ?? 'The page'} called ${c.url?.origin ?? 'another origin'} with no Cookie and no ` +
          `Authorization. Likely cause${causes.length > 1 ? ', one of' : ''}: ${causes.join('; ')}.`,
        evidence: [
          ev('Initiator', c.ex.initiator ?? ''),
          ev('Target', c.url?.origin ?? ''),
          ev('Sec-Fetch-Site', c.req('sec-fetch-site') ?? ''),
        ],
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
    const names = c.cookies.map((k) => k.name).join(', ');
    out.push(
      BROWSER.draft('session-expired', {
        summary: `Session cookie sent but refused (${c.status}): the server-side session ended; sign in again`,
        evidence: [ev('Cookies sent (names)', names.slice(0, 300))],
      }),
    );
  }
  return out;
};
