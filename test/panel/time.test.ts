import { describe, expect, it } from 'vitest';
import { clock } from '../../src/panel/time.ts';

describe('clock', () => {
  it('local time to the millisecond, and a placeholder for junk', () => {
    expect(clock(new Date(2026, 0, 1, 9, 8, 7, 6).getTime())).toBe('09:08:07.006');
    expect(clock(NaN)).toBe('--:--:--');
  });
});
