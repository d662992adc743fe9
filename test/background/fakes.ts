// In-memory twins of the small interfaces the background is written against.
import type { BadgeApi } from '../../src/background/badge.ts';
import type { SettingsArea } from '../../src/background/settings.ts';
import { RecordStore, type StorageArea, type StoreOptions } from '../../src/background/store.ts';
import { ContextStore, type ContextOptions } from '../../src/background/context-store.ts';
import { SerialWriter, type Clock } from '../../src/background/writer.ts';

/** Like storage.session: values are copied in and out (structured clone), an optional quota. */
export class MemoryArea implements StorageArea, SettingsArea {
  readonly data = new Map<string, unknown>();
  writes = 0;
  failNext = 0;
  failWith = 'Session storage quota bytes exceeded';
  constructor(public quotaBytes = Infinity) {}

  async get(keys?: string | string[] | null): Promise<Record<string, unknown>> {
    const wanted = keys == null ? [...this.data.keys()] : typeof keys === 'string' ? [keys] : keys;
    const out: Record<string, unknown> = {};
    for (const k of wanted) if (this.data.has(k)) out[k] = structuredClone(this.data.get(k));
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    // copied at call time, as the browser serialises the arguments when called
    const copy = structuredClone(items);
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error(this.failWith);
    }
    const next = new Map(this.data);
    for (const [k, v] of Object.entries(copy)) next.set(k, v);
    if (this.bytes(next) > this.quotaBytes) throw new Error('Session storage quota bytes exceeded');
    for (const [k, v] of Object.entries(copy)) this.data.set(k, v);
    this.writes++;
  }

  async remove(keys: string | string[]): Promise<void> {
    for (const k of typeof keys === 'string' ? [keys] : keys) this.data.delete(k);
  }

  /** what the browsers count for the strings the stores write (size.ts): about a byte per character */
  bytes(map: Map<string, unknown> = this.data): number {
    let n = 0;
    for (const [k, v] of map) n += k.length + (typeof v === 'string' ? v.length + 16 : JSON.stringify(v).length * 3);
    return n;
  }

  async getBytesInUse(): Promise<number> {
    return this.bytes();
  }

  /** the value stored under `key`, parsed (the stores write JSON strings) */
  parsed(key: string): unknown {
    const v = this.data.get(key);
    return typeof v === 'string' ? JSON.parse(v) : v;
  }

  /** the records stored for a tab, in order */
  records(tabId: number): { id: string; time: number; responseBody?: string }[] {
    const prefix = `records:${tabId}:`;
    return [...this.data.keys()]
      .filter((k) => k.startsWith(prefix))
      .sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)))
      .map((k) => this.parsed(k) as { id: string; time: number });
  }
}

/** A clock whose timers run only when the test says (a stopped worker's timers never run). */
export class ManualClock implements Clock {
  t = 1_790_000_000_000;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private ids = 0;
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.ids;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  }
  clearTimeout(h: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== h);
  }
  /** move time on, running the timers that fall due (in order) */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.t = next.at;
      next.fn();
    }
    this.t = end;
  }
  /** the worker was stopped: its timers are gone */
  drop(): void {
    this.timers = [];
  }
  get planned(): number {
    return this.timers.length;
  }
}

/** A record store over an area with its own writer (what the worker wires, for store-only tests). */
export function recordStore(area: StorageArea, opts: StoreOptions, clock?: Clock): RecordStore {
  const read = () => area.get(null);
  const ref: { store?: RecordStore } = {};
  const writer = new SerialWriter(area, {
    ...(clock ? { clock } : {}),
    valueOf: (k) => ref.store!.stored(k),
    onQuota: () => ref.store!.shed(),
    warn: opts.warn ?? (() => undefined),
  });
  return (ref.store = new RecordStore(read, writer, opts));
}

export function contextStore(area: StorageArea, opts: ContextOptions = {}): ContextStore {
  const ref: { store?: ContextStore } = {};
  const writer = new SerialWriter(area, {
    valueOf: (k) => ref.store!.stored(k),
    onQuota: () => ref.store!.shed(),
    warn: () => undefined,
  });
  return (ref.store = new ContextStore(() => area.get(null), writer, opts));
}

export class FakeBadge implements BadgeApi {
  readonly text = new Map<number, string>();
  readonly title = new Map<number, string>();
  readonly color = new Map<number, string>();
  readonly icon = new Map<number, Record<number, string>>();
  readonly closed = new Set<number>();
  calls = 0;

  private check(tabId: number): void {
    this.calls++;
    if (this.closed.has(tabId)) throw new Error(`No tab with id: ${tabId}.`);
  }
  async setBadgeText(d: { tabId: number; text: string }): Promise<void> {
    this.check(d.tabId);
    this.text.set(d.tabId, d.text);
  }
  async setTitle(d: { tabId: number; title: string }): Promise<void> {
    this.check(d.tabId);
    this.title.set(d.tabId, d.title);
  }
  async setBadgeBackgroundColor(d: { tabId: number; color: string }): Promise<void> {
    this.check(d.tabId);
    this.color.set(d.tabId, d.color);
  }
  async setIcon(d: { tabId: number; path: Record<number, string> }): Promise<void> {
    this.check(d.tabId);
    this.icon.set(d.tabId, d.path);
  }
  /** what Chrome does at each committed main-frame navigation */
  wipe(tabId: number): void {
    this.text.delete(tabId);
    this.title.delete(tabId);
    this.icon.delete(tabId);
  }
}
