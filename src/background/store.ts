// Captured records per tab. storage.session is the truth (it survives a stopped worker, never
// reaches disk); this memory is a cache, loaded lazily before anything is read or changed, so a
// worker restarted by an event loses nothing. Every change is applied to the cache at once and
// written by the area's one writer (writer.ts: batched, leading edge first).
//
// Layout: one item per record, `records:<tabId>:<n>` (n counts up per tab), holding the record
// as an ASCII JSON string (size.ts: what both browsers count is then known). Appending writes
// only the new records, evicting removes only the evicted keys: a burst costs each record one
// write, never a rewrite of its tab's list.
//
// Room: the records of all tabs share a byte budget (the session quota less the context
// entries' cap and a margin). Past it, the BIGGEST tab gives up its oldest records first, so one
// tab's flood cannot evict the other tabs' failures. Each drop is counted (losses.ts).
import type { CaptureRecord } from '../shared/types.ts';
import type { LossLedger } from './losses.ts';
import { SESSION_QUOTA, decode, encode, fitRecord, itemBytes } from './size.ts';
import { TabLists, parseItemKey, type AreaLoad } from './tab-lists.ts';
import type { SerialWriter } from './writer.ts';
import { CONTEXT_TOTAL_BYTES } from './context-store.ts';

export type { StorageArea } from './writer.ts';

export type StoreEvent =
  | { type: 'added'; tabId: number; record: CaptureRecord }
  | { type: 'updated'; tabId: number; record: CaptureRecord }
  | { type: 'removed'; tabId: number; ids: string[] }
  | { type: 'cleared'; tabId: number };

export { SESSION_QUOTA };
export const RECORD_PREFIX = 'records:';
/** the records' share of the quota: all of it but the context entries, the status and 2 % */
export const RECORDS_BUDGET = Math.floor(SESSION_QUOTA * 0.98) - CONTEXT_TOTAL_BYTES - 64 * 1024;

export interface StoreOptions {
  recordsPerTab: number;
  /** stay under this many bytes as the browser counts them (size.ts); default RECORDS_BUDGET */
  budgetBytes?: number;
  warn?: (msg: string) => void;
  losses?: LossLedger;
  /** store one-byte strings (Firefox: size.ts encode) */
  oneByte?: boolean;
}

interface Slot {
  key: string;
  bytes: number;
}

export class RecordStore extends TabLists<CaptureRecord, StoreEvent> {
  private readonly slots = new WeakMap<CaptureRecord, Slot>();
  /** key -> record, for the writer (absent: the key is to be removed) */
  private readonly byKey = new Map<string, CaptureRecord>();
  /** the encoded value of a key changed since its last write (dropped once handed over) */
  private readonly encoded = new Map<string, string>();
  private readonly next = new Map<number, number>();
  private readonly tabBytes = new Map<number, number>();
  private readonly ids = new Map<number, Set<string>>();
  private bytes = 0;
  private early = 0;
  private recordsPerTab: number;
  private budget: number;

  constructor(
    read: AreaLoad,
    writer: SerialWriter,
    private readonly opts: StoreOptions,
  ) {
    super(read, writer, opts.warn);
    this.recordsPerTab = opts.recordsPerTab;
    this.budget = opts.budgetBytes ?? RECORDS_BUDGET;
  }

  /** the writer's question: what is stored under `key` now (undefined: remove it) */
  stored(key: string): string | undefined {
    const json = this.encoded.get(key);
    if (json !== undefined) {
      this.encoded.delete(key);
      return json;
    }
    const r = this.byKey.get(key);
    return r && encode(r, this.opts.oneByte);
  }

  /** The tab a key of ours belongs to (the writer reports keys). */
  static tabOfKey(key: string): number | undefined {
    return parseItemKey(key, RECORD_PREFIX)?.[0];
  }

  protected fill(all: Record<string, unknown>): Map<number, CaptureRecord[]> {
    const found = new Map<number, [number, CaptureRecord][]>();
    for (const [key, value] of Object.entries(all)) {
      const at = parseItemKey(key, RECORD_PREFIX);
      if (!at || typeof value !== 'string') continue;
      const r = decode(value);
      if (!isRecord(r)) continue;
      const [tabId, n] = at;
      const list = found.get(tabId) ?? [];
      list.push([n, r]);
      found.set(tabId, list);
      this.place(r, key, itemBytes(key, value));
      this.next.set(tabId, Math.max(this.next.get(tabId) ?? 0, n + 1));
    }
    const cache = new Map<number, CaptureRecord[]>();
    for (const [tabId, list] of found)
      cache.set(
        tabId,
        list.sort((a, b) => a[0] - b[0]).map((x) => x[1]),
      );
    return cache;
  }

