// The list's filter as a sequence of runs over the same records: each run reuses what the last
// ones learned, so a keystroke on 50 000 records costs what changed, not the whole list again.
//  - Each record's diagnosis summary and filter facts are held in an entry kept beside the
//    records array (found by walking the previous array, not by a lookup per record), and read
//    from the diagnoser only while missing, and then only again once the diagnoser says it has
//    answered that record (answeredSince): 50 000 records waiting cost a check each, not a lookup.
//  - Diagnoses arriving with the same query re-judge only the records that were waiting for one.
//  - A query that narrows the last one (`invo` → `invoi`, a term added) judges only what the
//    last one kept or could not judge yet.
//  - A query seen recently on the same records (Backspace back to it) takes its kept list again
//    and re-judges only its waiting records.
// Pure: no DOM, no clock.
import type { DiagnosisSummary } from '../shared/diagnoser.ts';
import type { CaptureRecord, ContextEntry } from '../shared/types.ts';
import { compileTerms, type Facts, type StatusToggle, type Term } from './filter.ts';
import type { Filtered, Lookups } from './rows.ts';
import { needsDiagnosis } from './rows.ts';

interface Entry {
  r: CaptureRecord;
  /** the summary read from the diagnoser, with the context it was read under */
  summary: DiagnosisSummary | undefined;
  context: readonly ContextEntry[] | undefined;
  /** the generation when the summary was read: no answer since, no need to ask again */
  generation: number;
  facts: Facts | undefined;
}

interface Result {
  key: string;
  toggles: readonly StatusToggle[];
  terms: readonly Term[];
  /** indexes into the records, ascending */
  kept: number[];
  /** indexes of the records left out only for want of a diagnosis, ascending */
  waiting: number[];
  /** the diagnoser's version when `waiting` was judged: the same version, the same answers */
  version: number;
}

export interface FilterInput {
  records: readonly CaptureRecord[];
  context: readonly ContextEntry[];
  terms: readonly Term[];
  toggles: readonly StatusToggle[];
}

export type FilterRun = (input: FilterInput) => Filtered;

/** queries remembered per records array (Backspace returns to them) */
const REMEMBERED = 32;

const queryKey = (terms: readonly Term[], toggles: readonly StatusToggle[]): string =>
  JSON.stringify([terms.map((t) => [t.key, t.value, t.negate]), toggles]);

/** Every record `next` keeps, `prev` keeps too: then `next` need only look at what `prev` kept. */
export function narrows(prev: readonly Term[], next: readonly Term[]): boolean {
  return prev.every((t) =>
    next.some(
      (u) =>
        u.key === t.key &&
        u.negate === t.negate &&
        (u.value === t.value || (t.key === 'text' && !t.negate && u.value.includes(t.value))),
    ),
  );
}

/** Two ascending index lists as one. */
function union(a: readonly number[], b: readonly number[]): number[] {
  if (b.length === 0) return a.slice();
  if (a.length === 0) return b.slice();
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]! < b[j]! ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

