// The lab's OAuth 2.0 / OpenID Connect scenarios: real flows between a certified OpenID
// Provider (oidc-provider, http://localhost:P3) and the lab page as its browser client
// (oauth4webapi, http://127.0.0.1:P1: another site). Plain data in the shape of SCENARIOS
// (scripts/lab/scenarios.ts), listed on their own page (/lab/oauth) and joined at the end of
// SCENARIOS (the main lab page, `npm start`'s table, the e2e suites).
//
// `wire` is what the lab's own log (startLab's onRequest) must show, in this order, for the
// flow to be what the scenario says, whatever AuthLens makes of it.
import type { ExpectedCapture, LabOrigin, Scenario, Step } from './scenarios.ts';
import { APP_PATHS, BRIEF_EXPIRY_WAIT_MS, CLIENTS } from './oidc/clients.ts';

/** One request the lab answered (see Served in scripts/lab/server.ts). */
export interface WireFact {
  origin: LabOrigin;
  method: string;
  path: string;
  pathMatch?: 'exact' | 'prefix';
  status: number;
  /** the `error` parameter of the answer's Location */
  error?: string;
  /** the request's Sec-Fetch-Dest (`iframe`, `document`, `empty` for fetch) */
  dest?: string;
  /** whether the request carried a Cookie header */
  cookie?: boolean;
}

export interface OAuthScenario extends Scenario {
  wire: WireFact[];
}

const signin = (client: string, more: Partial<Extract<Step, { do: 'oauth-signin' }>> = {}): Step => ({
  do: 'oauth-signin',
  client,
  ...more,
});
const notes = (): Step => ({
  do: 'fetch',
  to: { path: `${APP_PATHS.api}/notes` },
  headers: { Authorization: 'Bearer {{access_token}}' },
});
const at = (origin: LabOrigin, method: string, path: string, status: number, more: Partial<WireFact> = {}) => ({
  origin,
  method,
  path,
  status,
  ...more,
});
const cap = (
  status: number,
  path: string,
  method = 'GET',
  origin: LabOrigin = 'primary',
  more: Partial<ExpectedCapture> = {},
): ExpectedCapture => ({ status, method, path, origin, ...more });
const codeExchange = at('idp', 'POST', '/token', 200);

