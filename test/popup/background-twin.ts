// An in-memory twin of the background for UI tests: answers the typed requests and feeds tab
// ports (snapshot first, then changes) the way src/background's hub does, over the real client.
import type { PortLike, Transport } from '../../src/shared/client.ts';
import { NS, isRequest, tabIdOfPort, type PortEvent } from '../../src/shared/messages.ts';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from '../../src/shared/settings.ts';
import type { CaptureRecord } from '../../src/shared/types.ts';

class TwinPort implements PortLike {
  private listeners: ((m: unknown) => void)[] = [];
  closed = false;
  constructor(readonly tabId: number) {}
  postMessage(): void {}
  disconnect(): void {
    this.closed = true;
  }
  onMessage = { addListener: (cb: (m: unknown) => void): void => void this.listeners.push(cb) };
  onDisconnect = { addListener: (): void => undefined };
  emit(e: PortEvent): void {
    if (!this.closed) for (const l of this.listeners) l(e);
  }
}

export interface TwinInit {
  activeTab?: number;
  records?: Record<number, CaptureRecord[]>;
  settings?: Partial<Settings>;
  /** make every request fail (to test error display) */
  failRequests?: boolean;
}

export function backgroundTwin(init: TwinInit = {}) {
  const records = new Map<number, CaptureRecord[]>(
    Object.entries(init.records ?? {}).map(([k, v]) => [Number(k), [...v]]),
  );
  let settings: Settings = normalizeSettings({ ...DEFAULT_SETTINGS, ...init.settings });
  const ports: TwinPort[] = [];
  const sent: unknown[] = [];
  const opened: string[] = [];
  let optionsOpened = 0;
  const broadcast = (tabId: number | undefined, e: PortEvent): void => {
    for (const p of ports) if (tabId === undefined || p.tabId === tabId) p.emit(e);
  };

  const handle = (msg: unknown): unknown => {
    if (!isRequest(msg)) throw new Error('not a request');
    switch (msg.type) {
      case 'getRecords':
        return { records: [...(records.get(msg.tabId) ?? [])], settings };
      case 'clear':
        records.delete(msg.tabId);
        broadcast(msg.tabId, { ns: NS, type: 'cleared', tabId: msg.tabId });
        return { ok: true };
      case 'getSettings':
        return { settings };
      case 'setSettings':
        settings = normalizeSettings({ ...settings, ...msg.patch });
        broadcast(undefined, { ns: NS, type: 'settings', settings });
        return { settings };
      default:
        throw new Error(`twin does not answer ${msg.type}`);
    }
  };

  const transport: Transport = {
    send: async (msg) => {
      sent.push(msg);
      if (init.failRequests) throw new Error('Could not establish connection. Receiving end does not exist.');
      return handle(msg);
    },
    connect: (name) => {
      const tabId = tabIdOfPort(name);
      if (tabId === undefined) throw new Error(`bad port ${name}`);
      const p = new TwinPort(tabId);
      ports.push(p);
      queueMicrotask(() =>
        p.emit({ ns: NS, type: 'snapshot', tabId, records: [...(records.get(tabId) ?? [])], settings }),
      );
      return p;
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

let seq = 0;
export function rec(over: Partial<CaptureRecord> = {}): CaptureRecord {
  seq++;
  return {
    id: `r${seq}-1`,
    requestId: `r${seq}`,
    tabId: 5,
    frameId: 0,
    type: 'xmlhttprequest',
    method: 'GET',
    url: `https://api.example.com/v1/item/${seq}?access_token=secret-${seq}`,
    status: 401,
    statusLine: 'HTTP/1.1 401 Unauthorized',
    time: 1_795_370_645_000 + seq * 1000,
    fromCache: false,
    preflight: false,
    source: 'headers',
    requestHeadersKnown: true,
    requestHeaders: [],
    responseHeaders: [],
    redirects: [],
    ...over,
  };
}
