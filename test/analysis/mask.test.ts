import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fingerprint, maskSecret } from '../../src/analysis/mask.ts';

// Reference FNV-1a 32-bit values (from the algorithm's published test suite).
describe('fingerprint', () => {
  it('is the top 24 bits of FNV-1a 32 over UTF-8', () => {
    expect(fingerprint('')).toBe('811c9d'); // offset basis 0x811c9dc5
    expect(fingerprint('a')).toBe('e40c29'); // 0xe40c292c
    expect(fingerprint('foobar')).toBe('bf9cf9'); // 0xbf9cf968
    expect(fingerprint('é')).not.toBe(fingerprint('\u00e9'.normalize('NFD')));
  });

  it('6 lower-case hex characters, deterministic, sensitive to every character', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (s) => {
        expect(fingerprint(s)).toMatch(/^[0-9a-f]{6}$/);
        expect(fingerprint(s)).toBe(fingerprint(s));
      }),
    );
    expect(fingerprint('token-1')).not.toBe(fingerprint('token-2'));
  });
});

describe('maskSecret', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

  it('long secrets: first 10, an ellipsis, last 4, fingerprint', () => {
    expect(maskSecret(jwt)).toBe(`eyJhbGciOi…sR8U #${fingerprint(jwt)}`);
  });

  it('short secrets show at most two characters', () => {
    expect(maskSecret('abcdefgh')).toBe(`ab•••• #${fingerprint('abcdefgh')}`);
    expect(maskSecret('abc')).toBe(`a•••• #${fingerprint('abc')}`);
    expect(maskSecret('a')).toBe(`•••• #${fingerprint('a')}`);
    expect(maskSecret('')).toBe(`•••• #${fingerprint('')}`);
  });

  it('medium secrets shrink what is shown to stay under 40%', () => {
    const s = 'ghp_abcdefghijkl'; // 16
    expect(maskSecret(s)).toBe(`ghp_…kl #${fingerprint(s)}`);
  });

  it('never reveals more than 40% of the characters, never splits a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 80 }), (s) => {
        const masked = maskSecret(s);
        const shown = masked.slice(0, masked.lastIndexOf(' #')).replace(/[…•]/g, '');
        expect(Array.from(shown).length).toBeLessThanOrEqual(Math.floor(Array.from(s).length * 0.4));
        expect(masked.endsWith(` #${fingerprint(s)}`)).toBe(true);
        expect(masked).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      }),
      { numRuns: 1000 },
    );
  });

  it('does not contain a long secret', () => {
    expect(maskSecret(jwt)).not.toContain(jwt.slice(0, 20));
  });
});
