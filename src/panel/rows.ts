// From records + filter to the rows the list shows (pure; the list windows over the result).
import type { CaptureRecord } from '../shared/types.ts';
import { peekSummary } from './diagnosis.ts';
import { factsOf } from './facts.ts';
import { matchesTerms, matchesToggles, type StatusToggle, type Term } from './filter.ts';

export type Row =
  { kind: 'record'; record: CaptureRecord } | { kind: 'group'; origin: string; count: number; collapsed: boolean };

export interface View {
  terms: readonly Term[];
  toggles: readonly StatusToggle[];
  groupByOrigin: boolean;
  collapsed: ReadonlySet<string>;
}

/**
 * How many records one filter pass may diagnose on the spot. `finding:` and free text need each
 * record's diagnosis; thousands of stored records arrive undiagnosed (the worker leaves the
 * engine out), and diagnosing them all on the first keystroke took about a second. The rest
 * are left out of this pass and come in as idle warming diagnoses them (facts.ts).
 */
export const DIAGNOSE_PER_PASS = 100;

export interface Filtered {
  records: CaptureRecord[];
  /** records left out of this pass only because they were not diagnosed yet */
  deferred: number;
}

export function filterRecords(
  records: readonly CaptureRecord[],
  v: Pick<View, 'terms' | 'toggles'>,
  budget = Infinity,
): Filtered {
  if (v.terms.length === 0 && v.toggles.length === 0) return { records: records.slice(), deferred: 0 };
  const needsDiagnosis = v.terms.some((t) => t.key === 'finding' || t.key === 'text');
  let left = budget;
  let deferred = 0;
  const out: CaptureRecord[] = [];
  for (const r of records) {
    if (!matchesToggles(v.toggles, r.status)) continue;
    if (needsDiagnosis && !peekSummary(r).known) {
      if (left <= 0) {
        deferred++;
        continue;
      }
      left--;
    }
    if (matchesTerms(v.terms, factsOf(r, records))) out.push(r);
  }
  return { records: out, deferred };
}

/** Every record the filter keeps, diagnosing as many as it takes (exports, copy actions). */
export function visibleRecords(records: readonly CaptureRecord[], v: Pick<View, 'terms' | 'toggles'>): CaptureRecord[] {
  return filterRecords(records, v).records;
}

export function buildRows(records: readonly CaptureRecord[], v: View): Row[] {
  return groupRows(visibleRecords(records, v), v);
}

/** Rows for records already filtered: flat, or under their origin's group header. */
export function groupRows(shown: readonly CaptureRecord[], v: Pick<View, 'groupByOrigin' | 'collapsed'>): Row[] {
  if (!v.groupByOrigin) return shown.map((record) => ({ kind: 'record', record }));
  // groups in order of their first record, so a new origin appears at the bottom (no jumps)
  const groups = new Map<string, CaptureRecord[]>();
  for (const r of shown) {
    const o = factsOf(r).origin;
    const g = groups.get(o);
    if (g) g.push(r);
    else groups.set(o, [r]);
  }
  const rows: Row[] = [];
  for (const [origin, rs] of groups) {
    const collapsed = v.collapsed.has(origin);
    rows.push({ kind: 'group', origin, count: rs.length, collapsed });
    if (!collapsed) for (const record of rs) rows.push({ kind: 'record', record });
  }
  return rows;
}

/** The record rows' ids in display order (keyboard navigation skips group headers). */
export function recordIds(rows: readonly Row[]): string[] {
  return rows.flatMap((r) => (r.kind === 'record' ? [r.record.id] : []));
}

/** Move the selection by `delta` record rows; with nothing selected, start at an end. */
export function moveSelection(ids: readonly string[], current: string | undefined, delta: number): string | undefined {
  if (ids.length === 0) return undefined;
  const i = current === undefined ? -1 : ids.indexOf(current);
  if (i < 0) return delta >= 0 ? ids[0] : ids[ids.length - 1];
  return ids[Math.max(0, Math.min(ids.length - 1, i + delta))];
}
