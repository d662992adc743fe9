// The tab's non-failing requests around its failures (types.ts ContextEntry), per tab. Like
// the records (store.ts): storage.session is the truth under `context:<tabId>`, this memory a
// cache loaded lazily, one writer. Kept apart from the records so the badge, the list and
// the record quota never see them; bounded per tab (a ring: the oldest go first).
import type { ContextEntry } from '../shared/types.ts';
import { TabLists } from './tab-lists.ts';
import type { StorageArea } from './writer.ts';

export const CONTEXT_PREFIX = 'context:';
export const CONTEXT_PER_TAB = 100;

/** `replace`: `entries` is the tab's whole list now; else they were appended */
export interface ContextEvent {
  tabId: number;
  entries: ContextEntry[];
  replace: boolean;
}

export interface ContextOptions {
  perTab?: number;
  warn?: (msg: string) => void;
}

export class ContextStore extends TabLists<ContextEntry, ContextEvent> {
  private readonly perTab: number;

  constructor(area: StorageArea, opts: ContextOptions = {}) {
    super(area, CONTEXT_PREFIX, opts.warn);
    this.perTab = opts.perTab ?? CONTEXT_PER_TAB;
  }

  /** the records matter more than their context: give up the older half of every tab's */
  protected onQuota(): void {
    for (const [tabId, list] of this.cache ?? []) {
      list.splice(0, Math.ceil(list.length / 2));
      this.writer.mark(this.key(tabId));
    }
  }

  protected accept(e: unknown): e is ContextEntry {
    return (
      !!e &&
      typeof e === 'object' &&
      typeof (e as ContextEntry).time === 'number' &&
      typeof (e as ContextEntry).url === 'string'
    );
  }

  protected loaded(list: ContextEntry[]): ContextEntry[] {
    return list.slice(-this.perTab);
  }

  async add(tabId: number, entry: ContextEntry): Promise<void> {
    await this.load();
    let list = this.cache!.get(tabId);
    if (!list) this.cache!.set(tabId, (list = []));
    list.push(entry);
    if (list.length > this.perTab) list.splice(0, list.length - this.perTab);
    this.writer.mark(this.key(tabId));
    this.emit({ tabId, entries: [entry], replace: false });
  }

  async clearTab(tabId: number): Promise<void> {
    await this.load();
    if (!this.cache!.delete(tabId)) return;
    this.writer.mark(this.key(tabId));
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
    this.writer.mark(this.key(tabId));
    this.emit({ tabId, entries: [...keep], replace: true });
  }
}
