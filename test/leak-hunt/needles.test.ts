// The hunt's one-pass search says exactly what `includes` says, needle by needle.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Needles } from './needles.ts';

const naive = (needles: string[], text: string): number[] => needles.flatMap((n, i) => (text.includes(n) ? [i] : []));
const found = (m: Needles, text: string): number[] => [...m.in(text)].sort((a, b) => a - b);

describe('Needles', () => {
  it('finds planted needles anywhere (start, end, overlapping, repeated, short ones), and no others', () => {
    const needles = ['Lk0001QabcdefghJKLMN', 'Lk0001Qabcd', 'Lk0002Qzzzzzzz', '123£', 'open sesame', 'QabcdefghJ'];
    const m = new Needles(needles);
    const text = 'Lk0001QabcdefghJKLMN…Lk0002Qzzzzzz open sesame';
    expect(found(m, text)).toEqual(naive(needles, text));
    expect(found(m, text)).toEqual([0, 1, 4, 5]);
    expect(found(m, '')).toEqual([]);
    expect(found(m, 'Lk0002Qzzzzzzz')).toEqual([2]);
    expect(found(m, 'x123£')).toEqual([3]);
  });

  it('agrees with includes on generated needles and texts built around them', () => {
    const alphabet = fc.constantFrom(...'abLk01Q£é😀-'.split(''));
    const str = (min: number, max: number) =>
      fc.array(alphabet, { minLength: min, maxLength: max }).map((a) => a.join(''));
    fc.assert(
      fc.property(
        fc.array(str(1, 24), { minLength: 1, maxLength: 30 }),
        fc.array(fc.oneof(str(0, 12), fc.nat()), { maxLength: 20 }),
        (needles, parts) => {
          // texts made of needles (whole or cut) and filler, so hits and near misses are common
          const text = parts
            .map((p) => (typeof p === 'number' ? needles[p % needles.length]!.slice(p % 3 === 0 ? 1 : 0) : p))
            .join('');
          expect(found(new Needles(needles), text)).toEqual(naive(needles, text));
        },
      ),
      { numRuns: 500 },
    );
  });
});
