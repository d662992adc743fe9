// The strict entry check: isBase64 judges exactly as src/http/base64.ts decodes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBase64 } from '../../src/har/check.ts';
import { decodeBase64 } from '../../src/http/base64.ts';

describe('isBase64', () => {
  it('agrees with decodeBase64 on any string of base64-ish characters', () => {
    const ch = fc.constantFrom(...'AZaz09+/-_= \n%'.split(''));
    fc.assert(
      fc.property(
        fc.array(ch, { maxLength: 40 }).map((a) => a.join('')),
        (s) => {
          expect(isBase64(s)).toBe(decodeBase64(s.replace(/\s+/g, '')) !== undefined);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
