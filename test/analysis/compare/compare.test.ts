// The comparison by meaning, as tables of pairs: (this request, the other) -> the differences,
// most explanatory first; and never a secret in what it says.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareExchanges, DIFFERENCE_ORDER, type Exchange } from '../../../src/analysis/index.ts';
import { S, T, ex, jwt } from '../rules/helpers.ts';

type Hs = Record<string, string>;
const URL_A = 'https://api.example.com/v1/orders/17';
const URL_B = 'https://api.example.com/v1/orders/42';
const fail = (req: Hs, o: Partial<Exchange> = {}): Exchange => ({ ...ex({ url: URL_B, req }), ...o });
const okay = (req: Hs, o: Partial<Exchange> = {}): Exchange => ({
  ...ex({ url: URL_A, status: 200, timeStamp: T - 120_000, req }),
  ...o,
});
const kinds = (a: Exchange, b: Exchange): string[] => compareExchanges(a, b).differences.map((d) => d.kind);

const claims = { iss: 'https://id.example.com', aud: 'orders-api', sub: 'u1', scope: 'orders:read orders:write' };
const LIVE = jwt({ ...claims, exp: S + 600 });
const EXPIRED = jwt({ ...claims, exp: S - 90 }); // 30 s left at the success (T - 2 min), expired at T
const OTHER_AUD = jwt({ ...claims, aud: 'billing-api', exp: S + 3600 });
const NARROW = jwt({ ...claims, scope: 'orders:read', exp: S + 3600 });
const MFA = jwt({ ...claims, acr: 'mfa', exp: S + 3600 });
const bearer = (t: string): Hs => ({ Authorization: `Bearer ${t}` });

