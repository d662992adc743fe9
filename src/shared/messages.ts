// The one typed protocol between the background and every UI (panel, popup, options).
// Requests go through runtime.sendMessage and get a typed reply; live updates for one tab
// flow over a long-lived port named `${PORT_PREFIX}${tabId}`.
import type { CaptureRecord, ContextEntry, Losses } from './types.ts';
import type { Settings } from './settings.ts';

export const NS = 'authlens' as const;
export const PORT_PREFIX = 'authlens:tab:';

/**
 * UI → background, answered once: each request's name, what it carries and what it answers.
 * The client's `request`, the hub's handler table and the runtime name check below are all
 * derived from this one map, so a handler cannot drift from its request.
 */
export interface Requests {
  getRecords: { params: { tabId: number }; reply: { records: CaptureRecord[]; settings: Settings } };
  clear: { params: { tabId: number }; reply: { ok: true } };
  getSettings: { params: object; reply: { settings: Settings } };
  setSettings: { params: { patch: Partial<Settings> }; reply: { settings: Settings } };
  /** a response body DevTools read, for the record it belongs to (the updated record, if found) */
  attachBody: { params: { tabId: number; match: BodyMatch; body: string }; reply: { record?: CaptureRecord } };
  getTabs: { params: object; reply: { tabs: TabSummary[] } };
  /** a failure DevTools saw that the worker did not capture (source 'devtools'): the record as stored */
  addDevtoolsRecord: { params: { tabId: number; record: CaptureRecord }; reply: { record?: CaptureRecord } };
}

export type RequestName = keyof Requests;
export type Params<N extends RequestName> = Requests[N]['params'];
export type Reply<N extends RequestName> = Requests[N]['reply'];

/** A request as it travels: `{ ns, type, ...params }`. */
export type Request<N extends RequestName = RequestName> = N extends RequestName
  ? { ns: typeof NS; type: N } & Params<N>
  : never;

/** What the background does for each request. */
export type Handlers = { [N in RequestName]: (params: Params<N>) => Promise<Reply<N>> };

// A Record over the map's keys: a name added to Requests and not here (or the reverse) fails to compile.
const REQUEST_NAMES: Record<RequestName, true> = {
  getRecords: true,
  clear: true,
  getSettings: true,
  setSettings: true,
  attachBody: true,
  getTabs: true,
  addDevtoolsRecord: true,
};

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

/** background → UI over a tab port. */
export type PortEvent =
  /**
   * `context`: the tab's recent non-failing requests (types.ts ContextEntry), oldest first;
   * `more`: the tab's older records follow in `older` events (the newest come first, to paint fast)
   */
  | {
      ns: typeof NS;
      type: 'snapshot';
      tabId: number;
      records: CaptureRecord[];
      settings: Settings;
      context?: ContextEntry[];
      more?: boolean;
      losses?: Losses;
    }
  /** records older than every record sent so far, oldest first; `more`: another chunk follows */
  | { ns: typeof NS; type: 'older'; tabId: number; records: CaptureRecord[]; more: boolean }
  | { ns: typeof NS; type: 'added'; tabId: number; record: CaptureRecord }
  | { ns: typeof NS; type: 'updated'; tabId: number; record: CaptureRecord }
  | { ns: typeof NS; type: 'removed'; tabId: number; ids: string[] }
  | { ns: typeof NS; type: 'cleared'; tabId: number }
  | { ns: typeof NS; type: 'settings'; settings: Settings }
  /** new context entries for the tab; `replace`: they are the tab's whole list now (a clear) */
  | { ns: typeof NS; type: 'context'; tabId: number; entries: ContextEntry[]; replace?: boolean }
  /** the tab's records AuthLens could not keep (types.ts Losses): the whole count now */
  | { ns: typeof NS; type: 'losses'; tabId: number; losses: Losses };

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

const EVENT_TYPES = new Set([
  'snapshot',
  'older',
  'added',
  'updated',
  'removed',
  'cleared',
  'settings',
  'context',
  'losses',
]);

export function isRequest(v: unknown): v is Request {
  return isObj(v) && v.ns === NS && typeof v.type === 'string' && Object.hasOwn(REQUEST_NAMES, v.type);
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
