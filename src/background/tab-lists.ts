// What the record store and the context store share: per-tab lists whose truth is
// storage.session, cached in memory and filled once from one read of the whole area (a worker
// restarted by an event finds them again), written through the one SerialWriter of the area
// (writer.ts), with change listeners.
import type { SerialWriter } from './writer.ts';

/** One read of the whole area, shared by every store of it (10 MB is not read twice). */
export type AreaLoad = () => Promise<Record<string, unknown>>;

export abstract class TabLists<T, E> {
  protected cache: Map<number, T[]> | undefined;
  private loading: Promise<void> | undefined;
  private readonly listeners = new Set<(e: E) => void>();
  protected readonly warn: (msg: string) => void;

  constructor(
    private readonly read: AreaLoad,
    protected readonly writer: SerialWriter,
    warn: ((msg: string) => void) | undefined,
  ) {
    this.warn = warn ?? (() => undefined);
  }

  /** the stored items of this store, from the whole area: fill `cache` */
  protected abstract fill(all: Record<string, unknown>): Map<number, T[]>;

  subscribe(fn: (e: E) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Loads the cache from storage once; every other method awaits it. */
  load(): Promise<void> {
    this.loading ??= this.read().then(
      (all) => {
        this.cache = this.fill(all);
      },
      (e: unknown) => {
        this.warn(`storage read failed, starting empty: ${String(e)}`);
        this.cache = this.fill({});
      },
    );
    return this.loading;
  }

  get loaded(): boolean {
    return this.cache !== undefined;
  }

  /** resolves when every change so far is in storage (tests; writes are batched otherwise) */
  async idle(): Promise<void> {
    await this.load();
    await this.writer.flush();
  }

  /** Synchronous read, valid once load() has resolved: oldest first. */
  peek(tabId: number): readonly T[] {
    return this.cache?.get(tabId) ?? [];
  }

  protected emit(e: E): void {
    for (const fn of this.listeners) {
      try {
        fn(e);
      } catch (err) {
        this.warn(`listener failed: ${String(err)}`);
      }
    }
  }
}

/** `<prefix><tabId>:<n>` -> [tabId, n]; undefined when the key is not of this shape */
export function parseItemKey(key: string, prefix: string): [number, number] | undefined {
  if (!key.startsWith(prefix)) return undefined;
  const [tab, n, ...rest] = key.slice(prefix.length).split(':');
  const tabId = Number(tab);
  const seq = Number(n);
  if (rest.length || !Number.isInteger(tabId) || !Number.isInteger(seq) || seq < 0) return undefined;
  return [tabId, seq];
}