describe('compareExchanges: tables of pairs', () => {
  it.each<[string, Hs, Hs, string[]]>([
    ['the same headers, another order and case', { A: '1', Cookie: 'sid=1' }, { cookie: 'sid=1', a: '1' }, []],
    ['nothing sent by either', {}, {}, []],
    ['the credential missing', {}, bearer(LIVE), ['credential-missing']],
    ['a credential added', bearer(LIVE), {}, ['credential-added']],
    ['the same token, expired since', bearer(EXPIRED), bearer(EXPIRED), ['token-expired']],
    [
      'a refresh gave a token for another audience',
      bearer(OTHER_AUD),
      bearer(LIVE),
      ['audience-changed', 'token-changed', 'expiry-changed'],
    ],
    ['a narrower token', bearer(NARROW), bearer(LIVE), ['scope-lost', 'token-changed', 'expiry-changed']],
    ['a step-up token', bearer(MFA), bearer(LIVE), ['acr-changed', 'token-changed', 'expiry-changed']],
    ['the scheme', { Authorization: `DPoP ${LIVE}` }, bearer(LIVE), ['scheme-changed', 'token-changed']],
    ['an opaque token changed', bearer('2YotnFZFEjr1zKsicMWpAA'), bearer('8xLOxBtZp8zKsicMWpAAq'), ['token-changed']],
    [
      'cookies lost cross-site',
      { Cookie: 'theme=dark', Origin: 'https://app.example.com', 'Sec-Fetch-Site': 'cross-site' },
      { Cookie: 'session=abc123; theme=dark', Origin: 'https://api.example.com', 'Sec-Fetch-Site': 'same-origin' },
      ['cookies-missing', 'origin-changed', 'sec-fetch-site-changed'],
    ],
    ['a cookie more', { Cookie: 'a=1; b=2' }, { Cookie: 'a=1' }, ['cookies-added']],
    ['Sec-Fetch-Mode', { 'Sec-Fetch-Mode': 'no-cors' }, { 'Sec-Fetch-Mode': 'cors' }, ['sec-fetch-mode-changed']],
    [
      'a form instead of JSON',
      { 'Content-Type': 'application/x-www-form-urlencoded' },
      { 'Content-Type': 'application/json' },
      ['content-type-changed'],
    ],
    [
      'multipart boundaries and charsets are not differences',
      { 'Content-Type': 'multipart/form-data; boundary=aaa' },
      { 'content-type': 'Multipart/Form-Data; boundary=bbb; charset=utf-8' },
      [],
    ],
    ['an API key missing', {}, { 'X-Api-Key': 'key_live_1234567890' }, ['credential-missing']],
    [
      'an API key changed',
      { 'X-Api-Key': 'key_live_0000000000' },
      { 'x-api-key': 'key_live_1234567890' },
      ['api-key-changed'],
    ],
  ])('%s', (_, mine, theirs, want) => {
    expect(kinds(fail(mine), okay(theirs))).toEqual(want);
  });

  it('ranks the most explanatory first, whatever order they were found in', () => {
    const d = kinds(
      fail({ Cookie: 'theme=dark', 'Content-Type': 'text/plain', ...bearer(OTHER_AUD) }),
      okay({ Cookie: 'session=1; theme=dark', 'Content-Type': 'application/json', ...bearer(LIVE) }),
    );
    expect(d).toEqual([
      'audience-changed',
      'cookies-missing',
      'token-changed',
      'content-type-changed',
      'expiry-changed',
    ]);
    const rank = (k: string): number => DIFFERENCE_ORDER.indexOf(k as (typeof DIFFERENCE_ORDER)[number]);
    expect(d.map(rank)).toEqual([...d.map(rank)].sort((a, b) => a - b));
  });

  it('names the expiry and how long before each request', () => {
    const c = compareExchanges(fail(bearer(EXPIRED)), okay(bearer(EXPIRED)));
    const top = c.differences[0]!;
    expect(top.kind).toBe('token-expired');
    expect(top.subject).toMatch(/^expired 1 min before this request \(exp 2026-11-22 18:30:35 UTC\)$/);
    expect(top.reference).toBe('valid, 30 s left');
    expect(top.says).toContain('the same token was still valid at the other request');
    expect(c.apart).toBe(120_000);
    expect(c.sameEndpoint).toBe(true);
    expect(c.same).toContain('Authorization (the same value)');
  });

  it('a new token that had already expired: expired first, then what changed', () => {
    const stale = jwt({ ...claims, aud: 'billing-api', exp: S - 5 });
    expect(kinds(fail(bearer(stale)), okay(bearer(LIVE)))).toEqual([
      'token-expired',
      'audience-changed',
      'token-changed',
    ]);
  });

  it('DPoP: a missing proof, and a proof made for another request', () => {
    const proof = (htm: string, htu: string): string => jwt({ htm, htu, iat: S, jti: 'j' }, { typ: 'dpop+jwt' });
    const good = { DPoP: proof('GET', URL_A) };
    expect(kinds(fail({}), okay(good))).toEqual(['dpop-proof-missing']);
    expect(kinds(fail({ DPoP: proof('POST', URL_B) }), okay(good))).toEqual(['dpop-mismatch']);
    // each proof fits its own request: the htu differs as the URLs do, which is right
    expect(kinds(fail({ DPoP: proof('GET', URL_B) }), okay(good))).toEqual([]);
    expect(compareExchanges(fail({ DPoP: proof('POST', URL_B) }), okay(good)).differences[0]!.says).toContain(
      `made for POST ${URL_B}`,
    );
  });

  it('the redirect chain (origins and paths only: a hop query may hold a code)', () => {
    const hop = { url: 'https://api.example.com/old?code=SECRETCODE', status: 307, requestHeaders: [] };
    const c = compareExchanges(fail({}, { redirects: [hop] }), okay({}));
    expect(c.differences.map((d) => d.kind)).toEqual(['redirects-changed']);
    expect(c.differences[0]!.subject).toBe('307 https://api.example.com/old');
    expect(JSON.stringify(c)).not.toContain('SECRETCODE');
  });

  it('a success kept only as a digest: what it did not keep is unknown, not a difference', () => {
    const kept = (digest: Exchange['digest'], req: Hs = bearer(LIVE)): Exchange => ({
      ...okay(req),
      responseHeaders: [],
      digest,
    });
    const mine = fail({ Cookie: 'theme=dark', Origin: 'https://app.example.com', ...bearer(LIVE) });
    const c = compareExchanges(mine, kept({}));
    expect(c.differences).toEqual([]);
    expect(c.unknown).toEqual(
      expect.arrayContaining(['Cookies', 'Origin', 'Sec-Fetch-Site', 'DPoP proof', 'Redirects']),
    );
    const d = compareExchanges(mine, kept({ cookies: ['session', 'theme'], origin: 'https://api.example.com' }));
    expect(d.differences.map((x) => x.kind)).toEqual(['cookies-missing', 'origin-changed']);
    expect(d.differences[0]!.subject).toBe('not sent: session');
  });

  it('another endpoint is said so', () => {
    expect(compareExchanges(fail({}), okay({}, { url: 'https://api.example.com/v1/me' })).sameEndpoint).toBe(false);
    expect(compareExchanges(fail({}), okay({}, { method: 'POST' })).sameEndpoint).toBe(false);
  });
});

