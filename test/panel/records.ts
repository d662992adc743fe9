// Test records (built in code because each test varies one field; the shapes are the contract's).
import type { CaptureRecord } from '../../src/shared/types.ts';

let seq = 0;

export function rec(over: Partial<CaptureRecord> = {}): CaptureRecord {
  seq++;
  return {
    id: `r${seq}`,
    requestId: String(seq),
    tabId: 7,
    frameId: 0,
    type: 'xmlhttprequest',
    method: 'GET',
    url: 'https://api.example.com/v1/items?page=2',
    status: 401,
    statusLine: 'HTTP/1.1 401 Unauthorized',
    time: 1_790_000_000_000 + seq,
    fromCache: false,
    preflight: false,
    source: 'headers',
    requestHeadersKnown: true,
    requestHeaders: [],
    responseHeaders: [],
    redirects: [],
    ...over,
  };
}
