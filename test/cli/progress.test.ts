// Progress on stderr while a big file streams: silent under 50 MB, a line a tenth in a log,
// one line redrawn in place on a terminal and wiped at the end.
import { describe, expect, it } from 'vitest';
import { PROGRESS_FROM_BYTES, progress } from '../../src/cli/progress.ts';

const MB = 1024 * 1024;

function capture(isTTY: boolean): { err: { write(s: string): void; isTTY: boolean }; text: () => string } {
  let s = '';
  return { err: { write: (x: string) => void (s += x), isTTY }, text: () => s };
}

describe('progress', () => {
  it('nothing for a file under 50 MB', () => {
    const c = capture(false);
    const p = progress('small.har', PROGRESS_FROM_BYTES - 1, c.err);
    for (let b = 0; b < PROGRESS_FROM_BYTES; b += MB) p.update(b);
    p.done();
    expect(c.text()).toBe('');
  });

  it('a log gets a line each tenth of a big file', () => {
    const c = capture(false);
    const total = 200 * MB;
    const p = progress('big.har', total, c.err);
    for (let b = 0; b <= total; b += MB) p.update(b);
    p.done();
    const lines = c.text().trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('authlens: reading big.har: 10 % (20 MB of 200 MB)');
    expect(lines[9]).toBe('authlens: reading big.har: 100 % (200 MB of 200 MB)');
  });

  it('a terminal gets one line redrawn (at most every 200 ms), wiped at the end; stdin counts bytes', () => {
    const c = capture(true);
    let now = 0;
    const p = progress('stdin', undefined, c.err, () => now);
    for (let b = 0; b <= 120 * MB; b += MB) {
      now += 50;
      p.update(b);
    }
    p.done();
    expect(c.text().startsWith('\rauthlens: reading stdin: 50 MB\u001b[K')).toBe(true);
    expect(c.text().endsWith('\r\u001b[K')).toBe(true);
    expect(c.text().split('\r').length).toBeLessThan(40);
  });
});
