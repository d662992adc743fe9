// HTTP-date (RFC 9110 §5.6.7): the three forms, the two-digit year rule, and strictness.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseHttpDate } from '../../src/http/date.ts';

const T = Date.UTC(1994, 10, 6, 8, 49, 37);

describe('parseHttpDate (RFC 9110 §5.6.7)', () => {
  it('the three forms of the spec example', () => {
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(T);
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT')).toBe(T);
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994')).toBe(T);
    expect(parseHttpDate('  Sun, 06 Nov 1994 08:49:37 GMT ')).toBe(T); // field value OWS
  });

  it('RFC 850 two-digit years: relative to now when given (§5.6.7 50-year rule), else a fixed pivot', () => {
    const now = Date.UTC(2026, 0, 1);
    // 50 years ahead: allowed
    expect(parseHttpDate('Thursday, 01-Jan-76 00:00:00 GMT', now)).toBe(Date.UTC(2076, 0, 1));
    expect(parseHttpDate('Friday, 01-Jan-77 00:00:00 GMT', now)).toBe(Date.UTC(1977, 0, 1));
    expect(parseHttpDate('Friday, 01-Jan-77 00:00:00 GMT')).toBe(Date.UTC(1977, 0, 1));
    expect(parseHttpDate('Sunday, 22-Nov-26 10:00:00 GMT')).toBe(Date.UTC(2026, 10, 22, 10));
  });

  it('leap years and the leap second', () => {
    expect(parseHttpDate('Thu, 29 Feb 2024 00:00:00 GMT')).toBe(Date.UTC(2024, 1, 29));
    expect(parseHttpDate('Wed, 31 Dec 2016 23:59:60 GMT')).toBe(Date.UTC(2016, 11, 31, 23, 59, 59));
    expect(parseHttpDate('Mon, 01 Jan 0001 00:00:00 GMT')).toBe(-62_135_596_800_000); // 0001-01-01, not 1901;
  });

  it('rejects what Date.parse would happily accept', () => {
    for (const junk of [
      '',
      '2026-11-22T18:32:05Z',
      '1994-11-06',
      'Sun, 6 Nov 1994 08:49:37 GMT',
      'Sun, 06 Nov 1994 08:49:37 UTC',
      'Sun, 06 Nov 1994 08:49:37 +0000',
      'sun, 06 nov 1994 08:49:37 gmt',
      'Sun, 06 Nov 1994 8:49:37 GMT',
      'Sun, 31 Nov 1994 08:49:37 GMT',
      'Sat, 29 Feb 2025 00:00:00 GMT',
      'Sun, 00 Nov 1994 08:49:37 GMT',
      'Sun, 06 Nov 1994 24:00:00 GMT',
      'Sun, 06 Nov 1994 08:60:00 GMT',
      'Sun, 06 Nov 1994 08:49:61 GMT',
      'Sun, 06 Foo 1994 08:49:37 GMT',
      'Funday, 06-Nov-94 08:49:37 GMT',
      'Sun Nov 6 08:49:37 1994',
      'Sun, 06 Nov 1994 08:49:37 GMT x',
      '1700000000',
      'x'.repeat(100),
    ])
      expect(parseHttpDate(junk), junk).toBeUndefined();
  });

  it('round-trips every IMF-fixdate toUTCString produces', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_000_000_000_000, max: 253_402_300_799_000 }), (ms) => {
        const whole = Math.floor(ms / 1000) * 1000;
        expect(parseHttpDate(new Date(whole).toUTCString())).toBe(whole);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 70 }), (s) => {
        const r = parseHttpDate(s);
        expect(r === undefined || Number.isFinite(r)).toBe(true);
      }),
    );
  });
});
