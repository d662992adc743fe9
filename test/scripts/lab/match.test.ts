import { describe, expect, it } from 'vitest';
import { capturesFor, matchesCapture } from '../../../scripts/lab/match.ts';
import type { CaptureRecord } from '../../../src/shared/types.ts';

const origins = { primary: 'http://127.0.0.1:1000', secondary: 'http://127.0.0.1:2000' };
const rec = (over: Partial<CaptureRecord>): CaptureRecord => ({
  id: 'r',
  requestId: '1',
  tabId: 1,
  frameId: 0,
  type: 'xmlhttprequest',
  method: 'GET',
  url: `${origins.primary}/api/x?y=1`,
  status: 401,
  statusLine: 'HTTP/1.1 401 Unauthorized',
  time: 1,
  fromCache: false,
  preflight: false,
  source: 'headers',
  requestHeadersKnown: true,
  requestHeaders: [],
  responseHeaders: [],
  redirects: [],
  ...over,
});
const want = { status: 401, method: 'GET', origin: 'primary' as const, path: '/api/x' };

describe('matching a scenario to its capture', () => {
  it('matches origin, path (query ignored), method (any case), status', () => {
    expect(matchesCapture(rec({}), want, origins)).toBe(true);
    expect(matchesCapture(rec({ method: 'get' }), want, origins)).toBe(true);
    expect(matchesCapture(rec({ url: `${origins.secondary}/api/x` }), want, origins)).toBe(false);
    expect(matchesCapture(rec({ url: `${origins.primary}/api/xy` }), want, origins)).toBe(false);
    expect(matchesCapture(rec({ status: 403 }), want, origins)).toBe(false);
    expect(matchesCapture(rec({ method: 'POST' }), want, origins)).toBe(false);
    expect(matchesCapture(rec({ url: 'not a url' }), want, origins)).toBe(false);
  });

  it('checks the preflight flag only when the scenario says', () => {
    const pre = { ...want, method: 'OPTIONS', preflight: true };
    expect(matchesCapture(rec({ method: 'OPTIONS', preflight: true }), pre, origins)).toBe(true);
    expect(matchesCapture(rec({ method: 'OPTIONS', preflight: false }), pre, origins)).toBe(false);
    expect(matchesCapture(rec({ preflight: true }), want, origins)).toBe(true);
  });

  it('returns the matching records oldest first', () => {
    const rs = [rec({ id: 'b', time: 5 }), rec({ id: 'x', status: 200 }), rec({ id: 'a', time: 2 })];
    expect(capturesFor(rs, want, origins).map((r) => r.id)).toEqual(['a', 'b']);
  });
});
