// The worker's settings check of a captured record. Pure. What counts as an auth failure is
// src/http/failure.ts, and a sign-in flow's failure src/http/flow-failure.ts; this adds the
// user's status set and the pause switch.
import { isAuthFailure } from '../http/failure.ts';
import { isFlowFailure } from '../http/flow-failure.ts';
import type { CaptureRecord } from '../shared/types.ts';

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
  if (r.source === 'auth-required') return true;
  return (
    isAuthFailure(r.status, r.responseHeaders, config.captureStatuses) ||
    isFlowFailure({
      url: r.url,
      method: r.method,
      status: r.status,
      type: r.type,
      responseHeaders: r.responseHeaders,
      redirected: r.redirects.length > 0,
    })
  );
}
