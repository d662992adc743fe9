// The success to compare a failure with: a request to the same endpoint (origin, method, path
// template) that succeeded, the last one before the failure, else the first one after it (a
// retry that worked shows what fixed it).
import type { Exchange } from '../types.ts';
import { endpointKey } from './endpoint.ts';
import { isSuccessStatus } from '../../http/failure.ts';

export const isSuccess = isSuccessStatus;

export interface NearestOptions {
  /** only successes at or before the subject's time */
  beforeOnly?: boolean;
}

/** Index into `candidates` of the success to compare `subject` with, or -1. */
export function nearestSuccess(
  subject: Pick<Exchange, 'url' | 'method' | 'timeStamp'>,
  candidates: readonly Pick<Exchange, 'url' | 'method' | 'status' | 'timeStamp'>[],
  opts: NearestOptions = {},
): number {
  const key = endpointKey(subject.url, subject.method);
  if (key === undefined) return -1;
  const t = subject.timeStamp;
  let before = -1;
  let after = -1;
  candidates.forEach((c, i) => {
    if (!c || c === subject || !isSuccess(c.status) || typeof c.timeStamp !== 'number') return;
    if (c.timeStamp <= t) {
      if ((before < 0 || c.timeStamp >= candidates[before]!.timeStamp) && endpointKey(c.url, c.method) === key)
        before = i;
    } else if ((after < 0 || c.timeStamp < candidates[after]!.timeStamp) && endpointKey(c.url, c.method) === key) {
      after = i;
    }
  });
  return before >= 0 || opts.beforeOnly ? before : after;
}
