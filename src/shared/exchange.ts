// Captured records and context entries as the engine's Exchange (plain data in, plain data out).
import type { Exchange } from '../analysis/index.ts';
import { requestDigest } from '../http/request-digest.ts';
import { statusTextOf } from '../http/status-line.ts';
import type { CaptureRecord, ContextEntry } from './types.ts';

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
  if (r.source === 'replay') ex.digest = replayDigest(r.requestHeaders);
  return ex;
}

/**
 * A replay made in the page lists the headers the page set; the browser added its cookies,
 * Origin and Sec-Fetch-* out of the page's sight, so those are not known.
 */
function replayDigest(headers: CaptureRecord['requestHeaders']): Exchange['digest'] {
  const { contentType, dpop } = requestDigest(headers);
  return { contentType, dpop };
}

/**
 * A context entry as an Exchange: of its headers, the Authorization it sent and, for a success,
 * the digest the worker kept; an empty digest tells the engine's comparison that nothing else is
 * known (no Cookie is "none sent" only when known).
 */
export function contextExchange(c: ContextEntry): Exchange {
  return {
    url: c.url,
    method: c.method,
    status: c.status,
    type: c.type,
    timeStamp: c.time,
    requestHeaders: c.authorization !== undefined ? [{ name: 'Authorization', value: c.authorization }] : [],
    responseHeaders: [],
    digest: c.digest ?? {},
  };
}
