import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fingerprint, maskSecret, type FingerprintKey } from '../../src/analysis/index.ts';
import {
  MASK,
  Masker,
  isSecretHeader,
  isSecretParam,
  maskCookieHeader,
  maskHeaderValue,
  maskHeaders,
  maskSetCookie,
  maskUrl,
} from '../../src/redact/secrets.ts';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXgtN1F3';
const key: FingerprintKey = { bytes: new Uint8Array(32).fill(7) };
const fp = (s: string): string => fingerprint(s, key) ?? '(none)';
const k = { key };

describe('isSecretHeader', () => {
  it.each([
    'Authorization',
    'authorization',
    'PROXY-AUTHORIZATION',
    'Cookie',
    'Set-Cookie',
    'X-Api-Key',
    'Api-Key',
    'X-Auth-Token',
    'X-Access-Token',
    'X-CSRF-Token',
    'x-xsrf-token',
    'X-Amz-Security-Token',
    'DPoP',
    'X-Shopify-Access-Token',
    'X-Refresh-Token',
    'X-Goog-Api-Key',
    'Ocp-Apim-Subscription-Key',
    'Private-Token',
    'X-Forwarded-Authorization',
    'X-Client-Secret',
    ' Authorization ',
    'X-Secret-Key',
    'Cf-Access-Jwt-Assertion',
    'X-Goog-Iap-Jwt-Assertion',
    'X-Private-Key',
    'X-Session-Id',
  ])('%s is secret', (name) => expect(isSecretHeader(name)).toBe(true));

  it.each([
    'Content-Type',
    'WWW-Authenticate',
    'Proxy-Authenticate',
    'DPoP-Nonce',
    'Sec-WebSocket-Key',
    'Idempotency-Key',
    'Accept',
    'Location',
    'X-Amz-Date',
    'Date',
    'Token-Type-Hint-Doc',
    'Content-Location',
  ])('%s is not secret', (name) => expect(isSecretHeader(name)).toBe(false));
});

describe('maskHeaderValue: Authorization', () => {
  it('keeps the Bearer scheme and masks the token with the shared masked form', () => {
    expect(maskHeaderValue('Authorization', `Bearer ${JWT}`, k)).toBe(`Bearer ${maskSecret(JWT, key)}`);
    expect(maskHeaderValue('authorization', `Bearer ${JWT}`)).not.toContain(JWT);
    expect(maskHeaderValue('Proxy-Authorization', 'Bearer abcdefghijkl', k)).toBe('Bearer ••••');
  });

  it('masks Basic without any prefix of the base64 and without a fingerprint (a password is guessable)', () => {
    const b64 = btoa('alice:s3cret-pass-long-enough');
    expect(maskHeaderValue('Authorization', `Basic ${b64}`, k)).toBe(`Basic ${MASK}`);
    expect(maskHeaderValue('Authorization', 'Basic %%%%', k)).toBe(`Basic ${MASK}`);
  });

  it('Digest keeps realm/nonce/qop, masks username, response and cnonce (no fingerprints), and the uri’s token', () => {
    const response = '6629fae49393a05397450978507c4ef1';
    const v =
      'Digest username="alice", realm="api", nonce="abc", uri="/x?access_token=t0ken-in-the-uri", qop=auth, ' +
      `nc=00000001, cnonce="0a4f113b", response="${response}"`;
    expect(maskHeaderValue('Authorization', v, k)).toBe(
      `Digest username="${MASK}", realm="api", nonce="abc", ` +
        `uri="/x?access_token=${MASK}(${fp('t0ken-in-the-uri')})", qop=auth, ` +
        `nc=00000001, cnonce="${MASK}", response="${MASK}"`,
    );
  });

  it('AWS SigV4 keeps SignedHeaders, masks Credential and Signature', () => {
    const credential = 'AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request';
    const signature = 'fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024';
    const v = `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=host;range;x-amz-date, Signature=${signature}`;
    expect(maskHeaderValue('Authorization', v, k)).toBe(
      `AWS4-HMAC-SHA256 Credential=${MASK} #${fp(credential)}, SignedHeaders=host;range;x-amz-date, ` +
        `Signature=${MASK} #${fp(signature)}`,
    );
  });

  it('a token68 ending in "=" padding is a token, not a param list', () => {
    const t = 'YIIabcdefghijklmnopqrstu==';
    expect(maskHeaderValue('Authorization', `Negotiate ${t}`, k)).toBe(`Negotiate ${maskSecret(t, key)}`);
  });

  it('a bare token (no scheme) is masked whole, trailing spaces or not; an empty credential is left as is', () => {
    expect(maskHeaderValue('Authorization', JWT, k)).toBe(maskSecret(JWT, key));
    expect(maskHeaderValue('Authorization', `${JWT} `, k)).toBe(`${maskSecret(JWT, key)} `);
    expect(maskHeaderValue('Authorization', ' abc123secret\t')).not.toContain('abc123secret');
    expect(maskHeaderValue('Authorization', 'Bearer')).toBe('Bearer');
    expect(maskHeaderValue('Authorization', 'Bearer ')).toBe('Bearer ');
    expect(maskHeaderValue('Authorization', '')).toBe('');
  });
});

