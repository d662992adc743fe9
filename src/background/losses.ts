// What AuthLens could not keep, per tab (types.ts Losses), so the popup and the panel can say
// how many records went and why instead of dropping them without a word. Kept in
// storage.session under `status` (a restarted worker still knows), written lazily with the
// records' next write. Records held in memory while writes fail are also noted in
// storage.local (no secrets: tab ids and counts only): if the worker stops before they are
// written, the next worker finds the note and reports them as lost.
import type { Losses } from '../shared/types.ts';
import { decode, encode } from './size.ts';
import type { SerialWriter } from './writer.ts';

export const STATUS_KEY = 'status';
export const UNSAVED_KEY = 'unsavedRecords';

export type LossReason = 'cap' | 'quota';

export interface LossEvent {
  tabId: number;
  losses: Losses;
}

/** storage.local, for the note of unsaved records */
export interface NoteArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export class LossLedger {
  private readonly tabs = new Map<number, Losses>();
  private readonly listeners = new Set<(e: LossEvent) => void>();
  /** tabs whose change is told at the end of this turn (a burst's drops: one event) */
  private readonly dirty = new Set<number>();
  private note = '';

  constructor(
    private readonly writer: SerialWriter,
    private readonly local?: NoteArea,
  ) {}

  /** from the whole session area (the stores' one read) */
  fill(all: Record<string, unknown>): void {
    const stored = decode(all[STATUS_KEY]);
    if (!stored || typeof stored !== 'object') return;
    for (const [k, v] of Object.entries(stored as Record<string, unknown>)) {
      const tabId = Number(k);
      if (!Number.isInteger(tabId) || !v || typeof v !== 'object') continue;
      const l: Losses = {};
      for (const f of ['cap', 'quota', 'lost'] as const) {
        const n = (v as Record<string, unknown>)[f];
        if (typeof n === 'number' && n > 0) l[f] = n;
      }
      if (Object.keys(l).length) this.tabs.set(tabId, l);
    }
  }

  /** A previous worker stopped with records it could not write: they are lost, say so. */
  async takeNote(): Promise<void> {
    if (!this.local) return;
    const got = await this.local.get(UNSAVED_KEY).catch(() => ({}) as Record<string, unknown>);
    const note = got[UNSAVED_KEY];
    if (!note || typeof note !== 'object') return;
    for (const [k, n] of Object.entries(note as Record<string, unknown>)) {
      const tabId = Number(k);
      if (Number.isInteger(tabId) && typeof n === 'number' && n > 0) this.add(tabId, 'lost', n);
    }
    this.note = '';
    await this.local.set({ [UNSAVED_KEY]: {} }).catch(() => undefined);
  }

  subscribe(fn: (e: LossEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  get(tabId: number): Losses | undefined {
    const l = this.tabs.get(tabId);
    return l && { ...l };
  }

  add(tabId: number, reason: LossReason | 'lost', n: number): void {
    if (n <= 0) return;
    const l = this.tabs.get(tabId) ?? {};
    l[reason] = (l[reason] ?? 0) + n;
    this.tabs.set(tabId, l);
    this.changed(tabId, true);
  }

  /** the tab's list was cleared (Clear, navigation, tab closed): its count starts again */
  reset(tabId: number): void {
    const l = this.tabs.get(tabId);
    if (!l) return;
    const keep: Losses = {};
    if (l.unsaved) keep.unsaved = l.unsaved;
    if (l.error) keep.error = l.error;
    if (Object.keys(keep).length) this.tabs.set(tabId, keep);
    else this.tabs.delete(tabId);
    this.changed(tabId, true);
  }

  /** Writes fail: `unsaved` records per tab (empty: they work again). */
  unsaved(perTab: Map<number, number>, error: string | undefined): void {
    const touched = new Set<number>(perTab.keys());
    for (const [tabId, l] of this.tabs) if (l.unsaved || l.error) touched.add(tabId);
    for (const tabId of touched) {
      const l = this.tabs.get(tabId) ?? {};
      const n = perTab.get(tabId) ?? 0;
      if (n > 0) l.unsaved = n;
      else delete l.unsaved;
      if (n > 0 && error) l.error = error;
      else delete l.error;
      if (Object.keys(l).length) this.tabs.set(tabId, l);
      else this.tabs.delete(tabId);
      this.changed(tabId, false);
    }
    const note = JSON.stringify(Object.fromEntries(perTab));
    if (this.local && note !== this.note) {
      this.note = note;
      void this.local.set({ [UNSAVED_KEY]: Object.fromEntries(perTab) }).catch(() => undefined);
    }
  }

  /** the value to store under STATUS_KEY (counts that outlive a worker: not the live ones) */
  stored(): string | undefined {
    const out: Record<number, Losses> = {};
    for (const [tabId, l] of this.tabs) {
      const keep: Losses = {};
      for (const f of ['cap', 'quota', 'lost'] as const) if (l[f]) keep[f] = l[f];
      if (Object.keys(keep).length) out[tabId] = keep;
    }
    return Object.keys(out).length ? encode(out) : undefined;
  }

  private changed(tabId: number, persist: boolean): void {
    if (persist) this.writer.mark(STATUS_KEY, true);
    if (this.dirty.has(tabId)) return;
    this.dirty.add(tabId);
    queueMicrotask(() => {
      this.dirty.delete(tabId);
      const losses = this.get(tabId) ?? {};
      for (const fn of this.listeners) fn({ tabId, losses });
    });
  }
}
