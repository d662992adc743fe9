// The UIs' diagnoses: one object per page (the panel's store owns one, the popup another) that
// takes the tab's records and context entries and hands out each record's diagnosis, cached.
//
// Results arrive LATER than they are asked for: callers read peek() (the result, or undefined
// while pending), ask with want(), and re-render when onChange() fires. Here the engine runs on
// the page's main thread in short idle slices; the same interface fits an engine in a Web Worker.
// The worker leaves the engine out of background.js (ARCHITECTURE.md, "The UIs run the engine").
import {
  diagnose,
  type Diagnosis,
  type Exchange,
  type FingerprintKey,
  type Layer,
  type Severity,
} from '../analysis/index.ts';
import { contextExchange, toExchange } from './exchange.ts';
import { contextStamp, historyFor, type Exchanges } from './history.ts';
import type { CaptureRecord, ContextEntry } from './types.ts';

export type DiagnosisResult = { ok: true; diagnosis: Diagnosis } | { ok: false; error: string };

/** The short form of a diagnosis: a list row, the filter (finding ids), the popup's line of why. */
export interface DiagnosisSummary {
  summary: string;
  /** who refused the request (the diagnosis's layer) */
  layer?: Layer;
  top?: { id: string; severity: Severity; title: string };
  /** every finding id, most important first */
  ids: string[];
}

export interface Diagnoser {
  /** The tab's records and context entries, both oldest first: the history each record is diagnosed with. */
  setInputs(records: readonly CaptureRecord[], context: readonly ContextEntry[]): void;
  /** `r`'s diagnosis with the current inputs, or undefined while it is pending. */
  peek(r: CaptureRecord): DiagnosisResult | undefined;
  /** Its short form, or undefined while pending (a failed run has a summary saying so). */
  peekSummary(r: CaptureRecord): DiagnosisSummary | undefined;
  /** Ask for these diagnoses; `soon`: before the rest (what is on screen), else in idle time. */
  want(records: readonly CaptureRecord[], soon?: boolean): void;
  /** The diagnosis once it is there (copies, exports). */
  get(r: CaptureRecord): Promise<DiagnosisResult>;
  /** Records asked for and not diagnosed yet. */
  readonly pending: number;
  /** Moves on whenever results arrive or the inputs change (what peek() answers may differ). */
  readonly version: number;
  onChange(listener: () => void): () => void;
  /** Stops the work in progress (the page goes away). */
  dispose(): void;
}

/** When to run the next slice: `soon` right after this task, else when the page is idle. */
export type Scheduler = (run: () => void, soon: boolean) => void;

export interface DiagnoserOptions {
  schedule?: Scheduler;
  /** the engine (tests count its runs) */
  engine?: typeof diagnose;
  /** how long one slice may run the engine before it yields (ms) */
  sliceMs?: number;
  now?: () => number;
  /** the page's per-session fingerprint key: findings show credential fingerprints only with one */
  fingerprintKey?: FingerprintKey;
}

/** A re-sync after a worker restart delivers the same records as new objects: they are found by content. */
const CACHE_MAX = 20_000;
const SLICE_MS = 12;

const defaultSchedule: Scheduler = (run, soon) => {
  if (!soon && typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1000 });
  else setTimeout(run, soon ? 0 : 50);
};

export function summarizeDiagnosis(d: Diagnosis): DiagnosisSummary {
  const top = d.findings[0];
  const s: DiagnosisSummary = { summary: d.summary, ids: d.findings.map((f) => f.id) };
  if (d.layer) s.layer = d.layer.layer;
  if (top) s.top = { id: top.id, severity: top.severity, title: top.title };
  return s;
}

interface Entry {
  result: DiagnosisResult;
  summary?: DiagnosisSummary;
}

