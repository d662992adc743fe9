// The app side of the OAuth lab, on the lab's primary origin (http://127.0.0.1:P1): the page
// of OAuth scenarios, the browser client (oauth4webapi, served from node_modules), the
// redirect_uri pages, a resource server that verifies the provider's JWT access tokens with
// jose, and a cookie-session API whose middleware sends strangers to its login page.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { cookies, form, header, json, readBody, send, type Ctx, type Route } from '../http.ts';
import { createSessionStore, sessionCookies, DEFAULT_TTL_MS, USERS, type SessionStore } from '../sessions.ts';
import { describe as describeJwtError } from '../jwt.ts';
import { labPage } from '../page.ts';
import { OAUTH_SCENARIOS } from '../scenarios-oauth.ts';
import { APP_PATHS } from './clients.ts';
import { notesResource } from './provider.ts';

export interface AppOrigins {
  primary: string;
  secondary: string;
  idp: string;
  mcp: string;
}

const JS = { 'Content-Type': 'text/javascript; charset=utf-8' };
const HTML = { 'Content-Type': 'text/html; charset=utf-8' };
const oauth4webapi = (): string =>
  readFileSync(createRequire(import.meta.url).resolve('oauth4webapi'), 'utf8').replace(
    /\n\/\/# sourceMappingURL=.*$/,
    '',
  );

/**
 * The redirect_uri page: hands its own URL (code or error, state, iss) to the window that
 * started the flow (the opener of a popup, or the parent of a hidden iframe), which checks it.
 */
const CALLBACK = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Signing in…</title></head>
<body><p id="msg">Returning to the app…</p><script>
const to = window.opener || (window.parent !== window ? window.parent : null);
if (to) to.postMessage({ type: 'authlens-lab-callback', url: location.href }, location.origin);
const error = new URLSearchParams(location.search).get('error');
document.getElementById('msg').textContent = error ? 'The provider answered error=' + error + '.' : 'Signed in.';
</script></body></html>`;

const SHOP_LOGIN = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign in · Lab shop</title></head>
<body><h1>Sign in to the shop</h1><form method="post"><input name="user"><input name="password" type="password">
<button>Sign in</button></form></body></html>`;
const SHOP_COOKIES = { session: 'shop_session' };

const INTRO = `<p class="intro">Real OAuth 2.0 / OpenID Connect flows: a certified OpenID Provider
(<code>oidc-provider</code>) at <code>{idp}</code>, another <i>site</i> than this app, and this page as
its browser client (<code>oauth4webapi</code>: code flow with PKCE, <code>state</code> and
<code>nonce</code>). Sign-ins open a popup that goes through the provider's own login and consent
pages (answered automatically after a moment); the silent renew runs in a hidden iframe and needs
third-party cookies blocked to fail. Open DevTools → <b>Auth</b> to see how AuthLens explains each one.</p>`;

export function oauthAppRoutes(origins: AppOrigins): Route {
  let jwks: JWTVerifyGetKey | undefined;
  let client: string | undefined;
  const shopSessions = createSessionStore();
  return async (c: Ctx) => {
    const p = c.url.pathname;
    if (p === APP_PATHS.page) {
      const intro = INTRO.replace('{idp}', origins.idp);
      return (send(c.res, 200, labPage(OAUTH_SCENARIOS, origins, intro), HTML), true);
    }
    if (p === '/lab/client-oauth.js') {
      client ??= readFileSync(join(import.meta.dirname, 'client-oauth.js'), 'utf8');
      return (send(c.res, 200, client, JS), true);
    }
    if (p === '/lab/vendor/oauth4webapi.js') return (send(c.res, 200, oauth4webapi(), JS), true);
    if (p === APP_PATHS.callback || p === APP_PATHS.silentCallback || p === APP_PATHS.unregistered)
      return (send(c.res, 200, CALLBACK, HTML), true);
    if (p.startsWith(`${APP_PATHS.api}/`)) {
      // the provider's keys, fetched from its jwks_uri as any resource server does
      jwks ??= createRemoteJWKSet(new URL('/jwks', origins.idp));
      await notesApi(c, jwks, origins);
      return true;
    }
    if (p.startsWith('/shop/')) return shop(c, shopSessions);
    return false;
  };
}

/** RFC 6750 resource server: 401 with `error="invalid_token"` and why, as the token's checks decide. */
async function notesApi(c: Ctx, jwks: JWTVerifyGetKey, origins: AppOrigins): Promise<void> {
  const realm = 'Bearer realm="notes"';
  const m = /^Bearer (.+)$/i.exec(header(c.req, 'authorization') ?? '');
  if (!m?.[1]) return json(c.res, 401, { error: 'unauthorized' }, { 'WWW-Authenticate': realm });
  try {
    // the provider's clock is the real one: judge its tokens by the same
    const { payload } = await jwtVerify(m[1], jwks, {
      issuer: origins.idp,
      audience: notesResource(origins.primary),
      typ: 'at+jwt',
    });
    const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
    if (!scopes.includes('notes:read'))
      return json(
        c.res,
        403,
        { error: 'insufficient_scope' },
        { 'WWW-Authenticate': `${realm}, error="insufficient_scope", scope="notes:read"` },
      );
    json(c.res, 200, { notes: [{ id: 1, title: 'Buy a looking-glass' }], sub: payload.sub });
  } catch (e) {
    const d = describeJwtError(e);
    json(
      c.res,
      401,
      { error: 'invalid_token', error_description: d },
      { 'WWW-Authenticate': `${realm}, error="invalid_token", error_description="${d}"` },
    );
  }
}

/**
 * A cookie-session app (the way Express/Rails/ASP.NET apps guard pages): without a session, any
 * request, fetch() included, is redirected to the login page, which answers 200 with HTML.
 */
async function shop(c: Ctx, sessions: SessionStore): Promise<boolean> {
  const p = c.url.pathname;
  if (p === APP_PATHS.shopLogin && c.method === 'POST') {
    const f = form(await readBody(c.req));
    if (USERS[f.user ?? ''] === undefined || USERS[f.user ?? ''] !== f.password)
      return (send(c.res, 200, SHOP_LOGIN, HTML), true);
    const s = sessions.create(f.user ?? '', c.now, DEFAULT_TTL_MS);
    const next = c.url.searchParams.get('next') ?? '';
    send(c.res, 303, '', {
      Location: next.startsWith('/shop/') ? next : '/shop/',
      'Set-Cookie': sessionCookies(SHOP_COOKIES, s, DEFAULT_TTL_MS, '/shop'),
    });
    return true;
  }
  if (p === APP_PATHS.shopLogin) return (send(c.res, 200, SHOP_LOGIN, HTML), true);
  if (!p.startsWith('/shop/api/')) return false;
  const s = sessions.get(cookies(c.req)[SHOP_COOKIES.session]);
  if (s && s.expires > c.now) return (json(c.res, 200, { orders: [], user: s.user }), true);
  const next = encodeURIComponent(p + c.url.search);
  send(c.res, 302, '', { Location: `${APP_PATHS.shopLogin}?next=${next}` });
  return true;
}
