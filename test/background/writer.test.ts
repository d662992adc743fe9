import { describe, expect, it } from 'vitest';
import { SerialWriter } from '../../src/background/writer.ts';
import { MemoryArea } from './fakes.ts';

describe('SerialWriter', () => {
  it('writes one change at a time, coalesces a turn, and never loses a change made while it stops', async () => {
    const area = new MemoryArea();
    let inFlight = 0;
    let maxInFlight = 0;
    const set = area.set.bind(area);
    area.set = async (items) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await new Promise((r) => setTimeout(r, 1));
      await set(items);
      inFlight--;
    };
    const values = new Map<string, unknown>();
    const w = new SerialWriter(area, {
      valueOf: (k) => values.get(k),
      onQuota: () => undefined,
      warn: () => undefined,
    });
    for (let i = 0; i < 20; i++) {
      values.set(`k${i % 3}`, i);
      w.mark(`k${i % 3}`);
      // changes land at every point of the writer's life, including just as it finishes
      if (i % 4 === 0) await Promise.resolve();
      if (i % 7 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    await w.idle();
    expect(maxInFlight).toBe(1);
    expect(Object.fromEntries(area.data)).toEqual({ k0: 18, k1: 19, k2: 17 });
    expect(area.writes).toBeLessThan(20);
    values.delete('k1');
    w.mark('k1');
    await w.idle();
    expect(area.data.has('k1')).toBe(false);
  });

  it('asks for room on a quota error and writes again', async () => {
    const area = new MemoryArea();
    area.failNext = 2;
    let quotaCalls = 0;
    const w = new SerialWriter(area, { valueOf: () => 'v', onQuota: () => void quotaCalls++, warn: () => undefined });
    w.mark('a');
    await w.idle();
    expect(quotaCalls).toBe(2);
    expect(area.data.get('a')).toBe('v');
  });
});
