// The lab's Compare scenarios: a request that worked, then failed, on the same endpoint, so the
// panel's Compare tab and the changed-since-success finding have a success to compare with.
// Plain data in the shape of SCENARIOS (scripts/lab/scenarios.ts), on their own page
// (/lab/compare, routes-compare.ts). Each opens with a failure of the endpoint before sign-in:
// AuthLens keeps a tab's successes only in the minute after a failure, as in real use.
import type { ExpectedCapture, LabOrigin, Scenario, Step } from './scenarios.ts';

/** Where the Compare lab lives on the primary origin (its routes: routes-compare.ts). */
export const COMPARE_PATHS = {
  page: '/lab/compare',
  refresh: '/compare/oauth/token',
  base: '/xsite',
  login: '/xsite/login',
  me: '/xsite/me',
  widget: '/xsite/widget',
} as const;

const cap = (status: number, path: string, origin: LabOrigin = 'primary', count = 1): ExpectedCapture => ({
  status,
  method: 'GET',
  path,
  origin,
  count,
});
const get = (
  path: string,
  headers?: Record<string, string>,
  more: Partial<Extract<Step, { do: 'fetch' }>> = {},
): Step => ({
  do: 'fetch',
  to: { path },
  ...(headers ? { headers } : {}),
  ...more,
});
const bearer = (name = 'token'): Record<string, string> => ({ Authorization: `Bearer {{${name}}}` });
const token = (kind: string): Step => ({
  do: 'fetch',
  to: { path: `/lab/token?kind=${kind}` },
  method: 'POST',
  save: { field: 'access_token', as: 'token' },
});

export const COMPARE_SCENARIOS: readonly Scenario[] = [
  {
    id: 'compare-token-expired',
    title: 'A token that worked, then expired',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'Before sign-in the orders API says 401; a token that lives 2 s (ES256, jose) then works on order 2, ' +
      'and three seconds later the same token fails on order 3: `invalid_token`, expired.',
    steps: [
      get('/api/compare/orders/1'),
      token('brief'),
      get('/api/compare/orders/2', bearer()),
      { do: 'wait', ms: 3000 },
      get('/api/compare/orders/3', bearer()),
    ],
    expect: {
      capture: cap(401, '/api/compare/orders/3'),
      topFinding: 'token-expired',
      alsoFindings: ['credential-stopped-working'],
    },
  },
  {
    id: 'compare-refresh-audience',
    title: 'A refresh that returned a token for another API',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'A token for `lab-api` works on account 2; the app refreshes, the token endpoint answers with a token ' +
      'for `billing-api`, and account 3 refuses it: `invalid_token`, audience not accepted.',
    steps: [
      get('/api/compare/accounts/1'),
      token('valid'),
      get('/api/compare/accounts/2', bearer()),
      {
        do: 'fetch',
        to: { path: COMPARE_PATHS.refresh },
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=refresh_token&refresh_token=lab-refresh-1',
        save: { field: 'access_token', as: 'fresh' },
      },
      get('/api/compare/accounts/3', bearer('fresh')),
    ],
    expect: {
      capture: cap(401, '/api/compare/accounts/3'),
      topFinding: 'token-wrong-audience',
      alsoFindings: ['changed-since-success'],
    },
  },
  {
    id: 'compare-cookies-cross-site',
    title: 'Cookies lost cross-site',
    mechanism: 'real',
    bucket: 'tab',
    what:
      'Sign in to the widget API (a `SameSite=Lax` session cookie) and call it from this page: 200. The same ' +
      'call from an embedded page of another site (localhost) carries no cookie: 401.',
    steps: [
      get(COMPARE_PATHS.me),
      {
        do: 'fetch',
        to: { path: `${COMPARE_PATHS.login}?path=${COMPARE_PATHS.base}` },
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'user=alice&password=wonderland',
      },
      get(COMPARE_PATHS.me),
      { do: 'frame', to: { origin: 'idp', path: COMPARE_PATHS.widget } },
    ],
    expect: { capture: cap(401, COMPARE_PATHS.me, 'primary', 2), topFinding: 'credentials-not-sent' },
  },
];
