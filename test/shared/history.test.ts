// What the engine sees around a record: the tab's other failures and its context entries.
import { describe, expect, it } from 'vitest';
import { contextExchange, toExchange } from '../../src/shared/exchange.ts';

const exchanges = { ofRecord: toExchange, ofContext: contextExchange };
import type { ContextEntry } from '../../src/shared/types.ts';
import { PATTERN_WINDOW_MS } from '../../src/http/limits.ts';
import { contextStamp, historyFor } from '../../src/shared/history.ts';
import { rec } from '../support/records.ts';

const T = 1_790_000_100_000;
const entry = (time: number, over: Partial<ContextEntry> = {}): ContextEntry => ({
  url: `https://api.example.com/ok/${time - T}`,
  method: 'GET',
  status: 200,
  time,
  type: 'xmlhttprequest',
  ...over,
});

describe('historyFor', () => {
  const r = rec({ id: 'self', time: T });
  const records = [
    rec({ id: 'a', time: T - PATTERN_WINDOW_MS - 1, url: 'https://x/too-old' }),
    rec({ id: 'b', time: T - PATTERN_WINDOW_MS, url: 'https://x/edge-before' }),
    r,
    rec({ id: 'c', time: T + 5, url: 'https://x/after' }),
    rec({ id: 'd', time: T + PATTERN_WINDOW_MS + 1, url: 'https://x/too-late' }),
  ];
  const context = [
    entry(T - PATTERN_WINDOW_MS - 5),
    entry(T - 3),
    entry(T + 2),
    entry(T + PATTERN_WINDOW_MS),
    entry(T + PATTERN_WINDOW_MS + 1),
  ];

  it('merges failures and context entries a minute either side, in time order, without the record', () => {
    expect(historyFor(records, context, r, exchanges).map((e) => e.url)).toEqual([
      'https://x/edge-before',
      'https://api.example.com/ok/-3',
      'https://api.example.com/ok/2',
      'https://x/after',
      `https://api.example.com/ok/${PATTERN_WINDOW_MS}`,
    ]);
  });

  it('is bounded: the nearest to the record win', () => {
    const many = Array.from({ length: 500 }, (_, i) => entry(T - 250 + i));
    const h = historyFor([r], many, r, exchanges);
    expect(h).toHaveLength(200);
    expect(Math.max(...h.map((e) => Math.abs(e.timeStamp - T)))).toBeLessThanOrEqual(100);
    expect(h.map((e) => e.timeStamp)).toEqual([...h.map((e) => e.timeStamp)].sort((x, y) => x - y));
  });

  it('contextStamp changes exactly when the context inside the window changes', () => {
    const s0 = contextStamp(context, r);
    expect(contextStamp([...context, entry(T + PATTERN_WINDOW_MS + 9)], r)).toBe(s0);
    expect(contextStamp([...context.slice(0, 3), entry(T + 7), ...context.slice(3)], r)).not.toBe(s0);
    expect(contextStamp([], r)).toBe('0');
  });
});

describe('historyFor in a burst', () => {
  it('keeps the 200 nearest of thousands of failures in one minute, in time order, without the record itself', () => {
    const all = Array.from({ length: 3000 }, (_, i) => rec({ id: `r${i}`, time: T + i * 10, url: `https://x/${i}` }));
    const self = all[1500]!;
    let built = 0;
    const h = historyFor(all, [], self, { ...exchanges, ofRecord: (x) => (built++, toExchange(x)) });
    expect(h).toHaveLength(200);
    // only the neighbours are ever turned into exchanges: linear in the cap, not in the tab
    expect(built).toBeLessThanOrEqual(201);
    expect(h.map((e) => e.url)).not.toContain(self.url);
    const times = h.map((e) => e.timeStamp);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.max(...times.map((t) => Math.abs(t - self.time)))).toBeLessThanOrEqual(1000);
  });
});
