import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/analysis/index.ts';
import { ex, ids } from './helpers.ts';

describe('browser-level causes', () => {
  it('credentials-not-sent only for cross-origin requests', () => {
    expect(ids(ex({ initiator: 'https://app.example.com' }))[0]).toBe('credentials-not-sent');
    expect(ids(ex({ initiator: 'https://api.example.com' }))[0]).toBe('no-credentials');
    expect(ids(ex({ req: { 'Sec-Fetch-Site': 'cross-site' } }))[0]).toBe('credentials-not-sent');
    // A top-level navigation from another site is not a fetch credentials-mode problem.
    expect(ids({ ...ex({ initiator: 'https://app.example.com' }), type: 'main_frame' })[0]).toBe('no-credentials');
  });
  it('mentions Secure cookies when the target is plain http', () => {
    const d = diagnose(ex({ url: 'http://api.example.com/me', initiator: 'http://app.example.com' }));
    expect(d.findings[0]?.explanation).toContain('Secure cookie');
  });
  it('a redirect within one origin does not drop Authorization', () => {
    const redirects = [
      {
        url: 'https://api.example.com/v1/items',
        status: 301,
        requestHeaders: [{ name: 'Authorization', value: 'Bearer abcdefgh' }],
      },
    ];
    expect(
      ids(
        ex({ url: 'https://api.example.com/v1/items/', res: { 'WWW-Authenticate': 'Bearer realm="api"' }, redirects }),
      ),
    ).not.toContain('authorization-dropped-on-redirect');
    expect(
      ids(
        ex({ url: 'https://cdn.example.com/v1/items/', res: { 'WWW-Authenticate': 'Bearer realm="api"' }, redirects }),
      )[0],
    ).toBe('authorization-dropped-on-redirect');
  });
  it('csrf-rejected needs an unsafe method and cookies, unless the body names the check', () => {
    const body = 'CSRF verification failed. Request aborted.';
    const cookie = { Cookie: 'sessionid=abc; csrftoken=x' };
    expect(ids(ex({ method: 'POST', status: 403, req: { Cookie: 'sessionid=abc' }, body }))[0]).toBe('csrf-rejected');
    expect(ids(ex({ method: 'GET', status: 403, req: cookie }))).not.toContain('csrf-rejected');
    expect(ids(ex({ method: 'POST', status: 403, req: { Authorization: 'Bearer abcdefgh' } }))).not.toContain(
      'csrf-rejected',
    );
    // WordPress checks its nonce on every cookie-authenticated request, GET included.
    expect(ids(ex({ method: 'GET', status: 403, req: cookie, body }))[0]).toBe('csrf-rejected');
  });
  it('a CSRF header that was sent but refused is called stale', () => {
    const d = diagnose(
      ex({
        method: 'DELETE',
        status: 419,
        req: { Cookie: 'laravel_session=abc', 'X-XSRF-TOKEN': 'tok' },
        body: '{"message":"CSRF token mismatch."}',
      }),
    );
    expect(d.findings[0]?.id).toBe('csrf-rejected');
    expect(d.summary).toContain('stale or wrong');
  });
  it('preflight rejection hides the misleading no-credentials', () => {
    expect(
      ids(
        ex({
          method: 'OPTIONS',
          req: { 'Access-Control-Request-Method': 'GET' },
          res: { 'WWW-Authenticate': 'Bearer realm="x"' },
        }),
      ),
    ).toEqual(['cors-preflight-auth']);
    // An OPTIONS that is not a preflight is judged like any request.
    expect(ids(ex({ method: 'OPTIONS', res: { 'WWW-Authenticate': 'Bearer realm="x"' } }))[0]).toBe('no-credentials');
  });
  it('session-expired needs cookies and no challenge', () => {
    expect(ids(ex({ req: { Cookie: 'sid=abc' } }))[0]).toBe('session-expired');
    expect(ids(ex({ req: { Cookie: 'sid=abc' }, res: { 'WWW-Authenticate': 'Bearer realm="x"' } }))).not.toContain(
      'session-expired',
    );
  });
});
