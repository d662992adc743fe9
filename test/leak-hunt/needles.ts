// Which of many needles (every planted secret, and the middle of each long one) a text holds, in
// one pass over the text: the hunt looks for thousands of needles in thousands of outputs, and
// `text.includes` once per needle per output made it a four-minute test. Each needle of K
// characters or more is indexed by one of its K-character windows (the one fewest other needles
// share); a rolling hash over the text finds the windows, and each candidate is confirmed with
// `startsWith` at its place, so the answer is exactly what `includes` would say. Shorter
// needles (a handful) are searched with `includes`.
const K = 8;
const BASE = 0x01000193;
/** BASE^(K-1) mod 2^32: what the leaving character weighed in the window's hash */
const TOP = (() => {
  let p = 1;
  for (let i = 1; i < K; i++) p = Math.imul(p, BASE);
  return p;
})();
const FILTER_BITS = 1 << 22;

function hashAt(s: string, at: number): number {
  let h = 0;
  for (let j = 0; j < K; j++) h = (Math.imul(h, BASE) + s.charCodeAt(at + j)) | 0;
  return h;
}

interface Entry {
  needle: number;
  /** where the indexed window starts in the needle */
  offset: number;
}

export class Needles {
  private readonly short: number[] = [];
  private readonly index = new Map<number, Entry[]>();
  /** one bit per hash (mod FILTER_BITS): most windows of a text are no needle's, and say so here */
  private readonly filter = new Uint8Array(FILTER_BITS >>> 3);

  constructor(private readonly needles: readonly string[]) {
    needles.forEach((n, i) => {
      if (n.length < K) {
        this.short.push(i);
        return;
      }
      let best: { h: number; offset: number; size: number } | undefined;
      for (let offset = 0; offset + K <= n.length; offset++) {
        const h = hashAt(n, offset);
        const size = this.index.get(h)?.length ?? 0;
        if (!best || size < best.size) best = { h, offset, size };
        if (size === 0) break;
      }
      const { h, offset } = best!;
      const list = this.index.get(h);
      if (list) list.push({ needle: i, offset });
      else this.index.set(h, [{ needle: i, offset }]);
      const bit = h & (FILTER_BITS - 1);
      this.filter[bit >>> 3]! |= 1 << (bit & 7);
    });
  }

  /** The indexes of the needles `text` holds (as `text.includes(needle)` would say). */
  in(text: string): Set<number> {
    const found = new Set<number>();
    for (const i of this.short) if (text.includes(this.needles[i]!)) found.add(i);
    if (text.length < K) return found;
    let h = hashAt(text, 0);
    for (let at = 0; ; at++) {
      const bit = h & (FILTER_BITS - 1);
      if (this.filter[bit >>> 3]! & (1 << (bit & 7))) {
        for (const e of this.index.get(h) ?? []) {
          const start = at - e.offset;
          if (start >= 0 && !found.has(e.needle) && text.startsWith(this.needles[e.needle]!, start))
            found.add(e.needle);
        }
      }
      if (at + K >= text.length) break;
      h = (Math.imul(h - Math.imul(text.charCodeAt(at), TOP), BASE) + text.charCodeAt(at + K)) | 0;
    }
    return found;
  }
}
