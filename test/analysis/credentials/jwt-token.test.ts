import { describe, expect, it } from 'vitest';
import { claim, inspectJwt, scopesOf, timeClaim } from '../../../src/analysis/credentials/jwt-token.ts';
import { inspectCredentials } from '../../../src/analysis/credentials/index.ts';

const b64 = (o: unknown) => Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64url');
const jwt = (p: object, h: object = { alg: 'RS256', kid: 'k1' }) => `${b64(h)}.${b64(p)}.c2lnbmF0dXJl`;

describe('inspectJwt', () => {
  it('decodes a JWS', () => {
    expect(inspectJwt(jwt({ sub: 'a' }))).toEqual({
      kind: 'jws',
      header: { alg: 'RS256', kid: 'k1' },
      payload: { sub: 'a' },
    });
  });
  it('recognises a JWE by its five parts', () => {
    expect(inspectJwt(`${b64({ alg: 'dir', enc: 'A256GCM' })}..iv.ct.tag`)).toEqual({ kind: 'jwe' });
  });
  it('calls a JWT-looking token that will not decode malformed', () => {
    expect(inspectJwt(`${b64({ alg: 'HS256' })}.${b64('nope')}.sig`)?.kind).toBe('malformed');
    expect(inspectJwt('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0')?.kind).toBe('malformed');
    expect(inspectJwt(`eyJ${'a'.repeat(70000)}`)?.kind).toBe('malformed');
  });
  it('leaves opaque tokens alone, dots or not', () => {
    for (const t of ['mF_9.B5f-4.1JqM', 'ya29.a0AfB_byC3', 'ghp_abc', 'a.b.c']) expect(inspectJwt(t)).toBeUndefined();
  });
});

describe('claims', () => {
  it('reads strings, numbers and arrays; ignores objects', () => {
    const p = { iss: 'x', n: 5, aud: ['a', 'b', 3], o: { a: 1 } };
    expect([claim(p, 'iss'), claim(p, 'n'), claim(p, 'aud'), claim(p, 'o'), claim(undefined, 'iss')]).toEqual([
      'x',
      '5',
      'a, b',
      undefined,
      undefined,
    ]);
  });
  it('reads times in seconds as ms, rejecting non-numbers', () => {
    expect(timeClaim({ exp: 1800000000 }, 'exp')).toBe(1800000000000);
    for (const exp of ['1800000000', NaN, 1e20, null]) expect(timeClaim({ exp }, 'exp')).toBeUndefined();
  });
  it('reads scope, scp and arrays', () => {
    expect(scopesOf({ scope: 'openid  profile' })).toEqual(['openid', 'profile']);
    expect(scopesOf({ scp: 'User.Read Mail.Read' })).toEqual(['User.Read', 'Mail.Read']);
    expect(scopesOf({ scp: ['a', 1, 'b'] })).toEqual(['a', 'b']);
    expect(scopesOf({})).toBeUndefined();
  });
});

describe('inspectCredentials', () => {
  it('lists every credential masked, with what can be read locally', () => {
    const token = jwt({ iss: 'https://login.example.com/', aud: 'api', exp: 1800000000, scope: 'read write' });
    const views = inspectCredentials({
      url: 'https://api.example.com/x?api_key=k_1234567890abcdef',
      method: 'GET',
      status: 401,
      timeStamp: 1,
      requestHeaders: [
        { name: 'Authorization', value: `Bearer ${token}` },
        { name: 'Cookie', value: 'sid=abcdef123456; theme=dark' },
        { name: 'x-api-key', value: 'ghp_16C7e42F292c6912E7710c838347Ae178B4a' },
      ],
      responseHeaders: [],
    });
    expect(views.map((v) => [v.where, v.kind])).toEqual([
      ['Authorization (Bearer)', 'JWT'],
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
    const all = JSON.stringify(views);
    for (const secret of [token, 'abcdef123456', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a', 'k_1234567890abcdef'])
      expect(all).not.toContain(secret);
    expect(views[0]!.fingerprint).toMatch(/^[0-9a-f]{6}$/);
  });
  it('shows the Basic user and the SigV4 scope', () => {
    const basic = inspectCredentials({
      url: 'https://x.test/',
      method: 'GET',
      status: 401,
      timeStamp: 1,
      responseHeaders: [],
      requestHeaders: [{ name: 'Authorization', value: 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==' }],
    });
    expect(basic[0]!.details).toEqual([{ label: 'user', value: 'Aladdin' }]);
    expect(JSON.stringify(basic)).not.toContain('sesame');
  });
  it('never throws', () => {
    expect(inspectCredentials(null as never)).toEqual([]);
  });
});