  async records(tabId: number): Promise<CaptureRecord[]> {
    await this.load();
    return [...this.peek(tabId)];
  }

  async tabIds(): Promise<number[]> {
    await this.load();
    return [...this.cache!.keys()];
  }

  /**
   * A record captured before the store is read (a worker woken by the failure itself): written at
   * once under a key of its own, numbered from its time so it sorts after everything stored
   * before; add(record, key) takes it into the list once the store is read (or forget(key) drops
   * it). Returns the key.
   */
  writeEarly(record: CaptureRecord): string {
    const key = `${RECORD_PREFIX}${record.tabId}:${Math.floor(record.time * 1000) + (this.early++ % 1000)}`;
    this.writer.direct(key, encode(record, this.opts.oneByte));
    return key;
  }

  /** an early record the settings do not keep after all (paused, a status not captured) */
  async forget(key: string): Promise<void> {
    await this.load();
    const r = this.byKey.get(key);
    if (r) this.drop(r.tabId, [r]);
    else this.writer.mark(key);
  }

  async add(record: CaptureRecord, earlyKey?: string): Promise<CaptureRecord> {
    await this.load();
    // the read of storage already found the early write: it is in the list
    const found = earlyKey === undefined ? undefined : this.byKey.get(earlyKey);
    if (found) return found;
    const list = this.list(record.tabId);
    // record ids restart after a worker restart (retry numbering lives in memory): keep them unique
    const ids = this.idsOf(record.tabId);
    if (ids.has(record.id)) record = { ...record, id: uniqueId(ids, record.id) };
    let json = encode(record, this.opts.oneByte);
    const fitted = fitRecord(record, json.length);
    if (fitted !== record) json = encode((record = fitted), this.opts.oneByte);
    let n = this.next.get(record.tabId) ?? 0;
    const early = earlyKey === undefined ? undefined : parseItemKey(earlyKey, RECORD_PREFIX);
    if (early && early[0] === record.tabId && early[1] >= n) n = early[1];
    this.next.set(record.tabId, n + 1);
    const key = `${RECORD_PREFIX}${record.tabId}:${n}`;
    list.push(record);
    this.place(record, key, itemBytes(key, json));
    this.encoded.set(key, json);
    this.writer.mark(key);
    this.emit({ type: 'added', tabId: record.tabId, record });
    const over = list.length - this.recordsPerTab;
    if (over > 0) this.drop(record.tabId, list.slice(0, over), 'cap');
    this.makeRoom(record);
    return record;
  }

  /** Replace a record (same id) in place, e.g. once a response body is attached. */
  async update(record: CaptureRecord): Promise<boolean> {
    await this.load();
    const list = this.cache!.get(record.tabId);
    const i = list?.findIndex((r) => r.id === record.id) ?? -1;
    if (!list || i < 0) return false;
    const slot = this.slots.get(list[i]!)!;
    let json = encode(record, this.opts.oneByte);
    const fitted = fitRecord(record, json.length);
    if (fitted !== record) json = encode((record = fitted), this.opts.oneByte);
    this.unplace(list[i]!);
    list[i] = record;
    this.place(record, slot.key, itemBytes(slot.key, json));
    this.encoded.set(slot.key, json);
    this.writer.mark(slot.key);
    this.emit({ type: 'updated', tabId: record.tabId, record });
    this.makeRoom(record);
    return true;
  }

  async clearTab(tabId: number): Promise<void> {
    await this.load();
    const list = this.cache!.get(tabId);
    if (list) for (const r of list) this.unplace(r, true);
    this.cache!.delete(tabId);
    this.opts.losses?.reset(tabId);
    this.emit({ type: 'cleared', tabId });
  }

  /** Remove a tab's records older than `time` (a top-level navigation's start). */
  async clearBefore(tabId: number, time: number): Promise<void> {
    await this.load();
    const list = this.cache!.get(tabId);
    if (!list) return this.opts.losses?.reset(tabId);
    const old = list.filter((r) => r.time < time);
    if (old.length === list.length) return this.clearTab(tabId);
    this.opts.losses?.reset(tabId);
    if (old.length > 0) this.drop(tabId, old);
  }

  async setRecordsPerTab(n: number): Promise<void> {
    await this.load();
    this.recordsPerTab = n;
    for (const [tabId, list] of this.cache!)
      if (list.length > n) this.drop(tabId, list.slice(0, list.length - n), 'cap');
  }

  /** bytes held, as the browser counts them (for tests and the bench) */
  get estimatedBytes(): number {
    return this.bytes;
  }

