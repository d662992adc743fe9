// The lab server over real HTTP (node's fetch), no browser: each mechanism answers as a real
// server would, with a pinned clock where time matters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab, type Served } from '../../../scripts/lab/server.ts';

let lab: Lab;
let now = 1_800_000_000_000;
const served: Served[] = [];

beforeAll(async () => {
  lab = await startLab({ clock: () => now, onRequest: (e) => served.push(e) });
});
afterAll(() => lab?.close());

const P = (path: string, init?: RequestInit) => fetch(lab.primary + path, { redirect: 'manual', ...init });
const S = (path: string, init?: RequestInit) => fetch(lab.secondary + path, { redirect: 'manual', ...init });
const token = async (kind: string): Promise<string> =>
  ((await (await P(`/lab/token?kind=${kind}`, { method: 'POST' })).json()) as { access_token: string }).access_token;
const bearer = (t: string) => ({ headers: { Authorization: `Bearer ${t}` } });

async function login(base: (p: string, i?: RequestInit) => Promise<Response>, query: string): Promise<string> {
  const r = await base(`/session/login${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'user=alice&password=wonderland',
  });
  expect(r.status).toBe(200);
  return r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

describe('lab server', () => {
  it('listens on two 127.0.0.1 origins and serves the page, the client and the worker', async () => {
    expect(lab.primary).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(lab.secondary).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(lab.primary).not.toBe(lab.secondary);
    expect((await P('/')).headers.get('content-type')).toMatch(/text\/html/);
    expect(await (await P('/lab/client.js')).text()).toContain('runScenario');
    expect((await P('/sw.js')).headers.get('service-worker-allowed')).toBe('/');
    expect((await P('/nope')).status).toBe(404);
  });

  it('Bearer: bare challenge without a token; invalid_token for bad ones; 200 for a good one', async () => {
    expect((await P('/api/profile')).headers.get('www-authenticate')).toBe('Bearer realm="lab"');
    const bad = await P('/api/x', bearer('undefined'));
    expect([bad.status, bad.headers.get('www-authenticate')]).toEqual([
      401,
      'Bearer realm="lab", error="invalid_token", error_description="The access token is malformed"',
    ]);
    expect((await P('/api/x', bearer(await token('expired')))).headers.get('www-authenticate')).toContain(
      'The access token expired',
    );
    expect((await P('/api/x', bearer(await token('valid')))).status).toBe(200);
  });

  it('step-up: 403 insufficient_scope with scope; 401 insufficient_user_authentication with acr_values', async () => {
    const r = await P('/api/admin/users', { method: 'DELETE', ...bearer(await token('read-only')) });
    expect(r.status).toBe(403);
    expect(r.headers.get('www-authenticate')).toMatch(/error="insufficient_scope".*scope="lab:write"/);
    expect((await P('/api/admin/users', { method: 'DELETE', ...bearer(await token('valid')) })).status).toBe(200);
    const up = await P('/api/payments', { method: 'POST', ...bearer(await token('password-only')) });
    expect(up.headers.get('www-authenticate')).toMatch(
      /error="insufficient_user_authentication".*acr_values="urn:lab:mfa"/,
    );
  });

  it('RFC 9728: the challenge points at a metadata document that exists', async () => {
    const r = await P('/mcp', { method: 'POST' });
    const url = /resource_metadata="([^"]+)"/.exec(r.headers.get('www-authenticate') ?? '')?.[1];
    expect(url).toBe(`${lab.primary}/.well-known/oauth-protected-resource`);
    expect(await (await fetch(url!)).json()).toMatchObject({
      resource: `${lab.primary}/mcp`,
      authorization_servers: [`${lab.primary}/oauth`],
    });
  });

  it('DPoP: no proof: invalid_request, garbage proof: invalid_dpop_proof; each answer has a DPoP-Nonce', async () => {
    const none = await P('/dpop/api/accounts', { headers: { Authorization: 'DPoP x' } });
    expect([none.status, none.headers.get('www-authenticate')]).toEqual([401, 'DPoP algs="ES256"']);
    const bad = await P('/dpop/api/accounts', { headers: { Authorization: 'DPoP x', DPoP: 'a.b.c' } });
    expect(bad.headers.get('www-authenticate')).toContain('error="invalid_dpop_proof"');
    expect(bad.headers.get('dpop-nonce')).toMatch(/^[\w-]{16}$/);
  });

  it('Basic: the right password passes, a wrong one is re-challenged', async () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    expect((await P('/basic/reports', { headers: { Authorization: `Basic ${b64('alice:wonderland')}` } })).status).toBe(
      200,
    );
    const r = await P('/basic/reports', { headers: { Authorization: `Basic ${b64('alice:nope')}` } });
    expect([r.status, r.headers.get('www-authenticate')]).toEqual([401, 'Basic realm="lab reports", charset="UTF-8"']);
  });

  it('Digest: two challenges (SHA-256, MD5); Negotiate: a bare Negotiate challenge', async () => {
    const r = await P('/digest/vault');
    expect(r.headers.get('www-authenticate')).toMatch(
      /^Digest realm="lab files", qop="auth", algorithm=SHA-256, .*, Digest realm="lab files", qop="auth", algorithm=MD5, /,
    );
    expect((await P('/intranet/timesheet')).headers.get('www-authenticate')).toBe('Negotiate');
  });

  it('Django-like CSRF: 403 without X-CSRFToken, 200 with it; cookies scoped to the app path', async () => {
    const jar = await login(P, '?path=/django');
    expect(jar).toMatch(/^sessionid=\w+; csrftoken=\w+$/);
    const csrf = /csrftoken=(\w+)/.exec(jar)![1]!;
    const no = await P('/django/transfer', { method: 'POST', headers: { Cookie: jar } });
    expect([no.status, no.statusText]).toEqual([403, 'Forbidden']);
    expect(await no.text()).toContain('CSRF verification failed. Request aborted.');
    expect(
      (await P('/django/transfer', { method: 'POST', headers: { Cookie: jar, 'X-CSRFToken': csrf } })).status,
    ).toBe(200);
    const set = (
      await P('/session/login?path=/django', {
        method: 'POST',
        body: 'user=alice&password=wonderland',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      })
    ).headers.getSetCookie();
    expect(set.every((c) => c.includes('Path=/django'))).toBe(true);
  });

  it('Laravel-like CSRF: 419 Page Expired without X-XSRF-TOKEN', async () => {
    const jar = await login(P, '?path=/laravel');
    const r = await P('/laravel/profile', { method: 'PUT', headers: { Cookie: jar } });
    expect([r.status, r.statusText]).toEqual([419, 'Page Expired']);
    expect(jar).toMatch(/^laravel_session=\w+; XSRF-TOKEN=\w+$/);
    const xsrf = /XSRF-TOKEN=(\w+)/.exec(jar)![1]!;
    expect(
      (await P('/laravel/profile', { method: 'PUT', headers: { Cookie: jar, 'X-XSRF-TOKEN': xsrf } })).status,
    ).toBe(200);
  });

  it('sessions really expire: 200 within the TTL, 440 Login Time-out after it (cookie still sent)', async () => {
    const jar = await login(P, '?ttl=1000&path=/owa');
    expect((await P('/owa/inbox', { headers: { Cookie: jar } })).status).toBe(200);
    now += 1001;
    const r = await P('/owa/inbox', { headers: { Cookie: jar } });
    expect([r.status, r.statusText]).toEqual([440, 'Login Time-out']);
  });

  it('second origin: /strict answers the preflight 401; /cors allows credentials, wants its cookie', async () => {
    const pre = await S('/strict/data', {
      method: 'OPTIONS',
      headers: {
        Origin: lab.primary,
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(pre.status).toBe(401);
    const ok = await S('/cors/me', {
      method: 'OPTIONS',
      headers: { Origin: lab.primary, 'Access-Control-Request-Method': 'GET' },
    });
    expect([
      ok.status,
      ok.headers.get('access-control-allow-origin'),
      ok.headers.get('access-control-allow-credentials'),
    ]).toEqual([204, lab.primary, 'true']);
    expect((await S('/cors/me', { headers: { Origin: lab.primary } })).status).toBe(401);
    const jar = await login(S, '?path=/cors');
    expect((await S('/cors/me', { headers: { Origin: lab.primary, Cookie: jar } })).status).toBe(200);
  });

  it('the redirect goes to the other origin, whose API wants a token', async () => {
    const r = await P('/moved/api/profile', bearer(await token('valid')));
    expect([r.status, r.headers.get('location')]).toEqual([307, `${lab.secondary}/api/profile`]);
    expect((await S('/api/profile')).status).toBe(401);
  });

  it("vendor look-alikes carry their vendors' headers", async () => {
    expect((await P('/vendor/github/orgs/acme/repos')).headers.get('x-github-sso')).toMatch(
      /^required; url=https:\/\/github\.com\/orgs\/acme\/sso/,
    );
    const claims = /claims="([^"]+)"/.exec((await P('/vendor/graph/me')).headers.get('www-authenticate') ?? '')![1]!;
    expect(JSON.parse(Buffer.from(claims, 'base64').toString())).toEqual({
      access_token: { nbf: { essential: true, value: '1604106651' } },
    });
    const cf = await P('/vendor/cloudflare/api/items');
    expect([cf.status, cf.headers.get('cf-mitigated'), cf.headers.get('server')]).toEqual([
      403,
      'challenge',
      'cloudflare',
    ]);
    expect((await P('/vendor/aws/prod/orderz')).headers.get('x-amzn-errortype')).toBe(
      'MissingAuthenticationTokenException',
    );
    expect((await P('/v2/library/ubuntu/manifests/latest')).headers.get('www-authenticate')).toBe(
      `Bearer realm="${lab.primary}/v2/token",service="registry.lab",scope="repository:library/ubuntu:pull"`,
    );
  });

  it('logs what it answered, with whether Authorization and Cookie came along', async () => {
    served.length = 0;
    await P('/api/profile', bearer('x'));
    expect(served).toEqual([
      { origin: 'primary', method: 'GET', path: '/api/profile', status: 401, authorization: true, cookie: false },
    ]);
  });
});
