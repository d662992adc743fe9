import { describe, expect, it } from 'vitest';
import { createClient, type Transport } from '../../src/shared/client.ts';
import { NS, type PortEvent } from '../../src/shared/messages.ts';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.ts';
import { backgroundTwin } from '../support/background-twin.ts';

function twin() {
  const tw = backgroundTwin({ snapshotOnConnect: false });
  return { t: tw.transport, ports: tw.ports, sent: tw.sent, fireTimers: tw.flushTimers };
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
    const { t, ports, fireTimers } = twin();
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
    ports[0]!.drop();
    expect(status).toEqual([true, false]);
    expect(ports).toHaveLength(1);
    fireTimers();
    expect(ports).toHaveLength(2);
    ports[1]!.emit(snapshot(9));
    expect(events).toEqual(['snapshot', 'cleared', 'snapshot']);
    expect(status).toEqual([true, false, true]);
  });

  it('stops for good: no reconnect after stop, and the port is closed', () => {
    const { t, ports, fireTimers } = twin();
    const stop = createClient(t).watchTab(1, () => {});
    stop();
    expect(ports[0]!.connected).toBe(false);
    ports[0]!.drop();
    fireTimers();
    expect(ports).toHaveLength(1);
  });

  it('keeps retrying with a growing delay while connecting throws', () => {
    const { t } = twin();
    const timers: (() => void)[] = [];
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
