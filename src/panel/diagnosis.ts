// The full diagnosis of one record, run in the panel with the engine (the worker stores only
// a summary). Cached per record object: an update (a body attached) is a new object.
import { diagnose } from '../analysis/index.ts';
import type { Diagnosis } from '../analysis/types.ts';
import { toExchange } from '../shared/exchange.ts';
import { summarize } from '../shared/summary.ts';
import type { CaptureRecord, DiagnosisSummary } from '../shared/types.ts';

export type DiagnosisResult = { ok: true; diagnosis: Diagnosis } | { ok: false; error: string };

const cache = new WeakMap<CaptureRecord, DiagnosisResult>();

export function diagnosisOf(r: CaptureRecord): DiagnosisResult {
  const hit = cache.get(r);
  if (hit) return hit;
  let res: DiagnosisResult;
  try {
    res = { ok: true, diagnosis: diagnose(toExchange(r), { now: r.time }) };
  } catch (e) {
    // the engine promises never to throw; if it does, say so instead of losing the record
    res = { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  cache.set(r, res);
  return res;
}

const summaries = new WeakMap<CaptureRecord, DiagnosisSummary | undefined>();

/**
 * The record's short diagnosis: the stored one, else computed here from the full diagnosis
 * (the worker leaves the engine out of background.js to keep it small, so UIs run it).
 */
export function summaryOf(r: CaptureRecord): DiagnosisSummary | undefined {
  if (r.diagnosis) return r.diagnosis;
  if (summaries.has(r)) return summaries.get(r);
  const d = diagnosisOf(r);
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
  if (summaries.has(r)) {
    const s = summaries.get(r);
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