export function createDiagnoser(opts: DiagnoserOptions = {}): Diagnoser {
  const schedule = opts.schedule ?? defaultSchedule;
  const engine = opts.engine ?? diagnose;
  const sliceMs = opts.sliceMs ?? SLICE_MS;
  const now = opts.now ?? (() => performance.now());

  let records: readonly CaptureRecord[] = [];
  let current = new Set<CaptureRecord>();
  let context: readonly ContextEntry[] = [];
  /** bumped with the context: a record's key depends on the entries within its window */
  let contextVersion = 0;
  let version = 0;
  let scheduled: 'soon' | 'idle' | undefined;
  let disposed = false;

  /** the one cache of diagnoses, by record content and the context around it */
  const cache = new Map<string, Entry>();
  const keys = new WeakMap<CaptureRecord, { contextVersion: number; key: string }>();
  const exchanges = new WeakMap<object, Exchange>();
  const soonQueue = new Set<CaptureRecord>();
  const idleQueue = new Set<CaptureRecord>();
  const waiting = new Map<CaptureRecord, ((res: DiagnosisResult) => void)[]>();
  const listeners = new Set<() => void>();

  const memo = <T extends object>(x: T, make: (x: T) => Exchange): Exchange => {
    let e = exchanges.get(x);
    if (!e) exchanges.set(x, (e = make(x)));
    return e;
  };
  const ex: Exchanges = { ofRecord: (r) => memo(r, toExchange), ofContext: (c) => memo(c, contextExchange) };

  function keyOf(r: CaptureRecord): string {
    const k = keys.get(r);
    if (k?.contextVersion === contextVersion) return k.key;
    const key = [
      contextStamp(context, r),
      r.id,
      r.time,
      r.status,
      r.url.length,
      r.requestHeaders.length,
      r.responseHeaders.length,
      r.responseBody?.length ?? -1,
    ].join('|');
    keys.set(r, { contextVersion, key });
    return key;
  }

  function entryOf(r: CaptureRecord): Entry | undefined {
    if (r.exportedDiagnosis) return { result: { ok: true, diagnosis: r.exportedDiagnosis } };
    return cache.get(keyOf(r));
  }

  function run(r: CaptureRecord): Entry {
    let result: DiagnosisResult;
    try {
      const history = historyFor(records, context, r, ex);
      result = {
        ok: true,
        diagnosis: engine(ex.ofRecord(r), {
          now: r.time,
          ...(history.length ? { history } : {}),
          ...(opts.fingerprintKey ? { fingerprintKey: opts.fingerprintKey } : {}),
        }),
      };
    } catch (e) {
      // the engine promises never to throw; if it does, say so instead of losing the record
      result = { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    if (cache.size >= CACHE_MAX) cache.clear();
    const entry: Entry = { result };
    cache.set(keyOf(r), entry);
    return entry;
  }

  function notify(): void {
    version++;
    for (const l of listeners) l();
  }

  function next(): CaptureRecord | undefined {
    for (const queue of [soonQueue, idleQueue]) {
      for (const r of queue) {
        queue.delete(r);
        // an idle request for a record the tab no longer holds (cleared, replaced) is dropped
        if (queue === idleQueue && !current.has(r)) continue;
        return r;
      }
    }
    return undefined;
  }

  function slice(): void {
    scheduled = undefined;
    if (disposed) return;
    const end = now() + sliceMs;
    let done = 0;
    for (let r = next(); r; r = next()) {
      const entry = entryOf(r) ?? run(r);
      done++;
      const resolvers = waiting.get(r);
      if (resolvers) {
        waiting.delete(r);
        for (const resolve of resolvers) resolve(entry.result);
      }
      if (now() >= end) break;
    }
    if (done > 0) notify();
    plan();
  }

  function plan(): void {
    if (disposed) return;
    const want = soonQueue.size > 0 ? 'soon' : idleQueue.size > 0 ? 'idle' : undefined;
    if (!want || scheduled === 'soon' || scheduled === want) return;
    scheduled = want;
    schedule(slice, want === 'soon');
  }

  return {
    setInputs(nextRecords, nextContext) {
      const contextChanged = nextContext !== context;
      if (nextRecords === records && !contextChanged) return;
      records = nextRecords;
      current = new Set(nextRecords);
      if (contextChanged) {
        context = nextContext;
        contextVersion++;
        notify();
      }
    },
    peek: (r) => entryOf(r)?.result,
    peekSummary(r) {
      const entry = entryOf(r);
      if (!entry) return undefined;
      entry.summary ??= entry.result.ok
        ? summarizeDiagnosis(entry.result.diagnosis)
        : { summary: `The diagnosis engine failed: ${entry.result.error}`, ids: [] };
      return entry.summary;
    },
    want(list, soon = false) {
      const queue = soon ? soonQueue : idleQueue;
      for (const r of list) if (!entryOf(r)) queue.add(r);
      plan();
    },
    get(r) {
      const entry = entryOf(r);
      if (entry) return Promise.resolve(entry.result);
      return new Promise((resolve) => {
        const list = waiting.get(r);
        if (list) list.push(resolve);
        else waiting.set(r, [resolve]);
        soonQueue.add(r);
        plan();
      });
    },
    get pending() {
      return soonQueue.size + idleQueue.size;
    },
    get version() {
      return version;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      soonQueue.clear();
      idleQueue.clear();
      listeners.clear();
    },
  };
}
