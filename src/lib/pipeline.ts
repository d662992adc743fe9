// A HAR's entries in, each auth failure's diagnosis out, in file order, as the entries stream
// by. Each failure is diagnosed with its neighbours as history (src/shared/history.ts, as the
// panel does): the other failures and the other requests (as context entries) within the
// pattern window either side. Assuming the file is in start-time order, as browsers write it,
// a failure is diagnosed once an entry starts past its window (plus some slack), and what no
// pending or future failure can see is let go: memory follows the window, not the file.
import { diagnose, type Diagnosis, type Exchange } from '../analysis/index.ts';
import { entryProblem } from '../har/check.ts';
import { contextEntryOf } from '../har/context.ts';
import { isObj, str } from '../har/fields.ts';
import { readEntry } from '../har/read.ts';
import type { HarEvent } from '../har/stream.ts';
import { PATTERN_WINDOW_MS } from '../http/limits.ts';
import { contextExchange, toExchange } from '../shared/exchange.ts';
import { historyFor, type Exchanges } from '../shared/history.ts';
import type { CaptureRecord, ContextEntry } from '../shared/types.ts';
import { failureJudge } from './failure.ts';

/** HAR writers order by start time; a request that waits long answers late: slack for that. */
const SLACK_MS = 5 * 60_000;
const MAX_PROBLEMS = 20;
const INTERN_MAX = 10_000;
const READY_EVERY = 64;

export interface HarFailure {
  /** the entry's position in log.entries */
  index: number;
  record: CaptureRecord;
  diagnosis: Diagnosis;
  /** the diagnosis an AuthLens export carried (made where its secrets were visible) */
  fromFile: boolean;
}

export interface PipelineOptions {
  /** refuse the whole file at the first malformed entry (default), or skip it and say so */
  strict?: boolean;
  /** statuses that count as auth failures (default: what the extension captures) */
  statuses?: readonly number[];
}

export class HarPipeline {
  /** set when the input is refused: nothing more is read or reported */
  error: string | undefined;
  /** malformed entries skipped (lenient mode only) */
  readonly problems: string[] = [];
  /** advice about the file as a whole (a Chrome export without credentials) */
  readonly notes: string[] = [];
  entries = 0;
  private readonly strict: boolean;
  private readonly judge;
  private readonly statuses: readonly number[] | undefined;
  private records: CaptureRecord[] = [];
  private context: ContextEntry[] = [];
  /** failures in file order, not reported yet (diagnosed or not) */
  private queue: { index: number; record: CaptureRecord; done?: HarFailure }[] = [];
  private maxStart = -Infinity;
  private creator: unknown;
  private failures = 0;
  private withCredentials = 0;
  private readonly interned = new Map<string, string>();
  private readonly exchanges = new WeakMap<object, Exchange>();
  private readonly ex: Exchanges = {
    ofRecord: (r) => this.memo(r, toExchange),
    ofContext: (c) => this.memo(c, contextExchange),
  };

  constructor(opts: PipelineOptions = {}) {
    this.strict = opts.strict ?? true;
    this.statuses = opts.statuses;
    this.judge = failureJudge(opts.statuses);
  }

  /** Feeds one reader event; returns the failures now ready to report, in file order. */
  add(e: HarEvent): HarFailure[] {
    if (this.error !== undefined) return [];
    if (e.type === 'error') {
      this.error = e.message;
      return [];
    }
    if (e.type === 'meta') {
      if (e.key === 'creator') this.creator = e.value;
      return [];
    }
    if (e.type === 'end') return this.finish();
    this.entries++;
    this.entry(e.value, e.index);
    // every so many entries: a pass over the pending failures costs their number
    return this.error === undefined && this.entries % READY_EVERY === 0 ? this.ready(false) : [];
  }

  private entry(value: unknown, index: number): void {
    if (this.strict) {
      const p = entryProblem(value, index);
      if (p !== undefined) {
        this.error = p;
        return;
      }
    }
    const note = (m: string): void => {
      if (this.problems.length < MAX_PROBLEMS) this.problems.push(m);
    };
    const record = readEntry(value, index, `har-${index}`, 0, this.statuses, note, this.judge);
    const start = startOf(value);
    if (start !== undefined && start > this.maxStart) this.maxStart = start;
    if (record) {
      this.failures++;
      if (record.requestHeaders.some((h) => /^(authorization|cookie)$/i.test(h.name))) this.withCredentials++;
      insertByTime(this.records, record);
      this.queue.push({ index, record });
      return;
    }
    const c = contextEntryOf(value, (s) => this.intern(s));
    if (c) insertByTime(this.context, c);
  }

  private finish(): HarFailure[] {
    const out = this.ready(true);
    const chrome = isObj(this.creator) && this.creator.name === 'WebInspector';
    if (chrome && this.failures > 0 && this.withCredentials === 0)
      this.notes.push(
        'No failed request carries Authorization or Cookie: Chrome exports HAR "sanitized" by default, so ' +
          'findings about missing credentials may be wrong. Export "with sensitive data" to diagnose them.',
      );
    return out;
  }

  /** Diagnoses what its window allows (everything at the end), reports the file-order prefix that is done. */
  private ready(all: boolean): HarFailure[] {
    const horizon = all ? Infinity : this.maxStart - SLACK_MS;
    for (const q of this.queue)
      if (!q.done && (all || q.record.time + PATTERN_WINDOW_MS < horizon)) q.done = this.diagnose(q.index, q.record);
    const out: HarFailure[] = [];
    while (this.queue[0]?.done) out.push(this.queue.shift()!.done!);
    if (!all) this.prune(horizon);
    return out;
  }

  private diagnose(index: number, record: CaptureRecord): HarFailure {
    if (record.exportedDiagnosis) return { index, record, diagnosis: record.exportedDiagnosis, fromFile: true };
    const history = historyFor(this.records, this.context, record, this.ex);
    const context = history.length ? { now: record.time, history } : { now: record.time };
    const diagnosis = diagnose(this.ex.ofRecord(record), context);
    return { index, record, diagnosis, fromFile: false };
  }

  /** Lets go of what no pending failure, and no failure still to come, can have in its window. */
  private prune(horizon: number): void {
    let oldest = horizon;
    for (const q of this.queue) if (!q.done && q.record.time < oldest) oldest = q.record.time;
    const keepFrom = oldest - PATTERN_WINDOW_MS;
    if (!Number.isFinite(keepFrom)) return;
    const cut = <T extends { time: number }>(list: T[]): T[] => {
      let k = 0;
      while (k < list.length && list[k]!.time < keepFrom) k++;
      return k > 0 ? list.slice(k) : list;
    };
    this.records = cut(this.records);
    this.context = cut(this.context);
  }

  private memo<T extends object>(x: T, make: (x: T) => Exchange): Exchange {
    let e = this.exchanges.get(x);
    if (!e) this.exchanges.set(x, (e = make(x)));
    return e;
  }

  private intern(s: string): string {
    const got = this.interned.get(s);
    if (got !== undefined) return got;
    if (this.interned.size >= INTERN_MAX) this.interned.clear();
    this.interned.set(s, s);
    return s;
  }
}

function startOf(entry: unknown): number | undefined {
  if (!isObj(entry)) return undefined;
  const t = Date.parse(str(entry.startedDateTime) ?? '');
  return Number.isNaN(t) ? undefined : t;
}

/** Inserts keeping `list` sorted by time (entries mostly arrive in order: an append). */
function insertByTime<T extends { time: number }>(list: T[], x: T): void {
  let i = list.length;
  while (i > 0 && list[i - 1]!.time > x.time) i--;
  list.splice(i, 0, x);
}
