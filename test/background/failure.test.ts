import { describe, expect, it } from 'vitest';
import { keepRecord } from '../../src/background/failure.ts';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.ts';

const config = { captureStatuses: DEFAULT_SETTINGS.captureStatuses, paused: false };

describe('keepRecord: the settings check applied once settings are read', () => {
  const rec = (
    status: number,
    headers: { name: string; value: string }[] = [],
    source: 'headers' | 'auth-required' = 'headers',
    url = 'https://app.example/api/me',
    more: Partial<Parameters<typeof keepRecord>[0]> = {},
  ) =>
    ({
      status,
      responseHeaders: headers,
      source,
      url,
      method: 'GET',
      type: 'xmlhttprequest',
      redirects: [],
      ...more,
    }) as Parameters<typeof keepRecord>[0];
  it('keeps statuses in the set, challenges on non-2xx, proxy auth; nothing while paused', () => {
    expect(keepRecord(rec(401), config)).toBe(true);
    expect(keepRecord(rec(404), config)).toBe(false);
    expect(keepRecord(rec(400, [{ name: 'WWW-Authenticate', value: 'Bearer' }]), config)).toBe(true);
    expect(keepRecord(rec(200, [{ name: 'WWW-Authenticate', value: 'Negotiate x' }]), config)).toBe(false);
    expect(keepRecord(rec(407, [], 'auth-required'), { captureStatuses: [], paused: false })).toBe(true);
    expect(keepRecord(rec(401), { ...config, paused: true })).toBe(false);
  });

  it('keeps a sign-in flow failure whatever the status set says (token 400, authorize error redirect)', () => {
    const token = rec(400, [], 'headers', 'https://idp.example/oauth2/token', { method: 'POST' });
    expect(keepRecord(token, config)).toBe(true);
    expect(keepRecord(token, { ...config, paused: true })).toBe(false);
    const back = rec(302, [{ name: 'Location', value: 'https://app.example/cb?error=access_denied&state=s1' }]);
    expect(keepRecord(back, config)).toBe(true);
    const html = [{ name: 'Content-Type', value: 'text/html' }];
    const login = rec(200, html, 'headers', 'https://app.example/Account/Login?ReturnUrl=%2Fapi');
    expect(keepRecord(login, config)).toBe(false);
    expect(
      keepRecord({ ...login, redirects: [{ url: 'https://app.example/api', status: 302 }] } as never, config),
    ).toBe(true);
  });
});
