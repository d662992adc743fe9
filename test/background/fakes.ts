// In-memory twins of the small interfaces the background is written against.
import type { BadgeApi } from '../../src/background/badge.ts';
import type { SettingsArea } from '../../src/background/settings.ts';
import type { StorageArea } from '../../src/background/store.ts';
import { estimateBytes } from '../../src/background/size.ts';

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

  bytes(map: Map<string, unknown> = this.data): number {
    let n = 0;
    for (const [k, v] of map) n += k.length + estimateBytes(v);
    return n;
  }
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
