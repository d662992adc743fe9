// The engine's side of the diagnoser: holds the tab's records (each received once) and context,
// diagnoses what is asked for (what is on screen first) in short slices so new asks get in
// between, keeps the full diagnoses, and answers with summaries (full diagnoses when asked
// `soon`). Pure: diagnosis-worker.ts runs it in a Web Worker, in-thread.ts on the page's thread.
import { diagnose, type Exchange, type FingerprintKey } from '../analysis/index.ts';
import { isSuccessStatus } from '../http/failure.ts';
import { fromHarEvents, fromHarInParts } from '../har/read.ts';
import { harEvents } from '../har/stream.ts';
import {
  recordKey,
  resultKey,
  summarizeResult,
  type Answer,
  type DiagnosisResult,
  type DiagnosisSummary,
  type FromWorker,
  type HarChunk,
  type ReadHar,
  type ToWorker,
} from './diagnosis-protocol.ts';
import { contextExchange, toExchange } from './exchange.ts';
import { historyFor, type Exchanges } from './history.ts';
import type { CaptureRecord, ContextEntry } from './types.ts';

export interface ServiceOptions {
  post(message: FromWorker): void;
  /** runs the next slice: in a worker, a new task (so the page's next message gets in first) */
  schedule?: (run: () => void) => void;
  /** the engine (tests count its runs, or make it throw) */
  engine?: typeof diagnose;
  /** how long one slice may run the engine before it answers and yields (ms) */
  sliceMs?: number;
  now?: () => number;
  /**
   * the per-session key findings fingerprint credentials under (HMAC): a fresh one per service
   * when left out, so a fingerprint means nothing outside this page
   */
  fingerprintKey?: FingerprintKey;
}

export interface DiagnosisService {
  receive(message: ToWorker): void;
}

/** full diagnoses kept (the page keeps every summary, and asks again for a full one it lost) */
const CACHE_MAX = 20_000;
const LOOSE_MAX = 1_000;
/** records per HAR chunk sent to the page: each is one short task there */
const HAR_CHUNK = 500;
const SLICE_MS = 16;

interface Entry {
  result: DiagnosisResult;
  summary: DiagnosisSummary;
}

const byTime = (a: { time: number }, b: { time: number }): number => a.time - b.time;

