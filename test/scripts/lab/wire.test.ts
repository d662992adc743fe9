import { describe, expect, it } from 'vitest';
import { factMatches, missingFacts } from '../../../scripts/lab/wire.ts';
import type { Served } from '../../../scripts/lab/server.ts';

const e = (more: Partial<Served>): Served => ({
  origin: 'idp',
  method: 'GET',
  path: '/auth',
  status: 303,
  authorization: false,
  cookie: false,
  ...more,
});

describe('wire facts against the lab log', () => {
  it('matches origin, method, path (exact or prefix), status, and the optional details', () => {
    expect(factMatches(e({}), { origin: 'idp', method: 'GET', path: '/auth', status: 303 })).toBe(true);
    expect(factMatches(e({ path: '/auth/abc' }), { origin: 'idp', method: 'GET', path: '/auth', status: 303 })).toBe(
      false,
    );
    expect(
      factMatches(e({ path: '/auth/abc' }), {
        origin: 'idp',
        method: 'GET',
        path: '/auth/',
        pathMatch: 'prefix',
        status: 303,
      }),
    ).toBe(true);
    const silent = e({ dest: 'iframe', location: 'http://127.0.0.1:1/cb?error=login_required&state=s' });
    const fact = { origin: 'idp', method: 'GET', path: '/auth', status: 303, dest: 'iframe', cookie: false } as const;
    expect(factMatches(silent, { ...fact, error: 'login_required' })).toBe(true);
    expect(factMatches(silent, { ...fact, error: 'consent_required' })).toBe(false);
    expect(factMatches(silent, { ...fact, cookie: true })).toBe(false);
    expect(
      factMatches(e({ location: 'http://x/cb#error=access_denied' }), {
        ...fact,
        dest: undefined,
        error: 'access_denied',
      }),
    ).toBe(true);
    expect(factMatches(e({}), { ...fact, dest: undefined, error: 'access_denied' })).toBe(false);
  });

  it('finds the facts in order and names the missing ones', () => {
    const log = [
      e({ method: 'POST', path: '/token', status: 200 }),
      e({ method: 'POST', path: '/token', status: 400 }),
    ];
    const ok = { origin: 'idp', method: 'POST', path: '/token', status: 200 } as const;
    const bad = { ...ok, status: 400 };
    expect(missingFacts(log, [ok, bad])).toEqual([]);
    expect(missingFacts(log, [bad, ok])).toEqual(['idp POST /token → 200']);
    expect(missingFacts([], [ok])).toEqual(['idp POST /token → 200']);
  });
});
