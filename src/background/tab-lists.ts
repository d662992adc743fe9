// What the record store and the context store share: per-tab lists whose truth is
// storage.session under `<prefix><tabId>`, cached in memory and loaded lazily once (a worker
// restarted by an event finds them again), written by one SerialWriter, with change listeners.
import { SerialWriter, type StorageArea } from './writer.ts';

export abstract class TabLists<T, E> {
  protected cache: Map<number, T[]> | undefined;
  private loading: Promise<void> | undefined;
  protected readonly writer: SerialWriter;
  private readonly listeners = new Set<(e: E) => void>();
  protected readonly warn: (msg: string) => void;

  constructor(
    protected readonly area: StorageArea,
    protected readonly prefix: string,
    warn: ((msg: string) => void) | undefined,
  ) {
    this.warn = warn ?? (() => undefined);
    this.writer = new SerialWriter(area, {
      valueOf: (key) => {
        const list = this.cache?.get(Number(key.slice(prefix.length)));
        return list?.length ? list : undefined;
      },
      onQuota: () => this.onQuota(),
      warn: this.warn,
    });
  }

  /** storage.session is full: give something up (the writer retries after this) */
  protected abstract onQuota(): void;
  /** one stored item that is usable (storage may hold anything) */
  protected abstract accept(item: unknown): item is T;
  /** a tab's list as loaded: cap it, account for it */
  protected abstract loaded(list: T[]): T[];

  subscribe(fn: (e: E) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Loads the cache from storage once; every other method awaits it. */
  load(): Promise<void> {
    this.loading ??= this.area.get(null).then(
      (all) => this.fill(all),
      (e: unknown) => {
        this.warn(`${this.prefix} storage read failed, starting empty: ${String(e)}`);
        this.fill({});
      },
    );
    return this.loading;
  }

  /** Synchronous read, valid once load() has resolved: oldest first. */
  peek(tabId: number): readonly T[] {
    return this.cache?.get(tabId) ?? [];
  }

  /** resolves when every change so far is in storage */
  async idle(): Promise<void> {
    await this.load();
    await this.writer.idle();
  }

  protected key(tabId: number): string {
    return this.prefix + tabId;
  }

  protected emit(e: E): void {
    for (const fn of this.listeners) {
      try {
        fn(e);
      } catch (err) {
        this.warn(`${this.prefix} listener failed: ${String(err)}`);
      }
    }
  }

  private fill(all: Record<string, unknown>): void {
    const cache = new Map<number, T[]>();
    for (const [key, value] of Object.entries(all)) {
      if (!key.startsWith(this.prefix) || !Array.isArray(value)) continue;
      const tabId = Number(key.slice(this.prefix.length));
      if (!Number.isInteger(tabId)) continue;
      const list = this.loaded(value.filter((x): x is T => this.accept(x)));
      if (list.length) cache.set(tabId, list);
    }
    this.cache = cache;
  }
}
