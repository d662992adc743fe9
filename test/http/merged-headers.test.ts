// Firefox's merged repeated headers, split back into one entry per field line.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitMergedHeaders } from '../../src/http/merged-headers.ts';

describe('splitMergedHeaders', () => {
  it('splits what Firefox merged, one entry per line, order kept', () => {
    // verbatim shape from Firefox 153's webRequest for the lab's /digest/vault
    const ff = [
      { name: 'Content-Type', value: 'text/plain' },
      {
        name: 'WWW-Authenticate',
        value:
          'Digest realm="lab files", algorithm=SHA-256, nonce="a"\nDigest realm="lab files", algorithm=MD5, nonce="b"',
      },
      { name: 'Set-Cookie', value: 'a=1; Path=/\nb=2; Path=/\n' },
    ];
    expect(splitMergedHeaders(ff)).toEqual([
      { name: 'Content-Type', value: 'text/plain' },
      { name: 'WWW-Authenticate', value: 'Digest realm="lab files", algorithm=SHA-256, nonce="a"' },
      { name: 'WWW-Authenticate', value: 'Digest realm="lab files", algorithm=MD5, nonce="b"' },
      { name: 'Set-Cookie', value: 'a=1; Path=/' },
      { name: 'Set-Cookie', value: 'b=2; Path=/' },
    ]);
  });

  it('returns Chrome-shaped lists (and binaryValue entries) untouched, as the same array', () => {
    const chrome = [
      { name: 'WWW-Authenticate', value: 'Bearer' },
      { name: 'X-Bin', binaryValue: [1, 2] } as { name: string; value?: string },
    ];
    expect(splitMergedHeaders(chrome)).toBe(chrome);
  });

  it('never leaves a newline in a value and never invents or loses text (property)', () => {
    const value = fc
      .array(fc.stringMatching(/^[ -~]{0,20}$/), { minLength: 1, maxLength: 4 })
      .map((ls) => ls.join('\n'));
    fc.assert(
      fc.property(fc.array(fc.record({ name: fc.constantFrom('A', 'Set-Cookie'), value }), { maxLength: 6 }), (hs) => {
        const out = splitMergedHeaders(hs);
        for (const h of out) expect(h.value).not.toContain('\n');
        const text = (xs: readonly { name: string; value?: string }[]): string[] =>
          xs.flatMap((h) =>
            (h.value ?? '')
              .split('\n')
              .filter((l) => l.trim() !== '')
              .map((l) => `${h.name}:${l}`),
          );
        expect(text(out)).toEqual(text(hs));
      }),
    );
  });
});
