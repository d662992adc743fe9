// Captured records per tab. storage.session is the truth (it survives a stopped worker, never
// reaches disk); this memory is a cache, loaded lazily before anything is read or changed, so a
// worker restarted by an event loses nothing. Every change is applied to the cache at once and
// written by a single writer (writer.ts: concurrent read-modify-writes would race). Near the
// 10 MB quota the oldest records of any tab are evicted; a failed write evicts and retries.
import type { CaptureRecord } from '../shared/types.ts';
import { estimateBytes, fitRecord } from './size.ts';
import { TabLists } from './tab-lists.ts';
import type { StorageArea } from './writer.ts';

export type { StorageArea } from './writer.ts';

export type StoreEvent =
  | { type: 'added'; tabId: number; record: CaptureRecord }
  | { type: 'updated'; tabId: number; record: CaptureRecord }
  | { type: 'removed'; tabId: number; ids: string[] }
  | { type: 'cleared'; tabId: number };

/** chrome.storage.session.QUOTA_BYTES; Firefox enforces the same limit without exposing it */
export const SESSION_QUOTA = 10_485_760;
const KEY_PREFIX = 'records:';

export interface StoreOptions {
  recordsPerTab: number;
  /** stay under this many (estimated) bytes; default 90 % of the session quota */
  budgetBytes?: number;
  warn?: (msg: string) => void;
}

export class RecordStore extends TabLists<CaptureRecord, StoreEvent> {
  private readonly sizes = new WeakMap<CaptureRecord, number>();
  private bytes = 0;
  private recordsPerTab: number;
  private readonly budget: number;

  constructor(area: StorageArea, opts: StoreOptions) {
    super(area, KEY_PREFIX, opts.warn);
    this.recordsPerTab = opts.recordsPerTab;
    this.budget = opts.budgetBytes ?? Math.floor(SESSION_QUOTA * 0.9);
  }

  protected onQuota(): void {
    this.shed(Math.max(1, Math.floor(this.bytes / 10)));
  }

  protected accept(r: unknown): r is CaptureRecord {
    return !!r && typeof r === 'object' && typeof (r as CaptureRecord).id === 'string';
  }

  protected loaded(list: CaptureRecord[]): CaptureRecord[] {
    for (const r of list) this.bytes += this.measure(r);
    return list;
  }

  async records(tabId: number): Promise<CaptureRecord[]> {
    await this.load();
    return [...this.peek(tabId)];
  }

  async tabIds(): Promise<number[]> {
    await this.load();
    return [...this.cache!.keys()];
  }

  async add(record: CaptureRecord): Promise<CaptureRecord> {
    await this.load();
    record = fitRecord(record);
    const size = this.measure(record);
    this.makeRoom(size); // first: it may empty (and drop) this very tab's list
    const list = this.list(record.tabId);
    // record ids restart after a worker restart (retry numbering lives in memory): keep them unique
    if (list.some((r) => r.id === record.id)) {
      record = { ...record, id: uniqueId(list, record.id) };
      this.sizes.set(record, size);
    }
    list.push(record);
    this.bytes += size;
    this.writer.mark(this.key(record.tabId));
    this.emit({ type: 'added', tabId: record.tabId, record });
    const over = list.length - this.recordsPerTab;
    if (over > 0) this.drop(record.tabId, list.slice(0, over));
    return record;
  }

  /** Replace a record (same id) in place, e.g. once a response body is attached. */
  async update(record: CaptureRecord): Promise<boolean> {
    await this.load();
    record = fitRecord(record);
    const list = this.cache!.get(record.tabId);
    const i = list?.findIndex((r) => r.id === record.id) ?? -1;
    if (!list || i < 0) return false;
    this.bytes -= this.sizes.get(list[i]!) ?? 0;
    const size = this.measure(record);
    list[i] = record;
    this.bytes += size;
    this.makeRoom(0, record);
    this.writer.mark(this.key(record.tabId));
    this.emit({ type: 'updated', tabId: record.tabId, record });
    return true;
  }

  async clearTab(tabId: number): Promise<void> {
    await this.load();
    const list = this.cache!.get(tabId);
    if (list) for (const r of list) this.bytes -= this.sizes.get(r) ?? 0;
    this.cache!.delete(tabId);
    this.writer.mark(this.key(tabId));
    this.emit({ type: 'cleared', tabId });
  }

  /** Remove a tab's records older than `time` (a top-level navigation's start). */
  async clearBefore(tabId: number, time: number): Promise<void> {
    await this.load();
    const list = this.cache!.get(tabId);
    if (!list) return;
    const old = list.filter((r) => r.time < time);
    if (old.length === list.length) return this.clearTab(tabId);
    if (old.length > 0) this.drop(tabId, old);
  }

  async setRecordsPerTab(n: number): Promise<void> {
    await this.load();
    this.recordsPerTab = n;
    for (const [tabId, list] of this.cache!) if (list.length > n) this.drop(tabId, list.slice(0, list.length - n));
  }

  /** estimated bytes held (for tests and the bench) */
  get estimatedBytes(): number {
    return this.bytes;
  }

  private list(tabId: number): CaptureRecord[] {
    let list = this.cache!.get(tabId);
    if (!list) this.cache!.set(tabId, (list = []));
    return list;
  }

  private measure(r: CaptureRecord): number {
    const size = estimateBytes(r);
    this.sizes.set(r, size);
    return size;
  }

  /** Evict the oldest records of any tab until `incoming` more bytes fit (never `keep`). */
  private makeRoom(incoming: number, keep?: CaptureRecord): void {
    while (this.bytes + incoming > this.budget) {
      const victim = this.oldest(keep);
      if (!victim) return;
      this.drop(victim.tabId, [victim]);
    }
  }

  private oldest(keep?: CaptureRecord): CaptureRecord | undefined {
    let best: CaptureRecord | undefined;
    for (const list of this.cache!.values()) {
      const first = list[0] === keep ? list[1] : list[0];
      if (first && (!best || first.time < best.time)) best = first;
    }
    return best;
  }

  private drop(tabId: number, victims: CaptureRecord[]): void {
    const list = this.cache!.get(tabId);
    if (!list || victims.length === 0) return;
    const gone = new Set(victims);
    // in place: callers may hold this array
    let w = 0;
    for (const r of list) if (!gone.has(r)) list[w++] = r;
    list.length = w;
    for (const r of victims) this.bytes -= this.sizes.get(r) ?? 0;
    if (w === 0) this.cache!.delete(tabId);
    this.writer.mark(this.key(tabId));
    this.emit({ type: 'removed', tabId, ids: victims.map((r) => r.id) });
  }

  private shed(bytes: number): void {
    const target = this.bytes - bytes;
    while (this.bytes > target) {
      const victim = this.oldest();
      if (!victim) return;
      this.drop(victim.tabId, [victim]);
    }
  }
}

function uniqueId(list: readonly CaptureRecord[], id: string): string {
  for (let n = 2; ; n++) {
    const candidate = `${id}.${n}`;
    if (!list.some((r) => r.id === candidate)) return candidate;
  }
}
