// The Compare lab (scenarios-compare.ts): its page, a token endpoint whose refresh answers with
// a token for another API, and a cookie-session API for an embedded widget, with the widget's
// page served by another site (the OpenID Provider's server, addressed as localhost).
import { cookies, json, send, type Ctx, type Route } from './http.ts';
import { mint, type Keys } from './jwt.ts';
import { labPage } from './page.ts';
import { login } from './routes-auth.ts';
import { COMPARE_PATHS, COMPARE_SCENARIOS } from './scenarios-compare.ts';
import { createSessionStore } from './sessions.ts';

const HTML = { 'Content-Type': 'text/html; charset=utf-8' };
const SESSION = { session: 'widget_session' };

const INTRO = `<p class="intro">Requests that worked, then failed, on the same endpoint. Select the failure in
DevTools → <b>Auth</b> and open its <b>Compare</b> tab: the last success to the endpoint, and what changed, by
meaning. Then try <b>Replay</b> with a fresh token.</p>`;

/** The widget's API answers a credentialed CORS call from any origin (the embedding site). */
const cors = (c: Ctx): Record<string, string> => {
  const origin = c.req.headers.origin;
  return typeof origin === 'string'
    ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' }
    : {};
};

export function compareRoutes(
  keys: Keys,
  origins: { primary: string; secondary: string; idp: string; mcp: string },
): Route {
  const sessions = createSessionStore();
  return async (c: Ctx) => {
    const p = c.url.pathname;
    if (p === COMPARE_PATHS.page) return (send(c.res, 200, labPage(COMPARE_SCENARIOS, origins, INTRO), HTML), true);
    if (p === COMPARE_PATHS.refresh && c.method === 'POST') {
      // a token endpoint asked for the wrong resource: the new token is for another API
      json(c.res, 200, {
        access_token: await mint(keys, 'wrong-audience', c.now),
        token_type: 'Bearer',
        expires_in: 3600,
        refresh_token: 'lab-refresh-2',
      });
      return true;
    }
    if (p === COMPARE_PATHS.login && c.method === 'POST') return (await login(c, sessions, SESSION, cors(c)), true);
    if (p === COMPARE_PATHS.me) {
      const s = sessions.get(cookies(c.req)[SESSION.session]);
      if (s && s.expires > c.now) json(c.res, 200, { user: s.user }, cors(c));
      else json(c.res, 401, { error: 'not signed in' }, cors(c));
      return true;
    }
    return false;
  };
}

/** On the other site's server: the embedded widget, which calls the API with its cookies. */
export const widgetRoute: Route = (c: Ctx) => {
  if (c.url.pathname !== COMPARE_PATHS.widget) return false;
  const api = JSON.stringify(`${c.primary}${COMPARE_PATHS.me}`);
  const parent = JSON.stringify(c.primary);
  send(
    c.res,
    200,
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Widget</title></head><body><script>
fetch(${api}, { credentials: 'include', cache: 'no-store' }).then(
  (r) => 'GET ' + ${api} + ' (credentials: include) → ' + r.status,
  (e) => 'GET ' + ${api} + ' failed: ' + e.message,
).then((log) => parent.postMessage({ type: 'authlens-lab-frame', log }, ${parent}));
</script></body></html>`,
    HTML,
  );
  return true;
};
