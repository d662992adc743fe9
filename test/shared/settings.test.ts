import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  normalizeSettings,
  RECORDS_PER_TAB_MAX,
  RECORDS_PER_TAB_MIN,
} from '../../src/shared/settings.ts';

describe('normalizeSettings', () => {
  it('gives the defaults for nothing, junk or a non-object', () => {
    for (const raw of [undefined, null, 42, 'x', []]) expect(normalizeSettings(raw)).toEqual(DEFAULT_SETTINGS);
  });

  it('never shares the defaults array (a caller mutating it cannot corrupt the defaults)', () => {
    const s = normalizeSettings(undefined);
    s.captureStatuses.push(500);
    expect(DEFAULT_SETTINGS.captureStatuses).not.toContain(500);
  });

  it('keeps valid status codes, sorted and unique, accepting numeric strings', () => {
    expect(
      normalizeSettings({ captureStatuses: [403, '401', 403, 99, 600, 4.5, 'abc', null] }).captureStatuses,
    ).toEqual([401, 403]);
  });

  it('allows an empty capture set (only challenges are captured then)', () => {
    expect(normalizeSettings({ captureStatuses: [] }).captureStatuses).toEqual([]);
  });

  it('clamps and rounds records per tab', () => {
    expect(normalizeSettings({ recordsPerTab: 1 }).recordsPerTab).toBe(RECORDS_PER_TAB_MIN);
    expect(normalizeSettings({ recordsPerTab: 1e9 }).recordsPerTab).toBe(RECORDS_PER_TAB_MAX);
    expect(normalizeSettings({ recordsPerTab: 120.6 }).recordsPerTab).toBe(121);
    expect(normalizeSettings({ recordsPerTab: Number.NaN }).recordsPerTab).toBe(DEFAULT_SETTINGS.recordsPerTab);
  });

  it('takes booleans only as booleans', () => {
    const s = normalizeSettings({ preserveLog: true, paused: 'yes', revealSecrets: 1 });
    expect(s.preserveLog).toBe(true);
    expect(s.paused).toBe(false);
    expect(s.revealSecrets).toBe(false);
  });
});
