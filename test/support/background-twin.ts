// An in-memory twin of the background for UI tests, over the real client: it answers the
// protocol's requests with a handler table typed by the same map as the hub's (so it cannot
// drift from it), and feeds tab ports a snapshot, then changes.
import type { Transport } from '../../src/shared/client.ts';
import { NS, isRequest, tabIdOfPort, type Handlers, type PortEvent } from '../../src/shared/messages.ts';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from '../../src/shared/settings.ts';
import type { CaptureRecord } from '../../src/shared/types.ts';
import { FakePort } from './port.ts';

export interface TwinInit {
  activeTab?: number;
  records?: Record<number, CaptureRecord[]>;
  settings?: Partial<Settings>;
  /** make every request fail (to test error display) */
  failRequests?: boolean;
  /** send each new port its tab's snapshot at once (default); false: the test sends it */
  snapshotOnConnect?: boolean;
}

export type BackgroundTwin = ReturnType<typeof backgroundTwin>;

export function backgroundTwin(init: TwinInit = {}) {
  const records = new Map<number, CaptureRecord[]>(
    Object.entries(init.records ?? {}).map(([k, v]) => [Number(k), [...v]]),
  );
  let settings: Settings = normalizeSettings({ ...DEFAULT_SETTINGS, ...init.settings });
  const ports: FakePort[] = [];
  const sent: { type: string; [k: string]: unknown }[] = [];
  const opened: string[] = [];
  let timers: (() => void)[] = [];
  let optionsOpened = 0;
  const broadcast = (tabId: number | undefined, e: PortEvent): void => {
    for (const p of ports) if (tabId === undefined || tabIdOfPort(p.name) === tabId) p.emit(e);
  };

  const handlers: Handlers = {
    getRecords: async ({ tabId }) => ({ records: [...(records.get(tabId) ?? [])], settings }),
    clear: async ({ tabId }) => {
      records.delete(tabId);
      broadcast(tabId, { ns: NS, type: 'cleared', tabId });
      return { ok: true };
    },
    getSettings: async () => ({ settings }),
    setSettings: async ({ patch }) => {
      settings = normalizeSettings({ ...settings, ...patch });
      broadcast(undefined, { ns: NS, type: 'settings', settings });
      return { settings };
    },
    attachBody: async () => ({}),
    addDevtoolsRecord: async ({ tabId, record }) => {
      records.set(tabId, [...(records.get(tabId) ?? []), record]);
      broadcast(tabId, { ns: NS, type: 'added', tabId, record });
      return { record };
    },
    getTabs: async () => ({ tabs: [...records].map(([tabId, list]) => ({ tabId, count: list.length })) }),
  };

  const transport: Transport = {
    send: async (msg) => {
      if (!isRequest(msg)) throw new Error('not a request');
      sent.push(msg);
      if (init.failRequests) throw new Error('Could not establish connection. Receiving end does not exist.');
      return (handlers[msg.type] as (params: unknown) => Promise<unknown>)(msg);
    },
    connect: (name) => {
      const tabId = tabIdOfPort(name);
      if (tabId === undefined) throw new Error(`bad port ${name}`);
      const p = new FakePort(name);
      ports.push(p);
      if (init.snapshotOnConnect !== false)
        queueMicrotask(() =>
          p.emit({ ns: NS, type: 'snapshot', tabId, records: [...(records.get(tabId) ?? [])], settings }),
        );
      return p;
    },
    setTimeout: (cb) => {
      timers.push(cb);
      return 0;
    },
    activeTabId: async () => init.activeTab,
    openTab: async (url) => void opened.push(url),
    openOptions: async () => void optionsOpened++,
    extensionUrl: (path) => `chrome-extension://twin/${path}`,
  };

  return {
    transport,
    sent,
    opened,
    ports,
    lastPort: (): FakePort => ports[ports.length - 1]!,
    /** run the client's reconnect timers now */
    flushTimers: (): void => {
      const t = timers;
      timers = [];
      t.forEach((cb) => cb());
    },
    get optionsOpened() {
      return optionsOpened;
    },
    get settings() {
      return settings;
    },
    /** a new capture, as the worker pushes it */
    add(r: CaptureRecord): void {
      records.set(r.tabId, [...(records.get(r.tabId) ?? []), r]);
      broadcast(r.tabId, { ns: NS, type: 'added', tabId: r.tabId, record: r });
    },
  };
}