export function createFilterRun(look: Lookups): FilterRun {
  let records: readonly CaptureRecord[] = [];
  let entries: Entry[] = [];
  const byRecord = new WeakMap<CaptureRecord, Entry>();
  let context: readonly ContextEntry[] | undefined;
  /** most recent last */
  let results: Result[] = [];
  /** the diagnoser's version whose answers the entries have taken in */
  let synced = NaN;
  /** moves on when any missing summary may have arrived (the diagnoser cannot say which) */
  let generation = 0;

  /** Marks the entries of records answered since the last run, so only they are read again. */
  function sync(version: number): void {
    if (version === synced) return;
    const answered = Number.isNaN(synced) ? undefined : look.diagnoser.answeredSince?.(synced);
    if (answered === undefined) generation++;
    else
      for (const r of answered) {
        const e = byRecord.get(r);
        if (e) e.generation = NaN;
      }
    synced = version;
  }

  /** Entries for a new records array: the previous ones reused in order, the rest looked up or made. */
  function align(next: readonly CaptureRecord[]): void {
    const out = new Array<Entry>(next.length);
    let j = 0;
    for (let i = 0; i < next.length; i++) {
      const r = next[i]!;
      if (j < records.length && records[j] === r) {
        out[i] = entries[j++]!;
        continue;
      }
      let e = byRecord.get(r);
      if (!e) {
        e = { r, summary: undefined, context: undefined, generation: NaN, facts: undefined };
        byRecord.set(r, e);
      }
      out[i] = e;
    }
    records = next;
    entries = out;
  }

  function summaryOf(e: Entry): DiagnosisSummary | undefined {
    if (e.context !== context || (e.summary === undefined && e.generation !== generation)) {
      e.summary = look.diagnoser.peekSummary(e.r);
      e.context = context;
      e.generation = generation;
      e.facts = undefined;
    }
    return e.summary;
  }

  function factsOf(e: Entry, diagnosed: boolean): Facts {
    if (!diagnosed) return look.facts.forFilter(e.r, undefined);
    return (e.facts ??= look.facts.forFilter(e.r, e.summary));
  }

  /** Judges the records at `at` (all of them when null), appending to `res.kept` and `res.waiting`. */
  function judge(
    at: readonly number[] | null,
    terms: readonly Term[],
    toggles: readonly StatusToggle[],
    res: Result,
  ): void {
    const diagnosed = needsDiagnosis(terms);
    const match = compileTerms(terms);
    const anyToggle = toggles.length > 0;
    const t401 = toggles.includes('401');
    const t403 = toggles.includes('403');
    const tOther = toggles.includes('other');
    const one = (i: number): void => {
      const e = entries[i]!;
      if (anyToggle) {
        const s = e.r.status;
        if (!(s === 401 ? t401 : s === 403 ? t403 : tOther)) return;
      }
      if (diagnosed && summaryOf(e) === undefined) {
        res.waiting.push(i);
        return;
      }
      if (terms.length === 0 || match(factsOf(e, diagnosed))) res.kept.push(i);
    };
    if (at === null) for (let i = 0; i < entries.length; i++) one(i);
    else for (const i of at) one(i);
  }

  function remember(res: Result): void {
    results = results.filter((x) => x.key !== res.key);
    results.push(res);
    if (results.length > REMEMBERED) results.shift();
  }

  function answer(res: Result): Filtered {
    return { records: res.kept.map((i) => records[i]!), deferred: res.waiting.length };
  }

  return (input) => {
    const { terms, toggles } = input;
    if (input.records !== records || input.context !== context) {
      if (input.records !== records) align(input.records);
      context = input.context;
      results = [];
    }
    const key = queryKey(terms, toggles);
    // without a version (a bare lookup), every run asks again about what waits
    const version = look.diagnoser.version ?? NaN;
    if (Number.isNaN(version)) generation++;
    else sync(version);
    if (terms.length === 0 && toggles.length === 0) return { records: records.slice(), deferred: 0 };
    const seen = results.find((x) => x.key === key);
    if (seen) {
      // the same query on the same records: only what waited for a diagnosis can change
      if (seen.waiting.length > 0 && seen.version !== version) {
        const was = seen.waiting;
        const fresh: Result = { ...seen, kept: [], waiting: [], version };
        judge(was, terms, toggles, fresh);
        seen.kept = fresh.kept.length ? union(seen.kept, fresh.kept) : seen.kept;
        seen.waiting = fresh.waiting;
        seen.version = version;
      }
      remember(seen);
      return answer(seen);
    }
    const last = results[results.length - 1];
    const res: Result = { key, toggles, terms, kept: [], waiting: [], version };
    const sameToggles = last !== undefined && last.toggles.join() === toggles.join();
    if (last && sameToggles && narrows(last.terms, terms)) {
      // no answer since: what waited still waits (the narrower terms read diagnoses too)
      if (last.version === version) {
        judge(last.kept, terms, toggles, res);
        res.waiting = last.waiting.slice();
      } else judge(union(last.kept, last.waiting), terms, toggles, res);
    } else judge(null, terms, toggles, res);
    remember(res);
    return answer(res);
  };
}