describe('cookies', () => {
  it('keeps cookie names, masks each value on its own; short values get no fingerprint', () => {
    const long = 'abc123xyz789-session-0001';
    expect(maskCookieHeader(`sid=${long}; theme=dark`, k)).toBe(`sid=${MASK} #${fp(long)}; theme=${MASK}`);
    expect(maskHeaderValue('Cookie', 'a=; b=12345678', k)).toBe(`a=; b=${MASK}`);
  });

  it('a value holding "=" (base64 padding, a nested pair) is masked whole', () => {
    const v = 'dXNlcj1hbGljZSZyb2xlPWFkbWlu==';
    expect(maskCookieHeader(`auth=${v}; x=1`)).toBe(`auth=${MASK}; x=${MASK}`);
    expect(maskCookieHeader('prefs=a=b=c')).toBe(`prefs=${MASK}`);
  });

  it('Set-Cookie keeps attributes and masks the value, line by line', () => {
    const long = 'abc123xyz789-session-0001';
    expect(maskSetCookie(`sid=${long}; Path=/; HttpOnly; SameSite=Lax`, k)).toBe(
      `sid=${MASK} #${fp(long)}; Path=/; HttpOnly; SameSite=Lax`,
    );
    expect(maskHeaderValue('set-cookie', 'a=1; Secure\nb=longer-value; Max-Age=0')).toBe(
      `a=${MASK}; Secure\nb=${MASK}; Max-Age=0`,
    );
  });
});

describe('maskUrl', () => {
  it('masks a return URL’s own secrets, percent-encoded inside a parameter', () => {
    const secret = 'Zq8vN3xK1mQzV8nR2pL5';
    const m = maskUrl(`https://a.example/login?ReturnUrl=${encodeURIComponent(`/api?refresh_token=${secret}&x=1`)}`);
    expect(m).not.toContain(secret);
    expect(decodeURIComponent(m.split('ReturnUrl=')[1]!)).toMatch(/^\/api\?refresh_token=.+&x=1$/);
    expect(maskUrl('https://a.example/login?next=%2Fhome%3Fp%3D2')).toBe(
      'https://a.example/login?next=%2Fhome%3Fp%3D2',
    );
  });

  it('masks secret params in query and fragment, leaves everything else byte for byte', () => {
    const t = 'abcdefghij0123456789';
    const url = `https://api.example.com/v1/x?page=2&access_token=${t}&Key=k1&q=a%20b#frag`;
    expect(maskUrl(url, k)).toBe(
      `https://api.example.com/v1/x?page=2&access_token=${MASK}(${fp(t)})&Key=${MASK}&q=a%20b#frag`,
    );
    expect(maskUrl('https://app/cb#access_token=abcdefghij&state=xyz')).toBe(
      `https://app/cb#access_token=${MASK}&state=xyz`,
    );
  });

  it.each([
    'auth_token',
    'accessToken',
    'private_token',
    'secret',
    'sessionid',
    'SAMLResponse',
    'oauth_token',
    'oauth_verifier',
    'ticket',
    'code',
    'refresh_token',
    'client_secret',
    'code_verifier',
    'id_token_hint',
    'client_assertion',
    'api_key',
    'apikey',
    'token',
    'id_token',
    'sig',
    'signature',
    'X-Amz-Security-Token',
    'X-Amz-Credential',
  ])('?%s is masked', (name) => {
    expect(isSecretParam(name)).toBe(true);
    expect(maskUrl(`https://a/p?${name}=S3cretValue-${name}&page=2`)).toBe(`https://a/p?${name}=${MASK}&page=2`);
  });

  it('masks user:password@, ;jsessionid= and tokens of a known shape anywhere', () => {
    expect(maskUrl('https://alice:hunter2@example.com/x?q=1')).toBe(`https://${MASK}:${MASK}@example.com/x?q=1`);
    expect(maskUrl('ftp://bob@example.com/')).toBe(`ftp://${MASK}@example.com/`);
    expect(maskUrl('https://a/app;jsessionid=0123ABCD4567EF/page?x=1')).toBe(
      `https://a/app;jsessionid=${MASK}/page?x=1`,
    );
    expect(maskUrl(`https://a/verify/${JWT}?state=1`)).not.toContain(JWT);
    expect(maskUrl(`https://a/cb?state=${JWT}`)).not.toContain(JWT);
    expect(maskUrl(`https://a/cb#${JWT}`)).not.toContain(JWT);
  });

  it('leaves URLs without secrets untouched, including odd ones', () => {
    for (const u of [
      'https://a/b',
      'https://a/b?',
      'https://a/b?x',
      'https://a/?token=',
      'not a url',
      '',
      '?&&=',
      'https://a/%zz?key',
      'https://example.com/@user/repo',
      'mailto:alice@example.com',
    ]) {
      expect(maskUrl(u)).toBe(u);
    }
  });

  it('Location, Referer and Content-Location headers get their URLs masked', () => {
    expect(maskHeaderValue('Location', 'https://app/cb?code=abcdefgh&state=1')).toBe(
      `https://app/cb?code=${MASK}&state=1`,
    );
    expect(maskHeaderValue('Referer', 'https://a/?access_token=tok-123456')).toBe(`https://a/?access_token=${MASK}`);
    expect(maskHeaderValue('Content-Location', '/x?token=tok-123456')).toBe(`/x?token=${MASK}`);
    expect(maskHeaderValue('Referer', 'https://a/?q=1')).toBe('https://a/?q=1');
  });
});

