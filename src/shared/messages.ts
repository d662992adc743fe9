// The one typed protocol between the background and every UI (panel, popup, options).
// Requests go through runtime.sendMessage and get a typed reply; live updates for one tab
// flow over a long-lived port named `${PORT_PREFIX}${tabId}`.
import type { CaptureRecord } from './types.ts';
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
export interface BodyMatch { url: string; method: string; status: number; time: number }

export interface TabSummary { tabId: number; count: number; title?: string }

export type Reply<R extends Request> =
  R extends { type: 'getRecords' } ? { records: CaptureRecord[]; settings: Settings } :
  R extends { type: 'clear' } ? { ok: true } :
  R extends { type: 'getSettings' } ? { settings: Settings } :
  R extends { type: 'setSettings' } ? { settings: Settings } :
  R extends { type: 'attachBody' } ? { record?: CaptureRecord } :
  R extends { type: 'getTabs' } ? { tabs: TabSummary[] } :
  never;

/** background → UI over a tab port. */
export type PortEvent =
  | { ns: typeof NS; type: 'snapshot'; tabId: number; records: CaptureRecord[]; settings: Settings }
  | { ns: typeof NS; type: 'added'; tabId: number; record: CaptureRecord }
  | { ns: typeof NS; type: 'updated'; tabId: number; record: CaptureRecord }
  | { ns: typeof NS; type: 'removed'; tabId: number; ids: string[] }
  | { ns: typeof NS; type: 'cleared'; tabId: number }
  | { ns: typeof NS; type: 'settings'; settings: Settings };

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

const REQUEST_TYPES = new Set(['getRecords', 'clear', 'getSettings', 'setSettings', 'attachBody', 'getTabs']);
const EVENT_TYPES = new Set(['snapshot', 'added', 'updated', 'removed', 'cleared', 'settings']);

export function isRequest(v: unknown): v is Request {
  return isObj(v) && v.ns === NS && typeof v.type === 'string' && REQUEST_TYPES.has(v.type);
}

export function isPortEvent(v: unknown): v is PortEvent {
  return isObj(v) && v.ns === NS && typeof v.type === 'string' && EVENT_TYPES.has(v.type);
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