describe('compareExchanges: no secret in the output', () => {
  const secrets = {
    token: LIVE,
    basic: 'YWxpY2U6d29uZGVybGFuZA==',
    session: 's3ss10nV4lu3XYZ',
    apiKey: 'key_live_1234567890abcdef',
  };
  it('tokens, Basic credentials, cookie values and API keys appear only masked', () => {
    const pairs: [Hs, Hs][] = [
      [bearer(OTHER_AUD), bearer(secrets.token)],
      [{}, bearer(secrets.token)],
      [{ Authorization: `Basic ${secrets.basic}` }, {}],
      [{ Authorization: 'Basic b3RoZXI6b3RoZXI=' }, { Authorization: `Basic ${secrets.basic}` }],
      [{ Cookie: 'theme=dark' }, { Cookie: `session=${secrets.session}; theme=dark` }],
      [{}, { 'X-Api-Key': secrets.apiKey }],
      [{ 'X-Api-Key': 'key_live_0000000000000000' }, { 'X-Api-Key': secrets.apiKey }],
    ];
    for (const [a, b] of pairs) {
      const text = JSON.stringify([compareExchanges(fail(a), okay(b)), compareExchanges(okay(b), fail(a))]);
      for (const s of Object.values(secrets)) {
        expect(text).not.toContain(s);
        expect(text).not.toContain(s.slice(0, 16));
      }
    }
  });

  it('never throws on garbage', () => {
    const anyEx = fc.record(
      {
        url: fc.oneof(fc.string(), fc.constant(URL_A)),
        method: fc.oneof(fc.string(), fc.constant(undefined as unknown as string)),
        status: fc.oneof(fc.integer(), fc.constant(Number.NaN)),
        timeStamp: fc.double(),
        requestHeaders: fc.array(
          fc.oneof(fc.record({ name: fc.string(), value: fc.string() }), fc.anything() as fc.Arbitrary<never>),
        ),
        redirects: fc.array(fc.anything()),
        responseHeaders: fc.constant([] as { name: string; value: string }[]),
        digest: fc.option(fc.dictionary(fc.constantFrom('cookies', 'origin', 'dpop'), fc.anything()), {
          nil: undefined,
        }),
      },
      { requiredKeys: ['url', 'method', 'status', 'timeStamp', 'requestHeaders', 'responseHeaders'] },
    );
    const cookieEx = fc.record({
      url: fc.constant(URL_A),
      method: fc.constant('GET'),
      status: fc.constant(401),
      timeStamp: fc.constant(T),
      requestHeaders: fc.array(
        fc.record({ name: fc.constantFrom('Cookie', 'Authorization', 'DPoP', 'Origin'), value: fc.string() }),
      ),
      responseHeaders: fc.constant([] as { name: string; value: string }[]),
    });
    fc.assert(
      fc.property(cookieEx, cookieEx, (a, b) => {
        compareExchanges(a, b);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(anyEx, anyEx, (a, b) => {
        compareExchanges(a as unknown as Exchange, b as unknown as Exchange);
      }),
      { numRuns: 300 },
    );
  });
});
