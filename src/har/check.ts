// The strict reading of one HAR entry (the CLI's, the MCP server's): what HAR 1.2 requires of
// every entry, checked on every entry, so a file that is half garbage is refused as a whole
// instead of giving a report that looks complete. The panel's import stays lenient (read.ts).
import { isObj, str } from './fields.ts';
import { headerLimitProblem } from './limits.ts';
import { TRUNCATED } from './stream.ts';

/** What is wrong with this entry (one line, no value from it), or undefined. */
export function entryProblem(entry: unknown, i: number): string | undefined {
  const at = `entry ${i}`;
  if (!isObj(entry)) return `${at} is not an object`;
  if (!isObj(entry.request)) return `${at} has no request object`;
  if (!isObj(entry.response)) return `${at} has no response object`;
  const req = entry.request;
  const res = entry.response;
  if (typeof req.url !== 'string' || req.url === '') return `${at}: request.url is missing`;
  if (typeof req.method !== 'string' || req.method === '') return `${at}: request.method is missing`;
  if (typeof res.status !== 'number' || !Number.isInteger(res.status) || res.status < 0 || res.status > 999)
    return `${at}: response.status is missing or not a status code`;
  for (const [where, list] of [
    ['request', req.headers],
    ['response', res.headers],
  ] as const) {
    const p = headersProblem(list, where);
    if (p) return `${at}: ${p}`;
  }
  if (isObj(res.content)) {
    const c = res.content;
    const text = str(c.text);
    if ((str(c.encoding) ?? '').toLowerCase() === 'base64' && text !== undefined && !isBase64(text))
      return `${at}: response.content.text says base64 but does not decode`;
  } else if (res.content !== undefined) return `${at}: response.content is not an object`;
  return undefined;
}

function headersProblem(list: unknown, where: 'request' | 'response'): string | undefined {
  if (list === undefined) return `${where}.headers is missing`;
  if (!Array.isArray(list)) return `${where}.headers is not an array`;
  const headers: { name: string; value: string }[] = [];
  for (const [k, h] of list.entries()) {
    if (!isObj(h) || typeof h.name !== 'string' || (typeof h.value !== 'string' && typeof h.value !== 'number'))
      return `${where}.headers[${k}] is not a {name, value} pair`;
    headers.push({ name: h.name, value: String(h.value) });
  }
  return headerLimitProblem(headers, where);
}

/** One alphabet (standard or url-safe), padding at the end only, never a length that leaves 6 bits. */
const BASE64 = /^(?:[A-Za-z0-9+/]*|[A-Za-z0-9_-]*)(?:={0,2})$/;

/**
 * Base64 as HAR writers emit it (whitespace may wrap it). A body the streaming reader cut short
 * (it ends with TRUNCATED) is not judged: it was too large to be read, not malformed.
 */
export function isBase64(text: string): boolean {
  if (text.endsWith(TRUNCATED)) return true;
  const s = /\s/.test(text) ? text.replace(/\s+/g, '') : text;
  // decodeBase64's rules (src/http/base64.ts), by a native regex: a HAR is mostly base64 bodies
  if (!BASE64.test(s)) return false;
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  if (pad > 0 && s.length % 4 !== 0) return false;
  return (s.length - pad) % 4 !== 1;
}
