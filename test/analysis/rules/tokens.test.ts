import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/analysis/index.ts';
import { S, T, ex, ids, jwt } from './helpers.ts';

const bearer = (p: object) => ({ Authorization: `Bearer ${jwt(p)}` });
const challenge = { 'WWW-Authenticate': 'Bearer error="invalid_token"' };

describe('token lifetime', () => {
  it('exp at the server time is expired; one second later is not', () => {
    expect(ids(ex({ req: bearer({ exp: S }), res: challenge }))[0]).toBe('token-expired');
    expect(ids(ex({ req: bearer({ exp: S + 1 }), res: challenge }))).not.toContain('token-expired');
  });

  it('judges by the server Date, not the browser clock', () => {
    // Browser clock 10 min behind: by its clock the token is still valid; by the server's it is not.
    const d = diagnose(ex({ req: bearer({ exp: S - 120 }), res: challenge, timeStamp: T - 600_000 }));
    expect(d.findings.map((f) => f.id)).toEqual(['token-expired', 'bearer-invalid-token', 'clock-skew']);
    expect(d.summary).toContain('2 min before the request (server time)');
  });

  it('falls back to the browser clock, then to context.now, then says nothing about time', () => {
    expect(diagnose(ex({ date: null, req: bearer({ exp: S - 60 }), res: challenge })).summary).toContain(
      'browser time',
    );
    const noClock = ex({ date: null, req: bearer({ exp: S - 60 }), res: challenge, timeStamp: 0 });
    expect(diagnose(noClock, { now: T }).summary).toContain('1 min before the request (given time)');
    expect(ids(noClock)).toEqual(['token-rejected', 'bearer-invalid-token']);
  });

  it('nbf in the future is not-yet-valid', () => {
    expect(ids(ex({ req: bearer({ nbf: S + 30, exp: S + 600 }), res: challenge }))[0]).toBe('token-not-yet-valid');
    expect(ids(ex({ req: bearer({ nbf: S, exp: S + 600 }), res: challenge }))[0]).toBe('token-rejected');
  });

  it('ignores non-numeric time claims rather than guessing', () => {
    expect(ids(ex({ req: bearer({ exp: 'tomorrow' }), res: challenge }))[0]).toBe('token-rejected');
  });
});

describe('clock-skew', () => {
  it('fires above 60 s only', () => {
    expect(ids(ex({ status: 200, timeStamp: T + 60_000 }))).not.toContain('clock-skew');
    expect(ids(ex({ status: 200, timeStamp: T + 61_000 }))).toContain('clock-skew');
    expect(
      diagnose(
        ex({ status: 401, res: challenge, req: { Authorization: 'Bearer abcdefgh' }, timeStamp: T - 3_600_000 }),
      ).findings.find((f) => f.id === 'clock-skew')?.evidence,
    ).toContainEqual({ label: 'Difference', value: '1 h' });
  });
});

describe('token shape', () => {
  it('alg none is unsigned regardless of case', () => {
    expect(
      ids(ex({ req: { Authorization: `Bearer ${jwt({ exp: S + 60 }, { alg: 'NONE' })}` }, res: challenge }))[0],
    ).toBe('token-unsigned');
  });
  it('an expired JWT inside a cookie is found', () => {
    const d = diagnose(ex({ req: { Cookie: `a=b; jwt=${jwt({ exp: S - 7200 })}` } }));
    expect(d.findings[0]?.id).toBe('token-expired');
    expect(d.summary).toContain('Token in cookie jwt expired 2 h');
  });
  it('a token the server refused, with iss/aud/kid/azp in evidence', () => {
    const d = diagnose(
      ex({
        req: bearer({ iss: 'https://idp.example/', aud: 'api://x', azp: 'client-1', exp: S + 600 }),
        res: challenge,
      }),
    );
    const f = d.findings[0]!;
    expect(f.id).toBe('token-rejected');
    expect(f.evidence).toEqual(
      expect.arrayContaining([
        { label: 'Issuer (iss)', value: 'https://idp.example/' },
        { label: 'Audience (aud)', value: 'api://x' },
        { label: 'Key id (kid)', value: 'k1' },
        { label: 'Authorized party (azp)', value: 'client-1' },
      ]),
    );
  });
});

describe('token-in-query and insecure-transport', () => {
  it('flags credentials in the URL even on success', () => {
    expect(ids(ex({ status: 200, url: 'https://api.example.com/?access_token=abcdefgh12345' }))).toEqual([
      'token-in-query',
    ]);
  });
  it('plain http: only for non-loopback hosts', () => {
    expect(
      ids(ex({ url: 'http://api.example.com/', req: { Authorization: 'Bearer abcdefgh' }, res: challenge })),
    ).toContain('insecure-transport');
    for (const host of ['localhost:3000', '127.0.0.1', '[::1]', 'app.localhost']) {
      expect(
        ids(ex({ url: `http://${host}/`, req: { Authorization: 'Bearer abcdefgh' }, res: challenge })),
      ).not.toContain('insecure-transport');
    }
  });
});
