// One writer for a storage area: changed keys are marked, and a single loop writes their
// current values, one write at a time (concurrent read-modify-writes of storage race). The
// changes of one turn share a write.
export interface StorageArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

const MAX_WRITE_ATTEMPTS = 5;

export interface WriterHooks {
  /** the value to store under `key` now; undefined removes the key */
  valueOf(key: string): unknown;
  /** the area refused a write for its quota: make room (and mark what changed) */
  onQuota(): void;
  warn(msg: string): void;
}

export class SerialWriter {
  private readonly dirty = new Set<string>();
  private flushing = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly area: StorageArea,
    private readonly hooks: WriterHooks,
  ) {}

  mark(key: string): void {
    this.dirty.add(key);
    if (this.flushing) return; // the running loop picks it up before it stops
    this.flushing = true;
    this.writing = this.loop();
  }

  /** Resolves once every marked change is written (or given up on). */
  async idle(): Promise<void> {
    while (this.flushing) await this.writing;
  }

  private async loop(): Promise<void> {
    await Promise.resolve(); // let the changes of this turn join one write
    let failures = 0;
    for (;;) {
      // `flushing` drops in the same turn as this last look at `dirty` (not one await later, in a
      // caller's finally): a change made in between would find the flag up and never be written
      if (this.dirty.size === 0) {
        this.flushing = false;
        return;
      }
      const keys = [...this.dirty];
      this.dirty.clear();
      const set: Record<string, unknown> = {};
      const remove: string[] = [];
      for (const k of keys) {
        const v = this.hooks.valueOf(k);
        if (v === undefined) remove.push(k);
        else set[k] = v;
      }
      try {
        if (remove.length) await this.area.remove(remove);
        if (Object.keys(set).length) await this.area.set(set);
        failures = 0;
      } catch (e) {
        // Quota exceeded although the estimate said it fits: make room and write again.
        // Any other failure: try again a few times, then keep the data in memory only.
        for (const k of keys) this.dirty.add(k);
        if (++failures >= MAX_WRITE_ATTEMPTS) {
          this.hooks.warn(`storage write failed ${failures} times, keeping records in memory only: ${String(e)}`);
          this.dirty.clear();
          this.flushing = false;
          return;
        }
        if (/quota/i.test(String(e))) this.hooks.onQuota();
      }
    }
  }
}
