import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fingerprint, maskSecret } from '../../src/analysis/index.ts';
import {
  MASK,
  isSecretHeader,
  isSecretParam,
  maskCookieHeader,
  maskHeaderValue,
  maskHeaders,
  maskSetCookie,
  maskUrl,
} from '../../src/redact/secrets.ts';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXgtN1F3';
const fp = (s: string): string => fingerprint(s);

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
  ])('%s is not secret', (name) => expect(isSecretHeader(name)).toBe(false));
});

describe('maskHeaderValue: Authorization', () => {
  it('keeps the Bearer scheme and masks the token with the shared masked form', () => {
    expect(maskHeaderValue('Authorization', `Bearer ${JWT}`)).toBe(`Bearer ${maskSecret(JWT)}`);
    expect(maskHeaderValue('authorization', `Bearer ${JWT}`)).not.toContain(JWT);
    expect(maskHeaderValue('Proxy-Authorization', 'Bearer abcdefghijkl')).toBe(`Bearer ${maskSecret('abcdefghijkl')}`);
  });

  it('masks Basic without any prefix of the base64 (the user name shows in the Credentials tab only)', () => {
    const b64 = btoa('alice:s3cret-pass');
    expect(maskHeaderValue('Authorization', `Basic ${b64}`)).toBe(`Basic ${MASK} #${fp(b64)}`);
    expect(maskHeaderValue('Authorization', `Basic ${b64}`)).not.toContain(b64.slice(0, 4));
  });

  it('Basic with garbage base64 or no colon is masked the same and does not throw', () => {
    expect(maskHeaderValue('Authorization', 'Basic %%%%')).toBe(`Basic ${MASK} #${fp('%%%%')}`);
    const nocolon = btoa('alicepassword');
    expect(maskHeaderValue('Authorization', `Basic ${nocolon}`)).toBe(`Basic ${MASK} #${fp(nocolon)}`);
  });

  it('Digest keeps realm/nonce/uri/qop, masks response, cnonce and username', () => {
    const response = '6629fae49393a05397450978507c4ef1';
    const v =
      'Digest username="alice", realm="api", nonce="abc", uri="/x", qop=auth, nc=00000001, ' +
      `cnonce="0a4f113b", response="${response}"`;
    expect(maskHeaderValue('Authorization', v)).toBe(
      `Digest username="${MASK}", realm="api", nonce="abc", uri="/x", qop=auth, nc=00000001, ` +
        `cnonce="${MASK} #${fp('0a4f113b')}", response="${MASK} #${fp(response)}"`,
    );
  });

  it('AWS SigV4 keeps SignedHeaders, masks Credential and Signature', () => {
    const credential = 'AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request';
    const signature = 'fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024';
    const v = `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=host;range;x-amz-date, Signature=${signature}`;
    const out = maskHeaderValue('Authorization', v);
    expect(out).toBe(
      `AWS4-HMAC-SHA256 Credential=${MASK} #${fp(credential)}, SignedHeaders=host;range;x-amz-date, ` +
        `Signature=${MASK} #${fp(signature)}`,
    );
  });

  it('a token68 ending in "=" padding is a token, not a param list', () => {
    expect(maskHeaderValue('Authorization', 'Negotiate YIIabc==')).toBe(`Negotiate ${maskSecret('YIIabc==')}`);
  });

  it('a bare token (no scheme) is masked whole; an empty credential is left as is', () => {
    expect(maskHeaderValue('Authorization', JWT)).toBe(maskSecret(JWT));
    expect(maskHeaderValue('Authorization', 'Bearer')).toBe('Bearer');
    expect(maskHeaderValue('Authorization', '')).toBe('');
  });
});

describe('cookies', () => {
  it('keeps cookie names, masks values; short values get no fingerprint', () => {
    expect(maskCookieHeader('sid=abc123xyz789; theme=dark')).toBe(`sid=${MASK} #${fp('abc123xyz789')}; theme=${MASK}`);
    expect(maskHeaderValue('Cookie', 'a=; b=12345678')).toBe(`a=; b=${MASK} #${fp('12345678')}`);
  });

  it('Set-Cookie keeps attributes and masks the value, line by line', () => {
    expect(maskSetCookie('sid=abc123xyz789; Path=/; HttpOnly; SameSite=Lax')).toBe(
      `sid=${MASK} #${fp('abc123xyz789')}; Path=/; HttpOnly; SameSite=Lax`,
    );
    expect(maskHeaderValue('set-cookie', 'a=1; Secure\nb=longer-value; Max-Age=0')).toBe(
      `a=${MASK}; Secure\nb=${MASK} #${fp('longer-value')}; Max-Age=0`,
    );
  });
});

