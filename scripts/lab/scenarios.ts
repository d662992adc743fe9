// The AuthLens lab's scenarios: ONE data module read by the lab page (it renders a button per
// scenario and interprets `steps` in the browser), by `npm start` (headless summary) and by the
// end-to-end suites (Chromium and Firefox). Plain data only: no browser, no node imports; the
// OAuth flows are kept in scenarios-oauth.ts and joined at the end of SCENARIOS.
//
// How to drive one scenario in any browser: open the lab page (`labUrl(...)`, or its
// `?tab=` variant for a second tab), click `[data-scenario="<id>"]`, wait until
// `[data-scenario-state="<id>"]` has `data-state` "done" or "error", then look for the record
// that matches `expect.capture` in the tab's bucket (`bucket`).

import { OAUTH_SCENARIOS } from './scenarios-oauth.ts';

/**
 * primary = the lab page's origin (http://127.0.0.1:P1); secondary = http://127.0.0.1:P2;
 * idp = the OpenID Provider, http://localhost:P3 (another site); mcp = the MCP server, http://127.0.0.1:P4.
 */
export type LabOrigin = 'primary' | 'secondary' | 'idp' | 'mcp';

export interface Target {
  origin?: LabOrigin;
  path: string;
}

/**
 * What the lab page does when the button is clicked. `{{name}}` in paths, headers and bodies is
 * replaced by a value saved by an earlier step (`save`). Interpreted by scripts/lab/client.js.
 */
export type Step =
  | {
      do: 'fetch';
      to: Target;
      method?: string;
      headers?: Record<string, string>;
      credentials?: 'omit' | 'same-origin' | 'include';
      body?: string;
      /** abort after this long: the request may sit behind a browser login prompt */
      timeoutMs?: number;
      /** XMLHttpRequest instead of fetch */
      xhr?: boolean;
      /** save a field of the JSON reply: { field: 'access_token', as: 'token' } */
      save?: { field: string; as: string };
    }
  | { do: 'wait'; ms: number }
  /** RFC 7616: fetch the challenge, optionally wait, answer it (SHA-256) with these credentials */
  | { do: 'digest'; to: Target; user: string; password: string; waitMs?: number }
  /** RFC 9449: send `Authorization: DPoP <token>` with a fresh proof signed in the page */
  | { do: 'dpop'; to: Target; token: string }
  /** ask the page's service worker to make this fetch (it arrives with tabId -1) */
  | { do: 'sw-fetch'; to: Target; headers?: Record<string, string> }
  /**
   * OAuth 2.0 code flow with PKCE, state and nonce (oauth4webapi) for `client` (a client_id of
   * scripts/lab/oidc/clients.ts), in a sign-in popup: the provider's login and consent pages are
   * answered by themselves (`consent`), then the code is exchanged (with `secret` for a confidential
   * client). Saves {{access_token}} and {{refresh_token}}. With an unregistered `redirectPath` no
   * redirect comes back: the step gives up after `waitMs`.
   */
  | {
      do: 'oauth-signin';
      client: string;
      secret?: string;
      consent?: 'allow' | 'deny';
      prompt?: string;
      redirectPath?: string;
      waitMs?: number;
    }
  /** silent renew: the same authorization request with prompt=none, in a hidden iframe */
  | { do: 'oauth-silent'; client: string; timeoutMs?: number }
  /**
   * refresh_token grant with `token` (default {{refresh_token}}); on success the old one is kept
   * as {{previous_refresh_token}}
   */
  | { do: 'oauth-refresh'; client: string; secret?: string; token?: string }
  /** RFC 7009 revocation of `token` (default {{refresh_token}}) */
  | { do: 'oauth-revoke'; client: string; secret?: string; token?: string }
  /**
   * load `to` in a hidden iframe (another site's page makes its own request) and wait for the
   * `{ type: 'authlens-lab-frame', log }` message it posts when done
   */
  | { do: 'frame'; to: Target; timeoutMs?: number }
  | { do: 'repeat'; times: number; steps: Step[] }
  | { do: 'parallel'; steps: Step[] };

