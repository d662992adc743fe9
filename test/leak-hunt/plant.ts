// Planting: a unique secret in every place a secret can sit in a captured request, on crafted
// records and on every exchange fixture. Each planted value is remembered with where it went,
// so a find names the place and the output it leaked to.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Exchange } from '../../src/analysis/index.ts';
import type { CaptureRecord, Header } from '../../src/shared/types.ts';

export interface Planted {
  /** the value that must appear in no masked output */
  value: string;
  /** where it was planted: `record / place` */
  where: string;
  /** also look for this part (what no masked form may show: the middle of a long secret) */
  core?: string;
  /**
   * false: AuthLens never shows it even revealed (a Basic password, the claims of a JWT it does
   * not decode): the control run, which reveals everything, is not expected to find it
   */
  shownRevealed: boolean;
}

export class Garden {
  readonly planted: Planted[] = [];
  private n = 0;

  /** a unique, realistic-looking secret (letters and digits, as tokens are) */
  secret(where: string, length = 32, shownRevealed = true): string {
    this.n++;
    const id = `${this.n}`.padStart(4, '0');
    let body = `Lk${id}Q`;
    let x = (this.n * 2654435761) >>> 0;
    while (body.length < length) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      body += 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789'[x % 54];
    }
    this.keep(body, where, shownRevealed);
    return body;
  }

  /** remember a value planted elsewhere (a fixture's own secrets, a JWT built from planted parts) */
  keep(value: string, where: string, shownRevealed = true): void {
    // a masked form may show up to 10 leading and 4 trailing characters of a long secret: never the middle
    const core = value.length >= 26 ? value.slice(10, -4) : undefined;
    this.planted.push({ value, where, shownRevealed, ...(core ? { core } : {}) });
  }

  /** a user name: short, shown nowhere masked (searched whole) */
  user(where: string): string {
    return this.secret(where, 12);
  }
}

const b64url = (s: string): string => Buffer.from(s).toString('base64url');
const basicOf = (user: string, pass: string): string => Buffer.from(`${user}:${pass}`).toString('base64');
const NOW = 1_790_000_000_000;

/** A JWT whose secret-named claims hold planted secrets; the token itself is planted too. */
/** `decoded`: a credential of the request, whose claims the Credentials tab shows */
function jwt(g: Garden, where: string, decoded = true): string {
  const payload = {
    sub: 'leak-hunt-subject',
    aud: 'api',
    exp: NOW / 1000 - 600,
    client_secret: g.secret(`${where} claim client_secret`, 32, decoded),
    refresh_token: g.secret(`${where} claim refresh_token`, 32, decoded),
    nested: { password: g.secret(`${where} claim nested.password`, 32, decoded) },
  };
  const head = b64url('{"alg":"HS256","typ":"JWT"}');
  const token = `${head}.${b64url(JSON.stringify(payload))}.${g.secret(`${where} signature`, 43)}`;
  g.keep(token, `${where} (the whole JWT)`);
  return token;
}

let seq = 0;
function base(over: Partial<CaptureRecord>): CaptureRecord {
  seq++;
  return {
    id: `leak${seq}-1`,
    requestId: `leak${seq}`,
    tabId: 7,
    frameId: 0,
    type: 'xmlhttprequest',
    method: 'GET',
    url: 'https://api.example.com/v1/me',
    status: 401,
    statusLine: 'HTTP/1.1 401 Unauthorized',
    time: NOW + seq * 1000,
    fromCache: false,
    preflight: false,
    source: 'headers',
    requestHeadersKnown: true,
    requestHeaders: [],
    responseHeaders: [{ name: 'WWW-Authenticate', value: 'Bearer realm="api", error="invalid_token"' }],
    redirects: [],
    ...over,
  };
}

/** query and fragment names OAuth, SAML, CAS, servlets and vendors put secrets under */
const QUERY_NAMES = [
  'access_token',
  'token',
  'code',
  'auth_token',
  'accessToken',
  'private_token',
  'secret',
  'sessionid',
  'SAMLResponse',
  'oauth_token',
  'ticket',
  'refresh_token',
  'client_secret',
  'code_verifier',
  'id_token_hint',
  'client_assertion',
  'device_code',
  'subject_token',
  'actor_token',
  'assertion',
  'otp',
  'api_key',
  'key',
  'sig',
];

