// HTTP authentication schemes and cookie sessions: Basic, Digest (RFC 7616), Negotiate,
// sessions with CSRF protection (Django 403, Laravel 419) and expiry (440).
import { cookies, form, header, json, readBody, send, type Ctx, type Route } from './http.ts';
import { createDigestServer } from './digest.ts';
import {
  COOKIES,
  createSessionStore,
  namesForPath,
  sessionCookies,
  USERS,
  DEFAULT_TTL_MS,
  type CookieNames,
  type SessionStore,
} from './sessions.ts';

export interface AuthOptions {
  digestNonceLifetimeMs: number;
}

const DJANGO_403 =
  '<!DOCTYPE html><html lang="en"><head><title>403 Forbidden</title></head><body><h1>Forbidden ' +
  '<span>(403)</span></h1>' +
  '<p>CSRF verification failed. Request aborted.</p><p>You are seeing this message because this site requires ' +
  'a CSRF cookie when submitting forms.</p>' +
  '<p>Reason given for failure:</p><pre>CSRF token missing.</pre></body></html>';
const LARAVEL_419 =
  '<!DOCTYPE html><html lang="en"><head><title>Page Expired</title></head><body><div>419 | Page ' +
  'Expired</div></body></html>';

/** POST /session/login?ttl=ms&path=/app on either origin; `names` overrides the app's cookie names. */
export async function login(
  c: Ctx,
  store: SessionStore,
  names?: CookieNames,
  cors: Record<string, string> = {},
): Promise<void> {
  const body = form(await readBody(c.req));
  const user = body.user ?? '';
  if (USERS[user] === undefined || USERS[user] !== body.password) {
    json(c.res, 403, { error: 'bad credentials' }, cors);
    return;
  }
  const ttl = Number(c.url.searchParams.get('ttl') ?? DEFAULT_TTL_MS);
  const ttlMs = Number.isFinite(ttl) && ttl > 0 ? ttl : DEFAULT_TTL_MS;
  const asked = c.url.searchParams.get('path') ?? '/';
  const path = /^\/[\w/-]*$/.test(asked) ? asked : '/';
  const s = store.create(user, c.now, ttlMs);
  json(
    c.res,
    200,
    { ok: true, user },
    { 'Set-Cookie': sessionCookies(names ?? namesForPath(path), s, ttlMs, path), ...cors },
  );
}

export function authRoutes(opts: AuthOptions): Route {
  const digest = createDigestServer({
    realm: 'lab files',
    users: [{ user: 'alice', password: 'wonderland' }],
    nonceLifetimeMs: opts.digestNonceLifetimeMs,
  });
  const store = createSessionStore();
  return async (c: Ctx) => {
    const p = c.url.pathname;
    if (p.startsWith('/basic/')) {
      const auth = header(c.req, 'authorization') ?? '';
      const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(auth);
      const [user, pw] = m?.[1] ? Buffer.from(m[1], 'base64').toString('utf8').split(/:(.*)/s) : [];
      if (user !== undefined && USERS[user] === pw) return (json(c.res, 200, { ok: true }), true);
      send(c.res, 401, 'Unauthorized', { 'WWW-Authenticate': 'Basic realm="lab reports", charset="UTF-8"' });
      return true;
    }
    if (p.startsWith('/digest/')) {
      const v = digest.check(header(c.req, 'authorization'), c.method, c.url.pathname + c.url.search, c.now);
      if (v === 'ok') return (json(c.res, 200, { ok: true }), true);
      // The challenges are in the body too, one per line: Firefox joins the repeated header
      // lines with a newline and fetch() then hides the header from the page entirely.
      const challenges = digest.challenges(c.now, v === 'stale');
      send(c.res, v === 'malformed' ? 400 : 401, challenges.join('\n'), {
        'WWW-Authenticate': challenges,
        'Access-Control-Expose-Headers': 'WWW-Authenticate',
      });
      return true;
    }
    if (p.startsWith('/intranet/')) {
      // a Windows-integrated-auth server: only SPNEGO is offered (NTLM would make Chrome prompt)
      send(c.res, 401, '<html><body>401 - Unauthorized: Access is denied due to invalid credentials.</body></html>', {
        'WWW-Authenticate': 'Negotiate',
        'Content-Type': 'text/html',
      });
      return true;
    }
    if (p === '/session/login' && c.method === 'POST') return (await login(c, store), true);
    const jar = cookies(c.req);
    if (p === '/django/transfer') {
      // Django's CsrfViewMiddleware: the header must match the csrftoken cookie
      const session = store.get(jar[COOKIES.django.session]);
      const token = jar[COOKIES.django.csrf];
      if (c.method !== 'GET' && (!token || header(c.req, 'x-csrftoken') !== token)) {
        send(c.res, 403, DJANGO_403, { 'Content-Type': 'text/html; charset=utf-8' }, 'Forbidden');
      } else if (!session || session.expires <= c.now) {
        json(c.res, 401, { detail: 'Authentication credentials were not provided.' });
      } else json(c.res, 200, { ok: true });
      return true;
    }
    if (p === '/laravel/profile') {
      // Laravel's VerifyCsrfToken: X-XSRF-TOKEN must match the XSRF-TOKEN cookie, else 419
      const token = jar[COOKIES.laravel.csrf];
      if (c.method !== 'GET' && (!token || header(c.req, 'x-xsrf-token') !== token)) {
        send(c.res, 419, LARAVEL_419, { 'Content-Type': 'text/html; charset=utf-8' }, 'Page Expired');
      } else json(c.res, 200, { ok: true });
      return true;
    }
    if (p === '/owa/inbox') {
      const session = store.get(jar[COOKIES.generic.session]);
      if (session && session.expires > c.now) json(c.res, 200, { messages: [] });
      else send(c.res, 440, 'Login Time-out', {}, 'Login Time-out');
      return true;
    }
    if (p === '/app/api/me') {
      json(c.res, 401, { error: 'Unauthorized', message: 'Invalid API key' });
      return true;
    }
    return false;
  };
}
