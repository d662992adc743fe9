import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/analysis/index.ts';
import { ex, ids } from './helpers.ts';

const digestCh = (extra = '') => `Digest realm="r", nonce="n1", algorithm=SHA-256, qop="auth"${extra}`;
const digestCred = (alg = 'SHA-256', realm = 'r') =>
  `Digest username="Mufasa", realm="${realm}", nonce="n1", uri="/", algorithm=${alg}, ` +
  'response="abc", qop=auth, nc=00000001, cnonce="c"';

describe('standards', () => {
  it('a challenge on a 400 counts as a failure', () => {
    expect(ids(ex({ status: 400, res: { 'WWW-Authenticate': 'Bearer realm="x"' } }))).toEqual(['no-credentials']);
    expect(ids(ex({ status: 400 }))).toEqual([]);
  });
  it('scheme comparison is case-insensitive, with a hint', () => {
    const d = diagnose(
      ex({ req: { Authorization: 'BEARER abcdefgh' }, res: { 'WWW-Authenticate': 'Bearer realm="x"' } }),
    );
    expect(d.findings.find((f) => f.id === 'scheme-mismatch')?.severity).toBe('info');
    expect(ids(ex({ req: { Authorization: 'Negotiate YIIabc' }, res: { 'WWW-Authenticate': 'NTLM' } }))).not.toContain(
      'scheme-mismatch',
    );
  });
  it('one challenge among several matching is enough', () => {
    expect(
      ids(
        ex({
          req: { Authorization: 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==' },
          res: { 'WWW-Authenticate': 'Bearer realm="x", Basic realm="y"' },
        }),
      ),
    ).not.toContain('scheme-mismatch');
  });
  it('Proxy-Authorization is checked too', () => {
    expect(
      diagnose(
        ex({ status: 407, req: { 'Proxy-Authorization': 'Basic' }, res: { 'Proxy-Authenticate': 'Basic realm="p"' } }),
      ).findings.map((f) => f.title),
    ).toContain('Malformed Proxy-Authorization header');
  });
});

describe('digest', () => {
  it('stale=true (any case) beats rejected', () => {
    expect(
      ids(ex({ req: { Authorization: digestCred() }, res: { 'WWW-Authenticate': digestCh(', stale=True') } }))[0],
    ).toBe('digest-stale-nonce');
  });
  it('MD5 is the default algorithm on both sides', () => {
    expect(
      ids(
        ex({
          req: { Authorization: 'Digest username="u", realm="r", nonce="n", uri="/", response="x"' },
          res: { 'WWW-Authenticate': 'Digest realm="r", nonce="n"' },
        }),
      )[0],
    ).toBe('digest-rejected');
    expect(
      ids(
        ex({
          req: { Authorization: 'Digest username="u", realm="r", nonce="n", uri="/", response="x"' },
          res: { 'WWW-Authenticate': digestCh() },
        }),
      )[0],
    ).toBe('digest-algorithm-mismatch');
  });
  it('names a realm mismatch', () => {
    expect(
      diagnose(ex({ req: { Authorization: digestCred('SHA-256', 'other') }, res: { 'WWW-Authenticate': digestCh() } }))
        .findings[0]?.explanation,
    ).toContain('("other")');
  });
});

describe('negotiate, basic, proxy', () => {
  it('a Basic page load is not a prompt problem; fetch is', () => {
    const page = ex({ res: { 'WWW-Authenticate': 'Basic realm="x"' } });
    expect(ids({ ...page, type: 'main_frame' })).not.toContain('basic-prompt');
    expect(ids({ ...page, type: 'xmlhttprequest' })).toContain('basic-prompt');
  });
  it('Basic under a Bearer challenge is a mismatch, not a wrong password', () => {
    expect(
      ids(
        ex({
          req: { Authorization: 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==' },
          res: { 'WWW-Authenticate': 'Bearer realm="x"' },
        }),
      ),
    ).toEqual(['scheme-mismatch']);
  });
  it('407 says proxy and hides no-credentials', () => {
    expect(ids(ex({ status: 407, res: { 'Proxy-Authenticate': 'Basic realm="p"' } }))).toEqual(['proxy-auth-required']);
  });
});

describe('bearer errors', () => {
  it('an OAuth JSON body error counts when there is no challenge error; the cause it states leads', () => {
    const found = (description: string): string[] =>
      ids(
        ex({
          status: 401,
          req: { Authorization: 'Bearer abcdefgh' },
          body: `{"error":"invalid_token","error_description":"${description}"}`,
        }),
      );
    expect(found('Token revoked').slice(0, 2)).toEqual(['token-revoked', 'bearer-invalid-token']);
    expect(found('The token is not good')[0]).toBe('bearer-invalid-token');
  });
  it('shows error_description and error_uri verbatim', () => {
    const d = diagnose(
      ex({
        req: { Authorization: 'Bearer abcdefgh' },
        res: {
          'WWW-Authenticate':
            'Bearer error="invalid_token", error_description="Token \\"x\\" revoked", error_uri="https://docs.example/errors#revoked"',
        },
      }),
    );
    expect(d.findings[0]?.evidence).toEqual(
      expect.arrayContaining([
        { label: 'error_description', value: 'Token "x" revoked' },
        { label: 'error_uri', value: 'https://docs.example/errors#revoked' },
      ]),
    );
  });
});