  /** bytes held by one tab */
  tabSize(tabId: number): number {
    return this.tabBytes.get(tabId) ?? 0;
  }

  /**
   * storage.session refused a write for its quota although the budget said it fits (something
   * else holds room, or a browser counts differently): from now on the budget is 10 % below
   * what we hold, so each refusal brings what is stored and what waits to be written closer
   * to what the browser takes.
   */
  shed(): void {
    this.budget = Math.min(this.budget, Math.floor(this.bytes * 0.9));
    this.evict(this.budget);
  }

  private list(tabId: number): CaptureRecord[] {
    let list = this.cache!.get(tabId);
    if (!list) this.cache!.set(tabId, (list = []));
    return list;
  }

  private idsOf(tabId: number): Set<string> {
    let ids = this.ids.get(tabId);
    if (!ids) this.ids.set(tabId, (ids = new Set()));
    return ids;
  }

  private place(r: CaptureRecord, key: string, bytes: number): void {
    this.slots.set(r, { key, bytes });
    this.idsOf(r.tabId).add(r.id);
    this.byKey.set(key, r);
    this.bytes += bytes;
    this.tabBytes.set(r.tabId, (this.tabBytes.get(r.tabId) ?? 0) + bytes);
  }

  /** forget a record's accounting; `remove`: and remove its item from storage */
  private unplace(r: CaptureRecord, remove = false): void {
    const slot = this.slots.get(r);
    if (!slot) return;
    this.slots.delete(r);
    const ids = this.ids.get(r.tabId);
    ids?.delete(r.id);
    if (ids?.size === 0) this.ids.delete(r.tabId);
    this.bytes -= slot.bytes;
    const left = (this.tabBytes.get(r.tabId) ?? 0) - slot.bytes;
    if (left > 0) this.tabBytes.set(r.tabId, left);
    else this.tabBytes.delete(r.tabId);
    if (!remove) return;
    this.byKey.delete(slot.key);
    this.encoded.delete(slot.key);
    this.writer.mark(slot.key);
  }

  /** Past the budget: the biggest tab gives up its oldest records first (never `keep`). */
  private makeRoom(keep: CaptureRecord): void {
    if (this.bytes > this.budget) this.evict(this.budget, keep);
  }

  private evict(target: number, keep?: CaptureRecord): void {
    while (this.bytes > target) {
      let biggest: number | undefined;
      let most = -1;
      for (const [tabId, b] of this.tabBytes) {
        const list = this.cache!.get(tabId);
        if (!list?.length || (list.length === 1 && list[0] === keep)) continue;
        if (b > most) [biggest, most] = [tabId, b];
      }
      if (biggest === undefined) return;
      const list = this.cache!.get(biggest)!;
      // a batch at a time: evicting one record per loop would make a 10 000 burst quadratic
      const victims: CaptureRecord[] = [];
      let freed = 0;
      for (const r of list) {
        if (this.bytes - freed <= target || freed >= most / 2) break;
        if (r === keep) continue;
        victims.push(r);
        freed += this.slots.get(r)?.bytes ?? 0;
      }
      if (victims.length === 0) return;
      this.drop(biggest, victims, 'quota');
    }
  }

  private drop(tabId: number, victims: CaptureRecord[], reason?: 'cap' | 'quota'): void {
    const list = this.cache!.get(tabId);
    if (!list || victims.length === 0) return;
    // in place: callers may hold this array. The common case (the ring, eviction) is a prefix.
    let w: number;
    if (victims.every((r, i) => list[i] === r)) {
      list.splice(0, victims.length);
      w = list.length;
    } else {
      const gone = new Set(victims);
      w = 0;
      for (const r of list) if (!gone.has(r)) list[w++] = r;
      list.length = w;
    }
    for (const r of victims) this.unplace(r, true);
    if (w === 0) this.cache!.delete(tabId);
    if (reason) this.opts.losses?.add(tabId, reason, victims.length);
    this.emit({ type: 'removed', tabId, ids: victims.map((r) => r.id) });
  }
}

function isRecord(r: unknown): r is CaptureRecord {
  return (
    !!r &&
    typeof r === 'object' &&
    typeof (r as CaptureRecord).id === 'string' &&
    typeof (r as CaptureRecord).tabId === 'number' &&
    Array.isArray((r as CaptureRecord).requestHeaders) &&
    Array.isArray((r as CaptureRecord).responseHeaders)
  );
}

function uniqueId(ids: ReadonlySet<string>, id: string): string {
  for (let n = 2; ; n++) {
    const candidate = `${id}.${n}`;
    if (!ids.has(candidate)) return candidate;
  }
}
