// The full diagnosis of one record, run in the panel with the engine (the worker stores only
// a summary). Cached per record object: an update (a body attached) is a new object.
import { diagnose } from '../analysis/index.ts';
import type { Diagnosis, Exchange } from '../analysis/types.ts';
import { toExchange } from '../shared/exchange.ts';
import { summarize } from '../shared/summary.ts';
import type { CaptureRecord, DiagnosisSummary } from '../shared/types.ts';

export type DiagnosisResult = { ok: true; diagnosis: Diagnosis } | { ok: false; error: string };

const cache = new WeakMap<CaptureRecord, DiagnosisResult>();
/**
 * A re-sync after a worker restart delivers the same records as new objects: find their
 * diagnoses by id and content so the list neither re-runs the engine nor flashes "pending".
 */
const byKey = new Map<string, DiagnosisResult>();
const BY_KEY_MAX = 20_000;

function keyOf(r: CaptureRecord): string {
  return `${r.id}|${r.time}|${r.status}|${r.url.length}|${r.requestHeaders.length}|${r.responseHeaders.length}|${r.responseBody?.length ?? -1}`;
}

const exchanges = new WeakMap<CaptureRecord, Exchange>();

function exchangeOf(r: CaptureRecord): Exchange {
  let e = exchanges.get(r);
  if (!e) exchanges.set(r, (e = toExchange(r)));
  return e;
}

/** The engine's cross-request patterns look back at most a minute (analysis/rules/patterns.ts). */
export const HISTORY_MS = 60_000;
const HISTORY_MAX = 100;

/**
 * The tab's records in the minute before `r` (not `r` itself), for the engine's patterns
 * (failure-burst, refresh-loop). Only earlier ones: the diagnosis a record gets when it
 * arrives does not change as later records stream in. `all` is sorted by time.
 */
export function historyBefore(all: readonly CaptureRecord[], r: CaptureRecord): Exchange[] {
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (all[mid]!.time < r.time - HISTORY_MS) lo = mid + 1;
    else hi = mid;
  }
  const out: Exchange[] = [];
  for (let i = lo; i < all.length && all[i]!.time <= r.time; i++) {
    const x = all[i]!;
    if (x.id !== r.id) out.push(exchangeOf(x));
  }
  return out.slice(-HISTORY_MAX);
}

/**
 * @param all the tab's records sorted by time, for cross-request patterns; the first call
 *   for a record decides its diagnosis (cached per record object)
 */
export function diagnosisOf(r: CaptureRecord, all: readonly CaptureRecord[] = []): DiagnosisResult {
  const hit = cache.get(r) ?? byKey.get(keyOf(r));
  if (hit) {
    cache.set(r, hit);
    return hit;
  }
  let res: DiagnosisResult;
  try {
    const history = historyBefore(all, r);
    res = { ok: true, diagnosis: diagnose(exchangeOf(r), history.length ? { now: r.time, history } : { now: r.time }) };
  } catch (e) {
    // the engine promises never to throw; if it does, say so instead of losing the record
    res = { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  cache.set(r, res);
  if (byKey.size >= BY_KEY_MAX) byKey.clear();
  byKey.set(keyOf(r), res);
  return res;
}

const summaries = new WeakMap<CaptureRecord, DiagnosisSummary | undefined>();

/**
 * The record's short diagnosis: the stored one, else computed here from the full diagnosis
 * (the worker leaves the engine out of background.js to keep it small, so UIs run it).
 */
export function summaryOf(r: CaptureRecord, all?: readonly CaptureRecord[]): DiagnosisSummary | undefined {
  if (r.diagnosis) return r.diagnosis;
  if (summaries.has(r)) return summaries.get(r);
  const d = diagnosisOf(r, all);
  let s: DiagnosisSummary | undefined;
  if (d.ok) {
    const top = d.diagnosis.findings[0];
    s = { summary: d.diagnosis.summary, ids: d.diagnosis.findings.map((f) => f.id) };
    if (top) s.top = { id: top.id, severity: top.severity, title: top.title };
  }
  summaries.set(r, s);
  return s;
}

/** The summary if it is known without running the engine now. */
export function peekSummary(r: CaptureRecord): { known: boolean; summary?: DiagnosisSummary } {
  if (r.diagnosis) return { known: true, summary: r.diagnosis };
  if (summaries.has(r) || byKey.has(keyOf(r))) {
    const s = summaryOf(r);
    return s ? { known: true, summary: s } : { known: true };
  }
  return { known: false };
}

/** Imported records carry no worker summary: compute one so they colour and filter the same. */
export function withSummary(r: CaptureRecord): CaptureRecord {
  if (r.diagnosis) return r;
  try {
    return { ...r, diagnosis: summarize(r) };
  } catch {
    return r;
  }
}
