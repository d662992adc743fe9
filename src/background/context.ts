// The tab's non-failing requests around its failures (types.ts ContextEntry), per tab. Like
// the records (store.ts): storage.session is the truth under `context:<tabId>`, this memory a
// cache loaded lazily, one writer. Kept apart from the records so the badge, the list and
// the record quota never see them; bounded per tab (a ring: the oldest go first).
import type { ContextEntry } from '../shared/types.ts';
import { SerialWriter, type StorageArea } from './writer.ts';

export const CONTEXT_PREFIX = 'context:';
export const CONTEXT_PER_TAB = 100;

/** `replace`: `entries` is the tab's whole list now; else they were appended */
export interface ContextEvent { tabId: number; entries: ContextEntry[]; replace: boolean }

export interface ContextOptions { perTab?: number; warn?: (msg: string) => void }

export class ContextStore {
  private cache: Map<number, ContextEntry[]> | undefined;
  private loading: Promise<void> | undefined;
  private readonly writer: SerialWriter;
  private readonly listeners = new Set<(e: ContextEvent) => void>();
  private readonly perTab: number;
  private readonly warn: (msg: string) => void;

  constructor(private readonly area: StorageArea, opts: ContextOptions = {}) {
    this.perTab = opts.perTab ?? CONTEXT_PER_TAB;
    this.warn = opts.warn ?? (() => undefined);
    this.writer = new SerialWriter(area, {
      valueOf: (key) => {
        const list = this.cache?.get(Number(key.slice(CONTEXT_PREFIX.length)));
        return list?.length ? list : undefined;
      },
      // the records matter more than their context: give up the older half of every tab's
      onQuota: () => {
        for (const [tabId, list] of this.cache ?? []) {
          list.splice(0, Math.ceil(list.length / 2));
          this.writer.mark(CONTEXT_PREFIX + tabId);
        }
      },
      warn: this.warn,
    });
  }

  subscribe(fn: (e: ContextEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  load(): Promise<void> {
    this.loading ??= this.area.get(null).then(
      (all) => this.fill(all),
      (e: unknown) => {
        this.warn(`storage read failed, context starts empty: ${String(e)}`);
        this.fill({});
      },
    );
    return this.loading;
  }

  /** Synchronous read, valid once load() has resolved: oldest first. */
  peek(tabId: number): readonly ContextEntry[] {
    return this.cache?.get(tabId) ?? [];
  }

  async add(tabId: number, entry: ContextEntry): Promise<void> {
    await this.load();
    let list = this.cache!.get(tabId);
    if (!list) this.cache!.set(tabId, (list = []));
    list.push(entry);
    if (list.length > this.perTab) list.splice(0, list.length - this.perTab);
    this.writer.mark(CONTEXT_PREFIX + tabId);
    this.emit({ tabId, entries: [entry], replace: false });
  }

  async clearTab(tabId: number): Promise<void> {
    await this.load();
    if (!this.cache!.delete(tabId)) return;
    this.writer.mark(CONTEXT_PREFIX + tabId);
    this.emit({ tabId, entries: [], replace: true });
  }

  /** Drop a tab's entries older than `time` (the navigation cutoff the records use). */
  async clearBefore(tabId: number, time: number): Promise<void> {
    await this.load();
    const list = this.cache!.get(tabId);
    if (!list) return;
    const keep = list.filter((e) => e.time >= time);
    if (keep.length === list.length) return;
    if (keep.length) this.cache!.set(tabId, keep);
    else this.cache!.delete(tabId);
    this.writer.mark(CONTEXT_PREFIX + tabId);
    this.emit({ tabId, entries: [...keep], replace: true });
  }

  async idle(): Promise<void> {
    await this.load();
    await this.writer.idle();
  }

  private fill(all: Record<string, unknown>): void {
    const cache = new Map<number, ContextEntry[]>();
    for (const [key, value] of Object.entries(all)) {
      if (!key.startsWith(CONTEXT_PREFIX) || !Array.isArray(value)) continue;
      const tabId = Number(key.slice(CONTEXT_PREFIX.length));
      if (!Number.isInteger(tabId)) continue;
      const list = (value as ContextEntry[]).filter((e) => e && typeof e === 'object' && typeof e.time === 'number' && typeof e.url === 'string');
      if (list.length) cache.set(tabId, list.slice(-this.perTab));
    }
    this.cache = cache;
  }

  private emit(e: ContextEvent): void {
    for (const fn of this.listeners) {
      try {
        fn(e);
      } catch (err) {
        this.warn(`context listener failed: ${String(err)}`);
      }
    }
  }
}
