// What a replay sends: the original request's method and URL (never another URL), the headers a
// page may set itself (the browser adds its cookies, Origin and Sec-Fetch-* on its own), and the
// user's edits: another Authorization, headers removed or added, the credentials mode, a body.
// Pure: the page code (page-code.ts) receives the result as JSON data.
import { isForbiddenRequestHeader } from '../../http/forbidden-headers.ts';
import type { CaptureRecord, Header } from '../../shared/types.ts';

export type CredentialsMode = 'omit' | 'same-origin' | 'include';

export interface ReplayEdits {
  /** keep the Authorization sent, replace it with `value`, or send none */
  authorization: { mode: 'keep' } | { mode: 'replace'; value: string } | { mode: 'remove' };
  /** lower-case names of headers not to send */
  removed: readonly string[];
  added: readonly Header[];
  credentials: CredentialsMode;
  /** the body to send (webRequest never shows the original body); ignored for GET and HEAD */
  body: string;
}

/** Plain data: this is all the page code receives. */
export interface ReplayRequest {
  url: string;
  method: string;
  headers: [string, string][];
  credentials: CredentialsMode;
  body?: string;
}

export interface BuiltReplay {
  request: ReplayRequest;
  /** headers of the original the browser sets itself (a page cannot): shown, not sent by us */
  browserSet: string[];
  /** edits that cannot be sent (a header name or value a browser refuses) */
  problems: string[];
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const BAD_VALUE = /[\r\n\0]/;

// User-Agent left the spec's list, but Chromium still ignores it when page script sets it.
export const isBrowserSet = (name: string): boolean =>
  isForbiddenRequestHeader(name) || name.toLowerCase() === 'user-agent';

/** GET, HEAD and OPTIONS replay on a click; anything else asks first. */
export const isSafeMethod = (method: string): boolean => ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());

const withBody = (method: string): boolean => !['GET', 'HEAD'].includes(method.toUpperCase());

/** The credentials mode that sends what the original sent, as far as can be told. */
export function defaultEdits(r: CaptureRecord): ReplayEdits {
  const cookies = r.requestHeaders.some((h) => h.name.toLowerCase() === 'cookie');
  return {
    authorization: { mode: 'keep' },
    removed: [],
    added: [],
    credentials: cookies ? 'include' : 'same-origin',
    body: '',
  };
}

export function buildReplay(r: CaptureRecord, e: ReplayEdits): BuiltReplay {
  const problems: string[] = [];
  const browserSet: string[] = [];
  const headers: [string, string][] = [];
  const removed = new Set(e.removed.map((n) => n.toLowerCase()));
  const replaced = e.authorization.mode !== 'keep';
  for (const h of r.requestHeaders) {
    const n = h.name.toLowerCase();
    if (isBrowserSet(n)) {
      if (!browserSet.includes(h.name)) browserSet.push(h.name);
      continue;
    }
    if (removed.has(n) || (replaced && n === 'authorization')) continue;
    if (!TOKEN.test(h.name) || BAD_VALUE.test(h.value)) continue;
    headers.push([h.name, h.value]);
  }
  if (e.authorization.mode === 'replace') {
    const v = e.authorization.value.trim();
    if (v === '') problems.push('The new Authorization is empty.');
    else if (BAD_VALUE.test(v)) problems.push('The new Authorization contains a line break.');
    else headers.push(['Authorization', v]);
  }
  for (const h of e.added) {
    const name = h.name.trim();
    if (name === '') continue;
    if (!TOKEN.test(name)) problems.push(`"${name.slice(0, 40)}" is not a valid header name.`);
    else if (isBrowserSet(name)) problems.push(`${name} is set by the browser itself: a page cannot send it.`);
    else if (BAD_VALUE.test(h.value)) problems.push(`The value of ${name} contains a line break.`);
    else headers.push([name, h.value]);
  }
  const request: ReplayRequest = { url: r.url, method: r.method.toUpperCase(), headers, credentials: e.credentials };
  if (withBody(r.method) && e.body !== '') request.body = e.body;
  return { request, browserSet, problems };
}
