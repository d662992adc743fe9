import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scrollToReveal, windowRange } from '../../src/panel/virtual.ts';

describe('windowRange', () => {
  it('covers the viewport plus overscan', () => {
    expect(windowRange(0, 210, 21, 5000, 8)).toEqual({ start: 0, end: 19 });
    expect(windowRange(2100, 210, 21, 5000, 8)).toEqual({ start: 92, end: 119 });
    expect(windowRange(21 * 4995, 210, 21, 5000, 8)).toEqual({ start: 4987, end: 5000 });
  });
  it('handles empty lists and junk', () => {
    expect(windowRange(0, 500, 21, 0)).toEqual({ start: 0, end: 0 });
    expect(windowRange(-50, 500, 21, 3)).toEqual({ start: 0, end: 3 });
    expect(windowRange(1e9, 500, 21, 3)).toEqual({ start: 0, end: 3 });
  });
  it('always renders every row that intersects the viewport, and a bounded number of rows', () => {
    fc.assert(
      fc.property(
        fc.nat(10_000),
        fc.nat(200_000),
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 1, max: 60 }),
        (count, scrollTop, viewport, h) => {
          const { start, end } = windowRange(scrollTop, viewport, h, count, 8);
          expect(start).toBeGreaterThanOrEqual(0);
          expect(end).toBeLessThanOrEqual(count);
          expect(end - start).toBeLessThanOrEqual(Math.ceil(viewport / h) + 1 + 16);
          for (let i = 0; i < count; i++) {
            const top = i * h;
            if (top < scrollTop + viewport && top + h > scrollTop) {
              expect(i >= start && i < end).toBe(true);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('scrollToReveal', () => {
  it.each([
    [5, 0, 210, undefined],
    [0, 100, 210, 0],
    [20, 0, 210, 20 * 21 + 21 - 210],
    [9, 0, 210, undefined],
    [10, 0, 210, 21],
  ])('row %i from scrollTop %i (viewport %i) -> %s', (index, top, viewport, out) => {
    expect(scrollToReveal(index, top, viewport, 21)).toBe(out);
  });
});
