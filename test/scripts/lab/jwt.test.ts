import { describe, expect, it } from 'vitest';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { makeKeys, mint, verify, scopesOf, AUDIENCE, ISSUER, TOKEN_KINDS } from '../../../scripts/lab/jwt.ts';

const NOW = 1_800_000_000_000;

describe('lab JWTs (jose)', async () => {
  const keys = await makeKeys();

  it('a valid token verifies, with issuer, audience, scope and acr', async () => {
    const t = await mint(keys, 'valid', NOW);
    const v = await verify(keys, t, NOW);
    expect(v.ok).toBe(true);
    expect(decodeJwt(t)).toMatchObject({
      iss: ISSUER,
      aud: AUDIENCE,
      sub: 'alice',
      scope: 'lab:read lab:write',
      acr: 'urn:lab:mfa',
    });
    expect(decodeProtectedHeader(t)).toMatchObject({ alg: 'ES256', kid: 'lab-2026' });
  });

  it.each([
    ['expired', 'The access token expired'],
    ['future', 'The access token is not yet valid'],
    ['foreign-key', 'The access token signature is invalid'],
    ['wrong-audience', 'The access token audience is not accepted'],
  ] as const)('%s is refused by the resource server: %s', async (kind, description) => {
    expect(await verify(keys, await mint(keys, kind, NOW), NOW)).toEqual({ ok: false, description });
  });

  it('expired is really expired 15 minutes ago; future is really 10 minutes ahead', async () => {
    const exp = decodeJwt(await mint(keys, 'expired', NOW));
    expect(exp.exp).toBe(NOW / 1000 - 900);
    const fut = decodeJwt(await mint(keys, 'future', NOW));
    expect([fut.nbf, fut.iat]).toEqual([NOW / 1000 + 600, NOW / 1000 + 600]);
    // ...and becomes valid once the server clock catches up
    expect((await verify(keys, await mint(keys, 'future', NOW), NOW + 601_000)).ok).toBe(true);
  });

  it('read-only and password-only tokens verify but lack lab:write / mfa', async () => {
    const ro = await verify(keys, await mint(keys, 'read-only', NOW), NOW);
    expect(ro.ok && scopesOf(ro.claims)).toEqual(['lab:read']);
    const pwd = await verify(keys, await mint(keys, 'password-only', NOW), NOW);
    expect(pwd.ok && pwd.claims.acr).toBe('urn:lab:pwd');
  });

  it('garbage and `undefined` are malformed, never a throw', async () => {
    for (const t of ['undefined', '', 'a.b.c', 'x'.repeat(5000)])
      expect(await verify(keys, t, NOW)).toEqual({ ok: false, description: 'The access token is malformed' });
  });

  it('knows every kind it mints', async () => {
    for (const k of TOKEN_KINDS) expect(typeof (await mint(keys, k, NOW))).toBe('string');
  });
});