/** vendor credential headers (the value planted whole, or a JWT where the header carries one) */
const VENDOR_HEADERS: [string, 'opaque' | 'jwt'][] = [
  ['X-Api-Key', 'opaque'],
  ['X-Secret-Key', 'opaque'],
  ['Cf-Access-Jwt-Assertion', 'jwt'],
  ['X-Goog-Iap-Jwt-Assertion', 'jwt'],
  ['X-Auth-Token', 'opaque'],
  ['Ocp-Apim-Subscription-Key', 'opaque'],
  ['X-Amz-Security-Token', 'opaque'],
  ['Private-Token', 'opaque'],
  ['X-CSRF-Token', 'opaque'],
  ['DPoP', 'jwt'],
  ['X-Shopify-Access-Token', 'opaque'],
];

/** Records crafted to hold a secret in every place at once. */
export function craftedRecords(g: Garden): CaptureRecord[] {
  const out: CaptureRecord[] = [];

  // 1. Bearer JWT with secret claims, cookies, vendor headers, every query name, the fragment, bodies
  {
    const w = 'crafted bearer';
    const query = QUERY_NAMES.map((n) => `${n}=${g.secret(`${w} ?${n}`)}`).join('&');
    const idToken = jwt(g, `${w} #id_token`, false);
    const fragment = `access_token=${g.secret(`${w} #access_token`)}&id_token=${idToken}&state=ok`;
    const requestHeaders: Header[] = [
      { name: 'Authorization', value: `Bearer ${jwt(g, `${w} Authorization`)}` },
      {
        name: 'Cookie',
        value: `sid=${g.secret(`${w} cookie sid`)}; prefs=${g.secret(`${w} cookie with =`)}==; theme=dark`,
      },
      { name: 'Referer', value: `https://app.example.com/cb?code=${g.secret(`${w} Referer code`)}` },
      ...VENDOR_HEADERS.map(([name, kind]): Header => ({
        name,
        value: kind === 'jwt' ? jwt(g, `${w} ${name}`) : g.secret(`${w} ${name}`),
      })),
    ];
    out.push(
      base({
        url: `https://api.example.com/v1/me?page=2&${query}#${fragment}`,
        requestHeaders,
        responseHeaders: [
          { name: 'WWW-Authenticate', value: 'Bearer realm="api", error="invalid_token"' },
          { name: 'Set-Cookie', value: `session=${g.secret(`${w} Set-Cookie`)}; Path=/; HttpOnly` },
          { name: 'Content-Location', value: `/v1/me?token=${g.secret(`${w} Content-Location`)}` },
          { name: 'Date', value: new Date(NOW).toUTCString() },
          { name: 'Content-Type', value: 'application/json' },
        ],
        responseBody: JSON.stringify({
          error: 'invalid_token',
          access_token: g.secret(`${w} body access_token`),
          refresh_token: g.secret(`${w} body refresh_token`),
          id_token: jwt(g, `${w} body id_token`, false),
          nested: JSON.stringify({ client_secret: g.secret(`${w} body JSON-in-JSON client_secret`) }),
        }),
      }),
    );
  }

  // 2. Basic credentials (user and password), a Basic proxy credential
  {
    const w = 'crafted basic';
    const user = g.user(`${w} user`);
    const pass = g.secret(`${w} password`, 20, false);
    const puser = g.user(`${w} proxy user`);
    const ppass = g.secret(`${w} proxy password`, 20, false);
    const basic = Buffer.from(`${user}:${pass}`).toString('base64');
    g.keep(basic, `${w} base64`);
    out.push(
      base({
        requestHeaders: [
          { name: 'Authorization', value: `Basic ${basic}` },
          { name: 'Proxy-Authorization', value: `Basic ${Buffer.from(`${puser}:${ppass}`).toString('base64')}` },
        ],
        responseHeaders: [{ name: 'WWW-Authenticate', value: 'Basic realm="api", charset="UTF-8"' }],
      }),
    );
  }

  // 3. Digest: the user name, a token in the uri, the response and cnonce
  {
    const w = 'crafted digest';
    const v =
      `Digest username="${g.user(`${w} username`)}", realm="api", nonce="n0nce", ` +
      `uri="/v1/me?token=${g.secret(`${w} uri token`)}", qop=auth, nc=00000001, ` +
      `cnonce="${g.secret(`${w} cnonce`)}", response="${g.secret(`${w} response`)}"`;
    out.push(
      base({
        url: 'https://api.example.com/v1/me',
        requestHeaders: [{ name: 'Authorization', value: v }],
        responseHeaders: [{ name: 'WWW-Authenticate', value: 'Digest realm="api", nonce="n0nce", qop="auth"' }],
      }),
    );
  }

  // 4. an OAuth redirect chain: codes and tokens in hop URLs and Location, a userinfo URL, ;jsessionid=
  {
    const w = 'crafted redirects';
    const code = g.secret(`${w} hop 1 code`);
    const at = g.secret(`${w} hop 2 Location #access_token`);
    out.push(
      base({
        url: `https://${g.user(`${w} final userinfo user`)}:${g.secret(`${w} final userinfo password`)}@api.example.com/app;jsessionid=${g.secret(`${w} ;jsessionid`)}/x`,
        redirects: [
          {
            url: `https://idp.example.com/authorize/callback?code=${code}&state=s1`,
            status: 302,
            statusLine: 'HTTP/1.1 302 Found',
            location: `https://app.example.com/cb?code=${code}`,
            requestHeaders: [{ name: 'Authorization', value: `Bearer ${g.secret(`${w} hop 1 Authorization`)}` }],
            responseHeaders: [{ name: 'Location', value: `https://app.example.com/cb?code=${code}` }],
          },
          {
            url: `https://app.example.com/cb?code=${g.secret(`${w} hop 2 url code`)}`,
            status: 302,
            statusLine: 'HTTP/1.1 302 Found',
            location: `https://app.example.com/#access_token=${at}&token_type=Bearer`,
            requestHeaders: [{ name: 'Cookie', value: `sid=${g.secret(`${w} hop 2 cookie`)}` }],
            responseHeaders: [{ name: 'Location', value: `https://app.example.com/#access_token=${at}` }],
          },
        ],
      }),
    );
  }

  // 5. a bare token in Authorization, with a trailing space
  out.push(base({ requestHeaders: [{ name: 'Authorization', value: `${g.secret('crafted bare Authorization')} ` }] }));

  // 6. form-encoded token response; an error page quoting the API key it was sent
  {
    const w = 'crafted form body';
    const key = g.secret(`${w} X-Api-Key echoed in the body`);
    out.push(
      base({
        status: 403,
        statusLine: 'HTTP/1.1 403 Forbidden',
        requestHeaders: [{ name: 'X-Api-Key', value: key }],
        responseHeaders: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
        responseBody:
          `access_token=${g.secret(`${w} access_token`)}&refresh_token=${g.secret(`${w} refresh_token`)}` +
          `&scope=repo&error_description=The+API+key+${key}+is+not+allowed`,
      }),
    );
  }
  // 7. the sign-in failures the worker captures without an auth status: an authorization error
  // redirect (Location), a token endpoint's 400 reached with secrets in its URL, and a fetch sent
  // to the login page with a return URL that itself carries a token (percent-encoded, nested)
  {
    const w = 'crafted sign-in';
    out.push(
      base({
        url:
          `https://idp.example.com/authorize?client_id=app&response_type=code&state=s1&prompt=none` +
          `&id_token_hint=${jwt(g, `${w} ?id_token_hint`, false)}`,
        status: 303,
        statusLine: 'HTTP/1.1 303 See Other',
        type: 'sub_frame',
        responseHeaders: [
          {
            name: 'Location',
            value: `https://app.example.com/silent?error=login_required&state=s1&code=${g.secret(`${w} Location code`)}`,
          },
        ],
      }),
      base({
        url:
          `https://idp.example.com/oauth2/token?grant_type=refresh_token&refresh_token=${g.secret(`${w} ?refresh_token`)}` +
          `&client_secret=${g.secret(`${w} ?client_secret`)}&code_verifier=${g.secret(`${w} ?code_verifier`)}`,
        method: 'POST',
        status: 400,
        statusLine: 'HTTP/1.1 400 Bad Request',
        responseHeaders: [{ name: 'Content-Type', value: 'application/json' }],
        responseBody: JSON.stringify({ error: 'invalid_grant', error_description: 'Token is not active' }),
      }),
      base({
        url: `https://app.example.com/Account/Login?ReturnUrl=${encodeURIComponent(
          `/api/me?access_token=${g.secret(`${w} nested ReturnUrl access_token`)}`,
        )}`,
        status: 200,
        statusLine: 'HTTP/1.1 200 OK',
        responseHeaders: [{ name: 'Content-Type', value: 'text/html; charset=utf-8' }],
        redirects: [
          {
            url: `https://app.example.com/api/me?access_token=${g.secret(`${w} hop access_token`)}`,
            status: 302,
            statusLine: 'HTTP/1.1 302 Found',
            location: '/Account/Login',
            requestHeaders: [],
            responseHeaders: [],
          },
        ],
      }),
    );
  }
  return out;
}

