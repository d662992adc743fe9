// One writer for storage.session: stores mark the keys they changed, and a single loop writes
// their current values, one write at a time (concurrent writes of one key could land out of
// order). Writes are batched: each storage call is an IPC hop the browser pays for, and a
// failing page makes hundreds of changes a second.
//
// - An eager mark (a record) after a quiet spell is written at once, in the same task as the
//   event that made it (the leading edge): a worker stopped right after a lone failure has
//   already handed that write to the browser. Marks within `intervalMs` of the last write wait
//   for one trailing write at the end of the interval: at most 1000 / intervalMs writes a second,
//   whatever the rate of changes.
// - A lazy mark (context entries) never starts a write by itself: it rides along with the next
//   eager write, or goes after `lazyMs`.
// - A failed write is retried with backoff (quota errors first ask the stores for room). After
//   `reportAfter` failures in a row the writer reports what is held in memory only; it never
//   gives up while it lives.
export interface StorageArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
  /** Chrome 102+, Firefox 131+: what the browser counts against the quota */
  getBytesInUse?(keys?: string | string[] | null): Promise<number>;
}

/** The timers the writer and the badge use (the real ones in the extension, by hand in tests). */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface WriteTrouble {
  /** failed attempts in a row */
  failures: number;
  error: string;
  /** keys whose changes are held in memory only */
  keys: string[];
}

export interface WriterOptions {
  clock?: Clock;
  /** least time between two writes (ms) */
  intervalMs?: number;
  /** longest a lazy change waits (ms) */
  lazyMs?: number;
  /** failures in a row before `onTrouble` is told */
  reportAfter?: number;
  /** the value to store under `key` now; undefined removes the key */
  valueOf(key: string): unknown;
  /** the area refused a write for its quota: make room (and mark what changed) */
  onQuota(): void;
  /** writes keep failing (trouble), or work again (undefined) */
  onTrouble?(t: WriteTrouble | undefined): void;
  warn(msg: string): void;
}

export const WRITE_INTERVAL_MS = 250;
export const LAZY_WRITE_MS = 1000;
const BACKOFF_MS = [250, 500, 1000, 2000, 5000, 10_000, 30_000];

export class SerialWriter {
  private readonly dirty = new Set<string>();
  private eager = false;
  private writing = false;
  private timer: unknown;
  private timerAt = Infinity;
  private lastStart = -Infinity;
  private failures = 0;
  private readonly waiters: (() => void)[] = [];
  private readonly clock: Clock;
  private readonly intervalMs: number;
  private readonly lazyMs: number;
  private readonly reportAfter: number;
  /** storage calls made (tests, the bench) */
  calls = 0;

  constructor(
    private readonly area: StorageArea,
    private readonly o: WriterOptions,
  ) {
    this.clock = o.clock ?? realClock;
    this.intervalMs = o.intervalMs ?? WRITE_INTERVAL_MS;
    this.lazyMs = o.lazyMs ?? LAZY_WRITE_MS;
    this.reportAfter = o.reportAfter ?? 3;
  }

  /** `key` changed; `lazy`: it may wait for the next write (or lazyMs) */
  mark(key: string, lazy = false): void {
    this.dirty.add(key);
    if (!lazy) this.eager = true;
    this.plan();
  }

  /**
   * One item written now, outside the batches (a record captured before the stores are read:
   * see worker.ts). A later batch may write the same key again: harmless, same or newer value.
   */
  direct(key: string, value: unknown): void {
    this.calls++;
    this.area.set({ [key]: value }).catch((e: unknown) => this.o.warn(`early write failed: ${String(e)}`));
  }

  /** keys changed and not yet written */
  get pending(): number {
    return this.dirty.size;
  }

  /** Write everything now, whatever the interval, and resolve once it is written (or failing). */
  async flush(): Promise<void> {
    this.eager = true;
    this.lastStart = -Infinity;
    if (this.failures > 0 && !this.writing && this.dirty.size > 0) {
      this.cancelTimer(); // retry now instead of after the backoff
      this.start();
    } else {
      this.plan();
    }
    while (this.writing || (this.dirty.size > 0 && this.failures === 0)) {
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  private plan(): void {
    if (this.writing || this.dirty.size === 0) return;
    if (this.failures > 0) return; // a retry is already planned
    const now = this.clock.now();
    const due = this.eager ? Math.max(now, this.lastStart + this.intervalMs) : now + this.lazyMs;
    if (due <= now) {
      this.cancelTimer();
      this.start();
    } else if (due < this.timerAt) {
      this.at(due);
    }
  }

  private at(due: number): void {
    this.cancelTimer();
    this.timerAt = due;
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Infinity;
        this.start();
      },
      Math.max(0, due - this.clock.now()),
    );
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  private start(): void {
    if (this.writing) return;
    this.writing = true;
    this.lastStart = this.clock.now();
    // the changes of this turn join the write (a microtask: still the event's own task)
    void Promise.resolve()
      .then(() => this.write())
      .finally(() => {
        this.writing = false;
        if (this.failures === 0) this.plan();
        if (!this.writing) for (const w of this.waiters.splice(0)) w();
      });
  }

  private async write(): Promise<void> {
    if (this.dirty.size === 0) return;
    const keys = [...this.dirty];
    this.dirty.clear();
    this.eager = false;
    const set: Record<string, unknown> = {};
    const remove: string[] = [];
    for (const k of keys) {
      const v = this.o.valueOf(k);
      if (v === undefined) remove.push(k);
      else set[k] = v;
    }
    try {
      this.calls++;
      // both calls go out before either answers: the browser has them even if we stop now
      const done: Promise<void>[] = [];
      if (remove.length) done.push(this.area.remove(remove));
      if (Object.keys(set).length) done.push(this.area.set(set));
      await Promise.all(done);
      if (this.failures > 0) this.o.onTrouble?.(undefined);
      this.failures = 0;
    } catch (e) {
      for (const k of keys) this.dirty.add(k);
      this.eager = true;
      this.failures++;
      if (/quota/i.test(String(e))) this.o.onQuota();
      if (this.failures >= this.reportAfter) {
        this.o.warn(`storage write failed ${this.failures} times, retrying: ${String(e)}`);
        this.o.onTrouble?.({ failures: this.failures, error: String(e), keys: [...this.dirty] });
      }
      const wait = BACKOFF_MS[Math.min(this.failures - 1, BACKOFF_MS.length - 1)]!;
      this.at(this.clock.now() + wait);
    }
  }
}
