import { describe, expect, it } from 'vitest';
import { RecordStore, type StoreEvent } from '../../src/background/store.ts';
import { estimateBytes } from '../../src/background/size.ts';
import { MemoryArea } from './fakes.ts';
import { rec } from '../support/records.ts';

const ids = (list: readonly { id: string }[]) => list.map((r) => r.id);

describe('RecordStore', () => {
  it('keeps records per tab in arrival order, and writes them to the storage area', async () => {
    const area = new MemoryArea();
    const s = new RecordStore(area, { recordsPerTab: 10 });
    const a = rec({ tabId: 1 }),
      b = rec({ tabId: 2 }),
      c = rec({ tabId: 1 });
    await s.add(a);
    await s.add(b);
    await s.add(c);
    expect(ids(await s.records(1))).toEqual([a.id, c.id]);
    expect(ids(await s.records(2))).toEqual([b.id]);
    await s.idle();
    expect(ids(area.data.get('records:1') as { id: string }[])).toEqual([a.id, c.id]);
  });

  it('is a ring buffer of recordsPerTab: the oldest go, with a removed event', async () => {
    const s = new RecordStore(new MemoryArea(), { recordsPerTab: 3 });
    const events: StoreEvent[] = [];
    s.subscribe((e) => events.push(e));
    const all = Array.from({ length: 5 }, () => rec({ tabId: 4 }));
    for (const r of all) await s.add(r);
    expect(ids(await s.records(4))).toEqual(ids(all.slice(2)));
    expect(events.filter((e) => e.type === 'removed').flatMap((e) => (e.type === 'removed' ? e.ids : []))).toEqual(
      ids(all.slice(0, 2)),
    );
    await s.setRecordsPerTab(1);
    expect(ids(await s.records(4))).toEqual([all[4]!.id]);
  });

  it('serialises writes: concurrent adds all land, in order, with the last state written', async () => {
    const area = new MemoryArea();
    const s = new RecordStore(area, { recordsPerTab: 500 });
    const many = Array.from({ length: 50 }, (_, i) => rec({ tabId: i % 3 }));
    await Promise.all(many.map((r) => s.add(r)));
    await s.idle();
    for (const t of [0, 1, 2]) {
      expect(ids(area.data.get(`records:${t}`) as { id: string }[])).toEqual(ids(many.filter((r) => r.tabId === t)));
    }
    // the changes of one turn share a write
    expect(area.writes).toBeLessThan(50);
  });

  it('a new store over the same storage (a restarted worker) loses nothing', async () => {
    const area = new MemoryArea();
    const s1 = new RecordStore(area, { recordsPerTab: 500 });
    const a = rec({ tabId: 1 }),
      b = rec({ tabId: -1 });
    await s1.add(a);
    await s1.add(b);
    await s1.idle();
    const s2 = new RecordStore(area, { recordsPerTab: 500 });
    expect(await s2.records(1)).toEqual([a]);
    expect(await s2.records(-1)).toEqual([b]);
    // and keeps going where the old one stopped; a restarted capture re-uses ids: kept unique
    const again = await s2.add({ ...rec({ tabId: 1 }), id: a.id });
    expect(again.id).not.toBe(a.id);
    expect(ids(await s2.records(1))).toEqual([a.id, again.id]);
    expect(s2.estimatedBytes).toBeGreaterThan(0);
  });

  it('evicts the oldest records across tabs when the byte budget is near, never throwing', async () => {
    const one = estimateBytes(rec());
    const s = new RecordStore(new MemoryArea(), { recordsPerTab: 500, budgetBytes: one * 10 });
    const added = [];
    for (let i = 0; i < 30; i++) added.push(await s.add(rec({ tabId: i % 2 ? 1 : 2, time: 5000 + i })));
    const kept = [...(await s.records(1)), ...(await s.records(2))].sort((x, y) => x.time - y.time);
    expect(kept.length).toBeGreaterThan(5);
    expect(kept.length).toBeLessThanOrEqual(10);
    expect(ids(kept)).toEqual(ids(added.slice(-kept.length)));
    expect(s.estimatedBytes).toBeLessThanOrEqual(one * 10);
  });

  it('when the real quota refuses a write, sheds the oldest and retries instead of throwing', async () => {
    const one = estimateBytes(rec());
    const area = new MemoryArea(one * 8); // smaller than the store believes
    const s = new RecordStore(area, { recordsPerTab: 500, budgetBytes: one * 100 });
    const warnings: string[] = [];
    for (let i = 0; i < 20; i++) await s.add(rec({ tabId: 1, time: 9000 + i }));
    await s.idle();
    const stored = area.data.get('records:1') as { time: number }[];
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.at(-1)!.time).toBe(9019);
    expect(area.bytes()).toBeLessThanOrEqual(one * 8);
    // a storage that always fails: memory keeps working, a warning, no exception
    const broken = new MemoryArea();
    broken.failNext = 1e9;
    broken.failWith = 'IO error: disk on fire';
    const s2 = new RecordStore(broken, { recordsPerTab: 500, warn: (m) => warnings.push(m) });
    const kept = await s2.add(rec({ tabId: 1 }));
    await s2.idle();
    expect(warnings.join()).toMatch(/write failed 5 times.*disk on fire/);
    expect(await s2.records(1)).toEqual([kept]);
  });

  it('a huge header is shortened instead of evicting everything else', async () => {
    const s = new RecordStore(new MemoryArea(), { recordsPerTab: 500, budgetBytes: 1_000_000 });
    const small = await s.add(rec({ tabId: 1 }));
    const huge = await s.add(rec({ tabId: 1, requestHeaders: [{ name: 'Cookie', value: 'x'.repeat(3_000_000) }] }));
    expect(ids(await s.records(1))).toEqual([small.id, huge.id]);
    expect(huge.requestHeaders[0]!.value.length).toBeLessThan(10_000);
    expect(huge.requestHeaders[0]!.value).toMatch(/more characters cut by AuthLens/);
  });

  it('clears a tab, and clears only what is older than a given time', async () => {
    const s = new RecordStore(new MemoryArea(), { recordsPerTab: 500 });
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
  });

  it('updates a record in place', async () => {
    const area = new MemoryArea();
    const s = new RecordStore(area, { recordsPerTab: 500 });
    const r = await s.add(rec({ tabId: 1 }));
    expect(await s.update({ ...r, responseBody: '{"error":"expired"}' })).toBe(true);
    expect(await s.update({ ...r, id: 'nope' })).toBe(false);
    await s.idle();
    expect((area.data.get('records:1') as { responseBody?: string }[])[0]!.responseBody).toBe('{"error":"expired"}');
  });

  it('ignores junk found in storage', async () => {
    const area = new MemoryArea();
    await area.set({ 'records:x': [rec()], 'records:3': [null, 5, rec({ tabId: 3 })], other: 1 });
    const s = new RecordStore(area, { recordsPerTab: 500 });
    expect(await s.tabIds()).toEqual([3]);
    expect(await s.records(3)).toHaveLength(1);
  });
});
