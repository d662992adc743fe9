// webRequest details -> pending entries -> CaptureRecord. Pure: no browser, no clock (every
// time comes from the event's timeStamp).
//
// Hot path: a 2xx costs one Map.set (a reference to the details object, no copy) at
// onSendHeaders, and a table lookup + Map.delete at onHeadersReceived. Headers are copied only
// once we know the response failed.
//
// Where a request ends: at onHeadersReceived with any final (non-redirect) status, not at
// onCompleted. onCompleted fires for every request and is one more IPC hop to the worker per
// request of every tab. Measured by `npm run bench` (scripts/bench/listeners.ts, Chromium 156,
// 300 parallel 200s x 30 interleaved rounds, CPU time of the browser's process tree): empty
// listeners on our 5 events x1.54 of no extension, the same + onCompleted x1.68 (+9 %); the
// 3 rare-event listeners over the 2-listener floor +2 % (noise level); AuthLens itself x1.53,
// the same as empty listeners. onErrorOccurred / onBeforeRedirect / onAuthRequired fire only
// for their own rare events, so they stay. Nothing is lost: a request that never reaches a
// final status either errors (onErrorOccurred ends it) or is dropped by the size- and
// age-bounded pending map, which is all onCompleted would have done for it.
import type { CaptureRecord, ContextEntry, Header, RedirectHop } from '../shared/types.ts';
import type {
  AuthRequiredDetails,
  ErrorDetails,
  RedirectDetails,
  ResponseDetails,
  SendHeadersDetails,
} from './details.ts';
import { initiatorOf } from './details.ts';
import { hasChallenge, isSuccessStatus } from '../http/failure.ts';
import { requestDigest } from '../http/request-digest.ts';
import { isAuthorizationResponseUrl, isFlowFailure, type FlowResponse } from '../http/flow-failure.ts';
import { PATTERN_WINDOW_MS } from '../http/limits.ts';
import type { CaptureConfig } from './failure.ts';
import { headerValue, toHeaders } from './headers.ts';

export interface CaptureLimits {
  /** most in-flight requests kept; the oldest go first */
  maxPending: number;
  /** an entry older than this (ms, by event time) is dropped: a request that never ended */
  maxAgeMs: number;
  /** most bytes of request headers the in-flight requests may hold; the oldest go first */
  maxPendingBytes: number;
}

export const DEFAULT_LIMITS: Readonly<CaptureLimits> = {
  maxPending: 2000,
  maxAgeMs: 5 * 60_000,
  maxPendingBytes: 32 * 1024 * 1024,
};
/**
 * How many inserts between two sweeps (sweeping on every insert would cost the hot path; the
 * bytes of an entry are measured at the first sweep it lives to see, so the 2xx that ends quickly
 * is never measured). While requests hang (many entries, or many bytes), sweeps come 8 times as
 * often, so what arrives between two of them (64 requests' headers) stays small next to
 * maxPendingBytes; before the first such sweep at most 512 requests arrive unmeasured.
 */
const SWEEP_EVERY = 512;
const SWEEP_EVERY_BUSY = 64;
const BUSY = 128;
/** redirect statuses that are followed by onBeforeRedirect: keep the pending entry for them */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** requestIds that failed recently, for retry numbering and onAuthRequired de-duplication */
const MAX_FAILED = 256;

interface Failed {
  seq: number;
  awaitingAuth: boolean;
}

const flowResponse = (d: ResponseDetails, redirected: boolean): FlowResponse => ({
  url: d.url,
  method: d.method,
  status: d.statusCode,
  type: d.type,
  responseHeaders: d.responseHeaders,
  redirected,
});

export class Capture {
  /** requestId -> the onSendHeaders details of its current hop (a reference, never a copy) */
  readonly pending = new Map<string, SendHeadersDetails>();
  /** requestId -> hops so far; only requests that redirected are here */
  private readonly hops = new Map<string, RedirectHop[]>();
  private readonly failed = new Map<string, Failed>();
  /** tabId -> the current main-frame request (first hop's start), for navigation clearing */
  private readonly mainFrames = new Map<number, { requestId: string; start: number; url: string }>();
  private capture: boolean[] = [];
  private paused = false;
  private inserts = 0;
  private sweepEvery = SWEEP_EVERY;
  /** bytes of each in-flight entry's request headers, measured once, at the first sweep it lives to see */
  private readonly sizes = new WeakMap<SendHeadersDetails, number>();
  /** tabId -> end of its context window (event time); empty in the common case */
  private readonly watch = new Map<number, number>();
  /** receives the context entries of watched tabs (the worker stores them) */
  onContext: ((tabId: number, entry: ContextEntry) => void) | undefined;

  constructor(
    config: CaptureConfig,
    private readonly limits: CaptureLimits = DEFAULT_LIMITS,
  ) {
    this.configure(config);
  }

  configure(config: CaptureConfig): void {
    const table: boolean[] = new Array<boolean>(600).fill(false);
    for (const s of config.captureStatuses) if (s >= 0 && s < 600) table[s] = true;
    this.capture = table;
    this.paused = config.paused;
  }

