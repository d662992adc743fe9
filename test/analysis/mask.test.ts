import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  authorizationFingerprint,
  fingerprint,
  FINGERPRINT_MIN_CHARS,
  maskSecret,
  type FingerprintKey,
} from '../../src/analysis/mask.ts';

const key: FingerprintKey = { bytes: Uint8Array.from({ length: 32 }, (_, i) => i * 7 + 1) };
const other: FingerprintKey = { bytes: Uint8Array.from({ length: 32 }, (_, i) => 255 - i) };
const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

describe('fingerprint', () => {
  it('is the first 3 bytes of HMAC-SHA-256 under the caller’s key', () => {
    const expected = createHmac('sha256', key.bytes).update(jwt).digest('hex').slice(0, 6);
    expect(fingerprint(jwt, key)).toBe(expected);
    expect(fingerprint(jwt, other)).not.toBe(expected);
  });

  it('none without a key, with a short key, or for a short secret', () => {
    expect(fingerprint(jwt, undefined)).toBeUndefined();
    expect(fingerprint(jwt, { bytes: new Uint8Array(8) })).toBeUndefined();
    expect(fingerprint('x'.repeat(FINGERPRINT_MIN_CHARS - 1), key)).toBeUndefined();
    expect(fingerprint('x'.repeat(FINGERPRINT_MIN_CHARS), key)).toMatch(/^[0-9a-f]{6}$/);
  });

  it('deterministic per key, a key cloned to another thread fingerprints the same', () => {
    fc.assert(
      fc.property(fc.string({ minLength: FINGERPRINT_MIN_CHARS, maxLength: 100 }), (s) => {
        expect(fingerprint(s, key)).toMatch(/^[0-9a-f]{6}$/);
        expect(fingerprint(s, structuredClone(key))).toBe(fingerprint(s, key));
      }),
      { numRuns: 300 },
    );
  });

  it('a 6-digit API key cannot be found again by trying all 10^6 of them: nothing is shown to test against', () => {
    // the plain hash this replaced was reversed so; now a short secret has no fingerprint at all,
    // and a long one's depends on a key that never leaves the page's memory
    for (const k of ['004217', '999999', '123456']) {
      expect(fingerprint(k, key)).toBeUndefined();
      expect(maskSecret(k, key)).toBe('••••');
    }
  });

  it('Basic and Digest credentials never get one', () => {
    expect(authorizationFingerprint('Basic dXNlcjpjb3JyZWN0IGhvcnNlIGJhdHRlcnk=', key)).toBeUndefined();
    expect(authorizationFingerprint('  digest username="u", response="0123456789abcdef"', key)).toBeUndefined();
    expect(authorizationFingerprint(`Bearer ${jwt}`, key)).toBe(fingerprint(`Bearer ${jwt}`, key));
  });
});

describe('maskSecret', () => {
  it('long secrets: first 10, an ellipsis, last 4, the keyed fingerprint', () => {
    expect(maskSecret(jwt, key)).toBe(`eyJhbGciOi…sR8U #${fingerprint(jwt, key)}`);
    expect(maskSecret(jwt)).toBe('eyJhbGciOi…sR8U');
  });

  it('short secrets show nothing of themselves', () => {
    for (const s of ['', 'a', 'abc', 'abcdefgh', 'password1234', 'x'.repeat(FINGERPRINT_MIN_CHARS - 1)])
      expect(maskSecret(s, key)).toBe('••••');
  });

  it('medium secrets shrink what is shown to stay under 40%', () => {
    const s = 'ghp_abcdefghijkl'; // 16
    expect(maskSecret(s, key)).toBe(`ghp_…kl #${fingerprint(s, key)}`);
  });

  it('never reveals more than 40% of the characters, never splits a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 80 }), (s) => {
        const masked = maskSecret(s, key);
        const fp = fingerprint(s, key);
        const shown = (fp ? masked.slice(0, masked.lastIndexOf(' #')) : masked).replace(/[…•]/g, '');
        expect(Array.from(shown).length).toBeLessThanOrEqual(Math.floor(Array.from(s).length * 0.4));
        if (fp) expect(masked.endsWith(` #${fp}`)).toBe(true);
        expect(masked).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      }),
      { numRuns: 1000 },
    );
  });

  it('does not contain a long secret', () => {
    expect(maskSecret(jwt, key)).not.toContain(jwt.slice(0, 20));
  });
});
