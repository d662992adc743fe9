import { describe, expect, it } from 'vitest';
import { formatDuration, formatUtc } from '../../src/analysis/time.ts';

describe('formatUtc', () => {
  it('formats in UTC with seconds', () => {
    expect(formatUtc(Date.UTC(2026, 10, 22, 18, 32, 5, 999))).toBe('2026-11-22 18:32:05 UTC');
    expect(formatUtc(0)).toBe('1970-01-01 00:00:00 UTC');
    expect(formatUtc(-1)).toBe('1969-12-31 23:59:59 UTC');
  });
  it('does not throw on impossible times', () => {
    for (const v of [NaN, Infinity, -Infinity, 9e15]) expect(formatUtc(v)).toBe('an invalid time');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [999, '0 s'],
    [45_000, '45 s'],
    [59_999, '59 s'],
    [60_000, '1 min'],
    [14 * 60_000 + 30_000, '14 min'],
    [3_600_000, '1 h'],
    [2 * 3_600_000 + 5 * 60_000, '2 h 5 min'],
    [86_400_000, '1 day'],
    [3 * 86_400_000 + 4 * 3_600_000 + 59 * 60_000, '3 days 4 h'],
    [-45_000, '45 s'],
    [-(2 * 86_400_000), '2 days'],
  ])('%d ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
  it('non-finite', () => expect(formatDuration(NaN)).toBe('an unknown time'));
});
