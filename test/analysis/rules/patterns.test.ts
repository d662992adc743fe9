import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Exchange } from '../../../src/analysis/index.ts';
import { T, ex, ids } from './helpers.ts';
import { diagnose } from '../../../src/analysis/index.ts';

const tok = { Authorization: 'Bearer 2YotnFZFEjr1zKsicMWpAA' };
const fail = (url: string, at: number): Exchange =>
  ex({ url, timeStamp: at, date: at, req: tok, res: { 'WWW-Authenticate': 'Bearer realm="api"' } });
const okAt = (url: string, at: number, req: Record<string, string> = tok): Exchange =>
  ex({ url, status: 200, timeStamp: at, date: at, req });
const me = fail('https://api.example.com/v1/me', T);
const run = (history: Exchange[]) => diagnose(me, { history }).findings.map((f) => f.id);

describe('patterns across requests', () => {
  it('credential-stopped-working needs the same credential on the same origin', () => {
    expect(run([okAt('https://api.example.com/v1/x', T - 60_000)])).toContain('credential-stopped-working');
    expect(run([okAt('https://other.example.com/v1/x', T - 60_000)])).not.toContain('credential-stopped-working');
    expect(
      run([okAt('https://api.example.com/v1/x', T - 60_000, { Authorization: 'Bearer other-token-123' })]),
    ).not.toContain('credential-stopped-working');
    expect(run([okAt('https://api.example.com/v1/x', T + 60_000)])).not.toContain('credential-stopped-working');
  });
  it('failure-burst counts failures on this origin within 10 s, not itself twice', () => {
    const four = [1, 2, 3, 4].map((i) => fail(`https://api.example.com/v1/${i}`, T - i * 1000));
    expect(run(four)).toContain('failure-burst');
    expect(run(four.slice(0, 3).concat(me))).not.toContain('failure-burst');
    expect(run([1, 2, 3, 4].map((i) => fail(`https://api.example.com/v1/${i}`, T - 11_000 - i)))).not.toContain(
      'failure-burst',
    );
  });
  it('refresh-loop needs two refreshes and repeated failures within a minute', () => {
    const refresh = (at: number) => ({ ...okAt('https://login.example.com/oauth/token', at, {}), method: 'POST' });
    expect(
      run([
        fail('https://api.example.com/v1/me', T - 9000),
        refresh(T - 8000),
        fail('https://api.example.com/v1/me', T - 5000),
        refresh(T - 4000),
      ])[0],
    ).toBe('refresh-loop');
    expect(run([fail('https://api.example.com/v1/me', T - 9000), refresh(T - 8000)])).not.toContain('refresh-loop');
    expect(
      run([
        fail('https://api.example.com/v1/me', T - 90_000),
        refresh(T - 80_000),
        fail('https://api.example.com/v1/me', T - 70_000),
        refresh(T - 65_000),
      ]),
    ).not.toContain('refresh-loop');
  });
  // The panel's lightweight success records: Authorization at most, no response headers.
  const light = (u: string, at: number, method = 'GET', req: Record<string, string> = {}): Exchange => ({
    url: u,
    method,
    status: 200,
    timeStamp: at,
    requestHeaders: Object.entries(req).map(([name, value]) => ({ name, value })),
    responseHeaders: [],
  });
  const refreshOk = (at: number) => light('https://login.example.com/oauth/token', at, 'POST');
  const ME = 'https://api.example.com/v1/me';

  it('refresh-recovered leads (ok) and its summary names the cause', () => {
    const d = diagnose(me, {
      history: [me, refreshOk(T + 300), light(ME, T + 700, 'GET', { Authorization: 'Bearer fresh-token-456' })],
    });
    expect(d.findings.map((f) => `${f.id}:${f.severity}`)).toEqual(['refresh-recovered:ok', 'token-rejected:error']);
    expect(d.summary).toBe('Token rejected; the app refreshed it and the retry succeeded: nothing to fix');
    expect(d.findings[0]!.evidence).toContainEqual({ label: 'Original cause', value: 'Token rejected' });
  });
  it('refresh-recovered needs a successful POST refresh, then a success of the same method and URL, in 60 s', () => {
    const retry = light(ME, T + 700);
    expect(run([refreshOk(T + 300), retry])[0]).toBe('refresh-recovered');
    expect(run([{ ...refreshOk(T + 300), status: 400 }, retry])).not.toContain('refresh-recovered');
    expect(run([{ ...refreshOk(T + 300), method: 'GET' }, retry])).not.toContain('refresh-recovered');
    expect(run([refreshOk(T + 300), light(`${ME}/photo`, T + 700)])).not.toContain('refresh-recovered');
    expect(run([refreshOk(T + 300), light(ME, T + 700, 'DELETE')])).not.toContain('refresh-recovered');
    expect(run([refreshOk(T + 300), light(ME, T + 200)])).not.toContain('refresh-recovered');
    expect(run([refreshOk(T + 300), light(ME, T + 61_000)])).not.toContain('refresh-recovered');
    expect(run([refreshOk(T - 300), light(ME, T + 700)])).not.toContain('refresh-recovered');
  });
  it('refresh-loop counts failures of this endpoint with a refresh between each', () => {
    const f = (at: number, u = ME) => fail(u, at);
    expect(run([f(T - 900), refreshOk(T - 800), f(T - 500), refreshOk(T - 400)]).slice(0, 2)).toEqual([
      'refresh-loop',
      'token-rejected',
    ]);
    // a query string (cache buster) does not make another endpoint
    expect(run([f(T - 900, `${ME}?_=1`), refreshOk(T - 800), f(T - 500, `${ME}?_=2`), refreshOk(T - 400)])[0]).toBe(
      'refresh-loop',
    );
    // other endpoints failing on the same origin are a burst, not this loop
    expect(run([f(T - 900, `${ME}/a`), refreshOk(T - 800), f(T - 500, `${ME}/b`), refreshOk(T - 400)])).not.toContain(
      'refresh-loop',
    );
    // two refreshes before the failures, not between them
    expect(run([refreshOk(T - 1000), refreshOk(T - 950), f(T - 900), f(T - 500)])).not.toContain('refresh-loop');
    // failures alone, however many, are not called a loop without the refresh calls
    expect(run([f(T - 3000), f(T - 2000), f(T - 1000)])).not.toContain('refresh-loop');
  });
  it('a loop that finally recovered is still led by the loop', () => {
    const ids2 = run([
      fail(ME, T - 900),
      refreshOk(T - 800),
      fail(ME, T - 500),
      refreshOk(T - 400),
      refreshOk(T + 100),
      light(ME, T + 200),
    ]);
    expect(ids2[0]).toBe('refresh-loop');
    expect(ids2).toContain('refresh-recovered');
  });
  it("failure-burst follows the request's own cause, even the generic one", () => {
    const four = [1, 2, 3, 4].map((i) => fail(`https://api.example.com/v1/${i}`, T - i * 1000));
    expect(run(four)).toEqual(['token-rejected', 'failure-burst']);
    // No specific cause recognised: the generic finding still leads, the burst follows.
    const odd = ex({
      url: ME,
      timeStamp: T,
      date: T,
      req: { 'x-api-key': 'k_9f8e7d6c5b4a39281726354' },
      res: { 'WWW-Authenticate': 'HMAC realm="data"' },
    });
    expect(diagnose(odd, { history: four }).findings.map((x) => x.id)).toEqual(['auth-failed', 'failure-burst']);
  });

  it('ignores history on a success and malformed history entries', () => {
    expect(ids(okAt('https://api.example.com/v1/me', T))).toEqual([]);
    expect(diagnose(me, { history: [null, { url: 1 }, 'x'] as unknown as Exchange[] }).findings[0]?.id).toBe(
      'token-rejected',
    );
  });

  it('any mix of failures, refreshes and light successes around it: never throws, and the order rules hold', () => {
    const entry: fc.Arbitrary<Exchange> = fc
      .record({
        path: fc.constantFrom('/v1/me', '/v1/me?_=1', '/v1/other', '/oauth/token', '/auth/refresh'),
        host: fc.constantFrom('api.example.com', 'login.example.com'),
        method: fc.constantFrom('GET', 'POST', 'DELETE'),
        status: fc.constantFrom(200, 204, 401, 403, 500),
        dt: fc.integer({ min: -90_000, max: 90_000 }),
        light: fc.boolean(),
      })
      .map(({ path, host, method, status, dt, light: l }) =>
        l
          ? light(`https://${host}${path}`, T + dt, method)
          : { ...fail(`https://${host}${path}`, T + dt), method, status },
      );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 14 }), (history) => {
        const d = diagnose(me, { history });
        const got = d.findings.map((f) => f.id);
        expect(got.length).toBeGreaterThan(0);
        expect(new Set(got).size).toBe(got.length);
        expect(d.summary).not.toMatch(/\n/);
        // the request's own cause is always there, and a burst never leads
        expect(got).toContain('token-rejected');
        expect(got[0]).not.toBe('failure-burst');
        if (got.includes('refresh-loop')) expect(got[0]).toBe('refresh-loop');
        else if (got.includes('refresh-recovered')) {
          expect(got[0]).toBe('refresh-recovered');
          expect(d.summary).toMatch(/^Token rejected; the app refreshed it and the retry succeeded: nothing to fix$/);
        } else expect(got[0]).toBe('token-rejected');
      }),
      { numRuns: 300 },
    );
  });
});