  onSendHeaders = (d: SendHeadersDetails): void => {
    this.pending.set(d.requestId, d);
    if (d.type === 'main_frame') this.noteMainFrame(d);
    if (++this.inserts >= this.sweepEvery || this.pending.size > this.limits.maxPending) this.sweep(d.timeStamp);
  };

  /** Returns a record when this response is an auth failure. Ends the request when final. */
  onHeadersReceived = (d: ResponseDetails): CaptureRecord | undefined => {
    const status = d.statusCode;
    let record: CaptureRecord | undefined;
    if (!this.paused && (this.capture[status] === true || this.quietFailure(d, status))) {
      record = this.toRecord(d, 'headers');
      this.markFailed(d.requestId, true);
    } else if (this.watch.size !== 0 && status >= 200 && status < 400) {
      // the only cost a 2xx pays for context: a size check while no tab is watched (the
      // common case), one Map lookup while some tab is
      this.noteContext(d);
    }
    if (!REDIRECTS.has(status)) this.end(d.requestId);
    return record;
  };

  /**
   * A failure the status table does not name: a challenge on any status but a 2xx, or a sign-in
   * flow's failure (src/http/flow-failure.ts). A 2xx reaches the flow check only when its
   * request was redirected: one size check while no request of any tab is redirecting.
   */
  private quietFailure(d: ResponseDetails, status: number): boolean {
    if (status >= 200 && status < 300) {
      return this.hops.size !== 0 && this.hops.has(d.requestId) && isFlowFailure(flowResponse(d, true));
    }
    return hasChallenge(d.responseHeaders) || isFlowFailure(flowResponse(d, this.hops.has(d.requestId)));
  }

  onBeforeRedirect = (d: RedirectDetails): void => {
    const sent = this.pending.get(d.requestId);
    const responseHeaders = d.responseHeaders ?? [];
    const hop: RedirectHop = {
      url: d.url,
      status: d.statusCode,
      statusLine: d.statusLine,
      requestHeaders: sent?.requestHeaders ? toHeaders(sent.requestHeaders) : [],
      responseHeaders: toHeaders(responseHeaders),
    };
    hop.location = d.redirectUrl;
    // A sign-in's authorization response (code or error, with its state): the flow's later
    // steps (callback, token request, first API call) are kept as context, and this step too.
    // Only redirects pay the check.
    if (!this.paused && isAuthorizationResponseUrl(d.redirectUrl)) {
      this.watchTab(d.tabId, d.timeStamp + PATTERN_WINDOW_MS);
      this.onContext?.(d.tabId, {
        url: d.url,
        method: d.method,
        status: d.statusCode,
        time: d.timeStamp,
        type: d.type,
      });
    }
    const list = this.hops.get(d.requestId);
    if (list) list.push(hop);
    else this.hops.set(d.requestId, [hop]);
    // the next hop's onSendHeaders replaces the entry; until then it must not be reused
    this.pending.delete(d.requestId);
  };

  /**
   * A real proxy's 407 (and an HTTP-auth prompt). A server's 401 was already recorded at
   * onHeadersReceived just before; record only what that did not.
   */
  onAuthRequired = (d: AuthRequiredDetails): CaptureRecord | undefined => {
    const f = this.failed.get(d.requestId);
    if (f?.awaitingAuth) {
      f.awaitingAuth = false;
      return undefined;
    }
    if (this.paused) return undefined;
    const record = this.toRecord(d, 'auth-required');
    this.markFailed(d.requestId, false);
    this.end(d.requestId);
    return record;
  };

  /**
   * Ends the request. A 407 from a server that is not a configured proxy never reaches
   * onHeadersReceived: Chrome ends it here with net::ERR_UNEXPECTED_PROXY_AUTH.
   */
  onErrorOccurred = (d: ErrorDetails): CaptureRecord | undefined => {
    let record: CaptureRecord | undefined;
    if (!this.paused && d.error === 'net::ERR_UNEXPECTED_PROXY_AUTH' && this.capture[407]) {
      record = this.toRecord({ ...d, statusCode: 407, statusLine: d.error, responseHeaders: [] }, 'headers');
    }
    this.end(d.requestId);
    this.failed.delete(d.requestId);
    return record;
  };

  /** Measuring only: what onCompleted would do if it were listened to (see the note at the top). */
  onCompleted = (d: { requestId: string }): void => {
    this.end(d.requestId);
    this.failed.delete(d.requestId);
  };

  /**
   * The tab's latest main-frame request (its first hop's start, its last hop's URL), handed
   * over once: a later commit without a request (back/forward cache) must not reuse it.
   */
  takeMainFrame(tabId: number): { url: string; start: number } | undefined {
    const m = this.mainFrames.get(tabId);
    this.mainFrames.delete(tabId);
    return m && { url: m.url, start: m.start };
  }

  forgetTab(tabId: number): void {
    this.mainFrames.delete(tabId);
    this.watch.delete(tabId);
  }

  /** Open (or extend) a tab's context window until `until` (a failure at `until - window`). */
  watchTab(tabId: number, until: number): void {
    if ((this.watch.get(tabId) ?? -Infinity) < until) this.watch.set(tabId, until);
  }