export interface ExpectedCapture {
  status: number;
  method: string;
  origin: LabOrigin;
  /** URL path (no query) of the request whose diagnosis is checked */
  path: string;
  /** 'prefix': `path` is the start of the path (for paths with a per-request part, e.g. /auth/<uid>) */
  pathMatch?: 'exact' | 'prefix';
  preflight?: boolean;
  /** how many records with this method+path+status the scenario leaves (default 1) */
  count?: number;
}

export interface Scenario {
  id: string;
  title: string;
  /** one or two sentences shown under the button: what happens on the wire */
  what: string;
  /** 'real': produced by a real mechanism (jose, Digest, cookies, CORS, redirects);
   *  'canned': a vendor look-alike whose headers are copied from the vendor's documentation */
  mechanism: 'real' | 'canned';
  steps: Step[];
  expect: {
    capture: ExpectedCapture;
    /** the finding id (docs/findings.md) AuthLens should put first */
    topFinding: string;
    /**
     * the top finding where the response body is at hand (a HAR, the CLI) and says more than the
     * headers; topFinding where left out
     */
    topFindingWithBody?: string;
    /** more finding ids AuthLens must show for the record (anywhere in its findings) */
    alsoFindings?: string[];
  };
  /**
   * where the record lands: the lab tab, the "no tab" bucket (page service workers), or the
   * tab of the sign-in popup an OAuth step opened (window name `authlens-lab-signin`)
   */
  bucket: 'tab' | 'no-tab' | 'popup';
}

