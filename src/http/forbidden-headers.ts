// Request headers page script cannot set: fetch() drops them, the browser writes its own.
// https://fetch.spec.whatwg.org/#forbidden-request-header (plus the Proxy- and Sec- prefixes,
// and HTTP/2 pseudo-headers).
import { isPseudoHeader } from './headers.ts';

const FORBIDDEN = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]);

export function isForbiddenRequestHeader(name: string): boolean {
  const n = name.toLowerCase();
  return FORBIDDEN.has(n) || n.startsWith('proxy-') || n.startsWith('sec-') || isPseudoHeader(n);
}
