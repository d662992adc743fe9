// The UIs' diagnoses: one object per page (the panel's store owns one, the popup another) that
// takes the tab's records and context entries and hands out each record's diagnosis, cached.
//
// Results arrive LATER than they are asked for: callers read peek() (the result, or undefined
// while pending), ask with want(), and re-render when onChange() fires. The engine runs in a
// Web Worker (diagnosis-worker.ts; the protocol is diagnosis-protocol.ts), so the page's thread
// only renders: records cross once each, in batches, and summaries come back (full diagnoses
// for what is asked `soon`). A worker that dies is started again with everything it held, its
// unanswered asks pending meanwhile; after a few deaths the fallback (the same engine on this
// thread) takes over, and after that every ask is answered with a failure, never a throw.
// The background never runs the engine (ARCHITECTURE.md, "The UIs run the engine").
import type { FingerprintKey } from '../analysis/index.ts';
import type { FromHarOptions } from '../har/read.ts';
import { isSuccessStatus } from '../http/failure.ts';
import {
  recordKey,
  resultKey,
  summarizeDiagnosis,
  summarizeResult,
  type Answer,
  type DiagnosisResult,
  type DiagnosisSummary,
  type FromWorker,
  type HarChunk,
  type ReadHar,
  type ToWorker,
  type WorkerLike,
} from './diagnosis-protocol.ts';
import { added } from './added.ts';
import type { CaptureRecord, ContextEntry } from './types.ts';

export { summarizeDiagnosis, type DiagnosisResult, type DiagnosisSummary } from './diagnosis-protocol.ts';

export interface HarRead {
  skipped: number;
  problems: string[];
}

export interface Diagnoser {
  /** The tab's records and context entries, both oldest first: the history each record is diagnosed with. */
  setInputs(records: readonly CaptureRecord[], context: readonly ContextEntry[]): void;
  /** `r`'s diagnosis with the current inputs, or undefined while it is pending. */
  peek(r: CaptureRecord): DiagnosisResult | undefined;
  /** Its short form, or undefined while pending (a failed run has a summary saying so). */
  peekSummary(r: CaptureRecord): DiagnosisSummary | undefined;
  /** Ask for these diagnoses; `soon`: before the rest, and in full (what is on screen, the detail). */
  want(records: readonly CaptureRecord[], soon?: boolean): void;
  /** The diagnosis once it is there (copies, exports). */
  get(r: CaptureRecord): Promise<DiagnosisResult>;
  /**
   * Reads a HAR file's auth failures off the page's thread as it streams in; `onRecords` hears
   * them in chunks, in file order. Rejects when the file is not a HAR file at all, or when it
   * breaks off (after the chunks read before the break).
   */
  readHar(
    file: Blob,
    opts: Required<Pick<FromHarOptions, 'tabId' | 'statuses' | 'idPrefix'>>,
    onRecords: (records: CaptureRecord[]) => void,
  ): Promise<HarRead>;
  /** Records asked for and not diagnosed yet. */
  readonly pending: number;
  /** Moves on whenever results arrive or the inputs change (what peek() answers may differ). */
  readonly version: number;
  /**
   * The records answered after `version` (what peekSummary may now answer that it did not then),
   * or undefined when that is not known: the context moved since, or `version` is too long ago.
   * A caller that keeps what waits for a diagnosis re-reads these, not everything that waits.
   */
  answeredSince(version: number): readonly CaptureRecord[] | undefined;
  onChange(listener: () => void): () => void;
  /** Stops the work in progress (the page goes away). */
  dispose(): void;
}

/** Runs `run` after `ms`; 0: as soon as the current synchronous work is done. */
export type Timer = (run: () => void, ms: number) => void;

export interface DiagnoserOptions {
  /** starts the engine's worker (again after it died) */
  worker: () => WorkerLike;
  /** started instead once the worker died MAX_DEATHS times (the engine on the page's thread) */
  fallback?: () => WorkerLike;
  timer?: Timer;
  /** answers nobody asked for `soon` reach the listeners at most this often (ms) */
  notifyMs?: number;
  /** start the worker now, so its script loads while the page waits for its records */
  eager?: boolean;
  /** the page's fingerprint key, handed to each worker it starts */
  fingerprintKey?: FingerprintKey;
}

