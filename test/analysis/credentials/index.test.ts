import { describe, expect, it } from 'vitest';
import { inspectCredentials } from '../../../src/analysis/credentials/index.ts';
import { isCredentialHeader, isCredentialParam } from '../../../src/analysis/credentials/vocabulary.ts';
import type { Exchange } from '../../../src/analysis/types.ts';

const b64 = (o: unknown) => Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64url');
const jwt = (p: object, h: object = { alg: 'RS256', kid: 'k1' }) => `${b64(h)}.${b64(p)}.c2lnbmF0dXJl`;
const ex = (requestHeaders: Exchange['requestHeaders'], over: Partial<Exchange> = {}): Exchange => ({
  url: 'https://x.test/',
  method: 'GET',
  status: 401,
  timeStamp: 1,
  requestHeaders,
  responseHeaders: [],
  ...over,
});

describe('inspectCredentials', () => {
  it('lists every credential, masked, with what can be read locally; the value as sent only in `value`', () => {
    const token = jwt({ iss: 'https://login.example.com/', aud: 'api', exp: 1800000000, scope: 'read write' });
    const views = inspectCredentials(
      ex(
        [
          { name: 'Authorization', value: `Bearer ${token}` },
          { name: 'Cookie', value: 'sid=abcdef123456; theme=dark' },
          { name: 'x-api-key', value: 'ghp_16C7e42F292c6912E7710c838347Ae178B4a' },
        ],
        { url: 'https://api.example.com/x?api_key=k_1234567890abcdef' },
      ),
    );
    expect(views.map((v) => [v.where, v.kind])).toEqual([
      ['Authorization', 'JWT'],
      ['x-api-key', 'GitHub personal access token (classic)'],
      ['query ?api_key', 'opaque token'],
      ['cookie sid', 'cookie'],
      ['cookie theme', 'cookie'],
    ]);
    expect(views[0]!.details).toEqual(
      expect.arrayContaining([
        { label: 'iss', value: 'https://login.example.com/' },
        { label: 'exp', value: '2027-01-15 08:00:00 UTC' },
        { label: 'scopes', value: 'read write' },
      ]),
    );
    expect(views[0]!.jwt?.payload.aud).toBe('api');
    expect(views[0]!.value).toBe(`Bearer ${token}`);
    expect(views[0]!.masked).toMatch(/^Bearer eyJhbGciOi…\S{4}$/);
    const shown = JSON.stringify(views.map(({ value: _v, jwt: _j, ...rest }) => rest));
    for (const secret of [token, 'abcdef123456', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a', 'k_1234567890abcdef'])
      expect(shown).not.toContain(secret);
    // no key here: fingerprints are the pages' (keyed per session, src/redact)
    expect(views[0]!.fingerprint).toBeUndefined();
    // "dark": six hex characters of its hash could be brute-forced back to it
    expect(views[4]).toMatchObject({ value: 'dark', masked: '•••' });
    expect(views[4]!.fingerprint).toBeUndefined();
  });

  it("judges JWT times against the server's Date (RFC 9110 HTTP-date), else the browser's time", () => {
    const token = jwt({ iat: 1_795_370_000, exp: 1_795_370_600 });
    const date = 'Sun, 22 Nov 2026 18:32:05 GMT'; // 1 795 372 325 s: exp was 28 min 45 s before
    const [server] = inspectCredentials(
      ex([{ name: 'Authorization', value: `Bearer ${token}` }], {
        timeStamp: 1_795_370_000_000,
        responseHeaders: [{ name: 'Date', value: date }],
      }),
    );
    expect(server!.times).toEqual({
      reference: Date.parse(date),
      referenceBy: "the server's clock",
      claims: [
        { claim: 'iat', at: 1_795_370_000_000, utc: '2026-11-22 17:53:20 UTC', relative: '38 min ago' },
        {
          claim: 'exp',
          at: 1_795_370_600_000,
          utc: '2026-11-22 18:03:20 UTC',
          relative: '28 min ago',
          expired: true,
        },
      ],
    });
    // no usable Date (Date.parse would take this one; the HTTP-date grammar does not)
    const [client] = inspectCredentials(
      ex([{ name: 'Authorization', value: `Bearer ${token}` }], {
        timeStamp: 1_795_370_300_000,
        responseHeaders: [{ name: 'Date', value: '2026-11-22T18:32:05Z' }],
      }),
    );
    expect(client!.times).toMatchObject({ reference: 1_795_370_300_000, referenceBy: "the browser's clock" });
    expect(client!.times!.claims.find((t) => t.claim === 'exp')).toMatchObject({
      relative: 'in 5 min',
      expired: false,
    });
  });

  it('Basic: the user, never the password, and no character of the base64 in the mask', () => {
    const value = 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==';
    const [basic] = inspectCredentials(ex([{ name: 'Authorization', value }]));
    expect(basic).toMatchObject({ where: 'Authorization', kind: 'Basic', value });
    expect(basic!.details).toEqual([{ label: 'user', value: 'Aladdin' }]);
    expect(basic!.masked).toBe('Basic •••');
    const [bad] = inspectCredentials(ex([{ name: 'Authorization', value: 'Basic !!!notbase64' }]));
    expect(bad!.problem).toBe('the Basic credentials are not valid base64');
  });

  it('SigV4 scope, Digest parameters, Proxy-Authorization, a DPoP proof', () => {
    const views = inspectCredentials(
      ex([
        {
          name: 'Authorization',
          value:
            'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261122/eu-west-1/s3/aws4_request, ' +
            'SignedHeaders=host;x-amz-date, Signature=' +
            'a'.repeat(64),
        },
        { name: 'Proxy-Authorization', value: 'Digest username="bob", realm="corp", nonce="n", response="r"' },
        { name: 'DPoP', value: jwt({ htm: 'GET', htu: 'https://x.test/', iat: 1 }, { typ: 'dpop+jwt', alg: 'ES256' }) },
      ]),
    );
    expect(views.map((v) => [v.where, v.kind])).toEqual([
      ['Authorization', 'AWS SigV4'],
      ['Proxy-Authorization', 'Digest'],
      ['DPoP', 'DPoP proof'],
    ]);
    expect(views[0]!.details).toContainEqual({ label: 'scope', value: '20261122/eu-west-1/s3' });
    expect(views[1]!.details).toEqual([
      { label: 'username', value: 'bob' },
      { label: 'realm', value: 'corp' },
    ]);
    expect(views[2]!.jwt?.header.typ).toBe('dpop+jwt');
  });

  it('says what is wrong with a malformed Authorization, and never throws', () => {
    const [alone] = inspectCredentials(ex([{ name: 'Authorization', value: 'Bearer' }]));
    expect(alone).toMatchObject({ where: 'Authorization', kind: 'Bearer', masked: 'Bearer' });
    expect(alone!.problem).toContain('followed by no token');
    const [broken] = inspectCredentials(ex([{ name: 'Authorization', value: 'Bearer eyJx.eyJy.z' }]));
    expect(broken!.kind).toBe('malformed JWT');
    expect(broken!.problem).toBeTruthy();
    expect(inspectCredentials(null as never)).toEqual([]);
  });
});

describe('the names the engine reads credentials from (for masking)', () => {
  it('API key headers and credential query parameters', () => {
    expect(isCredentialHeader('X-API-Key')).toBe(true);
    expect(isCredentialHeader('Ocp-Apim-Subscription-Key')).toBe(true);
    expect(isCredentialHeader('Accept')).toBe(false);
    expect(isCredentialParam('access_token')).toBe(true);
    expect(isCredentialParam('Auth_Token')).toBe(true);
    expect(isCredentialParam('page')).toBe(false);
    expect(isCredentialParam('a b&c=d')).toBe(false);
  });
});