export const OAUTH_SCENARIOS: readonly OAuthScenario[] = [
  {
    id: 'oidc-access-token-expired',
    title: 'Sign-in, then an expired access token',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'Code flow with PKCE in a popup; the JWT access token (2 s: the provider’s policy for this client) ' +
      'works once, then the API answers `invalid_token` “expired”.',
    steps: [signin(CLIENTS.brief), notes(), { do: 'wait', ms: BRIEF_EXPIRY_WAIT_MS }, notes()],
    expect: { capture: cap(401, `${APP_PATHS.api}/notes`), topFinding: 'token-expired' },
    wire: [
      at('idp', 'GET', '/auth', 303, { dest: 'document' }),
      codeExchange,
      at('primary', 'GET', `${APP_PATHS.api}/notes`, 200),
      at('primary', 'GET', `${APP_PATHS.api}/notes`, 401),
    ],
  },
  {
    id: 'oidc-refresh-expired',
    title: 'Refresh with an expired refresh token',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'The refresh token outlived its lifetime (2 s here); the token endpoint answers 400 `invalid_grant` ' +
      '(RFC 6749 §5.2).',
    steps: [
      signin(CLIENTS.brief),
      { do: 'wait', ms: BRIEF_EXPIRY_WAIT_MS },
      { do: 'oauth-refresh', client: CLIENTS.brief },
    ],
    expect: { capture: cap(400, '/token', 'POST', 'idp'), topFinding: 'oauth-grant-rejected' },
    wire: [codeExchange, at('idp', 'POST', '/token', 400)],
  },
  {
    id: 'oidc-refresh-revoked',
    title: 'Refresh with a revoked refresh token',
    mechanism: 'real',
    bucket: 'tab',
    what: 'The app revokes its refresh token (RFC 7009, as at sign-out), then uses it: 400 `invalid_grant`.',
    steps: [
      signin(CLIENTS.spa),
      { do: 'oauth-revoke', client: CLIENTS.spa },
      { do: 'oauth-refresh', client: CLIENTS.spa },
    ],
    expect: { capture: cap(400, '/token', 'POST', 'idp'), topFinding: 'oauth-grant-rejected' },
    wire: [codeExchange, at('idp', 'POST', '/token/revocation', 200), at('idp', 'POST', '/token', 400)],
  },
  {
    id: 'oidc-refresh-reused',
    title: 'Refresh token used twice (rotation)',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'Refresh tokens rotate at each use; the app refreshes, then sends the previous refresh token again: ' +
      '400 `invalid_grant`, and the provider revokes the grant (reuse detection).',
    steps: [
      signin(CLIENTS.spa),
      { do: 'oauth-refresh', client: CLIENTS.spa },
      { do: 'oauth-refresh', client: CLIENTS.spa, token: '{{previous_refresh_token}}' },
    ],
    expect: { capture: cap(400, '/token', 'POST', 'idp'), topFinding: 'oauth-grant-rejected' },
    wire: [codeExchange, at('idp', 'POST', '/token', 200), at('idp', 'POST', '/token', 400)],
  },
  {
    id: 'oidc-wrong-client-secret',
    title: 'Wrong client secret',
    mechanism: 'real',
    bucket: 'tab',
    what: 'A confidential client exchanges its code with a wrong `client_secret` (HTTP Basic): 401 `invalid_client`.',
    steps: [signin(CLIENTS.web, { secret: 'not-the-secret' })],
    expect: { capture: cap(401, '/token', 'POST', 'idp'), topFinding: 'oauth-client-rejected' },
    wire: [at('idp', 'GET', '/auth', 303), at('idp', 'POST', '/token', 401)],
  },
  {
    id: 'oidc-redirect-uri-unregistered',
    title: 'Unregistered redirect_uri',
    mechanism: 'real',
    bucket: 'popup',
    what:
      'The authorization request names a `redirect_uri` the client never registered: the provider shows ' +
      'its own 400 error page and redirects nowhere.',
    steps: [signin(CLIENTS.spa, { redirectPath: APP_PATHS.unregistered, waitMs: 2000 })],
    expect: { capture: cap(400, '/auth', 'GET', 'idp'), topFinding: 'redirect-uri-mismatch' },
    wire: [at('idp', 'GET', '/auth', 400, { dest: 'document' })],
  },
  {
    id: 'oidc-consent-denied',
    title: 'The user cancels consent',
    mechanism: 'real',
    bucket: 'popup',
    what:
      'The user signs in and presses Cancel on the consent page: the provider redirects back with ' +
      '`error=access_denied` and the `state` (RFC 6749 §4.1.2.1).',
    steps: [signin(CLIENTS.spa, { consent: 'deny', prompt: 'consent' })],
    expect: {
      capture: cap(303, '/auth/', 'GET', 'idp', { pathMatch: 'prefix' }),
      topFinding: 'oauth-authorization-error',
    },
    wire: [
      at('idp', 'POST', '/interaction/', 303, { pathMatch: 'prefix' }),
      at('idp', 'GET', '/auth/', 303, { pathMatch: 'prefix', error: 'access_denied' }),
      at('primary', 'GET', APP_PATHS.callback, 200),
    ],
  },
  {
    id: 'oidc-silent-renew-blocked',
    title: 'Silent renew with third-party cookies blocked',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'After a sign-in, a hidden iframe asks the provider (another site) with `prompt=none`; the browser ' +
      'blocks its third-party session cookie, so the answer is `error=login_required`.',
    steps: [signin(CLIENTS.spa), { do: 'oauth-silent', client: CLIENTS.spa }],
    expect: { capture: cap(303, '/auth', 'GET', 'idp'), topFinding: 'silent-auth-failed' },
    wire: [
      codeExchange,
      at('idp', 'GET', '/auth', 303, { dest: 'iframe', cookie: false, error: 'login_required' }),
      at('primary', 'GET', APP_PATHS.silentCallback, 200),
    ],
  },
  {
    id: 'session-redirected-to-login',
    title: 'API call redirected to the login page',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'A fetch to a cookie-session API without a session: its middleware answers 302 to `/shop/login`, and ' +
      'the fetch ends in a 200 of HTML.',
    steps: [{ do: 'fetch', to: { path: APP_PATHS.shopApi } }],
    expect: { capture: cap(200, APP_PATHS.shopLogin), topFinding: 'redirected-to-login' },
    wire: [at('primary', 'GET', APP_PATHS.shopApi, 302), at('primary', 'GET', APP_PATHS.shopLogin, 200)],
  },
];