/** records per message: structured clone costs the page's thread time in proportion */
const CHUNK = 1_000;
const FULL_MAX = 1_000;
const SUMMARIES_MAX = 200_000;
/**
 * idle answers are told at most this often: each telling makes a filter that reads diagnoses
 * look again at every record it is still waiting on (what is on screen is told at once)
 */
const NOTIFY_MS = 250;
const MAX_DEATHS = 3;
/** records remembered by answeredSince(): a caller further behind looks at everything again */
const ANSWERED_MAX = 100_000;

const defaultTimer: Timer = (run, ms) => (ms <= 0 ? queueMicrotask(run) : void setTimeout(run, ms));

interface Ask {
  r: CaptureRecord;
  key: string;
  soon: boolean;
}

interface Read {
  req: ReadHar;
  onRecords: (records: CaptureRecord[]) => void;
  resolve: (r: HarRead) => void;
  reject: (e: Error) => void;
}

export function createDiagnoser(opts: DiagnoserOptions): Diagnoser {
  const timer = opts.timer ?? defaultTimer;
  const notifyMs = opts.notifyMs ?? NOTIFY_MS;

  let records: readonly CaptureRecord[] = [];
  /** the inputs by record key: what the worker holds once the outbox is sent */
  const inputs = new Map<string, CaptureRecord>();
  let context: readonly ContextEntry[] = [];
  /** bumped with the context: a record's result key depends on the entries within its window */
  let contextVersion = 0;
  let version = 0;
  let disposed = false;
  const listeners = new Set<() => void>();

  const rks = new WeakMap<CaptureRecord, string>();
  const keys = new WeakMap<CaptureRecord, { contextVersion: number; key: string }>();
  const exported = new WeakMap<CaptureRecord, DiagnosisSummary>();
  /** every answer's summary, by result key */
  const summaries = new Map<string, DiagnosisSummary>();
  /** the full diagnoses asked for `soon`, the most recent FULL_MAX (the worker keeps more) */
  const full = new Map<string, DiagnosisResult>();

  let worker: WorkerLike | undefined;
  let deaths = 0;
  let onFallback = false;
  /** the worker is gone for good: why */
  let broken: string | undefined;
  /** keys of records the worker read from a HAR file and holds until they join */
  const staged = new Set<string>();

  // the outbox: what the next message carries
  const toRemove = new Set<string>();
  const toAdd = new Map<string, CaptureRecord>();
  const toJoin = new Set<string>();
  const toLoose = new Map<string, CaptureRecord>();
  const toWant = new Map<string, boolean>();
  const toRead: ReadHar[] = [];
  /** records a structured clone cannot copy, by record key, with why */
  const unsendable = new Map<string, string>();
  let contextDirty = false;
  let keyDirty = false;
  let flushPlanned = false;
  let notifyPlanned = false;

  /** records answered since the last notify, and the earlier ones by the version that told them */
  let fresh: CaptureRecord[] = [];
  let told: { version: number; records: CaptureRecord[] }[] = [];
  let toldCount = 0;
  /** answeredSince(v) knows the answers after any v >= this */
  let knownFrom = 0;

  /** asked and not answered, by record key */
  const asked = new Map<string, Ask>();
  /** get() callers, by result key */
  const waiting = new Map<string, { r: CaptureRecord; resolve: ((res: DiagnosisResult) => void)[] }>();
  const reads = new Map<number, Read>();
  let readSeq = 0;

  const rkOf = (r: CaptureRecord): string => {
    let rk = rks.get(r);
    if (rk === undefined) rks.set(r, (rk = recordKey(r)));
    return rk;
  };
  const keyOf = (r: CaptureRecord): string => {
    const k = keys.get(r);
    if (k?.contextVersion === contextVersion) return k.key;
    const key = resultKey(context, r, rkOf(r));
    keys.set(r, { contextVersion, key });
    return key;
  };
  const answered = (key: string, soon: boolean): boolean => (soon ? full.has(key) : summaries.has(key));

  function notify(): void {
    version++;
    if (fresh.length) {
      told.push({ version, records: fresh });
      toldCount += fresh.length;
      fresh = [];
      while (toldCount > ANSWERED_MAX) {
        const old = told.shift()!;
        toldCount -= old.records.length;
        knownFrom = old.version;
      }
    }
    for (const l of listeners) l();
  }

  /** every record's answer may differ from here on (new context): answeredSince knows nothing earlier */
  function forgetAnswered(): void {
    fresh = [];
    told = [];
    toldCount = 0;
    knownFrom = version;
  }

  function noteAnswered(rk: string): void {
    const r = inputs.get(rk) ?? asked.get(rk)?.r;
    if (r) fresh.push(r);
  }

  function notifyLater(): void {
    if (notifyPlanned) return;
    notifyPlanned = true;
    timer(() => {
      notifyPlanned = false;
      if (!disposed) notify();
    }, notifyMs);
  }

  function keepFull(key: string, res: DiagnosisResult): void {
    full.delete(key);
    if (full.size >= FULL_MAX) full.delete(full.keys().next().value!);
    full.set(key, res);
  }

  function keepSummary(key: string, s: DiagnosisSummary): void {
    if (summaries.size >= SUMMARIES_MAX) {
      summaries.clear();
      forgetAnswered();
    }
    summaries.set(key, s);
    noteAnswered(key.slice(key.indexOf('#') + 1));
  }

  // ---- asking -------------------------------------------------------------------------------

  function ask(r: CaptureRecord, key: string, soon: boolean): void {
    if (broken !== undefined) return failOne(key);
    const rk = rkOf(r);
    const cannot = unsendable.get(rk);
    if (cannot !== undefined) return failKey(key, cannot);
    const was = asked.get(rk);
    if (was?.key === key && (was.soon || !soon)) return;
    asked.set(rk, { r, key, soon: soon || (was?.key === key && was.soon) });
    if (!inputs.has(rk)) toLoose.set(rk, r);
    toWant.set(rk, soon || toWant.get(rk) === true);
    plan();
  }

  /** the context moved: asks and waiters expect other keys now */
  function reask(): void {
    for (const [rk, a] of asked) {
      a.key = keyOf(a.r);
      if (answered(a.key, a.soon)) asked.delete(rk);
      else toWant.set(rk, a.soon);
    }
    const waiters = [...waiting.values()];
    waiting.clear();
    for (const w of waiters) {
      const key = keyOf(w.r);
      const hit = full.get(key);
      if (hit) for (const resolve of w.resolve) resolve(hit);
      else {
        waiting.set(key, w);
        ask(w.r, key, true);
      }
    }
    plan();
  }

  // ---- sending -----------------------------------------------------------------------------

  const outboxEmpty = (): boolean =>
    toRemove.size + toAdd.size + toJoin.size + toLoose.size + toWant.size + toRead.length === 0 && !contextDirty;

  function plan(ms = 0): void {
    if (flushPlanned || disposed || outboxEmpty()) return;
    flushPlanned = true;
    timer(flush, ms);
  }

  function flush(): void {
    flushPlanned = false;
    if (disposed || broken !== undefined || outboxEmpty()) return;
    if (!worker && !start()) return;
    const m: ToWorker = {};
    if (toRemove.size) m.remove = take(toRemove);
    // the records of what is wanted soon go first; the rest CHUNK at a time, one message per task
    const add: CaptureRecord[] = [];
    for (const [rk, soon] of toWant) {
      const r = soon ? toAdd.get(rk) : undefined;
      if (!r) continue;
      add.push(r);
      toAdd.delete(rk);
    }
    for (const [rk, r] of toAdd) {
      if (add.length >= CHUNK) break;
      add.push(r);
      toAdd.delete(rk);
    }
    if (add.length) m.add = add;
    if (toJoin.size) m.join = take(toJoin);
    if (toLoose.size) m.loose = [...toLoose.values()];
    toLoose.clear();
    if (keyDirty && opts.fingerprintKey) m.fingerprintKey = opts.fingerprintKey.bytes;
    keyDirty = false;
    if (contextDirty) m.context = [...context];
    contextDirty = false;
    const want: string[] = [];
    const soon: string[] = [];
    for (const [rk, s] of toWant) {
      if (toAdd.has(rk)) continue; // asked once its record has been sent
      (s ? soon : want).push(rk);
      toWant.delete(rk);
    }
    if (want.length) m.want = want;
    if (soon.length) m.soon = soon;
    const read = toRead.shift();
    if (read) m.readHar = read;
    try {
      worker!.postMessage(m);
    } catch (e) {
      if (!salvage(m, e)) return;
    }
    plan(1);
  }

  /**
   * A record the structured clone cannot copy (a getter that throws, say) would stop every
   * diagnosis behind it: its asks are answered with a failure and the rest is sent without it.
   */
  function salvage(m: ToWorker, e: unknown): boolean {
    const why = `this record could not be handed to the diagnosis engine (${e instanceof Error ? e.message : e})`;
    const clones = (r: CaptureRecord): boolean => {
      try {
        structuredClone(r);
        return true;
      } catch {
        const rk = rkOf(r);
        unsendable.set(rk, why);
        inputs.delete(rk);
        const a = asked.get(rk);
        asked.delete(rk);
        if (a) failKey(a.key, why);
        return false;
      }
    };
    if (m.add) m.add = m.add.filter(clones);
    if (m.loose) m.loose = m.loose.filter(clones);
    if (m.want) m.want = m.want.filter((rk) => !unsendable.has(rk));
    if (m.soon) m.soon = m.soon.filter((rk) => !unsendable.has(rk));
    notifyLater();
    try {
      worker!.postMessage(m);
      return true;
    } catch (again) {
      died(again instanceof Error ? again.message : String(again));
      return false;
    }
  }

  function take(set: Set<string>): string[] {
    const out = [...set];
    set.clear();
    return out;
  }

  // ---- the worker's life ----------------------------------------------------------------------

  /** A new worker holds nothing: everything goes again (the first time too). */
  function start(): boolean {
    try {
      const w = (onFallback && opts.fallback ? opts.fallback : opts.worker)();
      w.onmessage = (e) => {
        if (worker === w) receive(e.data as FromWorker);
      };
      w.onerror = (e) => {
        e.preventDefault?.();
        if (worker === w) died(e.message || 'it failed');
      };
      w.onmessageerror = () => {
        if (worker === w) died('a message from it could not be read');
      };
      worker = w;
    } catch (e) {
      died(e instanceof Error ? e.message : String(e));
      return false;
    }
    toRemove.clear();
    toJoin.clear();
    staged.clear();
    toAdd.clear();
    for (const [rk, r] of inputs) toAdd.set(rk, r);
    contextDirty = true;
    keyDirty = true;
    for (const [rk, a] of asked) {
      toWant.set(rk, a.soon || toWant.get(rk) === true);
      if (!inputs.has(rk)) toLoose.set(rk, a.r);
    }
    return true;
  }

  function died(why: string): void {
    worker?.terminate();
    worker = undefined;
    // a HAR read in progress is lost with the worker's memory
    for (const read of reads.values()) read.reject(new Error(`the diagnosis worker stopped (${why})`));
    reads.clear();
    toRead.length = 0;
    deaths++;
    if (deaths >= MAX_DEATHS) {
      if (opts.fallback && !onFallback) {
        onFallback = true;
        deaths = 0;
      } else {
        broken = `the diagnosis worker stopped (${why})`;
        failAll();
        return;
      }
    }
    // unanswered asks stay pending; the new worker gets everything (start) a moment later
    flushPlanned = true;
    timer(() => {
      flushPlanned = false;
      if (!worker && !disposed && broken === undefined && start()) plan();
    }, 50 * deaths);
  }

  function failOne(key: string): void {
    failKey(key, broken!);
  }

  function failKey(key: string, error: string): void {
    const res: DiagnosisResult = { ok: false, error };
    keepSummary(key, summarizeResult(res));
    keepFull(key, res);
    const w = waiting.get(key);
    waiting.delete(key);
    for (const resolve of w?.resolve ?? []) resolve(res);
  }

  function failAll(): void {
    for (const a of asked.values()) failOne(a.key);
    asked.clear();
    for (const key of [...waiting.keys()]) failOne(key);
    toWant.clear();
    toAdd.clear();
    toRead.length = 0;
    notify();
  }

  // ---- receiving ----------------------------------------------------------------------------

  function receive(m: FromWorker): void {
    if (disposed) return;
    if (m.answers) onAnswers(m.answers);
    if (m.har) onHar(m.har);
  }

  function onAnswers(answers: Answer[]): void {
    let soon = false;
    for (const a of answers) {
      keepSummary(a.key, a.summary);
      if (a.result) {
        soon = true;
        keepFull(a.key, a.result);
        const w = waiting.get(a.key);
        waiting.delete(a.key);
        for (const resolve of w?.resolve ?? []) resolve(a.result);
      }
      const rk = a.key.slice(a.key.indexOf('#') + 1);
      const q = asked.get(rk);
      if (q && q.key === a.key && (!q.soon || a.result)) asked.delete(rk);
    }
    // what is on screen re-renders at once; the idle warming is told in batches
    if (soon) notify();
    else notifyLater();
  }

  function onHar(chunk: HarChunk): void {
    const read = reads.get(chunk.read);
    if (!read) return;
    if (chunk.error !== undefined) {
      reads.delete(chunk.read);
      read.reject(new Error(chunk.error));
      return;
    }
    const records = JSON.parse(chunk.records) as CaptureRecord[];
    // a success is read for the Compare tab, not the list: the worker does not keep it (diagnosis-service.ts)
    for (const r of records) if (!isSuccessStatus(r.status)) staged.add(rkOf(r));
    read.onRecords(records);
    if (chunk.done) {
      reads.delete(chunk.read);
      read.resolve({ skipped: chunk.skipped ?? 0, problems: chunk.problems ?? [] });
    }
  }

  if (opts.eager) start();

  return {
    setInputs(nextRecords, nextContext) {
      const contextChanged = nextContext !== context;
      if (nextRecords === records && !contextChanged) return;
      if (nextRecords !== records) {
        // what changed, by walking both lists (an import's next chunk is 500 records, not 50 000)
        const fresh = new Map<string, CaptureRecord>();
        for (const r of added(records, nextRecords)) fresh.set(rkOf(r), r);
        for (const r of added(nextRecords, records)) {
          const rk = rkOf(r);
          // replaced by a record of the same content: the worker holds it already
          if (fresh.has(rk) || inputs.get(rk) !== r) continue;
          inputs.delete(rk);
          // a record never sent is simply not sent; one the worker read stays with it, unjoined
          if (!toAdd.delete(rk)) {
            if (toJoin.delete(rk)) staged.add(rk);
            else toRemove.add(rk);
          }
          const a = asked.get(rk);
          if (a && waiting.has(a.key))
            toLoose.set(rk, r); // a get() still waits for it
          else {
            asked.delete(rk);
            toWant.delete(rk);
          }
        }
        for (const [rk, r] of fresh) {
          const had = inputs.has(rk);
          inputs.set(rk, r);
          if (had || toRemove.delete(rk)) continue;
          if (staged.delete(rk)) toJoin.add(rk);
          else toAdd.set(rk, r);
        }
        records = nextRecords;
      }
      if (contextChanged) {
        context = nextContext;
        contextVersion++;
        contextDirty = true;
        reask();
        notify();
        forgetAnswered();
      }
      plan();
    },
    peek(r) {
      if (r.exportedDiagnosis) return { ok: true, diagnosis: r.exportedDiagnosis };
      return full.get(keyOf(r));
    },
    peekSummary(r) {
      if (r.exportedDiagnosis) {
        let s = exported.get(r);
        if (!s) exported.set(r, (s = summarizeDiagnosis(r.exportedDiagnosis)));
        return s;
      }
      return summaries.get(keyOf(r));
    },
    want(list, soon = false) {
      for (const r of list) {
        if (r.exportedDiagnosis) continue;
        const key = keyOf(r);
        if (!answered(key, soon)) ask(r, key, soon);
      }
    },
    get(r) {
      if (r.exportedDiagnosis) return Promise.resolve({ ok: true, diagnosis: r.exportedDiagnosis });
      const key = keyOf(r);
      const hit = full.get(key);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve) => {
        const w = waiting.get(key);
        if (w) w.resolve.push(resolve);
        else waiting.set(key, { r, resolve: [resolve] });
        ask(r, key, true);
      });
    },
    readHar(file, o, onRecords) {
      if (broken !== undefined) return Promise.reject(new Error(broken));
      return new Promise((resolve, reject) => {
        const req: ReadHar = { read: ++readSeq, file, ...o };
        reads.set(req.read, { req, onRecords, resolve, reject });
        toRead.push(req);
        plan();
      });
    },
    get pending() {
      return asked.size;
    },
    get version() {
      return version;
    },
    answeredSince(v) {
      if (!(v >= knownFrom)) return undefined;
      const out: CaptureRecord[] = [];
      for (let i = told.length - 1; i >= 0 && told[i]!.version > v; i--) for (const r of told[i]!.records) out.push(r);
      return out;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      worker?.terminate();
      worker = undefined;
      listeners.clear();
    },
  };
}
