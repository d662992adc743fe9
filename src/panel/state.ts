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
  /** the successes of imported HAR files: never rows, only there to compare a failure with, oldest first */
  importedOk: CaptureRecord[];
  /** what the panel's replays brought back that the worker did not capture (its successes), oldest first */
  replays: CaptureRecord[];
  /** worker records that are replays (a failing replay is captured like any failure): id -> replayed id */
  replayOf: Readonly<Record<string, string>>;
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
  | { type: 'imported'; records: CaptureRecord[]; successes?: CaptureRecord[] }
  | { type: 'clearImported' }
  | { type: 'replayed'; record: CaptureRecord }
  | { type: 'replayLinked'; id: string; of: string };

export function initialState(tabId: number): PanelState {
  return {
    tabId,
    live: [],
    imported: [],
    context: [],
    importedOk: [],
    replays: [],
    replayOf: {},
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
      return e.tabId === s.tabId ? { ...s, live: [], context: [], replays: [], replayOf: {} } : s;
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
      const ok = e.successes?.length ? merge(s.importedOk, [...e.successes].sort(byTime)) : s.importedOk;
      const imported = fresh.length ? merge(s.imported, fresh.sort(byTime)) : s.imported;
      return imported === s.imported && ok === s.importedOk ? s : { ...s, imported, importedOk: ok };
    }
    case 'clearImported':
      return { ...s, imported: [], importedOk: [] };
    case 'replayed':
      return { ...s, replays: insert(s.replays, e.record) };
    case 'replayLinked':
      return { ...s, replayOf: { ...s.replayOf, [e.id]: e.of } };
  }
}

/** Everything the list can show: the worker's records, the imported ones and the replays, in time order. */
export function allRecords(s: PanelState): CaptureRecord[] {
  const local = s.replays.length ? merge(s.imported, s.replays) : s.imported;
  if (local.length === 0) return s.live;
  if (s.live.length === 0) return local;
  return merge(s.live, local);
}

/** The id of the record `r` replays, if it is a replay (the panel's own, or a failure the worker captured). */
export function replayedId(s: PanelState, r: CaptureRecord): string | undefined {
  return r.replayOf ?? (Object.hasOwn(s.replayOf, r.id) ? s.replayOf[r.id] : undefined);
}
