// What counts as an auth failure. Pure.
import type { CaptureRecord } from '../shared/types.ts';
import type { RawHeader } from './details.ts';

export interface CaptureConfig {
  captureStatuses: readonly number[];
  paused: boolean;
}

/**
 * The worker captures with a wide status set until the settings are read (a woken worker must
 * not wait for storage before it sees events); each record is then checked against the real ones.
 */
export function keepRecord(r: CaptureRecord, config: CaptureConfig): boolean {
  if (config.paused) return false;
  if (config.captureStatuses.includes(r.status)) return true;
  if (r.source === 'auth-required') return true;
  return (r.status < 200 || r.status >= 300) && hasChallenge(r.responseHeaders);
}

/**
 * Any challenge means an auth failure whatever the status (RFC 6750 puts invalid_request on a
 * 400), except on a 2xx (the caller skips those): a 200 with `WWW-Authenticate: Negotiate` is a
 * successful mutual authentication (RFC 4559 §5).
 */
export function hasChallenge(headers: readonly RawHeader[] | undefined): boolean {
  if (!headers) return false;
  for (const h of headers) {
    const n = h.name.length;
    if ((n === 16 || n === 18) && /^(www|proxy)-authenticate$/i.test(h.name)) return true;
  }
  return false;
}
