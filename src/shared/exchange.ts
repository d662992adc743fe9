// A captured record as the engine's Exchange (plain data in, plain data out).
import type { Exchange } from '../analysis/index.ts';
import type { CaptureRecord } from './types.ts';

export function toExchange(r: CaptureRecord): Exchange {
  const ex: Exchange = {
    url: r.url,
    method: r.method,
    status: r.status,
    statusText: statusTextOf(r.statusLine),
    type: r.type,
    timeStamp: r.time,
    requestHeaders: r.requestHeaders,
    responseHeaders: r.responseHeaders,
    redirects: r.redirects.map((h) => ({
      url: h.url,
      status: h.status,
      requestHeaders: h.requestHeaders,
      ...(h.location !== undefined ? { location: h.location } : {}),
    })),
  };
  if (r.initiator !== undefined) ex.initiator = r.initiator;
  if (r.responseBody !== undefined) ex.responseBody = r.responseBody;
  return ex;
}

/** "HTTP/1.1 401 Unauthorized" -> "Unauthorized"; HTTP/2 status lines have no reason phrase. */
export function statusTextOf(statusLine: string): string | undefined {
  const m = /^\S+\s+\d{3}\s+(.+)$/.exec(statusLine.trim());
  return m?.[1];
}
