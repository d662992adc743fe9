// csrfVerdict: when a refusal is a CSRF check, and whether we know it (body, Laravel's 419) or infer
// it from the framework's cookies, an unsafe method and a missing token header.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csrfVerdict, type CsrfInput } from '../../src/analysis/csrf.ts';
import { parseCookies } from '../../src/analysis/credentials/cookies.ts';
import { readBody } from '../../src/analysis/body/index.ts';

function input(o: {
  method?: string;
  status?: number;
  cookie?: string;
  headers?: Record<string, string>;
  body?: string;
  challenged?: boolean;
}): CsrfInput {
  return {
    method: o.method ?? 'POST',
    status: o.status ?? 403,
    cookies: parseCookies(o.cookie),
    challenged: o.challenged ?? false,
    requestHeaders: Object.entries(o.headers ?? {}).map(([name, value]) => ({ name, value })),
    body: readBody(o.body, undefined),
  };
}
const DJANGO = 'sessionid=8x1k2m9q; csrftoken=Qm3Xr8pL';

describe('csrfVerdict', () => {
  it('infers Django CSRF from the csrftoken cookie on an unsafe method with no token header', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(csrfVerdict(input({ method, cookie: DJANGO }))).toEqual({
        certain: false,
        cookie: 'csrftoken',
        framework: 'Django',
        session: 'sessionid',
        expects: 'X-CSRFToken',
      });
    }
    for (const method of ['GET', 'HEAD', 'OPTIONS'])
      expect(csrfVerdict(input({ method, cookie: DJANGO }))).toBeUndefined();
  });
  it('is certain when the body names the check, stale when a token header went along', () => {
    expect(
      csrfVerdict(input({ cookie: DJANGO, body: '<p>CSRF verification failed. Request aborted.</p>' }))?.certain,
    ).toBe(true);
    expect(
      csrfVerdict(
        input({
          cookie: DJANGO,
          headers: { 'X-CSRFToken': 'old' },
          body: 'CSRF token incorrect. Forbidden (CSRF token from the X-CSRFToken header incorrect.)',
        }),
      ),
    ).toMatchObject({ certain: true, header: 'X-CSRFToken' });
  });
  it('infers nothing when a token header was sent or a body gives another reason', () => {
    expect(csrfVerdict(input({ cookie: DJANGO, headers: { 'X-CSRFToken': 'Qm3Xr8pL' } }))).toBeUndefined();
    expect(csrfVerdict(input({ cookie: DJANGO, headers: { 'x-xsrf-token': 'a' } }))).toBeUndefined();
    expect(
      csrfVerdict(input({ cookie: DJANGO, body: '{"detail":"You do not have permission to perform this action."}' })),
    ).toBeUndefined();
    // token auth is not CSRF-checked: a bare 403 then says nothing about CSRF; the body still can
    expect(
      csrfVerdict(
        input({ cookie: DJANGO, headers: { Authorization: 'Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b' } }),
      ),
    ).toBeUndefined();
    expect(
      csrfVerdict(
        input({
          cookie: DJANGO,
          headers: { Authorization: 'Token 9944b091' },
          body: 'CSRF Failed: CSRF token missing.',
        }),
      )?.certain,
    ).toBe(true);
  });
  it('does not count X-Requested-With as a token (jQuery sends it, Django still refuses)', () => {
    expect(csrfVerdict(input({ cookie: DJANGO, headers: { 'X-Requested-With': 'XMLHttpRequest' } }))?.certain).toBe(
      false,
    );
  });
  it('matches each framework to the status it refuses CSRF with', () => {
    const laravel = 'XSRF-TOKEN=eyJpdiI6; laravel_session=eyJpdiI6';
    expect(csrfVerdict(input({ cookie: laravel, status: 419 }))).toMatchObject({
      certain: true,
      framework: 'Laravel',
      expects: 'X-XSRF-TOKEN',
    });
    // Laravel refuses CSRF with 419: its 403 is an authorization gate.
    expect(csrfVerdict(input({ cookie: laravel, status: 403 }))).toBeUndefined();
    expect(csrfVerdict(input({ cookie: '_shop_session=abc--def', status: 422 }))).toMatchObject({
      certain: false,
      framework: 'Rails',
      session: '_shop_session',
      expects: 'X-CSRF-Token',
    });
    expect(csrfVerdict(input({ cookie: '_session_id=abc', status: 422 }))?.framework).toBe('Rails');
    expect(csrfVerdict(input({ cookie: '_shop_session=abc--def', status: 403 }))).toBeUndefined();
    expect(csrfVerdict(input({ cookie: DJANGO, status: 422 }))).toBeUndefined();
  });
  it('reads generic csrf/xsrf cookie names, with 403 or 422', () => {
    expect(csrfVerdict(input({ cookie: 'JSESSIONID=9F2C; XSRF-TOKEN=4b1c' }))).toMatchObject({
      certain: false,
      cookie: 'XSRF-TOKEN',
      expects: 'X-XSRF-TOKEN',
    });
    expect(csrfVerdict(input({ cookie: 'connect.sid=s%3Aab; _csrf=xyz', status: 422 }))).toMatchObject({
      cookie: '_csrf',
      expects: 'X-CSRF-Token',
    });
    expect(csrfVerdict(input({ cookie: '_xsrf=2|ab|cd', status: 403 }))?.cookie).toBe('_xsrf');
  });
  it('needs CSRF evidence: a session cookie alone, no cookies, a challenge or another status is not CSRF', () => {
    expect(csrfVerdict(input({ cookie: 'sessionid=8x1k2m9q' }))).toBeUndefined();
    expect(csrfVerdict(input({}))).toBeUndefined();
    expect(csrfVerdict(input({ cookie: DJANGO, challenged: true }))).toBeUndefined();
    for (const status of [200, 400, 401, 404, 440, 500])
      expect(csrfVerdict(input({ cookie: DJANGO, status }))).toBeUndefined();
  });
  it('never throws, and only unsafe methods with cookies and no challenge get a verdict', () => {
    const name = fc.oneof(
      fc.constantFrom('csrftoken', 'sessionid', 'XSRF-TOKEN', 'laravel_session', '_a_session', '_session_id', '_csrf'),
      fc.string({ maxLength: 10 }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', ''),
        fc.constantFrom(200, 401, 403, 419, 422, 0),
        fc.array(fc.tuple(name, fc.string({ maxLength: 10 })), { maxLength: 5 }),
        fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
        fc.array(
          fc.record({
            name: fc.oneof(fc.constantFrom('X-CSRFToken', 'X-Requested-With', 'Cookie'), fc.string({ maxLength: 8 })),
            value: fc.string({ maxLength: 8 }),
          }),
          { maxLength: 3 },
        ),
        fc.boolean(),
        (method, status, jar, body, requestHeaders, challenged) => {
          const cookies = jar.map(([n, v]) => ({ name: n, value: v }));
          const v = csrfVerdict({
            method,
            status,
            cookies,
            requestHeaders,
            challenged,
            body: readBody(body, undefined),
          });
          if (v) {
            expect(['POST', 'PUT', 'PATCH', 'DELETE']).toContain(method);
            expect(cookies.length).toBeGreaterThan(0);
            expect(challenged).toBe(false);
            if (!v.certain) expect(v.header).toBeUndefined();
          }
        },
      ),
    );
  });
});
