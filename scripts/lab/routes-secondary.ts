// The second origin (http://127.0.0.1:P2): real CORS. /strict/* requires auth on every method,
// preflights included (a classic misconfiguration); /cors/* is a cookie-session API that allows
// credentialed calls from the lab; /api/profile is the redirect target of /moved/api/profile.
import { cookies, header, json, send, type Ctx, type Route } from './http.ts';
import { COOKIES, createSessionStore } from './sessions.ts';
import { login } from './routes-auth.ts';
import { guard } from './routes-bearer.ts';
import type { Keys } from './jwt.ts';

function corsHeaders(c: Ctx): Record<string, string> {
  const origin = header(c.req, 'origin');
  if (!origin) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Expose-Headers': 'WWW-Authenticate',
    Vary: 'Origin',
  };
}

export function secondaryRoutes(keys: Keys): Route {
  const store = createSessionStore();
  return async (c: Ctx) => {
    const p = c.url.pathname;
    const cors = corsHeaders(c);
    if (p.startsWith('/strict/')) {
      // auth middleware runs before CORS handling: the OPTIONS preflight (which never carries
      // credentials, Fetch standard) is answered 401 and the browser never sends the real call
      const claims = await guard(c, keys, cors);
      if (claims) json(c.res, 200, { ok: true }, cors);
      return true;
    }
    if (c.method === 'OPTIONS') {
      send(c.res, 204, '', {
        ...cors,
        'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type',
        'Access-Control-Max-Age': '0',
      });
      return true;
    }
    if (p === '/session/login' && c.method === 'POST') return (await login(c, store, COOKIES.secondary, cors), true);
    if (p === '/cors/me') {
      const s = store.get(cookies(c.req)[COOKIES.secondary.session]);
      if (s && s.expires > c.now) json(c.res, 200, { user: s.user }, cors);
      else json(c.res, 401, { error: 'not_authenticated', message: 'Log in first' }, cors);
      return true;
    }
    if (p.startsWith('/api/')) {
      const claims = await guard(c, keys, cors);
      if (claims) json(c.res, 200, { ok: true, sub: claims.sub }, cors);
      return true;
    }
    return false;
  };
}
