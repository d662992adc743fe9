// The lab's OAuth flows over real HTTP, no browser: the certified provider (oidc-provider) and
// the app's resource server answer each scenario of scripts/lab/scenarios-oauth.ts as the
// scenario says. A node stand-in for the browser (user-agent.ts) signs in through the
// provider's own login and consent pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { startLab, type Lab, type Served } from '../../../../scripts/lab/server.ts';
import { APP_PATHS, CLIENTS, SECRETS } from '../../../../scripts/lab/oidc/clients.ts';
import { OAUTH_SCENARIOS } from '../../../../scripts/lab/scenarios-oauth.ts';
import { authorize, authRequest, discover, signIn, tokenRequest, UserAgent } from './user-agent.ts';

let lab: Lab;
const served: Served[] = [];
// long enough for a sign-in on a loaded machine to use the token before it expires
const BRIEF_S = 4;

beforeAll(async () => {
  lab = await startLab({ onRequest: (e) => served.push(e), oauth: { lifetimes: { briefTtlS: BRIEF_S } } });
});
afterAll(() => lab?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const notes = (token: string) =>
  fetch(`${lab.primary}${APP_PATHS.api}/notes`, { headers: { Authorization: `Bearer ${token}` } });
const refresh = (client: string, token: string) =>
  tokenRequest(lab, { grant_type: 'refresh_token', refresh_token: token, client_id: client });

describe('the OAuth lab page', () => {
  it('lists the OAuth scenarios and serves its client module and oauth4webapi as JavaScript', async () => {
    const page = await (await fetch(lab.primary + APP_PATHS.page)).text();
    for (const s of OAUTH_SCENARIOS) expect(page).toContain(`data-scenario="${s.id}"`);
    expect(page).toContain(lab.idp);
    for (const path of ['/lab/client-oauth.js', '/lab/vendor/oauth4webapi.js']) {
      const r = await fetch(lab.primary + path);
      expect(r.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(await r.text()).toMatch(/export (async )?function|export \{/);
    }
  });
});

describe('the lab OpenID Provider', () => {
  it('lives on localhost (another site than the app on 127.0.0.1) and advertises S256 only', async () => {
    expect(lab.idp).toMatch(/^http:\/\/localhost:\d+$/);
    const as = await discover(lab);
    expect(as.issuer).toBe(lab.idp);
    expect(as.code_challenge_methods_supported).toEqual(['S256']);
    expect(as.registration_endpoint).toBe(`${lab.idp}/reg`);
    expect(as.revocation_endpoint).toBe(`${lab.idp}/token/revocation`);
    expect(as.authorization_response_iss_parameter_supported).toBe(true);
  });

  it('requires PKCE: an authorization request without code_challenge is sent back with invalid_request', async () => {
    const req = await authRequest(lab, CLIENTS.spa);
    req.url.searchParams.delete('code_challenge');
    req.url.searchParams.delete('code_challenge_method');
    const r = await new UserAgent().request(req.url);
    expect(r.status).toBe(303);
    const back = new URL(r.headers.get('location')!);
    expect(back.origin + back.pathname).toBe(req.redirectUri);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('state')).toBe(req.state);
  });

  it('signs in with code + PKCE through its login and consent pages; the access token is a JWT for notes', async () => {
    const ua = new UserAgent();
    const t = await signIn(ua, lab, CLIENTS.spa);
    const claims = decodeJwt(t.access_token);
    expect(claims).toMatchObject({ iss: lab.idp, aud: lab.primary + APP_PATHS.api, client_id: CLIENTS.spa });
    expect(t.refresh_token).toBeTruthy();
    expect((await notes(t.access_token)).status).toBe(200);
    // the session cookie is meant to travel cross-site (silent renew): SameSite=None; Secure
    const session = ua.cookies.find((c) => c.name === '_session');
    expect(session?.attrs).toMatch(/samesite=none/i);
    expect(session?.attrs).toMatch(/secure/i);
  });

  it('answers CORS for the registered app origin only', async () => {
    const h = (origin: string) => ({ Origin: origin });
    const body = { grant_type: 'refresh_token', refresh_token: 'nope', client_id: CLIENTS.spa };
    const mine = await tokenRequest(lab, body, h(lab.primary));
    expect(mine.headers.get('access-control-allow-origin')).toBe(lab.primary);
    const other = await tokenRequest(lab, body, h('http://evil.example'));
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('oidc-access-token-expired: the brief access token works, then the API says invalid_token "expired"', async () => {
    const t = await signIn(new UserAgent(), lab, CLIENTS.brief);
    expect((await notes(t.access_token)).status).toBe(200);
    await sleep((BRIEF_S + 1) * 1000);
    const r = await notes(t.access_token);
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe(
      'Bearer realm="notes", error="invalid_token", error_description="The access token expired"',
    );
  });

  it('oidc-refresh-expired: an expired refresh token earns 400 invalid_grant', async () => {
    const t = await signIn(new UserAgent(), lab, CLIENTS.brief);
    await sleep((BRIEF_S + 1) * 1000);
    const r = await refresh(CLIENTS.brief, t.refresh_token!);
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('oidc-refresh-revoked: a revoked refresh token earns 400 invalid_grant', async () => {
    const t = await signIn(new UserAgent(), lab, CLIENTS.spa);
    const rev = await fetch(`${lab.idp}/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: t.refresh_token!, token_type_hint: 'refresh_token', client_id: CLIENTS.spa }),
    });
    expect(rev.status).toBe(200);
    const r = await refresh(CLIENTS.spa, t.refresh_token!);
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('oidc-refresh-reused: tokens rotate; the previous one earns 400 invalid_grant and ends the grant', async () => {
    const t = await signIn(new UserAgent(), lab, CLIENTS.spa);
    const first = await refresh(CLIENTS.spa, t.refresh_token!);
    expect(first.status).toBe(200);
    const rotated = ((await first.json()) as { refresh_token: string }).refresh_token;
    expect(rotated).not.toBe(t.refresh_token);
    const again = await refresh(CLIENTS.spa, t.refresh_token!);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
    // reuse detection revoked the whole grant: the new token is dead too
    expect((await refresh(CLIENTS.spa, rotated)).status).toBe(400);
  });

  it('oidc-wrong-client-secret: 401 invalid_client, readable by the app (CORS)', async () => {
    const basic = `Basic ${btoa(`${CLIENTS.web}:not-the-secret`)}`;
    const r = await tokenRequest(
      lab,
      {
        grant_type: 'authorization_code',
        code: 'x',
        redirect_uri: lab.primary + APP_PATHS.callback,
        code_verifier: 'x'.repeat(43),
      },
      { Authorization: basic, Origin: lab.primary },
    );
    expect(r.status).toBe(401);
    expect(await r.json()).toMatchObject({ error: 'invalid_client' });
    expect(r.headers.get('access-control-allow-origin')).toBe(lab.primary);
    // the right secret gets past client authentication (and fails on the made-up code instead)
    const right = await tokenRequest(
      lab,
      {
        grant_type: 'authorization_code',
        code: 'x',
        redirect_uri: lab.primary + APP_PATHS.callback,
        code_verifier: 'x'.repeat(43),
      },
      { Authorization: `Basic ${btoa(`${CLIENTS.web}:${SECRETS.web}`)}` },
    );
    expect(await right.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('oidc-redirect-uri-unregistered: the provider answers its own 400 HTML page and redirects nowhere', async () => {
    const req = await authRequest(lab, CLIENTS.spa, {}, APP_PATHS.unregistered);
    const r = await new UserAgent().request(req.url);
    expect(r.status).toBe(400);
    expect(r.headers.get('location')).toBeNull();
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(await r.text()).toMatch(/redirect_uri/);
  });

  it('oidc-consent-denied: Cancel on the consent page comes back as error=access_denied with the state', async () => {
    const ua = new UserAgent();
    const req = await authRequest(lab, CLIENTS.spa, { prompt: 'consent' });
    const back = await authorize(ua, lab, req, 'abort');
    expect(back.origin + back.pathname).toBe(req.redirectUri);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe(req.state);
    expect(back.searchParams.get('iss')).toBe(lab.idp);
    const last = ua.hops.at(-1)!;
    expect([last.method, new URL(last.url).pathname.startsWith('/auth/'), last.status]).toEqual(['GET', true, 303]);
  });

  it('oidc-silent-renew-blocked: prompt=none without the session cookie: login_required; with it: a code', async () => {
    const ua = new UserAgent();
    await signIn(ua, lab, CLIENTS.spa);
    const silent = async (cookies: boolean) => {
      const req = await authRequest(lab, CLIENTS.spa, { prompt: 'none' }, APP_PATHS.silentCallback);
      const r = await ua.request(req.url, { cookies });
      expect(r.status).toBe(303);
      return new URL(r.headers.get('location')!);
    };
    // what a browser that blocks third-party cookies sends from the app's iframe: no cookie
    const blocked = await silent(false);
    expect(blocked.pathname).toBe(APP_PATHS.silentCallback);
    expect(blocked.searchParams.get('error')).toBe('login_required');
    // the control: the same request with the provider's session cookie gets a code
    const allowed = await silent(true);
    expect(allowed.searchParams.get('error')).toBeNull();
    expect(allowed.searchParams.get('code')).toBeTruthy();
  });

  it('session-redirected-to-login: the shop API sends a fetch to its login page, which answers 200 HTML', async () => {
    const ua = new UserAgent();
    const r = await ua.request(lab.primary + APP_PATHS.shopApi);
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe(`${APP_PATHS.shopLogin}?next=${encodeURIComponent(APP_PATHS.shopApi)}`);
    const page = await fetch(new URL(r.headers.get('location')!, lab.primary));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    // signed in, the same call is answered
    const login = await ua.request(new URL(r.headers.get('location')!, lab.primary), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'user=alice&password=wonderland',
    });
    expect(login.status).toBe(303);
    const again = await ua.request(lab.primary + APP_PATHS.shopApi);
    expect(again.status).toBe(200);
  });

  it("the lab's log masks codes in the Location it records", () => {
    const withCode = served.filter((e) => e.origin === 'idp' && e.location?.includes('code='));
    expect(withCode.length).toBeGreaterThan(0);
    for (const e of withCode) expect(e.location).toMatch(/[?&]code=\*\*\*/);
  });
});