export function createDiagnosisService(opts: ServiceOptions): DiagnosisService {
  const schedule = opts.schedule ?? ((run) => void setTimeout(run, 0));
  const engine = opts.engine ?? diagnose;
  const sliceMs = opts.sliceMs ?? SLICE_MS;
  const now = opts.now ?? (() => performance.now());
  let fingerprintKey = opts.fingerprintKey ?? { bytes: crypto.getRandomValues(new Uint8Array(32)) };

  /** the tab's records by key */
  const held = new Map<string, CaptureRecord>();
  /** records read from a HAR file, until the page says they joined */
  const staged = new Map<string, CaptureRecord>();
  const loose = new Map<string, CaptureRecord>();
  /** held, oldest first: the history each record is diagnosed with (rebuilt after changes) */
  let sorted: CaptureRecord[] | undefined;
  let context: readonly ContextEntry[] = [];
  const cache = new Map<string, Entry>();
  const soonQueue = new Set<string>();
  const idleQueue = new Set<string>();
  let scheduled = false;

  const exchanges = new WeakMap<object, Exchange>();
  const memo = <T extends object>(x: T, make: (x: T) => Exchange): Exchange => {
    let e = exchanges.get(x);
    if (!e) exchanges.set(x, (e = make(x)));
    return e;
  };
  const ex: Exchanges = { ofRecord: (r) => memo(r, toExchange), ofContext: (c) => memo(c, contextExchange) };

  function run(r: CaptureRecord): Entry {
    let result: DiagnosisResult;
    try {
      sorted ??= [...held.values()].sort(byTime);
      const history = historyFor(sorted, context, r, ex);
      const diagnosis = engine(ex.ofRecord(r), {
        now: r.time,
        fingerprintKey,
        ...(history.length ? { history } : {}),
      });
      result = { ok: true, diagnosis };
    } catch (e) {
      // the engine promises never to throw; if it does, say so instead of losing the record
      result = { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    return { result, summary: summarizeResult(result) };
  }

  function remember(key: string, entry: Entry): void {
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(key, entry);
  }

  function next(): { rk: string; soon: boolean } | undefined {
    for (const [queue, soon] of [
      [soonQueue, true],
      [idleQueue, false],
    ] as const) {
      for (const rk of queue) {
        queue.delete(rk);
        return { rk, soon };
      }
    }
    return undefined;
  }

  function slice(): void {
    scheduled = false;
    const end = now() + sliceMs;
    const answers: Answer[] = [];
    for (let job = next(); job; job = next()) {
      // a key no longer held left the list before its turn: nobody waits for it
      const r = held.get(job.rk) ?? loose.get(job.rk);
      if (!r) continue;
      const key = resultKey(context, r, job.rk);
      let entry = cache.get(key);
      if (!entry) remember(key, (entry = run(r)));
      answers.push(job.soon ? { key, summary: entry.summary, result: entry.result } : { key, summary: entry.summary });
      if (now() >= end) break;
    }
    if (answers.length) opts.post({ answers });
    plan();
  }

  function plan(): void {
    if (scheduled || (soonQueue.size === 0 && idleQueue.size === 0)) return;
    scheduled = true;
    schedule(slice);
  }

  /** The file read whole, then parsed (files that are not a HAR file: their reason). */
  async function readWhole(req: ReadHar): Promise<void> {
    const done = (extra: Partial<HarChunk>): void =>
      opts.post({ har: { read: req.read, records: '[]', done: true, ...extra } });
    let json: unknown;
    try {
      json = JSON.parse(await req.file.text());
    } catch {
      return done({ error: 'not JSON, so not a HAR file' });
    }
    const o = { tabId: req.tabId, statuses: req.statuses, idPrefix: req.idPrefix };
    let skipped = 0;
    let problems: string[] = [];
    const records: CaptureRecord[] = [];
    for (const part of fromHarInParts(json, o, Infinity)) {
      skipped += part.skipped;
      problems = part.problems;
      records.push(...part.records);
    }
    for (const r of records) if (!isSuccessStatus(r.status)) staged.set(recordKey(r), r);
    done({ records: JSON.stringify(records), skipped, problems });
  }

  async function readHar(req: ReadHar): Promise<void> {
    // entries read and sent a chunk at a time as the file streams in: the page shows the first
    // rows while the rest are read, and neither the file's text nor its parse is ever held whole
    let skipped = 0;
    let problems: string[] = [];
    let held: CaptureRecord[] = [];
    let entries = 0;
    const send = (last: boolean, extra: Partial<HarChunk> = {}): void => {
      opts.post({
        har: {
          read: req.read,
          records: JSON.stringify(held),
          done: last,
          ...(last ? { skipped, problems } : {}),
          ...extra,
        },
      });
      held = [];
    };
    const o = { tabId: req.tabId, statuses: req.statuses, idPrefix: req.idPrefix };
    // the scanner's own cap on entries would refuse the file; fromHarEvents reads the first ones and says so
    const events = harEvents(blobChunks(req.file), { maxEntries: Infinity });
    try {
      for await (const part of fromHarEvents(events, o, HAR_CHUNK)) {
        if (part.error !== undefined) {
          // refused before any entry: the whole-file reader says why, in the words it always had
          if (entries === 0) return readWhole(req);
          // what was read before the fault is the user's: it is delivered, then the reason
          if (held.length) send(false);
          return send(true, { error: `${part.error} (the entries before it were read)` });
        }
        entries += part.records.length + part.skipped;
        skipped += part.skipped;
        problems = part.problems;
        // a success read for the Compare tab never joins the list: the worker need not hold it
        for (const r of part.records) if (!isSuccessStatus(r.status)) staged.set(recordKey(r), r);
        held.push(...part.records);
        if (held.length >= HAR_CHUNK) send(false);
      }
    } catch (e) {
      if (held.length) send(false);
      return send(true, { error: `could not read the file (${e instanceof Error ? e.message : String(e)})` });
    }
    send(true);
  }

  return {
    receive(m) {
      if (m.fingerprintKey) fingerprintKey = { bytes: m.fingerprintKey };
      for (const rk of m.remove ?? []) {
        if (held.delete(rk)) sorted = undefined;
      }
      for (const r of m.add ?? []) {
        held.set(recordKey(r), r);
        sorted = undefined;
      }
      for (const rk of m.join ?? []) {
        const r = staged.get(rk);
        if (!r) continue;
        staged.delete(rk);
        held.set(rk, r);
        sorted = undefined;
      }
      for (const r of m.loose ?? []) {
        if (loose.size >= LOOSE_MAX) loose.clear();
        loose.set(recordKey(r), r);
      }
      if (m.context) context = m.context;
      for (const rk of m.want ?? []) if (!soonQueue.has(rk)) idleQueue.add(rk);
      for (const rk of m.soon ?? []) {
        idleQueue.delete(rk);
        soonQueue.add(rk);
      }
      if (m.readHar) void readHar(m.readHar);
      plan();
    },
  };
}

/** A Blob's bytes as they arrive; in one piece where a Blob has no stream() (some DOM fakes). */
async function* blobChunks(file: Blob): AsyncGenerator<Uint8Array> {
  if (typeof file.stream !== 'function') {
    yield new Uint8Array(await file.arrayBuffer());
    return;
  }
  const reader = file.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
