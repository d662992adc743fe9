import { describe, expect, it } from 'vitest';
import { RECORDS_BUDGET, type StoreEvent } from '../../src/background/store.ts';
import { encode, itemBytes } from '../../src/background/size.ts';
import { LossLedger } from '../../src/background/losses.ts';
import { SerialWriter } from '../../src/background/writer.ts';
import { MemoryArea, recordStore } from './fakes.ts';
import { rec } from '../support/records.ts';

const ids = (list: readonly { id: string }[]) => list.map((r) => r.id);
const oneBytes = itemBytes('records:1:0', encode(rec()));

function ledger() {
  const w = new SerialWriter(new MemoryArea(), { valueOf: () => undefined, onQuota: () => undefined, warn: () => 0 });
  return new LossLedger(w);
}

describe('RecordStore', () => {
  it('keeps records per tab in arrival order, one storage item per record (an ASCII JSON string)', async () => {
    const area = new MemoryArea();
    const s = recordStore(area, { recordsPerTab: 10 });
    const a = rec({ tabId: 1 }),
      b = rec({ tabId: 2 }),
      c = rec({ tabId: 1, statusLine: 'HTTP/1.1 401 Non autorisé ✗' });
    await s.add(a);
    await s.add(b);
    await s.add(c);
    expect(ids(await s.records(1))).toEqual([a.id, c.id]);
    expect(ids(await s.records(2))).toEqual([b.id]);
    await s.idle();
    expect(ids(area.records(1))).toEqual([a.id, c.id]);
    expect([...area.data.keys()].sort()).toEqual(['records:1:0', 'records:1:1', 'records:2:0']);
    const stored = area.data.get('records:1:1') as string;
    expect(/^[\x20-\x7e]*$/.test(stored)).toBe(true); // what the browsers count is its length
    expect(JSON.parse(stored)).toEqual(c);
  });

  it('is a ring buffer of recordsPerTab: the oldest go (removed from storage), counted as cap losses', async () => {
    const area = new MemoryArea();
    const losses = ledger();
    const s = recordStore(area, { recordsPerTab: 3, losses });
    const events: StoreEvent[] = [];
    s.subscribe((e) => events.push(e));
    const all = Array.from({ length: 5 }, () => rec({ tabId: 4 }));
    for (const r of all) await s.add(r);
    expect(ids(await s.records(4))).toEqual(ids(all.slice(2)));
    expect(events.filter((e) => e.type === 'removed').flatMap((e) => (e.type === 'removed' ? e.ids : []))).toEqual(
      ids(all.slice(0, 2)),
    );
    await s.idle();
    expect(ids(area.records(4))).toEqual(ids(all.slice(2)));
    expect(losses.get(4)).toEqual({ cap: 2 });
    await s.setRecordsPerTab(1);
    expect(ids(await s.records(4))).toEqual([all[4]!.id]);
    expect(losses.get(4)).toEqual({ cap: 4 });
    await s.clearTab(4);
    expect(losses.get(4)).toBeUndefined();
  });

  it('an append writes only the new record: a burst never rewrites the list', async () => {
    const area = new MemoryArea();
    const written: string[] = [];
    const set = area.set.bind(area);
    area.set = async (items) => {
      written.push(...Object.keys(items));
      await set(items);
    };
    const s = recordStore(area, { recordsPerTab: 5000 });
    for (let i = 0; i < 300; i++) {
      await s.add(rec({ tabId: 1 }));
      if (i % 10 === 0) await s.idle();
    }
    await s.idle();
    expect(written).toHaveLength(300);
    expect(new Set(written).size).toBe(300);
  });

  it('a new store over the same storage (a restarted worker) loses nothing and goes on numbering', async () => {
    const area = new MemoryArea();
    const s1 = recordStore(area, { recordsPerTab: 500 });
    const a = rec({ tabId: 1 }),
      b = rec({ tabId: -1 });
    await s1.add(a);
    await s1.add(b);
    await s1.idle();
    const s2 = recordStore(area, { recordsPerTab: 500 });
    expect(await s2.records(1)).toEqual([a]);
    expect(await s2.records(-1)).toEqual([b]);
    // a restarted capture re-uses ids: kept unique
    const again = await s2.add({ ...rec({ tabId: 1 }), id: a.id });
    expect(again.id).not.toBe(a.id);
    await s2.idle();
    expect(ids(area.records(1))).toEqual([a.id, again.id]);
    expect(s2.estimatedBytes).toBe(area.bytes() + 8 * 3);
  });

  it('past the byte budget the BIGGEST tab gives first: a flood in one tab keeps the others', async () => {
    const losses = ledger();
    const s = recordStore(new MemoryArea(), { recordsPerTab: 5000, budgetBytes: oneBytes * 40, losses });
    const quiet = [await s.add(rec({ tabId: 1 })), await s.add(rec({ tabId: 2 }))];
    for (let i = 0; i < 200; i++) await s.add(rec({ tabId: 3 }));
    expect(ids(await s.records(1))).toEqual([quiet[0]!.id]);
    expect(ids(await s.records(2))).toEqual([quiet[1]!.id]);
    const flood = await s.records(3);
    expect(flood.length).toBeGreaterThan(30);
    expect(s.estimatedBytes).toBeLessThanOrEqual(oneBytes * 40 + 100);
    expect(losses.get(3)).toEqual({ quota: 200 - flood.length });
    expect(losses.get(1)).toBeUndefined();
  });

  it('the default budget holds 5 000 typical records of one tab (what the browsers count)', async () => {
    const s = recordStore(new MemoryArea(), { recordsPerTab: 5000 });
    const auth = [{ name: 'Authorization', value: `Bearer ${'x'.repeat(600)}` }];
    for (let i = 0; i < 5000; i++) await s.add(rec({ tabId: 1, requestHeaders: auth }));
    expect((await s.records(1)).length).toBe(5000);
    expect(s.estimatedBytes).toBeLessThan(RECORDS_BUDGET);
  });

  it('when the real quota refuses a write, sheds the oldest of the biggest tab and retries', async () => {
    const area = new MemoryArea(oneBytes * 8); // smaller than the store believes
    const s = recordStore(area, { recordsPerTab: 500, budgetBytes: oneBytes * 100 });
    for (let i = 0; i < 20; i++) {
      await s.add(rec({ tabId: 1, time: 9000 + i }));
      await s.idle();
    }
    const stored = area.records(1);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.at(-1)!.time).toBe(9019);
    expect(area.bytes()).toBeLessThanOrEqual(oneBytes * 8);
  });

  it('a huge record (thousands of headers) is cut down instead of evicting everything else', async () => {
    const s = recordStore(new MemoryArea(), { recordsPerTab: 500, budgetBytes: 1_000_000 });
    const small = await s.add(rec({ tabId: 1 }));
    const many = Array.from({ length: 5000 }, (_, i) => ({ name: `X-${i}`, value: 'v'.repeat(100) }));
    const huge = await s.add(rec({ tabId: 1, requestHeaders: many }));
    expect(ids(await s.records(1))).toEqual([small.id, huge.id]);
    expect(huge.requestHeaders).toHaveLength(64);
  });

  it('clears a tab, and clears only what is older than a given time', async () => {
    const area = new MemoryArea();
    const s = recordStore(area, { recordsPerTab: 500 });
    const events: StoreEvent[] = [];
    s.subscribe((e) => events.push(e));
    const old = await s.add(rec({ tabId: 5, time: 100 }));
    const now = await s.add(rec({ tabId: 5, time: 200 }));
    await s.clearBefore(5, 150);
    expect(ids(await s.records(5))).toEqual([now.id]);
    expect(events.at(-1)).toEqual({ type: 'removed', tabId: 5, ids: [old.id] });
    await s.clearBefore(5, 1000);
    expect(await s.records(5)).toEqual([]);
    expect(events.at(-1)).toEqual({ type: 'cleared', tabId: 5 });
    await s.add(rec({ tabId: 6 }));
    await s.clearTab(6);
    await s.idle();
    expect(await s.tabIds()).toEqual([]);
    expect(area.data.size).toBe(0);
    expect(s.estimatedBytes).toBe(0);
  });

  it('updates a record in place (its one item)', async () => {
    const area = new MemoryArea();
    const s = recordStore(area, { recordsPerTab: 500 });
    const r = await s.add(rec({ tabId: 1 }));
    expect(await s.update({ ...r, responseBody: '{"error":"expired"}' })).toBe(true);
    expect(await s.update({ ...r, id: 'nope' })).toBe(false);
    await s.idle();
    expect(area.records(1)[0]!.responseBody).toBe('{"error":"expired"}');
  });

  it('ignores junk found in storage', async () => {
    const area = new MemoryArea();
    await area.set({
      'records:x:0': encode(rec()),
      'records:3:0': 'not json',
      'records:3:1': encode(null),
      'records:3:2': encode(rec({ tabId: 3 })),
      'records:3': [rec({ tabId: 3 })],
      other: 1,
    });
    const s = recordStore(area, { recordsPerTab: 500 });
    expect(await s.tabIds()).toEqual([3]);
    expect(await s.records(3)).toHaveLength(1);
  });
});
