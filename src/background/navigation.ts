// Which records a committed top-level navigation clears. Pure.
//
// The pitfall: the main-frame 401 of a navigation is captured at onHeadersReceived, BEFORE
// webNavigation.onCommitted of that same navigation. Clearing "everything before the commit"
// would wipe the very failure that page is about. So clear what is older than the navigation's
// main-frame request.
import type { CaptureRecord } from '../shared/types.ts';

/** how far before its commit a main-frame failure is still taken for this navigation's own */
const SAME_NAVIGATION_MS = 60_000;

export interface Commit {
  url: string;
  timeStamp: number;
}
export interface MainFrameRequest {
  url: string;
  start: number;
}

/** Records with `time` below the returned value belong to the previous page. */
export function navigationCutoff(
  records: readonly CaptureRecord[],
  commit: Commit,
  request?: MainFrameRequest,
): number {
  // the main-frame request seen by capture, if it is this navigation's: not a back/forward
  // cache restore (commits without any request), nor a request that never committed (a 204, a
  // download) followed much later by a cache-served navigation to the same URL
  if (
    request &&
    request.url === commit.url &&
    request.start <= commit.timeStamp &&
    commit.timeStamp - request.start <= SAME_NAVIGATION_MS
  ) {
    return request.start;
  }
  // the worker restarted between the request and its commit: the page's own failure is the
  // newest main-frame record for the committed URL, shortly before the commit
  let own: CaptureRecord | undefined;
  for (const r of records) {
    if (r.type !== 'main_frame' || r.url !== commit.url) continue;
    if (r.time > commit.timeStamp || commit.timeStamp - r.time > SAME_NAVIGATION_MS) continue;
    if (!own || r.time > own.time) own = r;
  }
  return own ? own.time : commit.timeStamp;
}
