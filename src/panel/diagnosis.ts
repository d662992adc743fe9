// The full diagnosis of one record, run in the panel with the engine (the worker stores only
// a summary), with the tab's other failures and context entries as history (history.ts).
// Cached per record object and the context around it: an update (a body attached) is a new
// object, and so is a record whose history a new context entry joined (state.ts).
import { diagnose } from '../analysis/index.ts';
import type { Diagnosis, Exchange } from '../analysis/index.ts';
import { toExchange } from '../shared/exchange.ts';
import { summarize } from '../shared/summary.ts';
import type { CaptureRecord, ContextEntry, DiagnosisSummary } from '../shared/types.ts';
import { contextStamp, historyFor } from './history.ts';

export type DiagnosisResult = { ok: true; diagnosis: Diagnosis } | { ok: false; error: string };

const cache = new WeakMap<CaptureRecord, { key: string; res: DiagnosisResult }>();
/**
 * A re-sync after a worker restart delivers the same records as new objects: find their
 * diagnoses by id and content so the list neither re-runs the engine nor flashes "pending".
 */
const byKey = new Map<string, DiagnosisResult>();
const BY_KEY_MAX = 20_000;

function keyOf(r: CaptureRecord, context: readonly ContextEntry[] = tabContext): string {
  return `${contextStamp(context, r)}|${r.id}|${r.time}|${r.status}|${r.url.length}|${r.requestHeaders.length}|${r.responseHeaders.length}|${r.responseBody?.length ?? -1}`;
}

const exchanges = new WeakMap<CaptureRecord, Exchange>();

function exchangeOf(r: CaptureRecord): Exchange {
  let e = exchanges.get(r);
  if (!e) exchanges.set(r, (e = toExchange(r)));
  return e;
}

/**
 * The inspected tab's context entries (the panel shows one tab): set by the panel's store on
 * every change, so every caller (list, detail, filter, export) diagnoses with the same history.
 */
let tabContext: readonly ContextEntry[] = [];
export function setTabContext(context: readonly ContextEntry[]): void {
  tabContext = context;
}

/** The history `r` is diagnosed with (see history.ts). */
export function historyOf(
  r: CaptureRecord,
  all: readonly CaptureRecord[],
  context: readonly ContextEntry[] = tabContext,
): Exchange[] {
  return historyFor(all, context, r, exchangeOf);
}

/**
 * @param all the tab's records sorted by time, for cross-request patterns
 * @param context the tab's context entries sorted by time (default: the inspected tab's)
 */
export function diagnosisOf(
  r: CaptureRecord,
  all: readonly CaptureRecord[] = [],
  context: readonly ContextEntry[] = tabContext,
): DiagnosisResult {
  const key = keyOf(r, context);
  const cached = cache.get(r);
  const hit = cached?.key === key ? cached.res : byKey.get(key);
  if (hit) {
    cache.set(r, { key, res: hit });
    return hit;
  }
  let res: DiagnosisResult;
  if (r.exportedDiagnosis) {
    res = { ok: true, diagnosis: r.exportedDiagnosis };
    cache.set(r, { key, res });
    return res;
  }
  try {
    const history = historyOf(r, all, context);
    res = { ok: true, diagnosis: diagnose(exchangeOf(r), history.length ? { now: r.time, history } : { now: r.time }) };
  } catch (e) {
    // the engine promises never to throw; if it does, say so instead of losing the record
    res = { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  cache.set(r, { key, res });
  if (byKey.size >= BY_KEY_MAX) byKey.clear();
  byKey.set(key, res);
  return res;
}

const summaries = new WeakMap<CaptureRecord, { key: string; summary: DiagnosisSummary | undefined }>();

/**
 * The record's short diagnosis: the stored one, else computed here from the full diagnosis
 * (the worker leaves the engine out of background.js to keep it small, so UIs run it).
 */
export function summaryOf(r: CaptureRecord, all?: readonly CaptureRecord[]): DiagnosisSummary | undefined {
  if (r.diagnosis) return r.diagnosis;
  const key = keyOf(r);
  const known = summaries.get(r);
  if (known?.key === key) return known.summary;
  const d = diagnosisOf(r, all);
  let s: DiagnosisSummary | undefined;
  if (d.ok) {
    const top = d.diagnosis.findings[0];
    s = { summary: d.diagnosis.summary, ids: d.diagnosis.findings.map((f) => f.id) };
    if (top) s.top = { id: top.id, severity: top.severity, title: top.title };
  }
  summaries.set(r, { key, summary: s });
  return s;
}

/** The summary if it is known without running the engine now. */
export function peekSummary(r: CaptureRecord): { known: boolean; summary?: DiagnosisSummary } {
  if (r.diagnosis) return { known: true, summary: r.diagnosis };
  const key = keyOf(r);
  if (summaries.get(r)?.key === key || byKey.has(key)) {
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
