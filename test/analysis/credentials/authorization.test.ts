import { describe, expect, it } from 'vitest';
import { inspectAuthorization } from '../../../src/analysis/credentials/authorization.ts';

const problems = (v: string) => inspectAuthorization(v).problems;

describe('inspectAuthorization', () => {
  it('reads a well-formed Bearer token', () => {
    const a = inspectAuthorization('Bearer mF_9.B5f-4.1JqM');
    expect(a).toMatchObject({ scheme: 'Bearer', lc: 'bearer', token: 'mF_9.B5f-4.1JqM', problems: [] });
  });

  it.each([
    ['', /empty/],
    ['Bearer', /followed by no token/],
    ['Bearer ', /ends with spaces/],
    ['Bearer abc\n', /newline/],
    [' Bearer abc', /starts with spaces/],
    ['BearereyJhbGciOiJIUzI1NiJ9.e30.sig', /no space between "Bearer"/],
    ['Bearer Bearer abc', /doubled/],
    ['bearer BEARER abc', /doubled/],
    ['Bearer "abc"', /quotes/],
    ["Bearer 'abc'", /quotes/],
    ['Bearer undefined', /literal text "undefined"/],
    ['Bearer null', /literal text "null"/],
    ['Bearer [object Object]', /\[object Object\]/],
    ['Bearer abc def', /spaces/],
    ['Bearer abc{}', /cannot contain/],
    ['ghp_16C7e42F292c6912E7710c838347Ae178B4a', /no scheme/],
    ['Basic !!!', /not valid base64/],
    ['Basic YWxhZGRpbg==', /no ":"/],
  ])('%j is malformed', (value, re) => {
    expect(problems(value).join('; ')).toMatch(re);
  });

  it.each([
    'Bearer abc',
    'Bearer a.b.c==',
    'DPoP eyJ0.eyJ1.sig',
    'Token 9944b09199c6',
    'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==',
    'Negotiate YIIGhgYJKoZIhvcSAQICAQBuggZ1',
    'NTLM TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAKAGFKAAAADw==',
    'SharedKey myaccount:ctzMq410TV3wS7upTBcunJTDLEJwMAZuFPfr0mrrA08=',
  ])('%j is fine', (value) => {
    expect(problems(value)).toEqual([]);
  });

  it('decodes the Basic user name and password length, never keeping the password', () => {
    const a = inspectAuthorization('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
    expect(a.basic).toEqual({ user: 'Aladdin', passwordLength: 11, nonAscii: false });
    expect(JSON.stringify(a.basic)).not.toContain('sesame');
  });

  it.each([
    ['Basic dW5kZWZpbmVkOnVuZGVmaW5lZA==', '"undefined":"undefined"'],
    ['Basic bnVsbDpudWxs', '"null":"null"'],
    ['Basic Og==', '"":""'],
    ['Basic dW5kZWZpbmVkOnMzY3JldA==', '"undefined":the password'],
  ])('%s is a placeholder (%s), never showing a real password', (value, shown) => {
    const a = inspectAuthorization(value);
    expect(a.basic?.placeholder).toBe(true);
    expect(a.problems[0]).toContain(shown);
    expect(JSON.stringify(a)).not.toContain('s3cret');
  });

  it("takes Cosmos DB's URL-encoded type=…&ver=…&sig=… as its own form", () => {
    expect(problems('type%3Dmaster%26ver%3D1.0%26sig%3DtB2lZgq3vN5mM4Tr7uQk0W9xqZc%2B8vYfR3rW1hK2pD0%3D')).toEqual([]);
  });

  it('parses Digest parameters and reports Digest grammar problems', () => {
    const a = inspectAuthorization(
      'Digest username="Mufasa", realm="http-auth@example.org", algorithm=SHA-256, qop=auth',
    );
    expect(a.params).toMatchObject({ username: 'Mufasa', realm: 'http-auth@example.org', algorithm: 'SHA-256' });
    expect(a.problems).toEqual([]);
    expect(inspectAuthorization('Digest username="Mufasa').problems.length).toBeGreaterThan(0);
  });

  it('parses AWS SigV4', () => {
    const a = inspectAuthorization(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261122/eu-west-1/s3/aws4_request, ' +
        'SignedHeaders=host;x-amz-date, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024',
    );
    expect(a.sigv4).toEqual({
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      date: '20261122',
      region: 'eu-west-1',
      service: 's3',
      signedHeaders: ['host', 'x-amz-date'],
      hasSignature: true,
    });
  });
});