interface Fixture {
  name: string;
  exchange: Exchange;
  context?: { now?: number };
  expect: { absent?: string[] };
}

const FIXTURE_DIR = resolve(import.meta.dirname, '../fixtures/exchanges');

export function fixtures(): [string, Fixture][] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(join(FIXTURE_DIR, f), 'utf8')) as Fixture]);
}

/**
 * A fixture's exchange as a record, every credential it carries replaced by a planted one (the
 * scheme kept), and more planted around it: a query token, a fragment token, a vendor header, a
 * cookie, a body token. The fixture's own `expect.absent` secrets are searched for too.
 */
export function fixtureRecord(g: Garden, file: string, f: Fixture): CaptureRecord {
  const w = `fixture ${file}`;
  for (const s of f.expect.absent ?? []) g.keep(s, `${w} (its own absent secret)`);
  const replace = (h: Header, hop = false): Header => {
    const n = h.name.toLowerCase();
    if (n === 'authorization' || n === 'proxy-authorization') {
      const scheme = /^\s*(\S+)\s+\S/.exec(h.value)?.[1];
      if (!scheme) return { name: h.name, value: g.secret(`${w} ${h.name} (bare)`) };
      if (/^basic$/i.test(scheme))
        return {
          name: h.name,
          value: `Basic ${basicOf(g.user(`${w} ${h.name} user`), g.secret(`${w} ${h.name} password`, 20, false))}`,
        };
      if (/^(bearer|dpop|token)$/i.test(scheme))
        return { name: h.name, value: `${scheme} ${jwt(g, `${w} ${h.name}${hop ? ' (hop)' : ''}`, !hop)}` };
      return h; // Digest, SigV4, custom param schemes: the crafted records plant in those
    }
    if (n === 'cookie')
      return {
        name: h.name,
        value: h.value
          .split(';')
          .map((p) =>
            p.includes('=') ? `${p.slice(0, p.indexOf('='))}=${g.secret(`${w} cookie ${p.split('=')[0]!.trim()}`)}` : p,
          )
          .join(';'),
      };
    return h;
  };
  const e = f.exchange;
  const sep = e.url.includes('?') ? '&' : '?';
  const hash = e.url.indexOf('#');
  const url = (hash < 0 ? e.url : e.url.slice(0, hash)) + `${sep}access_token=${g.secret(`${w} ?access_token`)}`;
  return {
    id: `fx-${file}`,
    requestId: `fx-${file}`,
    tabId: 7,
    frameId: 0,
    type: e.type ?? 'xmlhttprequest',
    method: e.method,
    url: `${url}#id_token=${g.secret(`${w} #id_token`)}`,
    ...(e.initiator ? { initiator: e.initiator } : {}),
    status: e.status,
    statusLine: `HTTP/1.1 ${e.status}${e.statusText ? ` ${e.statusText}` : ''}`,
    time: e.timeStamp,
    fromCache: false,
    preflight: false,
    source: 'headers',
    requestHeadersKnown: true,
    requestHeaders: [
      ...e.requestHeaders.map((h) => replace(h)),
      { name: 'X-Api-Key', value: g.secret(`${w} X-Api-Key`) },
      { name: 'Cookie', value: `leak=${g.secret(`${w} added cookie`)}` },
    ],
    responseHeaders: e.responseHeaders.map((h) => ({ name: h.name, value: h.value })),
    redirects: (e.redirects ?? []).map((r, i) => ({
      url: r.url,
      status: r.status,
      statusLine: String(r.status),
      ...(r.location !== undefined ? { location: r.location } : {}),
      requestHeaders: [
        ...r.requestHeaders.map((h) => replace(h, true)),
        { name: 'Authorization', value: `Bearer ${g.secret(`${w} hop ${i}`)}` },
      ],
      responseHeaders: [],
    })),
    responseBody: `${e.responseBody ?? ''}\n{"refresh_token":"${g.secret(`${w} body refresh_token`)}"}`,
  };
}
