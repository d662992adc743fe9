// How items are stored in storage.session, and what the browser counts for them.
//
// Neither browser counts JSON length (scripts/bench/session-bytes.ts measures it):
// - Chromium counts its own in-memory estimate of the value (base::Value): 64 bytes per object
//   property and 32 per array element, plus each string of 23+ UTF-8 bytes rounded up to 16.
//   A typical 401 record of 729 JSON characters counts 2 160 bytes as an object.
// - Firefox counts the structured-clone size: 1 byte per character of a Latin-1 string, 2 for
//   any other string, 8-16 bytes per property, number and tag. The same record: 1 321 bytes.
// Both count a long ASCII string at about one byte per character (Chromium: length rounded up
// to 16; Firefox: length + 16, plus the key). So each item is stored as ONE string: the JSON of
// the value with every non-ASCII character written as a \u escape. What the browser counts is
// then known exactly from the string's length, in both browsers, and a record takes a third of
// the room it took as an object in Chromium.
import type { CaptureRecord, Header } from '../shared/types.ts';

/** chrome.storage.session.QUOTA_BYTES; Firefox enforces the same limit without exposing it */
export const SESSION_QUOTA = 10_485_760;

const NON_ASCII = /[\u0080-\uffff]/g;
const escape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * The JSON of a value, ASCII only (JSON.parse reads it back unchanged).
 *
 * `oneByte`: Firefox counts a string by how SpiderMonkey holds it, not by its characters: the
 * JSON of an object that holds any two-byte string (as the header values webRequest hands over
 * are) is itself two-byte, and counts 2 bytes a character although it is ASCII (checked in
 * Firefox 153: 2 017 bytes for 1 000 ASCII characters). JSON.parse makes one-byte strings
 * wherever it can, so a parse and a second stringify halve what Firefox counts. Chromium counts
 * UTF-8 bytes, whatever V8's representation: no second pass there.
 */
export function encode(value: unknown, oneByte = false): string {
  let json = JSON.stringify(value) ?? 'null';
  NON_ASCII.lastIndex = 0;
  if (NON_ASCII.test(json)) json = json.replace(NON_ASCII, escape);
  return oneByte ? JSON.stringify(JSON.parse(json) as unknown) : json;
}

/** Parses what encode() wrote; undefined for anything else. */
export function decode(stored: unknown): unknown {
  if (typeof stored !== 'string') return undefined;
  try {
    return JSON.parse(stored) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Bytes the browser counts for one item holding an encode()d string: at least Chromium's
 * (key and string rounded up to 16) and Firefox's (key + 16 + length rounded up to 8).
 */
export function itemBytes(key: string, encoded: string): number {
  return key.length + encoded.length + 24;
}

/** A record over this many bytes loses its redirects' headers, then all but 64 headers. */
export const MAX_RECORD_BYTES = 256 * 1024;
/** a header value (or an Authorization in a context entry) longer than this is cut */
export const MAX_VALUE_CHARS = 8 * 1024;

/** The visible mark at the end of a cut value: the UIs show values as text, so every view shows it. */
export function truncated(v: string, max = MAX_VALUE_CHARS): string {
  return v.length <= max ? v : `${v.slice(0, max)}…[truncated by AuthLens: ${v.length - max} more characters]`;
}

export function isTruncated(v: string): boolean {
  return v.endsWith(' more characters]') && v.includes('…[truncated by AuthLens: ');
}

/**
 * A record with thousands of headers or redirects must not eat the quota: past `maxBytes`
 * (its encoded length) the redirects keep their last 20 hops, then only the first 64 headers
 * each way, the last 5 hops and no body. (Each value is already cut at capture: headers.ts.)
 */
export function fitRecord(r: CaptureRecord, encodedLength: number, maxBytes = MAX_RECORD_BYTES): CaptureRecord {
  if (encodedLength <= maxBytes) return r;
  const cut = (list: Header[]): Header[] =>
    list.map((h) => ({ name: truncated(h.name, 256), value: truncated(h.value) }));
  const out: CaptureRecord = {
    ...r,
    requestHeaders: cut(r.requestHeaders),
    responseHeaders: cut(r.responseHeaders),
    redirects: r.redirects
      .slice(-20)
      .map((h) => ({ ...h, requestHeaders: cut(h.requestHeaders), responseHeaders: cut(h.responseHeaders) })),
  };
  if (out.responseBody !== undefined) out.responseBody = truncated(out.responseBody);
  if (encode(out).length <= maxBytes) return out;
  out.requestHeaders = out.requestHeaders.slice(0, 64);
  out.responseHeaders = out.responseHeaders.slice(0, 64);
  out.redirects = out.redirects.slice(-5);
  delete out.responseBody;
  return out;
}
