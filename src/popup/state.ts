// The popup's view of one tab: a pure function of the port events (snapshot, then changes).
import type { PortEvent } from '../shared/messages.ts';
import type { Settings } from '../shared/settings.ts';
import type { DiagnosisSummary } from '../shared/diagnoser.ts';
import type { CaptureRecord, ContextEntry, Losses } from '../shared/types.ts';
import { recordMasker } from '../redact/record.ts';
import { maskText, maskUrl } from '../redact/secrets.ts';

export interface PopupState {
  /** newest first */
  records: CaptureRecord[];
  /** the tab's non-failing requests around its failures (history for the diagnosis), oldest first */
  context: ContextEntry[];
  settings?: Settings;
  /** a snapshot has arrived */
  loaded: boolean;
  /** records of this tab the background could not keep */
  losses?: Losses;
}

export const initialState: PopupState = { records: [], context: [], loaded: false };

const newestFirst = (a: CaptureRecord, b: CaptureRecord): number => b.time - a.time;
const byTime = (a: ContextEntry, b: ContextEntry): number => a.time - b.time;

export function apply(s: PopupState, e: PortEvent, tabId: number): PopupState {
  if (e.type === 'settings') return { ...s, settings: e.settings };
  if (e.tabId !== tabId) return s;
  switch (e.type) {
    case 'snapshot':
      return {
        records: [...e.records].sort(newestFirst),
        context: [...(e.context ?? [])].sort(byTime),
        settings: e.settings,
        loaded: true,
        ...(e.losses ? { losses: e.losses } : {}),
      };
    case 'older': {
      const have = new Set(s.records.map((r) => r.id));
      return { ...s, records: [...s.records, ...e.records.filter((r) => !have.has(r.id))].sort(newestFirst) };
    }
    case 'added':
      return { ...s, records: [e.record, ...s.records.filter((r) => r.id !== e.record.id)].sort(newestFirst) };
    case 'updated':
      return { ...s, records: s.records.map((r) => (r.id === e.record.id ? e.record : r)) };
    case 'removed': {
      const gone = new Set(e.ids);
      return { ...s, records: s.records.filter((r) => !gone.has(r.id)) };
    }
    case 'cleared':
      return { ...s, records: [], context: [] };
    case 'context':
      return { ...s, context: (e.replace ? [...e.entries] : [...s.context, ...e.entries]).sort(byTime) };
    case 'losses':
      return { ...s, losses: e.losses };
  }
}

/** `api.example.com/v1/me`: enough to recognise the request, never the query (it may hold a token). */
export function hostPath(url: string): string {
  let shown: string;
  try {
    const u = new URL(url);
    shown = `${u.host}${u.pathname}`;
  } catch {
    shown = url.split(/[?#]/, 1)[0] ?? url;
  }
  // a path may hold a secret too (;jsessionid=, a JWT segment)
  return maskUrl(shown);
}

/** One line of why: the engine's summary, else (pending, or nothing to say) the status line the server sent. */
export function whyLine(r: CaptureRecord, d: DiagnosisSummary | undefined): string {
  // the engine's summary may quote what the request carried (a user name): scrubbed as in the panel
  return (d?.summary && maskText(d.summary, recordMasker(r))) || r.statusLine || `HTTP ${r.status}`;
}

/** "401, 403, 407, 419, 440 or 498" */
export function statusList(codes: readonly number[]): string {
  if (codes.length === 0) return 'no status codes';
  if (codes.length === 1) return String(codes[0]);
  return `${codes.slice(0, -1).join(', ')} or ${codes[codes.length - 1]}`;
}
