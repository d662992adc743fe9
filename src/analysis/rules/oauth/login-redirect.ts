// An API call answered like a page: cookie-authentication middleware redirects the unauthenticated
// fetch to its login page, the browser follows, and the script gets 200 HTML instead of a 401. The
// same middleware sends a signed-in caller who lacks a role to its access-denied page instead
// (ASP.NET Core's AccessDeniedPath, Shiro's unauthorizedUrl): that is a refusal of who they are.
import type { Inspection, Rule } from '../../inspect.ts';
import { defineFindings, ev, server, consumer } from '../../finding.ts';
import { link } from '../../refs.ts';
import { maskUrl } from '../../credentials/mask-url.ts';
import { code } from '../../snippets.ts';
import { IDP_HOSTS, idpEndpoint } from '../../vendors/idp.ts';
import { isAccessDeniedPage, isLoginPage } from '../../../http/login-page.ts';
import { FORBIDDEN } from '../forbidden.ts';

export const LOGIN_REDIRECT = defineFindings('oauth', {
  'redirected-to-login': {
    title: 'API call redirected to a login page',
    severity: 'error',
    means:
      'The call was not authenticated (no session, or it expired), and the server’s cookie authentication ' +
      'treated it like a page: a 302 to its login page, which the browser followed, so the script received ' +
      '200 and the login form’s HTML instead of a 401 it could handle. The failure looks like a success.',
    restsOn:
      'A fetch or XHR (by type, Sec-Fetch-Dest or an Accept that is not a page’s) whose redirects end on a ' +
      'login-looking URL (/login, /signin, /Account/Login, /accounts/login/, ReturnUrl=, next=) answered ' +
      'with HTML; or such a redirect itself.',
    fixes: [
      consumer('Sign in again; treat an HTML answer or a redirect to the login page as "not authenticated".'),
      server(
        'Answer API requests with 401 instead of redirecting ' +
          '(ASP.NET Core: OnRedirectToLogin; Spring: HttpStatusEntryPoint).',
        code('js', "app.use('/api', (req, res, next) => (req.user ? next() : res.status(401).end()))"),
      ),
    ],
    references: [
      link(
        'ASP.NET Core: API endpoints and cookie authentication',
        'https://learn.microsoft.com/en-us/aspnet/core/security/authentication/api-endpoint-auth',
      ),
      link(
        'Spring Security: authentication entry points',
        'https://docs.spring.io/spring-security/reference/servlet/authentication/architecture.html',
      ),
    ],
  },
});

/** An identity provider's sign-in: its authorization endpoint, or a host that serves only sign-in. */
function signInAt(u: URL | undefined): boolean {
  if (!u) return false;
  const host = u.hostname.toLowerCase();
  return idpEndpoint(host, u.pathname) === 'authorize' || IDP_HOSTS.test(host);
}

function safeUrl(s: string | undefined): URL | undefined {
  try {
    return s ? new URL(s) : undefined;
  } catch {
    return undefined;
  }
}

function scripted(c: Inspection, accept: string | undefined): boolean {
  if (['xmlhttprequest', 'fetch', 'xhr'].includes(c.ex.type ?? '')) return true;
  if (c.req('sec-fetch-dest') === 'empty' || c.req('sec-fetch-mode') === 'cors') return true;
  if (/^xmlhttprequest$/i.test(c.req('x-requested-with') ?? '')) return true;
  return /json/i.test(accept ?? '') && !/text\/html/i.test(accept ?? '');
}

export const loginRedirect: Rule = (c) => {
  if (!c.url) return [];
  const hops = c.ex.redirects ?? [];
  const first = hops[0];
  // A chain that started at an API (oauth2-proxy, OpenID Connect middleware) and ended at an identity
  // provider's sign-in: the API call is what failed, not a sign-in flow the page started.
  const from = safeUrl(first?.url);
  const apiStart = !!from && !signInAt(from) && idpEndpoint(from.hostname.toLowerCase(), from.pathname) === undefined;
  // an identity provider's own pages are its business, but for an API call sent to its sign-in page
  // (its authorization endpoint, directly or by a redirect from the API)
  if (c.idp && c.endpoint !== 'authorize' && !(apiStart && signInAt(c.url))) return [];
  const firstAccept = first?.requestHeaders.find((h) => h.name.toLowerCase() === 'accept')?.value;
  const html = /html/i.test(c.res('content-type') ?? '') || c.body.kind === 'html';
  // The followed redirect: hops, then a login page answered 2xx with HTML.
  if (
    first &&
    c.status >= 200 &&
    c.status < 300 &&
    html &&
    (isLoginPage(c.url) || (apiStart && signInAt(c.url))) &&
    scripted(c, firstAccept ?? c.req('accept'))
  ) {
    return [
      LOGIN_REDIRECT.draft('redirected-to-login', {
        summary:
          `The API call ${maskUrl(first.url).slice(0, 120)} was redirected to the login page ` +
          `${c.url.pathname}: sign in again`,
        evidence: [
          ev('Requested', maskUrl(first.url).slice(0, 300)),
          ev('Redirect', `${first.status} to ${maskUrl(first.location ?? c.ex.url).slice(0, 300)}`),
          ev('Answered by', `${c.status} ${c.res('content-type') ?? ''} at ${maskUrl(c.ex.url).slice(0, 300)}`),
        ],
      }),
    ];
  }
  // Sent to an access-denied page: signed in, and refused (403 said as a page).
  const deniedAt =
    first && c.status >= 200 && c.status < 300 && html && isAccessDeniedPage(c.url)
      ? c.url
      : c.status >= 300 && c.status < 400 && isAccessDeniedPage(c.location)
        ? c.location
        : undefined;
  if (deniedAt && scripted(c, firstAccept ?? c.req('accept'))) {
    const asked = first?.url ?? c.ex.url;
    return [
      FORBIDDEN.draft('forbidden-authenticated', {
        title: 'API call redirected to an access-denied page',
        summary:
          `The API call ${maskUrl(asked).slice(0, 120)} was redirected to the access-denied page ` +
          `${deniedAt.pathname}: signed in, but without the role or permission this needs`,
        explanation:
          'The server’s cookie authentication accepted the session and its authorization check refused the ' +
          'call; instead of a 403 it redirected to its access-denied page. Signing in again will not help: the ' +
          'account needs the role, policy or permission the endpoint requires.',
        evidence: [
          ev('Requested', maskUrl(asked).slice(0, 300)),
          ev('Redirect', `${first?.status ?? c.status} to ${maskUrl(deniedAt.href).slice(0, 300)}`),
        ],
      }),
    ];
  }
  // The redirect itself, recorded on its own (a HAR keeps each hop).
  if (
    c.status >= 300 &&
    c.status < 400 &&
    (isLoginPage(c.location) || (!c.idp && signInAt(c.location))) &&
    scripted(c, c.req('accept'))
  ) {
    return [
      LOGIN_REDIRECT.draft('redirected-to-login', {
        summary: `The API call was redirected (${c.status}) to the login page ${c.location!.pathname}: sign in again`,
        evidence: [
          ev('Requested', maskUrl(c.ex.url).slice(0, 300)),
          ev('Location', maskUrl(c.location!.href).slice(0, 300)),
        ],
      }),
    ];
  }
  return [];
};
