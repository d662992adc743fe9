import { describe, expect, it } from 'vitest';
import { capturesFor, matchesCapture, produced } from '../../../scripts/lab/match.ts';
import type { CaptureRecord } from '../../../src/shared/types.ts';
import { rec as record } from '../../support/records.ts';

const origins = { primary: 'http://127.0.0.1:1000', secondary: 'http://127.0.0.1:2000' };
const rec = (over: Partial<CaptureRecord>): CaptureRecord => record({ url: `${origins.primary}/api/x?y=1`, ...over });
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

describe('whether the lab answered the expected request', () => {
  it('looks for origin, method, path and status in what it served', () => {
    const served = { origin: 'primary' as const, method: 'GET', path: '/api/x', status: 401 };
    const flags = { authorization: false, cookie: false };
    expect(produced([{ ...served, ...flags }], want)).toBe(true);
    expect(produced([{ ...served, ...flags, status: 200 }], want)).toBe(false);
    expect(produced([], want)).toBe(false);
  });
});