describe('by value: a header nobody named', () => {
  it('a JWT or a vendor token in any header is masked; ordinary values are left alone', () => {
    expect(maskHeaderValue('X-Custom', `v=${JWT}`)).not.toContain(JWT);
    expect(maskHeaderValue('X-Debug', 'sent ghp_16C7e42F292c6912E7710c838347Ae178B4a')).not.toContain(
      'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
    );
    expect(maskHeaderValue('Link', '<https://a/next?page_token=abc123def456>; rel="next"')).toBe(
      `<https://a/next?page_token=${MASK}>; rel="next"`,
    );
    expect(maskHeaderValue('Content-Type', 'application/json; charset=utf-8')).toBe('application/json; charset=utf-8');
    expect(maskHeaderValue('WWW-Authenticate', 'Bearer realm="api", error="invalid_token"')).toBe(
      'Bearer realm="api", error="invalid_token"',
    );
  });
});

describe('reveal one value', () => {
  it('a revealed value stays wherever it is; every other secret stays masked', () => {
    const m = new Masker({ revealed: new Set(['keep-me-0123456789']) });
    expect(maskCookieHeader('a=keep-me-0123456789; b=hide-me-0123456789', m)).toBe(`a=keep-me-0123456789; b=${MASK}`);
    expect(maskUrl('https://a/?code=keep-me-0123456789&token=other-0123456789', m)).toBe(
      `https://a/?code=keep-me-0123456789&token=${MASK}`,
    );
  });
});

describe('maskHeaders', () => {
  const headers = [
    { name: 'Accept', value: 'application/json' },
    { name: 'X-Api-Key', value: 'sk_live_0123456789abcdef' },
    { name: 'Cookie', value: 'sid=abc123xyz789-session-0001' },
  ];
  it('masks secrets, keeps others and order, returns a copy', () => {
    const out = maskHeaders(headers, false, k);
    expect(out).toEqual([
      { name: 'Accept', value: 'application/json' },
      { name: 'X-Api-Key', value: maskSecret('sk_live_0123456789abcdef', key) },
      { name: 'Cookie', value: `sid=${MASK} #${fp('abc123xyz789-session-0001')}` },
    ]);
    expect(headers[1]?.value).toBe('sk_live_0123456789abcdef');
  });
  it('reveal gives an equal copy', () => {
    const out = maskHeaders(headers, true);
    expect(out).toEqual(headers);
    expect(out).not.toBe(headers);
  });
});

