// Small CaptureRecord factory for store/hub/badge tests.
import type { CaptureRecord } from '../../src/shared/types.ts';

let n = 0;
export function rec(over: Partial<CaptureRecord> = {}): CaptureRecord {
  n++;
  return {
    id: `r${n}-1`,
    requestId: `r${n}`,
    tabId: 1,
    frameId: 0,
    type: 'xmlhttprequest',
    method: 'GET',
    url: `http://127.0.0.1/api/${n}`,
    status: 401,
    statusLine: 'HTTP/1.1 401 Unauthorized',
    time: 1000 + n,
    fromCache: false,
    preflight: false,
    source: 'headers',
    requestHeadersKnown: true,
    requestHeaders: [{ name: 'Authorization', value: 'Bearer abc' }],
    responseHeaders: [{ name: 'WWW-Authenticate', value: 'Bearer error="invalid_token"' }],
    redirects: [],
    ...over,
  };
}
