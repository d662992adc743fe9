// What a record can be compared with, and with which one: the tab's successes (the worker's
// context entries, the successes of imported HAR files, the panel's successful replays), the
// nearest success to the same endpoint picked by default, or any record the user chose
// ("Compare with…" in the row menu). Pure: the Compare tab renders what this returns.
import { signal, type Signal } from '@preact/signals';
import {
  compareExchanges,
  endpointKey,
  isSuccess,
  nearestSuccess,
  type Comparison,
  type Exchange,
  type FingerprintKey,
} from '../analysis/index.ts';
import { contextExchange, toExchange } from '../shared/exchange.ts';
import type { CaptureRecord, ContextEntry } from '../shared/types.ts';
import type { PanelState } from './state.ts';
import type { DetailTab } from './store.ts';

export type CandidateFrom = 'context' | 'import' | 'replay' | 'record';

export interface Candidate {
  /** `rec:<id>` for records, `ctx:<time>:<method>:<url>` for context entries */
  key: string;
  ex: Exchange;
  from: CandidateFrom;
}

export interface CompareState {
  /** the record waiting for the one to compare it with (row menu → "Compare with…", then a row) */
  picking: Signal<string | undefined>;
  /** comparisons chosen by the user: subject record id -> candidate key */
  chosen: Signal<Readonly<Record<string, string>>>;
}

export function createCompareState(): CompareState {
  return { picking: signal(undefined), chosen: signal({}) };
}

export const recordKey = (id: string): string => `rec:${id}`;
const contextKey = (c: ContextEntry): string => `ctx:${c.time}:${c.method}:${c.url}`;

const fromOf = (r: CaptureRecord): CandidateFrom =>
  r.source === 'import' ? 'import' : r.source === 'replay' ? 'replay' : 'record';

/** Every success the panel knows of, oldest first. */
export function successes(s: Pick<PanelState, 'context' | 'importedOk' | 'replays' | 'live'>): Candidate[] {
  const out: Candidate[] = [];
  for (const c of s.context)
    if (isSuccess(c.status)) out.push({ key: contextKey(c), ex: contextExchange(c), from: 'context' });
  for (const r of [...s.importedOk, ...s.replays, ...s.live])
    if (isSuccess(r.status)) out.push({ key: recordKey(r.id), ex: toExchange(r), from: fromOf(r) });
  return out.sort((a, b) => a.ex.timeStamp - b.ex.timeStamp);
}

/** A record as a candidate (an explicit choice may be any record, a failure too). */
export function recordCandidate(r: CaptureRecord): Candidate {
  return { key: recordKey(r.id), ex: toExchange(r), from: fromOf(r) };
}

export interface Choice {
  /** the candidate compared with, if any */
  reference?: Candidate;
  /** picked by the user (else: the nearest success to the same endpoint) */
  chosen: boolean;
  /** the other successes to the same endpoint, to choose from instead */
  alternatives: Candidate[];
  comparison?: Comparison;
  /** `GET https://api.example.com/orders/{id}` */
  endpoint?: string;
}

/**
 * What `subject` is compared with: the user's choice when there is one (a candidate key, found
 * among the successes or the records), else the nearest success to the same endpoint.
 */
export function pickReference(
  subject: CaptureRecord,
  all: readonly Candidate[],
  records: readonly CaptureRecord[],
  chosenKey?: string,
  key?: FingerprintKey,
): Choice {
  const ex = toExchange(subject);
  const self = recordKey(subject.id);
  const endpoint = endpointKey(subject.url, subject.method);
  const pool = all.filter((c) => c.key !== self);
  const alternatives = pool.filter((c) => endpointKey(c.ex.url, c.ex.method) === endpoint);
  let reference: Candidate | undefined;
  let chosen = false;
  if (chosenKey !== undefined && chosenKey !== self) {
    reference = pool.find((c) => c.key === chosenKey);
    const r = reference ? undefined : records.find((x) => recordKey(x.id) === chosenKey);
    if (r) reference = recordCandidate(r);
    chosen = reference !== undefined;
  }
  if (!reference) {
    const i = nearestSuccess(
      ex,
      alternatives.map((c) => c.ex),
    );
    reference = i >= 0 ? alternatives[i] : undefined;
  }
  const out: Choice = { chosen, alternatives };
  if (endpoint !== undefined) out.endpoint = endpoint;
  if (reference) {
    out.reference = reference;
    out.comparison = compareExchanges(ex, reference.ex, key);
  }
  return out;
}

interface PickTarget {
  compare: CompareState;
  selectedId: Signal<string | undefined>;
  detailOpen: Signal<boolean>;
  detailTab: Signal<DetailTab>;
  notice: Signal<string>;
}

/** "Compare with…" was chosen for a row: the next row picked is its counterpart. */
export function startPick(s: PickTarget, id: string): void {
  s.compare.picking.value = id;
  s.notice.value = 'Compare: click the row to compare the selected request with (Esc cancels)';
}

/** A row was picked: when a comparison waits for it, open it (the waiting record, Compare tab); true if so. */
export function finishPick(s: PickTarget, id: string): boolean {
  const waiting = s.compare.picking.peek();
  if (waiting === undefined) return false;
  s.compare.picking.value = undefined;
  s.notice.value = '';
  if (waiting === id) return false;
  s.compare.chosen.value = { ...s.compare.chosen.peek(), [waiting]: recordKey(id) };
  s.selectedId.value = waiting;
  s.detailOpen.value = true;
  s.detailTab.value = 'compare';
  return true;
}

export function cancelPick(s: PickTarget): boolean {
  if (s.compare.picking.peek() === undefined) return false;
  s.compare.picking.value = undefined;
  s.notice.value = '';
  return true;
}
