// From records + filter to the rows the list shows (pure; the list windows over the result).
import type { Diagnoser } from '../shared/diagnoser.ts';
import type { CaptureRecord } from '../shared/types.ts';
import type { FactsCache } from './facts.ts';
import { compileTerms, matchesToggles, type StatusToggle, type Term } from './filter.ts';

export type Row =
  { kind: 'record'; record: CaptureRecord } | { kind: 'group'; origin: string; count: number; collapsed: boolean };

export interface View {
  terms: readonly Term[];
  toggles: readonly StatusToggle[];
  groupByOrigin: boolean;
  collapsed: ReadonlySet<string>;
}

/** Where the filter finds each record's facts and diagnosis. */
export interface Lookups {
  facts: FactsCache;
  diagnoser: Pick<Diagnoser, 'peekSummary'> & Partial<Pick<Diagnoser, 'version' | 'answeredSince'>>;
}

export interface Filtered {
  records: CaptureRecord[];
  /** records left out only because their diagnosis has not arrived yet (they join when it does) */
  deferred: number;
}

/** Judging these terms takes diagnoses (finding ids, free text over summaries). */
export const needsDiagnosis = (terms: readonly Term[]): boolean =>
  terms.some((t) => t.key === 'finding' || t.key === 'text');

export function filterRecords(
  records: readonly CaptureRecord[],
  v: Pick<View, 'terms' | 'toggles'>,
  look: Lookups,
): Filtered {
  if (v.terms.length === 0 && v.toggles.length === 0) return { records: records.slice(), deferred: 0 };
  const diagnosed = needsDiagnosis(v.terms);
  let deferred = 0;
  const out: CaptureRecord[] = [];
  const match = compileTerms(v.terms);
  for (const r of records) {
    if (!matchesToggles(v.toggles, r.status)) continue;
    const summary = diagnosed ? look.diagnoser.peekSummary(r) : undefined;
    if (diagnosed && !summary) {
      deferred++;
      continue;
    }
    if (match(look.facts.forFilter(r, summary))) out.push(r);
  }
  return { records: out, deferred };
}

/** Every record the filter keeps, once their diagnoses have arrived (exports). */
export async function allFiltered(
  records: readonly CaptureRecord[],
  v: Pick<View, 'terms' | 'toggles'>,
  look: Lookups & { diagnoser: Pick<Diagnoser, 'get'> },
): Promise<CaptureRecord[]> {
  if (needsDiagnosis(v.terms)) await Promise.all(records.map((r) => look.diagnoser.get(r)));
  return filterRecords(records, v, look).records;
}

/** Rows for records already filtered: flat, or under their origin's group header. */
export function groupRows(
  shown: readonly CaptureRecord[],
  v: Pick<View, 'groupByOrigin' | 'collapsed'>,
  facts: FactsCache,
): Row[] {
  if (!v.groupByOrigin) return shown.map((record) => ({ kind: 'record', record }));
  // groups in order of their first record, so a new origin appears at the bottom (no jumps)
  const groups = new Map<string, CaptureRecord[]>();
  for (const r of shown) {
    const o = facts.of(r).origin;
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
  // a loop, not flatMap: no array per row (this runs at each keystroke, over up to 50 000 rows)
  const out: string[] = [];
  for (const r of rows) if (r.kind === 'record') out.push(r.record.id);
  return out;
}

/** Move the selection by `delta` record rows; with nothing selected, start at an end. */
export function moveSelection(ids: readonly string[], current: string | undefined, delta: number): string | undefined {
  if (ids.length === 0) return undefined;
  const i = current === undefined ? -1 : ids.indexOf(current);
  if (i < 0) return delta >= 0 ? ids[0] : ids[ids.length - 1];
  return ids[Math.max(0, Math.min(ids.length - 1, i + delta))];
}
