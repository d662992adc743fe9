import { describe, expect, it } from 'vitest';
import { createDigestServer, hash, parseDigest, responseFor, type Algorithm } from '../../../scripts/lab/digest.ts';

const T0 = 1_800_000_000_000;
const server = () =>
  createDigestServer({
    realm: 'lab files',
    users: [{ user: 'alice', password: 'wonderland' }],
    nonceLifetimeMs: 1000,
    secret: Buffer.alloc(32, 7),
  });

function answer(
  challenge: string,
  o: { user?: string; password?: string; uri?: string; method?: string; alg?: Algorithm } = {},
): string {
  const p = parseDigest(challenge)!;
  const alg = o.alg ?? (p.algorithm as Algorithm);
  const uri = o.uri ?? '/digest/vault';
  const base = {
    user: o.user ?? 'alice',
    realm: p.realm!,
    password: o.password ?? 'wonderland',
    method: o.method ?? 'GET',
    uri,
    nonce: p.nonce!,
    nc: '00000001',
    cnonce: 'c0ffee',
    qop: 'auth',
  };
  return (
    `Digest username="${base.user}", realm="${base.realm}", nonce="${base.nonce}", uri="${uri}", ` +
    `algorithm=${alg}, qop=auth, nc=00000001, cnonce="c0ffee", response="${responseFor(alg, base)}"`
  );
}

describe('lab Digest server (RFC 7616)', () => {
  it('offers SHA-256 first, then MD5, each with its own nonce', () => {
    const [sha, md5] = server().challenges(T0);
    expect(sha).toMatch(/^Digest realm="lab files", qop="auth", algorithm=SHA-256, nonce="[^"]+", opaque="[0-9a-f]+"$/);
    expect(md5).toMatch(/algorithm=MD5/);
    expect(parseDigest(sha!)!.nonce).not.toBe(parseDigest(md5!)!.nonce);
  });

  it('accepts the right password with a fresh nonce, for both algorithms', () => {
    const s = server();
    const [sha, md5] = s.challenges(T0);
    expect(s.check(answer(sha!), 'GET', '/digest/vault', T0 + 500)).toBe('ok');
    expect(s.check(answer(md5!), 'GET', '/digest/vault', T0 + 500)).toBe('ok');
  });

  it('says stale only when the password was right and the nonce too old', () => {
    const s = server();
    const [sha] = s.challenges(T0);
    expect(s.check(answer(sha!), 'GET', '/digest/vault', T0 + 1001)).toBe('stale');
    expect(s.check(answer(sha!, { password: 'guess' }), 'GET', '/digest/vault', T0 + 1001)).toBe('rejected');
    expect(s.challenges(T0, true)[0]).toMatch(/, stale=true$/);
  });

  it('rejects a wrong password, an unknown user, another uri or method, a forged nonce', () => {
    const s = server();
    const [sha] = s.challenges(T0);
    expect(s.check(answer(sha!, { password: 'guess' }), 'GET', '/digest/vault', T0)).toBe('rejected');
    expect(s.check(answer(sha!, { user: 'mallory' }), 'GET', '/digest/vault', T0)).toBe('rejected');
    expect(s.check(answer(sha!), 'GET', '/digest/other', T0)).toBe('rejected');
    expect(s.check(answer(sha!, { method: 'POST' }), 'GET', '/digest/vault', T0)).toBe('rejected');
    const forged = answer(sha!).replace(/nonce="[^"]+"/, `nonce="${T0.toString(36)}.AAAAAAAA.forgedforgedforgedforg"`);
    expect(s.check(forged, 'GET', '/digest/vault', T0)).toBe('rejected');
    const other = server();
    expect(other.check(answer(sha!), 'GET', '/digest/vault', T0)).toBe('ok'); // same secret, same realm
  });

  it('tells missing and malformed apart', () => {
    const s = server();
    expect(s.check(undefined, 'GET', '/x', T0)).toBe('missing');
    expect(s.check('Basic YTpi', 'GET', '/x', T0)).toBe('malformed');
    expect(s.check('Digest username="alice"', 'GET', '/x', T0)).toBe('malformed');
  });

  it('computes RFC 7616 §3.9.1 example responses (SHA-256 and MD5)', () => {
    const p = {
      user: 'Mufasa',
      realm: 'http-auth@example.org',
      password: 'Circle of Life',
      method: 'GET',
      uri: '/dir/index.html',
      nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
      nc: '00000001',
      cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
      qop: 'auth',
    };
    expect(responseFor('MD5', p)).toBe('8ca523f5e9506fed4657c9700eebdbec');
    expect(responseFor('SHA-256', p)).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
    expect(hash('MD5', '')).toBe('d41d8cd98f00b204e9800998ecf8427e');
  });

  it('parses quoted, escaped and bare parameters', () => {
    expect(parseDigest('Digest username="a\\"b", nc=00000001, qop=auth')).toEqual({
      username: 'a"b',
      nc: '00000001',
      qop: 'auth',
    });
    expect(parseDigest('Bearer x')).toBeUndefined();
  });
});