  /** tabs with an open window (tests, the bench) */
  get watchedTabs(): number {
    return this.watch.size;
  }

  private noteContext(d: ResponseDetails): void {
    const until = this.watch.get(d.tabId);
    if (until === undefined || this.paused) return;
    if (d.timeStamp > until) {
      this.watch.delete(d.tabId);
      return;
    }
    const sent = this.pending.get(d.requestId)?.requestHeaders;
    const entry: ContextEntry = { url: d.url, method: d.method, status: d.statusCode, time: d.timeStamp, type: d.type };
    if (sent) {
      const headers = toHeaders(sent); // values cut at 8 KB
      const auth = headerValue(headers, 'authorization');
      if (auth !== undefined) entry.authorization = auth;
      // what a failure is compared with: names and facts only (no cookie value), and only for
      // successes, which the context window already limits to the minute around a failure
      if (isSuccessStatus(d.statusCode)) entry.digest = requestDigest(headers);
    }
    this.onContext?.(d.tabId, entry);
  }

  /**
   * Drop entries older than maxAge, then the oldest beyond maxPending, then the oldest until the
   * headers held fit maxPendingBytes (Map order = insertion order).
   */
  sweep(now: number): void {
    this.inserts = 0;
    const oldest = now - this.limits.maxAgeMs;
    for (const [id, d] of this.pending) {
      if (d.timeStamp >= oldest && this.pending.size <= this.limits.maxPending) break;
      this.pending.delete(id);
      this.hops.delete(id);
    }
    let bytes = 0;
    for (const d of this.pending.values()) bytes += this.sizeOf(d);
    for (const [id, d] of this.pending) {
      if (bytes <= this.limits.maxPendingBytes) break;
      bytes -= this.sizeOf(d);
      this.pending.delete(id);
      this.hops.delete(id);
    }
    this.pendingBytes = bytes;
    this.sweepEvery =
      this.pending.size > BUSY || bytes > this.limits.maxPendingBytes / 4 ? SWEEP_EVERY_BUSY : SWEEP_EVERY;
    // hops of a request whose pending entry is gone (redirected, next hop never sent)
    if (this.hops.size > this.limits.maxPending) {
      for (const id of this.hops.keys()) {
        if (this.hops.size <= this.limits.maxPending / 2) break;
        this.hops.delete(id);
      }
    }
  }

  /** bytes of request headers the in-flight requests held at the last sweep (tests, the bench) */
  pendingBytes = 0;

  private sizeOf(d: SendHeadersDetails): number {
    let n = this.sizes.get(d);
    if (n !== undefined) return n;
    n = 64 + d.url.length;
    for (const h of d.requestHeaders ?? []) n += h.name.length + (h.value?.length ?? h.binaryValue?.length ?? 0) + 16;
    this.sizes.set(d, n);
    return n;
  }

  private end(requestId: string): void {
    this.pending.delete(requestId);
    if (this.hops.size > 0) this.hops.delete(requestId);
  }

  private noteMainFrame(d: SendHeadersDetails): void {
    const cur = this.mainFrames.get(d.tabId);
    // a redirected navigation keeps the start of its first hop
    if (cur?.requestId === d.requestId) cur.url = d.url;
    else this.mainFrames.set(d.tabId, { requestId: d.requestId, start: d.timeStamp, url: d.url });
  }

  private markFailed(requestId: string, awaitingAuth: boolean): void {
    const f = this.failed.get(requestId);
    if (f) {
      f.seq++;
      f.awaitingAuth = awaitingAuth;
      return;
    }
    if (this.failed.size >= MAX_FAILED) {
      const first = this.failed.keys().next();
      if (!first.done) this.failed.delete(first.value);
    }
    this.failed.set(requestId, { seq: 1, awaitingAuth });
  }

  private toRecord(d: ResponseDetails, source: CaptureRecord['source']): CaptureRecord {
    // after a failure the tab's other requests are kept as context for the pattern window (renewed by each)
    this.watchTab(d.tabId, d.timeStamp + PATTERN_WINDOW_MS);
    const sent = this.pending.get(d.requestId);
    const requestHeaders: Header[] = sent?.requestHeaders ? toHeaders(sent.requestHeaders) : [];
    const seq = (this.failed.get(d.requestId)?.seq ?? 0) + 1;
    const record: CaptureRecord = {
      id: `${d.requestId}-${seq}`,
      requestId: d.requestId,
      tabId: d.tabId,
      frameId: d.frameId,
      type: d.type,
      method: d.method,
      url: d.url,
      status: d.statusCode,
      statusLine: d.statusLine ?? '',
      time: d.timeStamp,
      fromCache: d.fromCache === true,
      preflight: d.method === 'OPTIONS' && headerValue(requestHeaders, 'access-control-request-method') !== undefined,
      source,
      requestHeadersKnown: sent?.requestHeaders !== undefined,
      requestHeaders,
      responseHeaders: toHeaders(d.responseHeaders ?? []),
      redirects: this.hops.get(d.requestId)?.slice() ?? [],
    };
    const initiator = initiatorOf(d);
    if (initiator !== undefined) record.initiator = initiator;
    return record;
  }
}
