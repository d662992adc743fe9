// Runs one replay: start the request in the inspected page, poll for its outcome, and make it a
// row linked to the original. A failing replay is an auth failure like any other, so the worker
// captures it (with every header the browser sent): that record is linked. What the worker does
// not capture (a success) becomes the panel's own record, made from what the page saw.
import { capBody } from '../../http/body.ts';
import { isAuthFailure } from '../../http/failure.ts';
import type { CaptureRecord } from '../../shared/types.ts';
import type { PanelEvent } from '../state.ts';
import { readCode, readOutcome, startCode, type PageOutcome } from './page-code.ts';
import type { BuiltReplay } from './request.ts';

export type EvalOutcome = { ok: true; value: unknown } | { ok: false; error: string };
/** devtools.inspectedWindow.eval, made uniform (platform.ts); absent outside DevTools */
export type EvalInPage = (expression: string) => Promise<EvalOutcome>;

export interface ReplayDeps {
  evalInPage: EvalInPage;
  now(): number;
  sleep(ms: number): Promise<void>;
  /** the worker's records for the tab, now */
  live(): readonly CaptureRecord[];
  captureStatuses(): readonly number[];
  dispatch(e: PanelEvent): void;
}

export interface ReplayTiming {
  pollMs: number;
  /** give up waiting for the page's answer after this long */
  timeoutMs: number;
  /** how long a failing replay's capture by the worker is waited for */
  captureWaitMs: number;
}

const TIMING: ReplayTiming = { pollMs: 150, timeoutMs: 30_000, captureWaitMs: 3000 };

export type ReplayResult =
  | { ok: true; id: string; status: number; statusText: string; captured: boolean; pageOrigin?: string }
  | { ok: false; error: string };

let seq = 0;

function sameRequest(r: CaptureRecord, method: string, urls: readonly string[], from: number, to: number): boolean {
  return r.method.toUpperCase() === method && urls.includes(r.url) && r.time >= from - 1000 && r.time <= to + 2000;
}

export async function runReplay(
  original: CaptureRecord,
  built: BuiltReplay,
  deps: ReplayDeps,
  timing: Partial<ReplayTiming> = {},
): Promise<ReplayResult> {
  const t = { ...TIMING, ...timing };
  const req = built.request;
  const key = `${original.id}:${deps.now()}:${++seq}`;
  const before = new Set(deps.live().map((r) => r.id));
  const t0 = deps.now();
  const start = await deps.evalInPage(startCode(req, key));
  if (!start.ok) return { ok: false, error: `could not run in the inspected page: ${start.error}` };
  const origin = (start.value as { origin?: unknown } | null)?.origin;
  const pageOrigin = typeof origin === 'string' ? origin.slice(0, 300) : undefined;

  let outcome: PageOutcome | undefined;
  while (deps.now() - t0 < t.timeoutMs) {
    await deps.sleep(t.pollMs);
    const read = await deps.evalInPage(readCode(key));
    if (!read.ok) return { ok: false, error: `lost the inspected page: ${read.error}` };
    outcome = readOutcome(read.value);
    if (outcome && outcome.state !== 'pending') break;
  }
  const t1 = deps.now();
  const urls = outcome?.state === 'done' && outcome.url ? [outcome.url, req.url] : [req.url];

  // the worker's capture of a failing replay (also when CORS kept its answer from the page)
  const captured = async (waitMs: number): Promise<CaptureRecord | undefined> => {
    const end = deps.now() + waitMs;
    for (;;) {
      const found = deps
        .live()
        .find((r) => !before.has(r.id) && r.source !== 'replay' && sameRequest(r, req.method, urls, t0, deps.now()));
      if (found || deps.now() >= end) return found;
      await deps.sleep(t.pollMs);
    }
  };
  const link = (r: CaptureRecord): ReplayResult => {
    deps.dispatch({ type: 'replayLinked', id: r.id, of: original.id });
    return {
      ok: true,
      id: r.id,
      status: r.status,
      statusText: r.statusLine,
      captured: true,
      ...(pageOrigin ? { pageOrigin } : {}),
    };
  };

  if (!outcome || outcome.state === 'pending') {
    const r = await captured(0);
    return r ? link(r) : { ok: false, error: `no answer within ${Math.round(t.timeoutMs / 1000)} s` };
  }
  if (outcome.state === 'error') {
    const r = await captured(t.captureWaitMs);
    if (r) return link(r);
    return {
      ok: false,
      error:
        `the request failed in the page: ${outcome.error} (a CORS refusal, a network error, or a header ` +
        'the browser would not send; the console of the inspected page says which)',
    };
  }
  const failing = isAuthFailure(outcome.status, outcome.headers, deps.captureStatuses());
  if (failing || outcome.status >= 400) {
    const r = await captured(failing ? t.captureWaitMs : Math.min(500, t.captureWaitMs));
    if (r) return link(r);
  }
  const id = `replay-${t1}-${seq}`;
  const record: CaptureRecord = {
    id,
    requestId: id,
    tabId: original.tabId,
    frameId: 0,
    type: 'xmlhttprequest',
    method: req.method,
    url: outcome.url || req.url,
    status: outcome.status,
    statusLine: `${outcome.status} ${outcome.statusText}`.trim(),
    time: t1,
    fromCache: false,
    preflight: false,
    source: 'replay',
    requestHeadersKnown: true,
    requestHeaders: req.headers.map(([name, value]) => ({ name, value })),
    responseHeaders: outcome.headers,
    redirects: [],
    replayOf: original.id,
  };
  if (pageOrigin) record.initiator = pageOrigin;
  if (outcome.body) record.responseBody = capBody(outcome.body);
  deps.dispatch({ type: 'replayed', record });
  return {
    ok: true,
    id,
    status: outcome.status,
    statusText: record.statusLine,
    captured: false,
    ...(pageOrigin ? { pageOrigin } : {}),
  };
}
