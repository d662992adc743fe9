import { describe, expect, it } from 'vitest';
import { keepRecord } from '../../src/background/failure.ts';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.ts';

const config = { captureStatuses: DEFAULT_SETTINGS.captureStatuses, paused: false };

describe('keepRecord: the settings check applied once settings are read', () => {
  const rec = (
    status: number,
    headers: { name: string; value: string }[] = [],
    source: 'headers' | 'auth-required' = 'headers',
  ) => ({ status, responseHeaders: headers, source }) as Parameters<typeof keepRecord>[0];
  it('keeps statuses in the set, challenges on non-2xx, proxy auth; nothing while paused', () => {
    expect(keepRecord(rec(401), config)).toBe(true);
    expect(keepRecord(rec(404), config)).toBe(false);
    expect(keepRecord(rec(400, [{ name: 'WWW-Authenticate', value: 'Bearer' }]), config)).toBe(true);
    expect(keepRecord(rec(200, [{ name: 'WWW-Authenticate', value: 'Negotiate x' }]), config)).toBe(false);
    expect(keepRecord(rec(407, [], 'auth-required'), { captureStatuses: [], paused: false })).toBe(true);
    expect(keepRecord(rec(401), { ...config, paused: true })).toBe(false);
  });
});