describe('maskUrl', () => {
  it('masks secret params in query and fragment, leaves everything else byte for byte', () => {
    const url = 'https://api.example.com/v1/x?page=2&access_token=abcdefghij&Key=k1&q=a%20b#frag';
    expect(maskUrl(url)).toBe(
      `https://api.example.com/v1/x?page=2&access_token=${MASK}(${fp('abcdefghij')})&Key=${MASK}&q=a%20b#frag`,
    );
    expect(maskUrl('https://app/cb#access_token=abcdefghij&state=xyz')).toBe(
      `https://app/cb#access_token=${MASK}(${fp('abcdefghij')})&state=xyz`,
    );
  });

  it('covers OAuth and AWS presigned names', () => {
    const url =
      'https://b.s3.amazonaws.com/o?X-Amz-Credential=AKIA%2F2024&X-Amz-Signature=deadbeefdeadbeef&X-Amz-Expires=60&code=c0de1234&client_secret=s';
    expect(maskUrl(url)).toBe(
      `https://b.s3.amazonaws.com/o?X-Amz-Credential=${MASK}(${fp('AKIA/2024')})&X-Amz-Signature=${MASK}(${fp('deadbeefdeadbeef')})&X-Amz-Expires=60&code=${MASK}(${fp('c0de1234')})&client_secret=${MASK}`,
    );
    for (const n of [
      'api_key',
      'apikey',
      'token',
      'id_token',
      'refresh_token',
      'sig',
      'signature',
      'X-Amz-Security-Token',
    ]) {
      expect(isSecretParam(n)).toBe(true);
    }
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
    ]) {
      expect(maskUrl(u)).toBe(u);
    }
  });

  it('Location and Referer headers get their URLs masked', () => {
    expect(maskHeaderValue('Location', 'https://app/cb?code=abcdefgh&state=1')).toBe(
      `https://app/cb?code=${MASK}(${fp('abcdefgh')})&state=1`,
    );
    expect(maskHeaderValue('Referer', 'https://a/?q=1')).toBe('https://a/?q=1');
  });
});

describe('maskHeaders', () => {
  const headers = [
    { name: 'Accept', value: 'application/json' },
    { name: 'X-Api-Key', value: 'sk_live_0123456789abcdef' },
    { name: 'Cookie', value: 'sid=abc123xyz789' },
  ];
  it('masks secrets, keeps others and order, returns a copy', () => {
    const out = maskHeaders(headers, false);
    expect(out).toEqual([
      { name: 'Accept', value: 'application/json' },
      { name: 'X-Api-Key', value: maskSecret('sk_live_0123456789abcdef') },
      { name: 'Cookie', value: `sid=${MASK} #${fp('abc123xyz789')}` },
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
        expect(maskHeaderValue('Cookie', `s=${t}`)).not.toContain(t);
        expect(maskUrl(`https://a/?access_token=${t}`)).not.toContain(t);
        expect(maskHeaderValue('X-Api-Key', t)).not.toContain(t);
      }),
    );
  });
});

describe('exact masked forms (what a user sees and what exports contain)', () => {
  it.each([
    ['Authorization', `Bearer ${JWT}`, 'Bearer eyJhbGciOi…N1F3 #bb57ee'],
    ['Authorization', `Basic ${btoa('alice:s3cret-pass')}`, 'Basic ••• #f798ed'],
    ['Cookie', 'sid=abc123xyz789; theme=dark', 'sid=••• #f0ffe8; theme=•••'],
    ['Set-Cookie', 'sid=abc123xyz789; Path=/; HttpOnly', 'sid=••• #f0ffe8; Path=/; HttpOnly'],
    [
      'Location',
      'https://api.example.com/x?access_token=abcdefghij&page=2',
      'https://api.example.com/x?access_token=•••(bce81e)&page=2',
    ],
  ] as const)('%s: %s', (name, value, expected) => {
    expect(maskHeaderValue(name, value)).toBe(expected);
  });
});

describe('hostile credentials cannot slip past the mask', () => {
  it('a stray quote in a param-style scheme masks the whole malformed chunk', () => {
    const secret = "\"$$-!!'!-$$!--!'$!'-$";
    const out = maskHeaderValue('Authorization', `Token token="${secret}"`);
    expect(out).not.toContain(secret);
    expect(out).toBe(`Token ${MASK} #${fp(`token="${secret}"`)}`);
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
    expect(isSecretHeader('X-Subscription-Key')).toBe(true);
    expect(isSecretHeader('x-api-token')).toBe(true);
    expect(isSecretHeader('Accept')).toBe(false);
  });
});
