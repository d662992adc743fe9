import { describe, expect, it } from 'vitest';
import { added } from '../../src/shared/added.ts';

describe('added', () => {
  it('finds what is new in the next list, whatever moved or left', () => {
    const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
    expect(added([a, b], [a, b, c])).toEqual([c]);
    expect(added([a, c], [a, b, c, d])).toEqual([b, d]);
    expect(added([a, b, c], [c, a, e])).toEqual([e]);
    expect(added([], [a])).toEqual([a]);
    expect(added([a, b], [])).toEqual([]);
    expect(added([a, b, c, d], [b, d, e])).toEqual([e]);
  });
});
