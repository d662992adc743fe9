// The panel's data state and the one pure function that moves it: apply(state, event).
// Port events come from the worker (snapshot, then changes); the rest are the panel's own.
import type { PortEvent } from '../shared/messages.ts';
import type { CaptureRecord, ContextEntry, Losses } from '../shared/types.ts';
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings.ts';

export interface PanelState {
  tabId: number;
  /** the worker's records for this tab, oldest first */
  live: CaptureRecord[];
  /** records imported from HAR files: local to this panel, never sent to the worker */
  imported: CaptureRecord[];
  /** the tab's non-failing requests around its failures (history for the diagnosis), oldest first */
  context: ContextEntry[];
  settings: Settings;
  /** a port is open and has delivered a snapshot */
  connected: boolean;
  /** at least one snapshot arrived since the panel opened */
  synced: boolean;
  /** the snapshot's older records are still arriving (`older` events) */
  loadingOlder: boolean;
  /** records of this tab the background could not keep */
  losses?: Losses;
}

export type PanelEvent =
  | PortEvent
  | { type: 'status'; connected: boolean }
  | { type: 'imported'; records: CaptureRecord[] }
  | { type: 'clearImported' };

export function initialState(tabId: number): PanelState {
  return {
    tabId,
    live: [],
    imported: [],
    context: [],
    settings: { ...DEFAULT_SETTINGS },
    connected: false,
    synced: false,
    loadingOlder: false,
  };
}

function byTime(a: { time: number }, b: { time: number }): number {
  return a.time - b.time;
}

/** Two lists in time order as one, in linear time (a 50 000-record import arrives in chunks). */
function merge(a: readonly CaptureRecord[], b: readonly CaptureRecord[]): CaptureRecord[] {
  if (a.length === 0) return b.slice();
  if (b.length === 0) return a.slice();
  // the usual case: everything in b is newer
  if (a[a.length - 1]!.time <= b[0]!.time) return a.concat(b);
  const out: CaptureRecord[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = b[j]!.time < a[i]!.time ? b[j++]! : a[i++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** Insert keeping time order; the common case (newest arrives last) is an append. */
function insert(list: CaptureRecord[], r: CaptureRecord): CaptureRecord[] {
  const without = list.some((x) => x.id === r.id) ? list.filter((x) => x.id !== r.id) : list;
  const last = without[without.length - 1];
  if (!last || last.time <= r.time) return [...without, r];
  return [...without, r].sort(byTime);
}

export function apply(s: PanelState, e: PanelEvent): PanelState {
  switch (e.type) {
    case 'snapshot':
      if (e.tabId !== s.tabId) return s;
      return {
        ...s,
        live: [...e.records].sort(byTime),
        context: [...(e.context ?? [])].sort(byTime),
        settings: e.settings,
        connected: true,
        synced: true,
        loadingOlder: e.more === true,
        losses: e.losses,
      };
    case 'older': {
      if (e.tabId !== s.tabId) return s;
      const have = new Set(s.live.map((r) => r.id));
      return {
        ...s,
        live: [...e.records.filter((r) => !have.has(r.id)), ...s.live].sort(byTime),
        loadingOlder: e.more,
      };
    }
    case 'added':
      if (e.tabId !== s.tabId) return s;
      return { ...s, live: insert(s.live, e.record) };
    case 'updated': {
      if (e.tabId !== s.tabId) return s;
      const i = s.live.findIndex((r) => r.id === e.record.id);
      if (i < 0) return { ...s, live: insert(s.live, e.record) };
      const live = s.live.slice();
      live[i] = e.record;
      return { ...s, live: live[i]!.time === s.live[i]!.time ? live : live.sort(byTime) };
    }
    case 'removed': {
      if (e.tabId !== s.tabId) return s;
      const gone = new Set(e.ids);
      return { ...s, live: s.live.filter((r) => !gone.has(r.id)) };
    }
    case 'cleared':
      return e.tabId === s.tabId ? { ...s, live: [], context: [] } : s;
    case 'context': {
      if (e.tabId !== s.tabId) return s;
      const context = e.replace ? [...e.entries].sort(byTime) : [...s.context, ...e.entries].sort(byTime);
      return { ...s, context };
    }
    case 'settings':
      return { ...s, settings: e.settings };
    case 'losses':
      return e.tabId === s.tabId ? { ...s, losses: e.losses } : s;
    case 'status':
      return { ...s, connected: e.connected };
    case 'imported': {
      const known = new Set(s.imported.map((r) => r.id));
      const fresh = e.records.filter((r) => !known.has(r.id) && (known.add(r.id), true));
      return { ...s, imported: merge(s.imported, fresh.sort(byTime)) };
    }
    case 'clearImported':
      return { ...s, imported: [] };
  }
}

/** Everything the list can show: the worker's records and the imported ones, in time order. */
export function allRecords(s: PanelState): CaptureRecord[] {
  if (s.imported.length === 0) return s.live;
  if (s.live.length === 0) return s.imported;
  return merge(s.live, s.imported);
}
