import { describe, expect, it } from 'vitest';
import { clock, relative } from '../../src/panel/time.ts';

describe('time', () => {
  it.each([
    [0, 'now'],
    [999, 'now'],
    [-999, 'now'],
    [5_000, 'in 5 s'],
    [-14 * 60_000, '14 min ago'],
    [-(14 * 60_000 + 3_000), '14 min 3 s ago'],
    [2 * 3_600_000 + 5 * 60_000, 'in 2 h 5 min'],
    [-(3 * 86_400_000 + 4 * 3_600_000), '3 d 4 h ago'],
    [NaN, '?'],
  ])('relative(%d) = %s', (diff, out) => {
    expect(relative(1_000_000_000_000 + diff, 1_000_000_000_000)).toBe(out);
  });
  it('clock', () => {
    expect(clock(new Date(2026, 0, 1, 9, 8, 7, 6).getTime())).toBe('09:08:07.006');
    expect(clock(NaN)).toBe('--:--:--');
  });
});
