// Attaching a response body from DevTools (devtools.network) to the record it belongs to. Pure.
import type { BodyMatch } from '../shared/messages.ts';
import type { CaptureRecord } from '../shared/types.ts';
import { BODY_CAP_CHARS } from '../http/limits.ts';

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

export function capBody(body: unknown): string {
  const text = typeof body === 'string' ? body : '';
  return text.length > BODY_CAP_CHARS ? text.slice(0, BODY_CAP_CHARS) : text;
}
