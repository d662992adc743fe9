// The worker stores records without a diagnosis (the engine would blow its 50 KB budget, see
// src/background/index.ts), so the popup runs the engine itself on the rows it shows. Cached
// per record object: an update arrives as a new object.
import { summarize } from '../shared/summary.ts';
import type { CaptureRecord, DiagnosisSummary } from '../shared/types.ts';

const cache = new WeakMap<CaptureRecord, DiagnosisSummary | null>();

/** The record's own summary, else the engine's; undefined if the engine fails (never throws). */
export function summaryOf(r: CaptureRecord): DiagnosisSummary | undefined {
  if (r.diagnosis) return r.diagnosis;
  let s = cache.get(r);
  if (s === undefined) {
    try {
      s = summarize(r);
    } catch {
      s = null; // the engine promises not to throw; if it does, the row falls back to the status line
    }
    cache.set(r, s);
  }
  return s ?? undefined;
}