describe('never throws, never leaks a long secret', () => {
  it('any header name/value', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (n, v) => {
        expect(typeof maskHeaderValue(n, v)).toBe('string');
      }),
    );
  });
  it('any URL', () => {
    fc.assert(
      fc.property(fc.string(), (u) => {
        expect(typeof maskUrl(u)).toBe('string');
      }),
    );
  });
  it('a random token in Authorization, Cookie or ?access_token never appears whole', () => {
    const token = fc.stringMatching(/^[A-Za-z0-9_-]{24,80}$/);
    fc.assert(
      fc.property(token, (t) => {
        expect(maskHeaderValue('Authorization', `Bearer ${t}`)).not.toContain(t);
        expect(maskHeaderValue('Authorization', `${t} `)).not.toContain(t);
        expect(maskHeaderValue('Cookie', `s=${t}`)).not.toContain(t);
        expect(maskUrl(`https://a/?access_token=${t}`)).not.toContain(t);
        expect(maskHeaderValue('X-Api-Key', t)).not.toContain(t);
      }),
    );
  });
});

describe('exact masked forms (what a user sees and what exports contain)', () => {
  const long = 'abc123xyz789-session-0001';
  it.each([
    ['Authorization', `Bearer ${JWT}`, `Bearer eyJhbGciOi…N1F3 #${fp(JWT)}`],
    ['Authorization', `Basic ${btoa('alice:s3cret-pass')}`, 'Basic •••'],
    ['Cookie', `sid=${long}; theme=dark`, `sid=••• #${fp(long)}; theme=•••`],
    ['Set-Cookie', `sid=${long}; Path=/; HttpOnly`, `sid=••• #${fp(long)}; Path=/; HttpOnly`],
    [
      'Location',
      'https://api.example.com/x?access_token=abcdefghij&page=2',
      'https://api.example.com/x?access_token=•••&page=2',
    ],
  ] as const)('%s: %s', (name, value, expected) => {
    expect(maskHeaderValue(name, value, k)).toBe(expected);
  });
});

describe('hostile credentials cannot slip past the mask', () => {
  it('a stray quote in a param-style scheme masks the whole malformed chunk', () => {
    const secret = "\"$$-!!'!-$$!--!'$!'-$";
    const out = maskHeaderValue('Authorization', `Token token="${secret}"`);
    expect(out).not.toContain(secret);
    expect(out).toBe(`Token ${MASK}`);
  });

  it('any 20+ character secret (no separators) in any credential position', () => {
    const secretArb = fc
      .string({ minLength: 20, maxLength: 60 })
      .filter((s) => s.trim().length >= 20 && !/[\s;,&#=]/.test(s));
    fc.assert(
      fc.property(secretArb, (secret) => {
        const cases: [string, string][] = [
          ['Authorization', `Bearer ${secret}`],
          ['Authorization', `Token token="${secret}"`],
          ['Authorization', `Token token=${secret}`],
          ['Authorization', `Digest username="a", response="${secret}"`],
          ['Authorization', `AWS4-HMAC-SHA256 Credential=${secret}, Signature=${secret}`],
          ['Cookie', `sid=${secret}`],
          ['Set-Cookie', `a=${secret}; Path=/`],
          ['X-Api-Key', secret],
          ['X-Secret-Key', secret],
          ['Cf-Access-Jwt-Assertion', secret],
        ];
        for (const [n, v] of cases) expect(maskHeaderValue(n, v)).not.toContain(secret);
        expect(maskUrl(`https://a/?access_token=${encodeURIComponent(secret)}`)).not.toContain(
          encodeURIComponent(secret),
        );
      }),
      { numRuns: 1000 },
    );
  });
});

describe('what the engine reads as a credential is masked too', () => {
  it('query parameters and API key headers come from the engine (one list each)', () => {
    expect(isSecretParam('auth_token')).toBe(true);
    expect(isSecretParam('ACCESS_TOKEN')).toBe(true);
    expect(isSecretParam('page')).toBe(false);
    expect(isSecretParam('state')).toBe(false);
    expect(isSecretHeader('X-Subscription-Key')).toBe(true);
    expect(isSecretHeader('x-api-token')).toBe(true);
    expect(isSecretHeader('Accept')).toBe(false);
  });
});
