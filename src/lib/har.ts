// diagnoseHar: a HAR (text, bytes, parsed JSON, or a stream of chunks) in, one report per auth
// failure out, in file order. Bad input is an `{ ok: false, error }` with a one-line reason,
// never an exception, and never half a list that looks whole.
import { HarScanner, harEvents, type HarEvent, type ScanLimits } from '../har/stream.ts';
import { isObj } from '../har/fields.ts';
import { HarPipeline, type HarFailure, type PipelineOptions } from './pipeline.ts';
import { toFailureReport, type FailureReport } from './report.ts';

export interface HarOptions extends PipelineOptions {
  /** show secrets in URLs as they are (default: masked) */
  reveal?: boolean;
  /** the reader's limits (tests lower them) */
  limits?: Partial<ScanLimits>;
}

export type HarResult =
  | {
      ok: true;
      failures: FailureReport[];
      /** entries read */
      entries: number;
      /** malformed entries skipped (only with strict: false) */
      problems: string[];
      /** advice about the file (a Chrome export stripped of its credentials) */
      notes: string[];
    }
  | { ok: false; error: string };

export interface HarStreamOptions extends HarOptions {
  /** each failure as soon as its diagnosis is ready (before the file is known to be whole) */
  onFailure?: (f: HarFailure) => void;
  /** bytes read so far */
  onProgress?: (bytes: number) => void;
}

/** A whole HAR held in memory: its text or bytes (read as a stream would), or its parsed JSON. */
export function diagnoseHar(har: string | Uint8Array | object, opts: HarOptions = {}): HarResult {
  const p = new HarPipeline(opts);
  const failures: HarFailure[] = [];
  const feed = (events: Iterable<HarEvent>): void => {
    for (const e of events) failures.push(...p.add(e));
  };
  if (typeof har === 'string' || har instanceof Uint8Array) {
    const s = new HarScanner(opts.limits);
    feed(s.push(har));
    feed(s.end());
  } else feed(eventsOf(har));
  return result(p, failures, opts.reveal ?? false);
}

/** A HAR as chunks (a file stream, stdin, `Response.body`, `File.stream()`): never held whole. */
export async function diagnoseHarStream(
  source: AsyncIterable<Uint8Array | string>,
  opts: HarStreamOptions = {},
): Promise<HarResult> {
  const p = new HarPipeline(opts);
  const failures: HarFailure[] = [];
  let bytes = 0;
  const counted = async function* (): AsyncGenerator<Uint8Array | string> {
    for await (const chunk of source) {
      bytes += chunk.length;
      opts.onProgress?.(bytes);
      yield chunk;
    }
  };
  try {
    for await (const e of harEvents(counted(), opts.limits)) {
      for (const f of p.add(e)) {
        failures.push(f);
        opts.onFailure?.(f);
      }
    }
  } catch (e) {
    return { ok: false, error: `cannot read the input: ${e instanceof Error ? e.message : String(e)}` };
  }
  return result(p, failures, opts.reveal ?? false);
}

function result(p: HarPipeline, failures: HarFailure[], reveal: boolean): HarResult {
  if (p.error !== undefined) return { ok: false, error: p.error };
  return {
    ok: true,
    failures: failures.map((f) => toFailureReport(f, reveal)),
    entries: p.entries,
    problems: [...p.problems],
    notes: [...p.notes],
  };
}

/** Parsed JSON as the reader's events, with the reader's words for what is wrong. */
function* eventsOf(doc: object): Generator<HarEvent> {
  const log = isObj(doc) ? doc.log : undefined;
  if (!isObj(doc)) return yield { type: 'error', message: 'not a HAR file: the top level is not an object', offset: 0 };
  if (log === undefined) return yield { type: 'error', message: 'not a HAR file: no log.entries array', offset: 0 };
  if (!isObj(log)) return yield { type: 'error', message: 'not a HAR file: log is not an object', offset: 0 };
  if (!Array.isArray(log.entries))
    return yield { type: 'error', message: 'not a HAR file: log.entries is not an array', offset: 0 };
  if (log.creator !== undefined) yield { type: 'meta', key: 'creator', value: log.creator };
  const entries: unknown[] = log.entries;
  for (let i = 0; i < entries.length; i++) yield { type: 'entry', index: i, value: entries[i] };
  yield { type: 'end', entries: entries.length, bytes: 0 };
}