const token = (kind: string, as = 'token'): Step => ({
  do: 'fetch',
  to: { path: `/lab/token?kind=${kind}` },
  method: 'POST',
  save: { field: 'access_token', as },
});
const bearer = (name = 'token'): Record<string, string> => ({ Authorization: `Bearer {{${name}}}` });
const login = (origin: LabOrigin = 'primary', query = ''): Step => ({
  do: 'fetch',
  to: { origin, path: `/session/login${query}` },
  method: 'POST',
  credentials: 'include',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: 'user=alice&password=wonderland',
});
const cap = (
  status: number,
  path: string,
  method = 'GET',
  origin: LabOrigin = 'primary',
  more: Partial<ExpectedCapture> = {},
): ExpectedCapture => ({ status, method, path, origin, ...more });

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'missing-token',
    title: 'Missing token',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'GET a Bearer-protected API with no Authorization header: ' +
      '401 with a bare `Bearer realm` challenge (RFC 6750 §3.1).',
    steps: [{ do: 'fetch', to: { path: '/api/profile' } }],
    expect: { capture: cap(401, '/api/profile'), topFinding: 'no-credentials' },
  },
  {
    id: 'bearer-undefined',
    title: '`Bearer undefined`',
    mechanism: 'real',
    bucket: 'tab',
    what: 'The classic client bug: a template string with an unset variable sends `Authorization: Bearer undefined`.',
    steps: [{ do: 'fetch', to: { path: '/api/orders' }, headers: { Authorization: 'Bearer undefined' } }],
    expect: { capture: cap(401, '/api/orders'), topFinding: 'malformed-authorization' },
  },
  {
    id: 'jwt-expired',
    title: 'Expired JWT',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'A JWT signed by the lab (ES256, jose) whose `exp` passed 15 minutes ago; ' +
      'the API verifies it and answers `invalid_token`.',
    steps: [token('expired'), { do: 'fetch', to: { path: '/api/invoices' }, headers: bearer() }],
    expect: { capture: cap(401, '/api/invoices'), topFinding: 'token-expired' },
  },
  {
    id: 'jwt-not-yet-valid',
    title: 'JWT not yet valid (clock skew)',
    mechanism: 'real',
    bucket: 'tab',
    what: 'A JWT minted by a token server whose clock runs 10 minutes fast: `nbf` and `iat` are in the future.',
    steps: [token('future'), { do: 'fetch', to: { path: '/api/calendar' }, headers: bearer() }],
    expect: { capture: cap(401, '/api/calendar'), topFinding: 'token-not-yet-valid' },
  },
  {
    id: 'jwt-wrong-key',
    title: 'JWT signed by another key',
    mechanism: 'real',
    bucket: 'tab',
    what: 'A JWT within its lifetime, signed by a different key (another environment); signature verification fails.',
    steps: [token('foreign-key'), { do: 'fetch', to: { path: '/api/reports' }, headers: bearer() }],
    expect: { capture: cap(401, '/api/reports'), topFinding: 'token-rejected' },
  },
  {
    id: 'jwt-wrong-audience',
    title: 'JWT for another audience',
    mechanism: 'real',
    bucket: 'tab',
    what: 'A valid JWT issued for `billing-api`, sent to the lab API that only accepts `lab-api`.',
    steps: [token('wrong-audience'), { do: 'fetch', to: { path: '/api/settings' }, headers: bearer() }],
    expect: { capture: cap(401, '/api/settings'), topFinding: 'token-wrong-audience' },
  },
  {
    id: 'insufficient-scope',
    title: 'Insufficient scope (403)',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'A valid token with `scope: lab:read` calls an endpoint that needs `lab:write`: ' +
      '403 `insufficient_scope` with `scope`.',
    steps: [token('read-only'), { do: 'fetch', to: { path: '/api/admin/users' }, method: 'DELETE', headers: bearer() }],
    expect: { capture: cap(403, '/api/admin/users', 'DELETE'), topFinding: 'insufficient-scope' },
  },
  {
    id: 'resource-metadata',
    title: 'RFC 9728 protected resource metadata',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'An MCP-style endpoint answers 401 `Bearer ' +
      'resource_metadata="…/.well-known/oauth-protected-resource"`; the document is served too.',
    steps: [
      {
        do: 'fetch',
        to: { path: '/mcp' },
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}',
      },
    ],
    expect: { capture: cap(401, '/mcp', 'POST'), topFinding: 'protected-resource-metadata' },
  },
  {
    id: 'dpop-nonce',
    title: 'DPoP nonce required',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'The page signs a real DPoP proof (ES256, WebCrypto) without a nonce; ' +
      'the server verifies it and answers `use_dpop_nonce` with a `DPoP-Nonce`.',
    steps: [token('dpop'), { do: 'dpop', to: { path: '/dpop/api/accounts' }, token: '{{token}}' }],
    expect: { capture: cap(401, '/dpop/api/accounts'), topFinding: 'dpop-nonce-required' },
  },
  {
    id: 'step-up',
    title: 'Step-up authentication required',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'A token with `acr: urn:lab:pwd` calls a payment API that requires `urn:lab:mfa`: ' +
      '`insufficient_user_authentication` (RFC 9470).',
    steps: [
      token('password-only'),
      { do: 'fetch', to: { path: '/api/payments' }, method: 'POST', headers: bearer(), body: '{}' },
    ],
    expect: { capture: cap(401, '/api/payments', 'POST'), topFinding: 'step-up-required' },
  },
  {
    id: 'basic-wrong-password',
    title: 'Basic with a wrong password',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'XHR with `Authorization: Basic` (alice, wrong password); the server answers 401 `Basic realm`. ' +
      'Chrome would show its login dialog, so the page aborts the request after 1.5 s.',
    steps: [
      {
        do: 'fetch',
        xhr: true,
        timeoutMs: 1500,
        to: { path: '/basic/reports' },
        headers: { Authorization: 'Basic YWxpY2U6bm90LXRoZS1wYXNzd29yZA==' },
      },
    ],
    expect: { capture: cap(401, '/basic/reports'), topFinding: 'basic-credentials-rejected' },
  },
  {
    id: 'basic-prompt',
    title: 'Basic challenge to an API call (browser login dialog)',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'fetch() with no credentials gets 401 `Basic realm`: Chrome opens its own login dialog and holds ' +
      'the request; the page gives up after 1.5 s.',
    steps: [{ do: 'fetch', timeoutMs: 1500, to: { path: '/basic/export' } }],
    expect: { capture: cap(401, '/basic/export'), topFinding: 'basic-prompt' },
  },
  {
    id: 'digest-stale',
    title: 'Digest: stale nonce',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'A real RFC 7616 exchange (SHA-256, MD5 also offered): the right password, ' +
      'but the nonce expired before it was used; the server answers `stale=true`.',
    steps: [{ do: 'digest', to: { path: '/digest/stale/files' }, user: 'alice', password: 'wonderland', waitMs: 1300 }],
    expect: {
      capture: cap(401, '/digest/stale/files', 'GET', 'primary', { count: 2 }),
      topFinding: 'digest-stale-nonce',
    },
  },
  {
    id: 'digest-wrong-password',
    title: 'Digest: wrong password',
    mechanism: 'real',
    bucket: 'tab',
    what: 'A real RFC 7616 exchange answered with a wrong password: the server re-challenges without `stale`.',
    steps: [{ do: 'digest', to: { path: '/digest/vault' }, user: 'alice', password: 'guess' }],
    expect: { capture: cap(401, '/digest/vault', 'GET', 'primary', { count: 2 }), topFinding: 'digest-rejected' },
  },
  {
    id: 'negotiate',
    title: 'Negotiate not attempted',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'An intranet-style server asks for `Negotiate` (Kerberos/SPNEGO); ' +
      'this browser is not allowed to do integrated auth here, so it sends nothing.',
    steps: [{ do: 'fetch', to: { path: '/intranet/timesheet' }, timeoutMs: 1500 }],
    expect: { capture: cap(401, '/intranet/timesheet'), topFinding: 'negotiate-not-attempted' },
  },
  {
    id: 'cors-preflight',
    title: 'CORS preflight rejected with 401',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'A cross-origin call with `Authorization` needs a preflight; ' +
      'the second origin requires auth on every method, OPTIONS included, and answers 401. ' +
      'The real request is never sent.',
    steps: [token('valid'), { do: 'fetch', to: { origin: 'secondary', path: '/strict/data' }, headers: bearer() }],
    expect: {
      capture: cap(401, '/strict/data', 'OPTIONS', 'secondary', { preflight: true }),
      topFinding: 'cors-preflight-auth',
    },
  },
  {
    id: 'cross-origin-no-credentials',
    title: 'Cross-origin call without credentials',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'Log in to the second origin (cookie set), then fetch it with the default `credentials: ' +
      '"same-origin"`: no cookie is sent, 401.',
    steps: [login('secondary', '?path=/cors'), { do: 'fetch', to: { origin: 'secondary', path: '/cors/me' } }],
    expect: { capture: cap(401, '/cors/me', 'GET', 'secondary'), topFinding: 'credentials-not-sent' },
  },
  {
    id: 'redirect-drops-authorization',
    title: 'Authorization dropped on a cross-origin redirect',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'A valid token is sent to the lab, which answers 307 to the second origin; ' +
      'the browser removes `Authorization` on the cross-origin hop and the API answers 401.',
    steps: [token('valid'), { do: 'fetch', to: { path: '/moved/api/profile' }, headers: bearer() }],
    expect: { capture: cap(401, '/api/profile', 'GET', 'secondary'), topFinding: 'authorization-dropped-on-redirect' },
  },
  {
    id: 'csrf-django',
    title: 'CSRF rejected (403, Django-like)',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'Log in (session + csrftoken cookies), then POST without `X-CSRFToken`: ' +
      '403 "CSRF verification failed. Request aborted."',
    steps: [
      login('primary', '?path=/django'),
      {
        do: 'fetch',
        to: { path: '/django/transfer' },
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'amount=10',
      },
    ],
    expect: { capture: cap(403, '/django/transfer', 'POST'), topFinding: 'csrf-rejected' },
  },
  {
    id: 'csrf-laravel',
    title: 'CSRF token mismatch (419, Laravel-like)',
    mechanism: 'real',
    bucket: 'tab',
    what: 'Log in, then PUT without `X-XSRF-TOKEN`: 419 "Page Expired".',
    steps: [
      login('primary', '?path=/laravel'),
      {
        do: 'fetch',
        to: { path: '/laravel/profile' },
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: '{"name":"Alice"}',
      },
    ],
    expect: { capture: cap(419, '/laravel/profile', 'PUT'), topFinding: 'csrf-rejected' },
  },
  {
    id: 'session-expired',
    title: 'Session expired (440)',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'Log in to a session that lives 1 second, wait, then call the mailbox: ' +
      '440 Login Time-out (Outlook Web App style).',
    steps: [
      login('primary', '?ttl=1000&path=/owa'),
      { do: 'wait', ms: 1300 },
      { do: 'fetch', to: { path: '/owa/inbox' } },
    ],
    expect: { capture: cap(440, '/owa/inbox'), topFinding: 'session-expired' },
  },
  {
    id: 'refresh-recovers',
    title: 'Token refresh that recovers',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'An expired access token fails, the app calls the token endpoint with its refresh token, ' +
      'and the retry succeeds.',
    steps: [
      token('expired'),
      { do: 'fetch', to: { path: '/api/feed' }, headers: bearer() },
      {
        do: 'fetch',
        to: { path: '/oauth/token' },
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=refresh_token&refresh_token=lab-refresh-1',
        save: { field: 'access_token', as: 'fresh' },
      },
      { do: 'fetch', to: { path: '/api/feed' }, headers: bearer('fresh') },
    ],
    expect: { capture: cap(401, '/api/feed'), topFinding: 'refresh-recovered' },
  },
  {
    id: 'refresh-loop',
    title: 'Refresh loop',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'A buggy client refreshes after each 401 but keeps sending the old, expired token: ' +
      '401 → refresh → 401, three times.',
    steps: [
      token('expired'),
      {
        do: 'repeat',
        times: 3,
        steps: [
          { do: 'fetch', to: { path: '/api/notifications' }, headers: bearer() },
          {
            do: 'fetch',
            to: { path: '/oauth/token' },
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: 'grant_type=refresh_token&refresh_token=lab-refresh-1',
          },
        ],
      },
    ],
    expect: { capture: cap(401, '/api/notifications', 'GET', 'primary', { count: 3 }), topFinding: 'refresh-loop' },
  },
  {
    id: 'failure-burst',
    title: 'A burst of failures',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'The signing key was rotated: seven API calls made at once with a token signed by the old key fail, ' +
      'then an eighth.',
    steps: [
      token('foreign-key'),
      {
        do: 'parallel',
        steps: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((s): Step => ({
          do: 'fetch',
          to: { path: `/api/widgets/${s}` },
          headers: bearer(),
        })),
      },
      { do: 'fetch', to: { path: '/api/widgets/summary' }, headers: bearer() },
    ],
    // the burst is context, not the cause: the top finding is the per-request one
    expect: {
      capture: cap(401, '/api/widgets/summary'),
      topFinding: 'token-rejected',
      alsoFindings: ['failure-burst'],
    },
  },
  {
    id: 'service-worker',
    title: "A request from the page's service worker",
    mechanism: 'real',
    bucket: 'no-tab',
    what: "The lab page's service worker calls the API without a token; the browser reports it with no tab (tabId -1).",
    steps: [{ do: 'sw-fetch', to: { path: '/api/sw-sync' } }],
    expect: { capture: cap(401, '/api/sw-sync'), topFinding: 'no-credentials' },
  },
  {
    id: 'missing-challenge',
    title: '401 without a challenge',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'An API key the server does not know; the app answers 401 with a JSON body and no ' +
      '`WWW-Authenticate` (RFC 9110 §15.5.2 says it MUST send one).',
    steps: [{ do: 'fetch', to: { path: '/app/api/me' }, headers: { 'X-Api-Key': 'lab_live_0000000000000000' } }],
    // a key went out and came back refused: the refused key comes first, the missing challenge next
    expect: {
      capture: cap(401, '/app/api/me'),
      topFinding: 'token-rejected',
      alsoFindings: ['missing-challenge'],
    },
  },
  {
    id: 'github-sso',
    title: 'GitHub: SAML SSO authorisation required',
    mechanism: 'canned',
    bucket: 'tab',
    what: 'Look-alike (canned headers, GitHub cannot run here): 403 with `X-GitHub-SSO: required; url=…`.',
    steps: [
      {
        do: 'fetch',
        to: { path: '/vendor/github/orgs/acme/repos' },
        headers: { Authorization: 'Bearer ghp_labLabLabLabLabLabLabLabLabLabLab0000' },
      },
    ],
    expect: { capture: cap(403, '/vendor/github/orgs/acme/repos'), topFinding: 'github-sso-required' },
  },
  {
    id: 'entra-claims',
    title: 'Microsoft Entra claims challenge',
    mechanism: 'canned',
    bucket: 'tab',
    what:
      'Look-alike (canned headers): 401 `Bearer error="insufficient_claims", ' +
      'claims="<base64 JSON>"` (Conditional Access).',
    steps: [token('valid'), { do: 'fetch', to: { path: '/vendor/graph/me' }, headers: bearer() }],
    expect: { capture: cap(401, '/vendor/graph/me'), topFinding: 'claims-challenge' },
  },
  {
    id: 'cloudflare-challenge',
    title: 'Cloudflare bot challenge',
    mechanism: 'canned',
    bucket: 'tab',
    what:
      'Look-alike (canned headers): 403 with `cf-mitigated: challenge`, `server: cloudflare`, `cf-ray`. ' +
      "Not the app's auth.",
    steps: [{ do: 'fetch', to: { path: '/vendor/cloudflare/api/items' } }],
    expect: { capture: cap(403, '/vendor/cloudflare/api/items'), topFinding: 'waf-block' },
  },
  {
    id: 'aws-missing-token',
    title: 'AWS API Gateway: Missing Authentication Token',
    mechanism: 'canned',
    bucket: 'tab',
    what:
      'Look-alike (canned headers): 403 `x-amzn-ErrorType: MissingAuthenticationTokenException`, ' +
      'usually a wrong path or method.',
    steps: [{ do: 'fetch', to: { path: '/vendor/aws/prod/orderz' } }],
    expect: { capture: cap(403, '/vendor/aws/prod/orderz'), topFinding: 'aws-route-not-found' },
  },
  {
    id: 'docker-registry',
    title: 'Docker registry token required',
    mechanism: 'canned',
    bucket: 'tab',
    what:
      'Look-alike (canned headers): 401 `Bearer realm="…/token", service=…, ' +
      'scope="repository:library/ubuntu:pull"`.',
    steps: [{ do: 'fetch', to: { path: '/v2/library/ubuntu/manifests/latest' } }],
    expect: { capture: cap(401, '/v2/library/ubuntu/manifests/latest'), topFinding: 'registry-token-required' },
  },
  // real OAuth 2.0 / OpenID Connect flows against the lab's OpenID Provider
  ...OAUTH_SCENARIOS,
];

export function scenarioById(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

/** How to trigger a scenario in any browser: click this, then wait for `doneSelector`. */
export const buttonSelector = (id: string): string => `[data-scenario="${id}"]`;
/** matches once the lab page has finished the scenario (data-state "done" or "error") */
export const doneSelector = (id: string): string =>
  `[data-scenario-state="${id}"]:is([data-state="done"], [data-state="error"])`;
/** the lab page sets this on <body> once its script is ready to take clicks */
export const READY_SELECTOR = 'body[data-lab-ready="true"]';

/** The lab page URL; `tab` gives a second tab its own recognisable URL. */
export function labUrl(primaryOrigin: string, tab?: string): string {
  return `${primaryOrigin}/${tab ? `?tab=${encodeURIComponent(tab)}` : ''}`;
}
