// The tab's non-failing requests around its failures (types.ts ContextEntry), per tab. Kept in
// memory as they come (a failing page makes one per request for a minute) and written lazily:
// `context:<tabId>` holds the tab's list as one ASCII JSON string, rewritten with the records'
// next write or within a second (writer.ts). A UI reads them from memory (the hub's snapshot);
// storage is for a restarted worker. Kept apart from the records so the badge, the list and the
// record budget never see them.
//
// Bounded twice: per tab (CONTEXT_PER_TAB entries and CONTEXT_TAB_BYTES) and in all
// (CONTEXT_TOTAL_BYTES, the biggest tab's oldest entries go first), so the records' budget
// (store.ts) can count on the rest of the quota.
import type { ContextEntry } from '../shared/types.ts';
import { decode, encode, itemBytes } from './size.ts';
import { TabLists, type AreaLoad } from './tab-lists.ts';
import type { SerialWriter } from './writer.ts';

export const CONTEXT_PREFIX = 'context:';
export const CONTEXT_PER_TAB = 100;
export const CONTEXT_TAB_BYTES = 64 * 1024;
export const CONTEXT_TOTAL_BYTES = 512 * 1024;

/** `replace`: `entries` is the tab's whole list now; else they were appended */
export interface ContextEvent {
  tabId: number;
  entries: ContextEntry[];
  replace: boolean;
}

export interface ContextOptions {
  perTab?: number;
  tabBytes?: number;
  totalBytes?: number;
  warn?: (msg: string) => void;
  /** store one-byte strings (Firefox: size.ts encode) */
  oneByte?: boolean;
}

export class ContextStore extends TabLists<ContextEntry, ContextEvent> {
  private readonly perTab: number;
  private readonly tabCap: number;
  private readonly totalCap: number;
  private readonly oneByte: boolean;
  private readonly sizes = new WeakMap<ContextEntry, number>();
  private readonly tabBytes = new Map<number, number>();
  private total = 0;

  constructor(read: AreaLoad, writer: SerialWriter, opts: ContextOptions = {}) {
    super(read, writer, opts.warn);
    this.perTab = opts.perTab ?? CONTEXT_PER_TAB;
    this.tabCap = opts.tabBytes ?? CONTEXT_TAB_BYTES;
    this.totalCap = opts.totalBytes ?? CONTEXT_TOTAL_BYTES;
    this.oneByte = opts.oneByte ?? false;
  }

  /** the writer's question: the tab's list as stored (undefined: remove the key) */
  stored(key: string): string | undefined {
    const list = this.cache?.get(Number(key.slice(CONTEXT_PREFIX.length)));
    return list?.length ? encode(list, this.oneByte) : undefined;
  }

  /** the records matter more than their context: storage is full, give up the older half of the biggest tab */
  shed(): void {
    const tabId = this.biggest();
    if (tabId === undefined) return;
    const list = this.cache!.get(tabId)!;
    this.dropOldest(tabId, list, Math.ceil(list.length / 2));
    this.emit({ tabId, entries: [...list], replace: true });
  }

  protected fill(all: Record<string, unknown>): Map<number, ContextEntry[]> {
    const cache = new Map<number, ContextEntry[]>();
    for (const [key, value] of Object.entries(all)) {
      if (!key.startsWith(CONTEXT_PREFIX)) continue;
      const tabId = Number(key.slice(CONTEXT_PREFIX.length));
      const list = decode(value);
      if (!Number.isInteger(tabId) || !Array.isArray(list)) continue;
      const kept = list.filter(isEntry).slice(-this.perTab);
      for (const e of kept) this.account(tabId, e, 1);
      if (kept.length) cache.set(tabId, kept);
    }
    return cache;
  }

  /** In memory now, in storage with the next write (lazy): see the top of this file. */
  async add(tabId: number, entry: ContextEntry): Promise<void> {
    await this.load();
    let list = this.cache!.get(tabId);
    if (!list) this.cache!.set(tabId, (list = []));
    list.push(entry);
    this.account(tabId, entry, 1);
    const over = list.length - this.perTab;
    if (over > 0) this.dropOldest(tabId, list, over);
    while ((this.tabBytes.get(tabId) ?? 0) > this.tabCap && list.length > 1) this.dropOldest(tabId, list, 1);
    while (this.total > this.totalCap) {
      const big = this.biggest();
      if (big === undefined) break;
      const l = this.cache!.get(big)!;
      this.dropOldest(big, l, Math.max(1, Math.ceil(l.length / 10)));
    }
    this.writer.mark(CONTEXT_PREFIX + tabId, true);
    this.emit({ tabId, entries: [entry], replace: false });
  }

  async clearTab(tabId: number): Promise<void> {
    await this.load();
    const list = this.cache!.get(tabId);
    if (!list) return;
    this.dropOldest(tabId, list, list.length);
    this.emit({ tabId, entries: [], replace: true });
  }

  /** Drop a tab's entries older than `time` (the navigation cutoff the records use). */
  async clearBefore(tabId: number, time: number): Promise<void> {
    await this.load();
    const list = this.cache!.get(tabId);
    if (!list) return;
    const keep = list.filter((e) => e.time >= time);
    if (keep.length === list.length) return;
    for (const e of list) if (e.time < time) this.account(tabId, e, -1);
    if (keep.length) this.cache!.set(tabId, keep);
    else this.cache!.delete(tabId);
    this.writer.mark(CONTEXT_PREFIX + tabId, true);
    this.emit({ tabId, entries: [...keep], replace: true });
  }

  /** bytes held in all (tests, the bench) */
  get bytes(): number {
    return this.total;
  }

  private account(tabId: number, e: ContextEntry, sign: 1 | -1): void {
    let size = this.sizes.get(e);
    if (size === undefined) this.sizes.set(e, (size = encode(e).length + 1));
    this.total += sign * size;
    const b = (this.tabBytes.get(tabId) ?? itemBytes(CONTEXT_PREFIX + tabId, '[]')) + sign * size;
    this.tabBytes.set(tabId, b);
  }

  private dropOldest(tabId: number, list: ContextEntry[], n: number): void {
    for (const e of list.splice(0, n)) this.account(tabId, e, -1);
    if (list.length === 0) {
      this.cache!.delete(tabId);
      this.tabBytes.delete(tabId);
    }
    this.writer.mark(CONTEXT_PREFIX + tabId, true);
  }

  private biggest(): number | undefined {
    let best: number | undefined;
    let most = -1;
    for (const [tabId, b] of this.tabBytes) if (b > most && this.cache!.get(tabId)?.length) [best, most] = [tabId, b];
    return best;
  }
}

function isEntry(e: unknown): e is ContextEntry {
  return (
    !!e &&
    typeof e === 'object' &&
    typeof (e as ContextEntry).time === 'number' &&
    typeof (e as ContextEntry).url === 'string'
  );
}
