// How many bytes a record takes in storage.session, and keeping one record from eating the quota.
import type { CaptureRecord, Header } from '../shared/types.ts';

/** Chrome counts the JSON of each value in UTF-8: non-ASCII characters take up to 3 bytes. */
export function estimateBytes(value: unknown): number {
  const json = JSON.stringify(value) ?? '';
  let extra = 0;
  for (let i = 0; i < json.length; i++) if (json.charCodeAt(i) > 0x7f) extra += 2;
  return json.length + extra;
}

/** A record over this many bytes gets its long values shortened before it is stored. */
export const MAX_RECORD_BYTES = 256 * 1024;
const MAX_VALUE_CHARS = 8 * 1024;

/**
 * A huge header (a 1 MB cookie, a runaway token) must not evict every other record: its long
 * values are shortened, and the stored copy says what was cut.
 */
export function fitRecord(r: CaptureRecord, maxBytes = MAX_RECORD_BYTES): CaptureRecord {
  if (estimateBytes(r) <= maxBytes) return r;
  const cut = (list: Header[]): Header[] => list.map((h) => ({ name: h.name.slice(0, 256), value: shorten(h.value) }));
  const out: CaptureRecord = {
    ...r,
    requestHeaders: cut(r.requestHeaders),
    responseHeaders: cut(r.responseHeaders),
    redirects: r.redirects
      .slice(-20)
      .map((h) => ({ ...h, requestHeaders: cut(h.requestHeaders), responseHeaders: cut(h.responseHeaders) })),
  };
  if (out.responseBody !== undefined) out.responseBody = shorten(out.responseBody);
  if (estimateBytes(out) <= maxBytes) return out;
  // still too big (thousands of headers): keep the first ones
  out.requestHeaders = out.requestHeaders.slice(0, 64);
  out.responseHeaders = out.responseHeaders.slice(0, 64);
  out.redirects = out.redirects.slice(-5);
  delete out.responseBody;
  return out;
}

function shorten(v: string): string {
  return v.length <= MAX_VALUE_CHARS
    ? v
    : `${v.slice(0, MAX_VALUE_CHARS)}…[${v.length - MAX_VALUE_CHARS} more characters cut by AuthLens]`;
}
