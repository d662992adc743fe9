import { describe, expect, it } from 'vitest';
import { basicUser, credentialsOf, parseCookies, referenceClock } from '../../src/panel/credentials.ts';
import { tokenFormat } from '../../src/panel/tokenFormats.ts';
import { rec } from './records.ts';

const b64url = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (payload: Record<string, unknown>): string =>
  `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}.c2ln`;

describe('credentialsOf', () => {
  it('decodes a Bearer JWT with its time claims', () => {
    const token = jwt({ sub: 'u1', exp: 1_790_000_000, iat: 1_789_996_400 });
    const [c] = credentialsOf(rec({ requestHeaders: [{ name: 'Authorization', value: `Bearer ${token}` }] }));
    expect(c).toMatchObject({
      kind: 'authorization',
      header: 'Authorization',
      scheme: 'Bearer',
      token,
      format: 'JWT (JWS)',
    });
    if (c?.kind !== 'authorization' || !c.jwt || !('payload' in c.jwt)) throw new Error('no jwt');
    expect(c.jwt.payload.sub).toBe('u1');
    expect(c.times).toEqual([
      { claim: 'exp', at: 1_790_000_000_000 },
      { claim: 'iat', at: 1_789_996_400_000 },
    ]);
  });

  it('a JWT-shaped token that does not decode is reported, not thrown', () => {
    const [c] = credentialsOf(rec({ requestHeaders: [{ name: 'Authorization', value: 'Bearer eyJx.eyJy.z' }] }));
    expect(c?.kind === 'authorization' && c.jwt && 'error' in c.jwt).toBe(true);
  });

  it('Basic: the user name, never the password; malformed base64 or no colon is a problem', () => {
    const ok = credentialsOf(
      rec({ requestHeaders: [{ name: 'Authorization', value: `Basic ${btoa('alice:s3cret')}` }] }),
    )[0];
    expect(ok).toMatchObject({ kind: 'basic', user: 'alice' });
    expect(JSON.stringify({ ...ok, raw: '' })).not.toContain('s3cret');
    expect(basicUser('!!!')).toEqual({ problem: 'not valid base64 (or not UTF-8)' });
    expect(basicUser(btoa('nocolon'))).toEqual({ problem: 'decoded value has no ":" between user and password' });
    expect(basicUser(Buffer.from('jörg:pw').toString('base64'))).toEqual({ user: 'jörg' });
  });

  it('cookies by name, API key headers and query parameters, with known formats', () => {
    const cs = credentialsOf(
      rec({
        url: 'https://api.example.com/x?access_token=ghp_abcdefghijklmnopqrstuvwxyz0123456789&page=2',
        requestHeaders: [
          { name: 'Cookie', value: 'sid=abc; theme=dark' },
          { name: 'X-API-Key', value: 'sk_live_1234567890' },
        ],
      }),
    );
    expect(cs).toEqual([
      {
        kind: 'api-key',
        where: 'header',
        name: 'X-API-Key',
        value: 'sk_live_1234567890',
        format: 'Stripe live secret key',
      },
      { kind: 'cookie', name: 'sid', value: 'abc' },
      { kind: 'cookie', name: 'theme', value: 'dark' },
      {
        kind: 'api-key',
        where: 'query',
        name: 'access_token',
        value: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
        format: 'GitHub personal access token (classic)',
      },
    ]);
  });

  it('no credentials, and junk URLs, give an empty list', () => {
    expect(credentialsOf(rec({ url: '::not a url', requestHeaders: [{ name: 'Accept', value: '*/*' }] }))).toEqual([]);
  });

  it('Authorization with no token keeps the scheme and an empty token', () => {
    expect(credentialsOf(rec({ requestHeaders: [{ name: 'Authorization', value: 'Bearer' }] }))[0]).toMatchObject({
      scheme: 'Bearer',
      token: '',
    });
  });
});

describe('parseCookies', () => {
  it.each([
    [
      'a=1; b=2',
      [
        { name: 'a', value: '1' },
        { name: 'b', value: '2' },
      ],
    ],
    [
      'a=1;;  ;b = x=y',
      [
        { name: 'a', value: '1' },
        { name: 'b', value: 'x=y' },
      ],
    ],
    ['lonely', [{ name: '', value: 'lonely' }]],
    ['', []],
  ])('%j', (v, out) => {
    expect(parseCookies(v)).toEqual(out);
  });
});

describe('referenceClock', () => {
  it('prefers the server Date header, else the capture time', () => {
    expect(
      referenceClock({ time: 5, responseHeaders: [{ name: 'Date', value: 'Sun, 22 Nov 2026 18:00:00 GMT' }] }),
    ).toEqual({
      at: Date.UTC(2026, 10, 22, 18),
      source: 'server',
    });
    expect(referenceClock({ time: 5, responseHeaders: [{ name: 'date', value: 'garbage' }] })).toEqual({
      at: 5,
      source: 'client',
    });
    expect(referenceClock({ time: 5, responseHeaders: [] })).toEqual({ at: 5, source: 'client' });
  });
});

describe('tokenFormat', () => {
  it.each([
    ['ghp_x', 'GitHub personal access token (classic)'],
    ['xoxb-1-2', 'Slack bot token'],
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig', 'JWT (JWS)'],
    ['eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d', 'JWE (encrypted JWT)'],
    ['opaque-thing', undefined],
  ])('%s', (t, name) => {
    expect(tokenFormat(t)).toBe(name);
  });
});
