// Serves the UIs: one port per watched tab (a snapshot, then every change in order) and the
// request/response messages of src/shared/messages.ts. Everything waits for the store's lazy
// load first, so a worker restarted by the UI's own message answers from storage, not from an
// empty memory.
import {
  NS,
  isRequest,
  tabIdOfPort,
  type BodyMatch,
  type Handlers,
  type PortEvent,
  type TabSummary,
} from '../shared/messages.ts';
import type { Settings } from '../shared/settings.ts';
import type { CaptureRecord } from '../shared/types.ts';
import { bodyText, findBodyTarget } from './body.ts';
import type { SettingsHolder } from './settings.ts';
import type { RecordStore, StoreEvent } from './store.ts';
import type { ContextEvent, ContextStore } from './context-store.ts';
import type { LossLedger } from './losses.ts';

/** records in the first message of a snapshot (a screenful and then some) */
export const SNAPSHOT_FIRST = 200;
const OLDER_CHUNK = 1000;
export interface HubPort {
  name: string;
  postMessage(msg: unknown): void;
  onDisconnect: { addListener(cb: () => void): void };
}

export interface HubDeps {
  store: RecordStore;
  settings: SettingsHolder;
  tabTitle?(tabId: number): Promise<string | undefined>;
  /** the tabs' non-failing requests around failures; absent: snapshots carry none */
  context?: ContextStore;
  /** records the tab could not keep; absent: snapshots say nothing of it */
  losses?: LossLedger;
}

export class Hub {
  private readonly ports = new Map<number, Set<HubPort>>();

  constructor(private readonly deps: HubDeps) {
    deps.store.subscribe((e) => this.forward(e));
    deps.settings.subscribe((s) => this.broadcast({ ns: NS, type: 'settings', settings: s }));
    deps.context?.subscribe((e) => this.forwardContext(e));
    deps.losses?.subscribe((e) => this.send(e.tabId, { ns: NS, type: 'losses', tabId: e.tabId, losses: e.losses }));
  }

  /** A UI connected: snapshot first, then live changes (none can slip in between: see below). */
  connect(port: HubPort): void {
    const tabId = tabIdOfPort(port.name);
    if (tabId === undefined) return;
    let open = true;
    port.onDisconnect.addListener(() => {
      open = false;
      this.ports.get(tabId)?.delete(port);
    });
    void Promise.all([this.deps.store.load(), this.deps.settings.load(), this.deps.context?.load()]).then(() => {
      if (!open) return;
      // Synchronous from here: the snapshot and joining the live set happen in one turn, so
      // every change is either in the snapshot or sent after it.
      // The newest records first, the older ones in chunks right after (same turn, so nothing
      // slips in between): cloning thousands of records (~4 MB) into one message kept the
      // panel's first rows waiting ~200 ms.
      const all = this.deps.store.peek(tabId);
      const first = Math.max(0, all.length - SNAPSHOT_FIRST);
      const losses = this.deps.losses?.get(tabId);
      const snapshot: PortEvent = {
        ns: NS,
        type: 'snapshot',
        tabId,
        records: all.slice(first),
        settings: this.deps.settings.current,
        context: [...(this.deps.context?.peek(tabId) ?? [])],
        ...(first > 0 ? { more: true } : {}),
        ...(losses ? { losses } : {}),
      };
      if (!this.post(port, snapshot)) return;
      for (let end = first; end > 0; end -= OLDER_CHUNK) {
        const older: PortEvent = {
          ns: NS,
          type: 'older',
          tabId,
          records: all.slice(Math.max(0, end - OLDER_CHUNK), end),
          more: end > OLDER_CHUNK,
        };
        if (!this.post(port, older)) return;
      }
      let set = this.ports.get(tabId);
      if (!set) this.ports.set(tabId, (set = new Set()));
      set.add(port);
    });
  }

  /** Answers a runtime message; undefined when it is not one of ours. */
  handle(msg: unknown): Promise<unknown> | undefined {
    if (!isRequest(msg)) return undefined;
    return (this.handlers[msg.type] as (params: unknown) => Promise<unknown>)(msg);
  }

  private readonly handlers: Handlers = {
    getRecords: async ({ tabId }) => {
      const [records, settings] = await Promise.all([this.deps.store.records(tabId), this.deps.settings.load()]);
      return { records, settings };
    },
    clear: async ({ tabId }) => {
      await this.deps.store.clearTab(tabId);
      return { ok: true };
    },
    getSettings: async () => ({ settings: await this.deps.settings.load() }),
    setSettings: async ({ patch }) => ({ settings: await this.deps.settings.update(patch) }),
    attachBody: async ({ tabId, match, body }) => ({ record: await this.attachBody(tabId, match, body) }),
    getTabs: async () => ({ tabs: await this.tabs() }),
    addDevtoolsRecord: async ({ tabId, record }) => ({ record: await this.addDevtoolsRecord(tabId, record) }),
  };

  /** A failure only DevTools saw: stored once (the worker may have captured it after all). */
  private async addDevtoolsRecord(tabId: number, record: CaptureRecord): Promise<CaptureRecord | undefined> {
    if (!record || record.tabId !== tabId || record.source !== 'devtools') return undefined;
    await this.deps.store.load();
    const match = { url: record.url, method: record.method, status: record.status, time: record.time };
    if (findBodyTarget(this.deps.store.peek(tabId), match)) return undefined;
    return this.deps.store.add({ ...record, responseBody: bodyText(record.responseBody) });
  }

  private async attachBody(tabId: number, match: BodyMatch, body: string): Promise<CaptureRecord | undefined> {
    await this.deps.store.load();
    const target = findBodyTarget(this.deps.store.peek(tabId), match);
    if (!target) return undefined;
    const next: CaptureRecord = { ...target, responseBody: bodyText(body) };
    return (await this.deps.store.update(next)) ? next : undefined;
  }

  private async tabs(): Promise<TabSummary[]> {
    const { store } = this.deps;
    const ids = await store.tabIds();
    return Promise.all(
      ids.map(async (tabId) => {
        const t: TabSummary = { tabId, count: store.peek(tabId).length };
        const title = tabId >= 0 ? await this.deps.tabTitle?.(tabId).catch(() => undefined) : undefined;
        if (title) t.title = title;
        return t;
      }),
    );
  }

  private forward(e: StoreEvent): void {
    const set = this.ports.get(e.tabId);
    if (!set?.size) return;
    const msg: PortEvent = { ...e, ns: NS };
    for (const port of set) if (!this.post(port, msg)) set.delete(port);
  }

  private forwardContext(e: ContextEvent): void {
    const set = this.ports.get(e.tabId);
    if (!set?.size) return;
    const msg: PortEvent = {
      ns: NS,
      type: 'context',
      tabId: e.tabId,
      entries: e.entries,
      ...(e.replace ? { replace: true } : {}),
    };
    for (const port of set) if (!this.post(port, msg)) set.delete(port);
  }

  private send(tabId: number, msg: PortEvent): void {
    const set = this.ports.get(tabId);
    if (set) for (const port of set) if (!this.post(port, msg)) set.delete(port);
  }

  private broadcast(msg: { ns: typeof NS; type: 'settings'; settings: Settings }): void {
    for (const set of this.ports.values()) for (const port of set) if (!this.post(port, msg)) set.delete(port);
  }

  /** A port whose other end went away throws on postMessage. */
  private post(port: HubPort, msg: PortEvent): boolean {
    try {
      port.postMessage(msg);
      return true;
    } catch {
      return false;
    }
  }
}
