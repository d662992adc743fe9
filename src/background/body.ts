// Attaching a response body from DevTools (devtools.network) to the record it belongs to. Pure.
import type { BodyMatch } from '../shared/messages.ts';
import type { CaptureRecord } from '../shared/types.ts';
import { capBody } from '../http/body.ts';

/** DevTools' HAR time and webRequest's timeStamp are different clocks' views of one request. */
export const BODY_MATCH_WINDOW_MS = 5000;

/** Same url, method and status; the nearest in time within the window. */
export function findBodyTarget(
  records: readonly CaptureRecord[],
  m: BodyMatch,
  windowMs = BODY_MATCH_WINDOW_MS,
): CaptureRecord | undefined {
  let best: CaptureRecord | undefined;
  let bestGap = Infinity;
  for (const r of records) {
    if (r.url !== m.url || r.status !== m.status || r.method.toUpperCase() !== String(m.method).toUpperCase()) continue;
    const gap = Math.abs(r.time - m.time);
    if (gap <= windowMs && gap < bestGap) {
      best = r;
      bestGap = gap;
    }
  }
  return best;
}

/** The body a message carried (anything may arrive over runtime messages): text, capped. */
export function bodyText(body: unknown): string {
  return typeof body === 'string' ? capBody(body) : '';
}
