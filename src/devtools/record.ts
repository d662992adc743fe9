// A finished DevTools network entry as the engine's Exchange and, when the engine judges it an
// auth failure the worker's capture set does not cover, as a record of its own (source
// 'devtools'). Pure: the entry comes in, plain data goes out.
import { isAuthFailureExchange, type Exchange } from '../analysis/index.ts';
import type { CaptureRecord, Header } from '../shared/types.ts';
import type { HarEntryLike } from './entry.ts';

/** What a DevTools entry carries beyond HarEntryLike's reading part. */
export interface FullEntry extends HarEntryLike {
  request: HarEntryLike['request'] & { headers?: Header[] };
  response: HarEntryLike['response'] & { statusText?: string; redirectURL?: string };
  _resourceType?: string;
}

const headers = (list: unknown): Header[] =>
  Array.isArray(list)
    ? list
        .filter((h) => h && typeof h.name === 'string' && typeof h.value === 'string' && !h.name.startsWith(':'))
        .map((h) => ({ name: h.name as string, value: h.value as string }))
    : [];

const TYPES: Record<string, string> = { xhr: 'xmlhttprequest', fetch: 'xmlhttprequest', document: 'main_frame' };

export function exchangeOf(e: FullEntry, body?: string): Exchange {
  const t = Date.parse(e.startedDateTime);
  return {
    url: e.request.url,
    method: e.request.method,
    status: e.response.status,
    ...(e.response.statusText ? { statusText: e.response.statusText } : {}),
    ...(e._resourceType ? { type: TYPES[e._resourceType] ?? e._resourceType } : {}),
    timeStamp: Number.isNaN(t) ? 0 : t,
    requestHeaders: headers(e.request.headers),
    responseHeaders: headers(e.response.headers),
    ...(body !== undefined ? { responseBody: body } : {}),
  };
}

/**
 * Whether a response outside the capture set could be an auth failure the body would show: any
 * error status, a redirect (to a login page, with an OAuth error), a success from a script or a
 * frame (Slack's ok:false, a login page reached by a followed redirect, a token response).
 */
export function worthReading(e: FullEntry): boolean {
  const s = e.response.status;
  if (s >= 400 || (s >= 300 && s < 400)) return true;
  const mime = e.response.content?.mimeType ?? '';
  return s >= 200 && s < 300 && /json|html|x-www-form-urlencoded/i.test(mime);
}

let seq = 0;

/** The record for an entry the engine judges an auth failure, or undefined. */
export function devtoolsRecord(e: FullEntry, tabId: number, body: string | undefined): CaptureRecord | undefined {
  const ex = exchangeOf(e, body);
  if (!isAuthFailureExchange(ex)) return undefined;
  const version = /^HTTP\/[\d.]+$/i.test((e as { response: { httpVersion?: string } }).response.httpVersion ?? '')
    ? (e as { response: { httpVersion?: string } }).response.httpVersion!.toUpperCase()
    : 'HTTP/1.1';
  return {
    id: `devtools-${ex.timeStamp}-${++seq}`,
    requestId: `devtools-${seq}`,
    tabId,
    frameId: 0,
    type: ex.type ?? 'other',
    method: ex.method,
    url: ex.url,
    status: ex.status,
    statusLine: `${version} ${ex.status}${ex.statusText ? ` ${ex.statusText}` : ''}`,
    time: ex.timeStamp,
    fromCache: false,
    preflight: ex.method.toUpperCase() === 'OPTIONS',
    source: 'devtools',
    requestHeadersKnown: ex.requestHeaders.length > 0,
    requestHeaders: ex.requestHeaders,
    responseHeaders: ex.responseHeaders,
    redirects: [],
    ...(body !== undefined ? { responseBody: body } : {}),
  };
}
