import { describe, expect, it } from 'vitest';
import { claim, inspectJwt, scopesOf, timeClaim } from '../../../src/analysis/credentials/jwt-token.ts';

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
