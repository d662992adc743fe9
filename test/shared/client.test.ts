import { describe, expect, it } from 'vitest';
import { createClient, type PortLike, type Transport } from '../../src/shared/client.ts';
import { NS, type PortEvent } from '../../src/shared/messages.ts';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.ts';

/** An in-memory twin of runtime ports: the test plays the background. */
class FakePort implements PortLike {
  listeners: ((m: unknown) => void)[] = [];
  disconnects: (() => void)[] = [];
  closed = false;
  constructor(readonly name: string) {}
  postMessage(): void {}
  disconnect(): void {
    this.closed = true;
  }
  onMessage = { addListener: (cb: (m: unknown) => void) => void this.listeners.push(cb) };
  onDisconnect = { addListener: (cb: () => void) => void this.disconnects.push(cb) };
  emit(m: unknown): void {
    for (const l of this.listeners) l(m);
  }
  die(): void {
    for (const d of this.disconnects) d();
  }
}

function twin() {
  const ports: FakePort[] = [];
  const timers: (() => void)[] = [];
  const sent: unknown[] = [];
  const t: Transport = {
    send: async (m) => {
      sent.push(m);
      return { ok: true };
    },
    connect: (name) => {
      const p = new FakePort(name);
      ports.push(p);
      return p;
    },
    setTimeout: (cb) => void timers.push(cb),
  };
  return { t, ports, timers, sent };
}

const snapshot = (tabId: number): PortEvent => ({
  ns: NS,
  type: 'snapshot',
  tabId,
  records: [],
  settings: { ...DEFAULT_SETTINGS },
});

describe('client', () => {
  it('tags requests with the namespace', async () => {
    const { t, sent } = twin();
    await createClient(t).request('clear', { tabId: 4 });
    await createClient(t).request('getSettings');
    expect(sent).toEqual([
      { tabId: 4, ns: NS, type: 'clear' },
      { ns: NS, type: 'getSettings' },
    ]);
  });

  it('reconnects when the worker dies and re-syncs from a fresh snapshot', () => {
    const { t, ports, timers } = twin();
    const events: string[] = [];
    const status: boolean[] = [];
    createClient(t).watchTab(
      9,
      (e) => events.push(e.type),
      (c) => status.push(c),
    );
    expect(ports.map((p) => p.name)).toEqual(['authlens:tab:9']);
    ports[0]!.emit(snapshot(9));
    ports[0]!.emit({ ns: NS, type: 'cleared', tabId: 9 });
    ports[0]!.emit({ junk: true });
    ports[0]!.die();
    expect(status).toEqual([true, false]);
    expect(ports).toHaveLength(1);
    timers.shift()!();
    expect(ports).toHaveLength(2);
    ports[1]!.emit(snapshot(9));
    expect(events).toEqual(['snapshot', 'cleared', 'snapshot']);
    expect(status).toEqual([true, false, true]);
  });

  it('stops for good: no reconnect after stop, and the port is closed', () => {
    const { t, ports, timers } = twin();
    const stop = createClient(t).watchTab(1, () => {});
    stop();
    expect(ports[0]!.closed).toBe(true);
    ports[0]!.die();
    for (const fire of timers.splice(0)) fire();
    expect(ports).toHaveLength(1);
  });

  it('keeps retrying with a growing delay while connecting throws', () => {
    const { t, timers } = twin();
    let attempts = 0;
    const waits: number[] = [];
    const failing: Transport = {
      ...t,
      connect: () => {
        attempts++;
        throw new Error('Could not establish connection');
      },
      setTimeout: (cb, ms) => {
        waits.push(ms);
        timers.push(cb);
      },
    };
    createClient(failing).watchTab(1, () => {});
    for (let i = 0; i < 8; i++) timers.shift()!();
    expect(attempts).toBe(9);
    expect(waits.slice(0, 4)).toEqual([50, 100, 200, 400]);
    expect(Math.max(...waits)).toBe(2000);
  });
});
