// Header lists as webRequest gives them -> plain {name, value} records that survive JSON.
import type { Header } from '../shared/types.ts';
import type { RawHeader } from './details.ts';
import { splitMergedHeaders } from '../http/merged-headers.ts';
import { MAX_VALUE_CHARS, truncated } from './size.ts';

export { headerValue } from '../http/headers.ts';

const latin1 = (bytes: number[]): string => String.fromCharCode(...bytes.slice(0, 65536).map((b) => b & 0xff));

/**
 * Chrome puts non-UTF-8 header bytes in `binaryValue`: kept readable as Latin-1 (RFC 9110 §5.5).
 * Firefox's merged repeated headers ("a\nb") come back as one entry per line, as in Chrome.
 * A value over 8 KB (a runaway cookie) is cut, with a visible mark, so one record cannot take
 * a tab's share of the session quota.
 */
export function toHeaders(raw: readonly RawHeader[]): Header[] {
  const out: Header[] = new Array<Header>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const h = raw[i]!;
    out[i] = { name: String(h.name), value: h.value ?? (Array.isArray(h.binaryValue) ? latin1(h.binaryValue) : '') };
  }
  const split = splitMergedHeaders(out) as Header[];
  for (const h of split) {
    if (h.value.length > MAX_VALUE_CHARS) h.value = truncated(h.value);
    if (h.name.length > 256) h.name = truncated(h.name, 256);
  }
  return split;
}
