// diagnose() never throws and always answers: random exchanges, mutated fixtures, garbage input,
// huge headers. And secrets never come back out in clear.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { diagnose, type Exchange, type Header } from '../../src/analysis/index.ts';

const dir = resolve(import.meta.dirname, '../fixtures/exchanges');
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { exchange: Exchange }).exchange);

const FAILURE = new Set([401, 403, 407, 419, 440, 498]);
function check(ex: Exchange, now?: number): void {
  const d = diagnose(ex, now === undefined ? {} : { now });
  expect(typeof d.summary).toBe('string');
  expect(d.summary.length).toBeGreaterThan(0);
  expect(d.summary).not.toMatch(/[\r\n]/);
  if (FAILURE.has(ex.status)) expect(d.findings.length).toBeGreaterThan(0);
  for (const f of d.findings) {
    expect(typeof f.id).toBe('string');
    expect(['error', 'warning', 'info', 'ok']).toContain(f.severity);
    expect(Array.isArray(f.evidence) && Array.isArray(f.fixes) && Array.isArray(f.references)).toBe(true);
  }
}

const NAMES = [
  'Authorization',
  'WWW-Authenticate',
  'Proxy-Authenticate',
  'Proxy-Authorization',
  'Cookie',
  'Date',
  'DPoP',
  'DPoP-Nonce',
  'x-api-key',
  'X-GitHub-SSO',
  'X-OAuth-Scopes',
  'X-Accepted-OAuth-Scopes',
  'x-amzn-ErrorType',
  'cf-mitigated',
  'Server',
  'cf-ray',
  'Access-Control-Request-Method',
  'Sec-Fetch-Site',
  'x-amz-date',
  'Content-Type',
  'X-CSRFToken',
];
const PIECES = [
  'Bearer',
  'Basic',
  'Digest',
  'DPoP',
  'Negotiate',
  'NTLM',
  'AWS4-HMAC-SHA256',
  'realm="x"',
  'error="invalid_token"',
  'error="insufficient_scope"',
  'scope="a b"',
  'stale=true',
  'claims="e30="',
  'resource_metadata="https://x/"',
  'eyJhbGciOiJub25lIn0',
  'eyJleHAiOjF9',
  '.',
  ',',
  '=',
  '"',
  '\\',
  ' ',
  '\t',
  'Credential=AKIA/2026/eu-west-1/s3/aws4_request',
  'required; url=https://x',
  'Sun, 22 Nov 2026 18:32:05 GMT',
  'ghp_abc',
  'sk_live_x',
  '\u0000',
  '\ud800',
  'é',
  '[object Object]',
  'undefined',
];

const text = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((a) => a.join('')),
  fc
    .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { maxLength: 10 })
    .map((a) => a.join(' ')),
);
const header: fc.Arbitrary<Header> = fc.record({
  name: fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 12 })),
  value: text,
});
const headers = fc.array(header, { maxLength: 8 });
const url = fc.oneof(
  fc.webUrl({ withQueryParameters: true }),
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    'http://api.example.com/x?access_token=abc12345678',
    'https://a.s3.eu-west-1.amazonaws.com/k',
    'https://[::1]:8080/',
  ),
);
const exchange: fc.Arbitrary<Exchange> = fc.record(
  {
    url,
    method: fc.constantFrom('GET', 'POST', 'OPTIONS', 'DELETE', 'get', ''),
    status: fc.oneof(fc.constantFrom(200, 400, 401, 403, 407, 419, 422, 440, 498), fc.integer({ min: -5, max: 1000 })),
    type: fc.constantFrom('xmlhttprequest', 'main_frame', 'other'),
    timeStamp: fc.oneof(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.constantFrom(NaN, -1, Infinity, 1e20)),
    initiator: fc.oneof(fc.constant(undefined), fc.webUrl(), fc.constant('null')),
    requestHeaders: headers,
    responseHeaders: headers,
    redirects: fc.option(
      fc.array(fc.record({ url, status: fc.integer({ min: 300, max: 399 }), requestHeaders: headers }), {
        maxLength: 3,
      }),
      { nil: undefined },
    ),
    responseBody: fc.option(fc.oneof(text, fc.json()), { nil: undefined }),
  },
  { requiredKeys: ['url', 'method', 'status', 'timeStamp', 'requestHeaders', 'responseHeaders'] },
) as fc.Arbitrary<Exchange>;

