// A browser stand-in for node tests of the lab's OAuth flows: follows redirects by hand, keeps
// cookies per host and path, and answers the provider's login and consent forms as a person
// would (no browser, so no third-party cookie rules: the tests choose which cookies to send).
import * as oauth from 'oauth4webapi';
import { APP_PATHS, USER } from '../../../../scripts/lab/oidc/clients.ts';
import type { Lab } from '../../../../scripts/lab/server.ts';

export const insecure = { [oauth.allowInsecureRequests]: true } as const;

export interface Hop {
  method: string;
  url: string;
  status: number;
  location?: string;
}

interface Cookie {
  host: string;
  path: string;
  name: string;
  value: string;
  attrs: string;
}

export class UserAgent {
  readonly cookies: Cookie[] = [];
  readonly hops: Hop[] = [];

  cookieHeader(url: URL): string {
    return this.cookies
      .filter((c) => c.host === url.host && url.pathname.startsWith(c.path))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  private keep(url: URL, res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const path = /;\s*path=([^;]*)/i.exec(line)?.[1] ?? '/';
      const expired = /;\s*expires=Thu, 01 Jan 1970/i.test(line) || /;\s*max-age=0\b/i.test(line);
      const at = this.cookies.findIndex((c) => c.host === url.host && c.path === path && c.name === name);
      if (at >= 0) this.cookies.splice(at, 1);
      if (!expired) this.cookies.push({ host: url.host, path, name, value: pair.slice(i + 1), attrs: attrs.join(';') });
    }
  }

  /** One request, cookies sent unless `cookies: false`, no redirect followed. */
  async request(url: string | URL, init: RequestInit & { cookies?: boolean } = {}): Promise<Response> {
    const u = new URL(url);
    const headers = new Headers(init.headers);
    const jar = init.cookies === false ? '' : this.cookieHeader(u);
    if (jar) headers.set('cookie', jar);
    const res = await fetch(u, { ...init, headers, redirect: 'manual' });
    this.keep(u, res);
    this.hops.push({
      method: init.method ?? 'GET',
      url: u.href,
      status: res.status,
      ...(res.headers.get('location') ? { location: res.headers.get('location')! } : {}),
    });
    return res;
  }

  /** GETs along redirects until a page answers or a redirect leaves for `stopAt` (the app). */
  async follow(
    url: string | URL,
    stopAt: string,
    init: { cookies?: boolean } = {},
  ): Promise<{ url: URL; res?: Response }> {
    let u = new URL(url);
    for (let i = 0; i < 20; i++) {
      if (u.origin === stopAt) return { url: u };
      const res = await this.request(u, init);
      const loc = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !loc) return { url: u, res };
      u = new URL(loc, u);
    }
    throw new Error('too many redirects');
  }

  /** Submits one of the provider's interaction forms (login, confirm, abort) and follows on. */
  async submit(
    page: URL,
    action: 'login' | 'confirm' | 'abort',
    stopAt: string,
  ): Promise<{ url: URL; res?: Response }> {
    const uid = /\/interaction\/([\w-]+)/.exec(page.pathname)?.[1];
    const target = new URL(`/interaction/${uid}/${action}`, page);
    const body = action === 'login' ? new URLSearchParams({ login: USER.name, password: USER.password }) : '';
    const res = await this.request(target, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const loc = res.headers.get('location');
    if (!loc) return { url: target, res };
    return this.follow(new URL(loc, target), stopAt);
  }
}

export interface AuthRequest {
  url: URL;
  verifier: string;
  state: string;
  nonce: string;
  redirectUri: string;
}

/** The app's authorization request, as scripts/lab/oidc/client-oauth.js builds it. */
export async function authRequest(
  lab: Lab,
  client: string,
  extra: Record<string, string> = {},
  redirectPath: string = APP_PATHS.callback,
): Promise<AuthRequest> {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const redirectUri = lab.primary + redirectPath;
  const url = new URL('/auth', lab.idp);
  const params: Record<string, string> = {
    client_id: client,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid profile notes:read',
    resource: lab.primary + APP_PATHS.api,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return { url, verifier, state, nonce, redirectUri };
}

/** Authorize → login → consent (`answer`) → the redirect back to the app (not fetched). */
export async function authorize(
  ua: UserAgent,
  lab: Lab,
  req: AuthRequest,
  answer: 'confirm' | 'abort' = 'confirm',
): Promise<URL> {
  let at = await ua.follow(req.url, lab.primary);
  for (let i = 0; i < 4 && at.url.origin !== lab.primary; i++) {
    if (!at.res || at.res.status !== 200 || !at.url.pathname.startsWith('/interaction/'))
      throw new Error(`stuck at ${at.url.href} (${at.res?.status})`);
    const html = await at.res.text();
    at = await ua.submit(at.url, /id="login"/.test(html) ? 'login' : answer, lab.primary);
  }
  return at.url;
}

export async function discover(lab: Lab): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(lab.idp);
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, insecure));
}

export interface Tokens {
  access_token: string;
  refresh_token?: string;
}

/** A complete sign-in: authorize with consent, check the response, exchange the code. */
export async function signIn(ua: UserAgent, lab: Lab, client: string): Promise<Tokens> {
  const as = await discover(lab);
  const req = await authRequest(lab, client);
  const cb = await authorize(ua, lab, req);
  const params = oauth.validateAuthResponse(as, { client_id: client }, cb, req.state);
  const r = await oauth.authorizationCodeGrantRequest(
    as,
    { client_id: client },
    oauth.None(),
    params,
    req.redirectUri,
    req.verifier,
    insecure,
  );
  return oauth.processAuthorizationCodeResponse(as, { client_id: client }, r, {
    expectedNonce: req.nonce,
    requireIdToken: true,
  });
}

/** A raw token endpoint call (form body), to see the provider's answer as it is. */
export function tokenRequest(
  lab: Lab,
  body: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(new URL('/token', lab.idp), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(body),
  });
}
