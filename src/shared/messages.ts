// The one typed protocol between the background and every UI (panel, popup, options).
// Requests go through runtime.sendMessage and get a typed reply; live updates for one tab
// flow over a long-lived port named `${PORT_PREFIX}${tabId}`.
import type { CaptureRecord, ContextEntry } from './types.ts';
import type { Settings } from './settings.ts';

export const NS = 'authlens' as const;
export const PORT_PREFIX = 'authlens:tab:';

/** UI → background, answered once. */
export type Request =
  | { ns: typeof NS; type: 'getRecords'; tabId: number }
  | { ns: typeof NS; type: 'clear'; tabId: number }
  | { ns: typeof NS; type: 'getSettings' }
  | { ns: typeof NS; type: 'setSettings'; patch: Partial<Settings> }
  | { ns: typeof NS; type: 'attachBody'; tabId: number; match: BodyMatch; body: string }
  | { ns: typeof NS; type: 'getTabs' };

/** Which record a response body from devtools.network belongs to. */
export interface BodyMatch {
  url: string;
  method: string;
  status: number;
  time: number;
}

export interface TabSummary {
  tabId: number;
  count: number;
  title?: string;
}

export type Reply<R extends Request> = R extends { type: 'getRecords' }
  ? { records: CaptureRecord[]; settings: Settings }
  : R extends { type: 'clear' }
    ? { ok: true }
    : R extends { type: 'getSettings' }
      ? { settings: Settings }
      : R extends { type: 'setSettings' }
        ? { settings: Settings }
        : R extends { type: 'attachBody' }
          ? { record?: CaptureRecord }
          : R extends { type: 'getTabs' }
            ? { tabs: TabSummary[] }
            : never;

/** background → UI over a tab port. */
export type PortEvent =
  /** `context`: the tab's recent non-failing requests (types.ts ContextEntry), oldest first */
  /** `more`: the tab's older records follow in `older` events (the newest come first, to paint fast) */
  | {
      ns: typeof NS;
      type: 'snapshot';
      tabId: number;
      records: CaptureRecord[];
      settings: Settings;
      context?: ContextEntry[];
      more?: boolean;
    }
  /** records older than every record sent so far, oldest first; `more`: another chunk follows */
  | { ns: typeof NS; type: 'older'; tabId: number; records: CaptureRecord[]; more: boolean }
  | { ns: typeof NS; type: 'added'; tabId: number; record: CaptureRecord }
  | { ns: typeof NS; type: 'updated'; tabId: number; record: CaptureRecord }
  | { ns: typeof NS; type: 'removed'; tabId: number; ids: string[] }
  | { ns: typeof NS; type: 'cleared'; tabId: number }
  | { ns: typeof NS; type: 'settings'; settings: Settings }
  /** new context entries for the tab; `replace`: they are the tab's whole list now (a clear) */
  | { ns: typeof NS; type: 'context'; tabId: number; entries: ContextEntry[]; replace?: boolean };

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

const REQUEST_TYPES = new Set(['getRecords', 'clear', 'getSettings', 'setSettings', 'attachBody', 'getTabs']);
const EVENT_TYPES = new Set(['snapshot', 'older', 'added', 'updated', 'removed', 'cleared', 'settings', 'context']);

export function isRequest(v: unknown): v is Request {
  return isObj(v) && v.ns === NS && typeof v.type === 'string' && REQUEST_TYPES.has(v.type);
}

export function isPortEvent(v: unknown): v is PortEvent {
  if (!isObj(v) || v.ns !== NS || typeof v.type !== 'string' || !EVENT_TYPES.has(v.type)) return false;
  // the two events that carry context entries: a malformed list must not reach the diagnosis
  if (v.type === 'context') return typeof v.tabId === 'number' && isContextList(v.entries);
  if (v.type === 'snapshot') return v.context === undefined || isContextList(v.context);
  return true;
}

export function isContextEntry(v: unknown): v is ContextEntry {
  return (
    isObj(v) &&
    typeof v.url === 'string' &&
    typeof v.method === 'string' &&
    typeof v.type === 'string' &&
    typeof v.status === 'number' &&
    typeof v.time === 'number' &&
    (v.authorization === undefined || typeof v.authorization === 'string')
  );
}

function isContextList(v: unknown): v is ContextEntry[] {
  return Array.isArray(v) && v.every(isContextEntry);
}

export function portName(tabId: number): string {
  return PORT_PREFIX + tabId;
}

/** The tab id a port is for, or undefined when the name is not ours. */
export function tabIdOfPort(name: string): number | undefined {
  if (!name.startsWith(PORT_PREFIX)) return undefined;
  const n = Number(name.slice(PORT_PREFIX.length));
  return Number.isInteger(n) ? n : undefined;
}