describe('diagnose never throws', () => {
  it('on random exchanges', () => {
    fc.assert(
      fc.property(exchange, fc.option(fc.integer(), { nil: undefined }), (ex, now) => check(ex, now)),
      { numRuns: 1500 },
    );
  });

  it('on every fixture with mutated header values', () => {
    const mutation = fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('cut', 'insert', 'double', 'case', 'empty'), text);
    fc.assert(
      fc.property(fc.constantFrom(...fixtures), fc.array(mutation, { minLength: 1, maxLength: 4 }), (ex, muts) => {
        const copy: Exchange = JSON.parse(JSON.stringify(ex));
        for (const [which, at, kind, extra] of muts) {
          const list = which % 2 ? copy.requestHeaders : copy.responseHeaders;
          if (!list.length) continue;
          const h = list[which % list.length]!;
          const k = at % (h.value.length + 1);
          h.value =
            kind === 'cut'
              ? h.value.slice(0, k)
              : kind === 'insert'
                ? h.value.slice(0, k) + extra + h.value.slice(k)
                : kind === 'double'
                  ? `${h.value}, ${h.value}`
                  : kind === 'case'
                    ? h.value.toUpperCase()
                    : '';
        }
        check(copy);
      }),
      { numRuns: 1500 },
    );
  });

  it('on values that are not exchanges at all', () => {
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        const d = diagnose(junk as Exchange);
        expect(typeof d.summary).toBe('string');
        expect(Array.isArray(d.findings)).toBe(true);
      }),
      { numRuns: 500 },
    );
    for (const junk of [
      null,
      undefined,
      42,
      'x',
      [],
      { requestHeaders: 'no' },
      { status: 401, responseHeaders: [null, 1, { name: 1 }] },
    ]) {
      expect(() => diagnose(junk as unknown as Exchange)).not.toThrow();
    }
  });

  it('on 64 KB headers and bodies', () => {
    const big = 'a'.repeat(65536);
    const ex: Exchange = {
      url: `https://api.example.com/?token=${big}`,
      method: 'POST',
      status: 401,
      timeStamp: 1_800_000_000_000,
      requestHeaders: [
        { name: 'Authorization', value: `Bearer eyJ${big}.${big}.${big}` },
        { name: 'Cookie', value: `s=${'eyJ.'.repeat(16384)}` },
      ],
      responseHeaders: [
        { name: 'WWW-Authenticate', value: `Bearer realm="${big}", error="invalid_token", ${'x=y, '.repeat(13000)}` },
        { name: 'Proxy-Authenticate', value: 'Basic '.repeat(10000) },
      ],
      responseBody: `{"error":"${big}"}`.repeat(4),
    };
    const d = diagnose(ex);
    expect(d.findings.length).toBeGreaterThan(0);
    expect(JSON.stringify(d).length).toBeLessThan(40_000);
  });

  it('on 64 KB inputs shaped against the regular expressions', () => {
    const k = 65536;
    const claimsOf = (n: number): string => Buffer.from(`{${'"acrs""value"'.repeat(n / 14)}`).toString('base64');
    const shapes: Partial<Exchange>[] = [
      { url: `https://${'aa-'.repeat(k / 3)}a.s3.eu-west-1.amazonaws.com/` },
      { url: `https://${'a.'.repeat(k / 2)}amazonaws.com/` },
      {
        requestHeaders: [
          { name: 'Authorization', value: `Bearer ${'a'.repeat(k)}!` },
          { name: 'Cookie', value: 'a=b;'.repeat(k / 4) },
        ],
      },
      { requestHeaders: [{ name: 'Authorization', value: `${' '.repeat(k)}x` }] },
      {
        responseHeaders: [
          {
            name: 'WWW-Authenticate',
            value: `Bearer error="insufficient_claims", claims="${claimsOf(k)}"`,
          },
        ],
      },
      {
        responseHeaders: [
          { name: 'Access-Control-Expose-Headers', value: ' ,'.repeat(k / 2) },
          { name: 'WWW-Authenticate', value: 'DPoP error="use_dpop_nonce"' },
        ],
        initiator: 'https://a.example',
      },
      {
        responseBody: `<Code>${'<Code>'.repeat(k / 6)}`,
        responseHeaders: [{ name: 'x-amzn-ErrorType', value: ':'.repeat(k) }],
      },
      { responseBody: 'csrf '.repeat(k / 5) },
    ];
    for (const shape of shapes) {
      const ex: Exchange = {
        url: 'https://api.example.com/',
        method: 'POST',
        status: 401,
        timeStamp: 1_800_000_000_000,
        requestHeaders: [],
        responseHeaders: [],
        ...shape,
      };
      expect(diagnose(ex).findings.length).toBeGreaterThan(0);
    }
  });
});

describe('secrets stay masked', () => {
  const b64url = fc.string({
    unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('')),
    minLength: 16,
    maxLength: 120,
  });

  it('a bearer token never appears whole', () => {
    fc.assert(
      fc.property(
        b64url,
        fc.constantFrom(401, 403),
        fc.constantFrom('', 'error="invalid_token"', 'error="insufficient_scope", scope="x"'),
        (tok, status, err) => {
          const d = diagnose({
            url: 'https://api.example.com/',
            method: 'GET',
            status,
            timeStamp: 1_800_000_000_000,
            requestHeaders: [{ name: 'Authorization', value: `Bearer ${tok}` }],
            responseHeaders: [{ name: 'WWW-Authenticate', value: `Bearer realm="r"${err ? `, ${err}` : ''}` }],
          });
          expect(JSON.stringify(d)).not.toContain(tok);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a Basic password never appears; the user name does', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,12}$/), fc.stringMatching(/^[0-9A-F]{8,20}$/), (user, pw) => {
        const password = `P@${pw}`;
        const d = diagnose({
          url: 'https://api.example.com/',
          method: 'GET',
          status: 401,
          timeStamp: 1_800_000_000_000,
          requestHeaders: [
            { name: 'Authorization', value: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
          ],
          responseHeaders: [{ name: 'WWW-Authenticate', value: 'Basic realm="r"' }],
        });
        expect(JSON.stringify(d)).not.toContain(password);
        expect(d.summary).toContain(`"${user}"`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('diagnose isolates failures', () => {
  it('an exchange whose fields throw on access still gets a finding', () => {
    const hostile = new Proxy(
      {},
      {
        get: (_t, p) => {
          if (p === 'status') return 401;
          throw new Error('boom');
        },
      },
    ) as Exchange;
    const d = diagnose(hostile);
    expect(d.findings.map((f) => f.id)).toEqual(['auth-failed']);
    expect(d.summary).toContain('401');
  });
});
