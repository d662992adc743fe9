// The lab page as an OAuth 2.0 / OpenID Connect browser client: the OAuth steps of the lab's
// scenarios (scripts/lab/scenarios.ts, `do: 'oauth-…'`), run with oauth4webapi (a certified
// client library, served from node_modules). Plain browser JavaScript, an ES module loaded by
// /lab/client.js when a scenario has an OAuth step. Tokens go into the scenario's variables,
// never into the page's log.
import * as oauth from '/lab/vendor/oauth4webapi.js';

// The lab has no TLS: oauth4webapi refuses http:// endpoints unless told (documented for local
// development only).
const insecure = { [oauth.allowInsecureRequests]: true };
const SCOPE = 'openid profile notes:read';
const POPUP = 'authlens-lab-signin';

const discovered = new Map();
function discover(issuer) {
  if (!discovered.has(issuer)) {
    const url = new URL(issuer);
    discovered.set(
      issuer,
      oauth.discoveryRequest(url, insecure).then((r) => oauth.processDiscoveryResponse(url, r)),
    );
  }
  return discovered.get(issuer);
}

const fill = (s, vars) => String(s).replace(/\{\{(\w+)\}\}/g, (_, k) => (vars[k] === undefined ? '' : String(vars[k])));
const auth = (step) => (step.secret ? oauth.ClientSecretBasic(step.secret) : oauth.None());
const describe = (e) =>
  e instanceof oauth.ResponseBodyError
    ? `${e.status} error=${e.error}${e.error_description ? ` (${e.error_description})` : ''}`
    : e instanceof oauth.AuthorizationResponseError
      ? `error=${e.error}${e.error_description ? ` (${e.error_description})` : ''}`
      : e instanceof oauth.WWWAuthenticateChallengeError
        ? `${e.status} WWW-Authenticate: ${e.cause.map((c) => c.scheme).join(', ')} ${e.cause[0]?.parameters?.error ?? ''}`
        : `${e && e.name}: ${e && e.message}`;

/** Waits for the redirect_uri page of this flow (matched by state) to report its URL. */
function callback(state, timeoutMs) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(undefined), timeoutMs);
    const onMessage = (e) => {
      if (e.origin !== location.origin || !e.data || e.data.type !== 'authlens-lab-callback') return;
      const url = new URL(e.data.url);
      if (url.searchParams.get('state') === state) done(url);
    };
    const done = (url) => {
      clearTimeout(timer);
      window.removeEventListener('message', onMessage);
      resolve(url);
    };
    window.addEventListener('message', onMessage);
  });
}

