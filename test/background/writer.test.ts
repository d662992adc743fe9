import { describe, expect, it } from 'vitest';
import { SerialWriter, type WriteTrouble } from '../../src/background/writer.ts';
import { ManualClock, MemoryArea } from './fakes.ts';

const microtasks = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

function setup(area = new MemoryArea()) {
  const clock = new ManualClock();
  const values = new Map<string, unknown>();
  const troubles: (WriteTrouble | undefined)[] = [];
  let quota = 0;
  const w = new SerialWriter(area, {
    clock,
    intervalMs: 250,
    lazyMs: 1000,
    valueOf: (k) => values.get(k),
    onQuota: () => void quota++,
    onTrouble: (t) => troubles.push(t),
    warn: () => undefined,
  });
  const put = (k: string, v: unknown, lazy = false) => {
    values.set(k, v);
    w.mark(k, lazy);
  };
  return { area, clock, values, w, put, troubles, quota: () => quota };
}

describe('SerialWriter', () => {
  it('writes a change after a quiet spell at once (the same task), the rest of the interval in one write', async () => {
    const { area, clock, put } = setup();
    put('a', 1);
    await microtasks(); // no timer: the write went out in this task
    expect(area.data.get('a')).toBe(1);
    expect(area.writes).toBe(1);
    // a burst: 100 changes within the interval wait for one trailing write
    for (let i = 0; i < 100; i++) {
      put(`k${i % 7}`, i);
      clock.advance(2);
      await microtasks();
    }
    expect(area.writes).toBe(1);
    clock.advance(50);
    await microtasks();
    expect(area.writes).toBe(2);
    expect(area.data.get('k1')).toBe(99);
    // at most one write per interval, whatever the rate
    for (let i = 0; i < 1000; i++) {
      put('x', i);
      clock.advance(1);
      await microtasks();
    }
    clock.advance(250);
    await microtasks();
    expect(area.writes).toBeLessThanOrEqual(2 + Math.ceil(1250 / 250) + 1);
    expect(area.data.get('x')).toBe(999);
  });

  it('one write at a time; a change made while a write is in flight is written after it', async () => {
    const { area, clock, put, w } = setup();
    let inFlight = 0;
    let maxInFlight = 0;
    const set = area.set.bind(area);
    area.set = async (items) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await microtasks();
      await set(items);
      inFlight--;
    };
    for (let i = 0; i < 20; i++) {
      put(`k${i % 3}`, i);
      if (i % 4 === 0) await Promise.resolve();
      if (i % 7 === 0) clock.advance(300);
    }
    await w.flush();
    expect(maxInFlight).toBe(1);
    expect(Object.fromEntries(area.data)).toEqual({ k0: 18, k1: 19, k2: 17 });
    put('k1', undefined);
    await w.flush();
    expect(area.data.has('k1')).toBe(false);
  });

  it('a lazy change waits for the next eager write, or for lazyMs', async () => {
    const { area, clock, put } = setup();
    put('ctx', [1], true);
    await microtasks();
    expect(area.writes).toBe(0);
    clock.advance(999);
    await microtasks();
    expect(area.writes).toBe(0);
    clock.advance(1);
    await microtasks();
    expect(area.data.get('ctx')).toEqual([1]);
    // rides along with an eager one
    put('ctx', [1, 2], true);
    clock.advance(500);
    put('rec', 'r');
    await microtasks();
    expect(area.writes).toBe(2);
    expect(area.data.get('ctx')).toEqual([1, 2]);
  });

  it('asks for room on a quota error and writes again', async () => {
    const { area, clock, put, quota } = setup();
    area.failNext = 2;
    put('a', 'v');
    await microtasks();
    clock.advance(10_000);
    await microtasks();
    clock.advance(10_000);
    await microtasks();
    expect(quota()).toBe(2);
    expect(area.data.get('a')).toBe('v');
  });

  it('keeps retrying with backoff, reports after 3 failures in a row, and says when it works again', async () => {
    const { area, clock, put, troubles, w } = setup();
    area.failNext = 5;
    area.failWith = 'IO error: disk on fire';
    put('records:1:0', 'r');
    for (let i = 0; i < 8; i++) {
      await microtasks();
      clock.advance(3000);
    }
    await w.flush();
    expect(area.data.get('records:1:0')).toBe('r');
    expect(troubles.at(-1)).toBeUndefined();
    const reported = troubles.filter((t) => t !== undefined);
    expect(reported.map((t) => t.failures)).toEqual([3, 4, 5]);
    expect(reported[0]!.keys).toEqual(['records:1:0']);
    expect(reported[0]!.error).toMatch(/disk on fire/);
  });
});