/** An authorization request (code flow, PKCE S256, state, nonce) for this step. */
async function authorizationRequest(as, step, origins, redirectPath, extra) {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const redirectUri = origins.primary + redirectPath;
  const url = new URL(as.authorization_endpoint);
  const params = {
    client_id: step.client,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: SCOPE,
    resource: `${origins.primary}/notes/api`,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return { url, verifier, state, nonce, redirectUri };
}

/** Checks the authorization response (state, iss, error), exchanges the code, saves the tokens. */
async function finish(as, step, req, cbUrl, vars, log, what) {
  const client = { client_id: step.client };
  let params;
  try {
    params = oauth.validateAuthResponse(as, client, cbUrl, req.state);
  } catch (e) {
    vars.authorization_error = e.error || 'invalid';
    log(`${what}: back at ${cbUrl.pathname} with ${describe(e)}`);
    return false;
  }
  log(`${what}: back at ${cbUrl.pathname} with a code; state and iss checked`);
  const r = await oauth.authorizationCodeGrantRequest(as, client, auth(step), params, req.redirectUri, req.verifier, {
    ...insecure,
  });
  const status = r.status;
  try {
    const t = await oauth.processAuthorizationCodeResponse(as, client, r, {
      expectedNonce: req.nonce,
      requireIdToken: true,
    });
    vars.access_token = t.access_token;
    vars.refresh_token = t.refresh_token;
    log(
      `POST ${as.token_endpoint} (authorization_code, PKCE) → ${status}: ID token checked (nonce, aud, iss); access token for ${t.expires_in} s${t.refresh_token ? ', refresh token' : ''}`,
    );
    return true;
  } catch (e) {
    log(`POST ${as.token_endpoint} (authorization_code${step.secret ? ', client_secret_basic' : ''}) → ${describe(e)}`);
    return false;
  }
}

async function signin(step, vars, log, origins) {
  const as = await discover(origins.idp);
  const req = await authorizationRequest(as, step, origins, step.redirectPath || '/signin/callback', {
    lab_auto: step.consent || 'allow',
  });
  const popup = window.open(req.url.href, POPUP, 'popup,width=520,height=640');
  if (!popup) throw new Error('the browser blocked the sign-in popup: allow popups for this page');
  log(`sign-in popup → ${as.authorization_endpoint}?client_id=${step.client}&redirect_uri=${req.redirectUri}&…`);
  const cb = await callback(req.state, step.waitMs || 15_000);
  if (!cb) {
    log(`no redirect back to the app after ${step.waitMs || 15_000} ms: the provider kept the popup on its own page`);
    return;
  }
  const ok = await finish(as, step, req, cb, vars, log, 'sign-in');
  // a failed sign-in leaves the popup on its last page (and its tab's requests) to look at
  if (ok) popup.close();
}

async function silent(step, vars, log, origins) {
  const as = await discover(origins.idp);
  const req = await authorizationRequest(as, step, origins, '/signin/silent-callback', { prompt: 'none' });
  const frame = document.createElement('iframe');
  frame.hidden = true;
  frame.title = 'silent renew';
  frame.src = req.url.href;
  document.body.append(frame);
  log(`silent renew: hidden iframe → ${as.authorization_endpoint}?prompt=none&client_id=${step.client}&…`);
  const cb = await callback(req.state, step.timeoutMs || 10_000);
  frame.remove();
  if (!cb) return log('silent renew: no answer from the provider in time');
  await finish(as, step, req, cb, vars, log, 'silent renew');
}

async function refresh(step, vars, log, origins) {
  const as = await discover(origins.idp);
  const token = fill(step.token || '{{refresh_token}}', vars);
  const r = await oauth.refreshTokenGrantRequest(as, { client_id: step.client }, auth(step), token, insecure);
  try {
    const t = await oauth.processRefreshTokenResponse(as, { client_id: step.client }, r);
    vars.previous_refresh_token = token;
    vars.access_token = t.access_token;
    if (t.refresh_token) vars.refresh_token = t.refresh_token;
    log(
      `POST ${as.token_endpoint} (refresh_token) → ${r.status}${t.refresh_token && t.refresh_token !== token ? ': a new refresh token (rotation)' : ''}`,
    );
  } catch (e) {
    log(`POST ${as.token_endpoint} (refresh_token) → ${describe(e)}`);
  }
}

async function revoke(step, vars, log, origins) {
  const as = await discover(origins.idp);
  const token = fill(step.token || '{{refresh_token}}', vars);
  const r = await oauth.revocationRequest(as, { client_id: step.client }, auth(step), token, {
    ...insecure,
    additionalParameters: { token_type_hint: 'refresh_token' },
  });
  const status = r.status;
  try {
    await oauth.processRevocationResponse(r);
    log(`POST ${as.revocation_endpoint} (the refresh token) → ${status}`);
  } catch (e) {
    log(`POST ${as.revocation_endpoint} → ${describe(e)}`);
  }
}

const STEPS = { 'oauth-signin': signin, 'oauth-silent': silent, 'oauth-refresh': refresh, 'oauth-revoke': revoke };

export async function runStep(step, vars, log, origins) {
  const run = STEPS[step.do];
  if (!run) throw new Error(`unknown step ${step.do}`);
  await run(step, vars, log, origins);
}
