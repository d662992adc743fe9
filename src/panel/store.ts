// The panel's signals: data state (moved only by apply) and view state (filter, selection), and
// the panel's one diagnoser and facts cache, fed from the data state.
import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { FingerprintKey } from '../analysis/index.ts';
import type { Diagnoser } from '../shared/diagnoser.ts';
import { pageDiagnoser } from '../shared/engine-worker.ts';
import type { CaptureRecord } from '../shared/types.ts';
import { createCompareState, type CompareState } from './compare.ts';
import { createFacts, type FactsCache } from './facts.ts';
import { parseFilter, type StatusToggle, type Term } from './filter.ts';
import type { Persisted } from './persist.ts';
import { added } from '../shared/added.ts';
import { createFilterRun } from './filter-run.ts';
import { groupRows, needsDiagnosis, recordIds, type Row } from './rows.ts';
import { allRecords, apply, initialState, type PanelEvent, type PanelState } from './state.ts';

export type DetailTab =
  | 'diagnosis'
  | 'flow'
  | 'compare'
  | 'replay'
  | 'discovery'
  | 'challenge'
  | 'credentials'
  | 'headers'
  | 'redirects'
  | 'body';

export interface Store {
  state: Signal<PanelState>;
  dispatch(e: PanelEvent): void;
  filterText: Signal<string>;
  toggles: Signal<StatusToggle[]>;
  groupByOrigin: Signal<boolean>;
  collapsed: Signal<ReadonlySet<string>>;
  selectedId: Signal<string | undefined>;
  detailOpen: Signal<boolean>;
  detailTab: Signal<DetailTab>;
  /** secret values revealed on purpose, one by one (reveal.ts keys them by record and value) */
  revealed: Signal<ReadonlySet<string>>;
  /** this page's random fingerprint key: fingerprints shown here mean nothing anywhere else */
  fingerprintKey: FingerprintKey;
  /** a short message for the status line (import result, copy failures) */
  notice: Signal<string>;
  terms: ReadonlySignal<Term[]>;
  records: ReadonlySignal<CaptureRecord[]>;
  rows: ReadonlySignal<Row[]>;
  /** records the filter keeps (collapsed groups included) */
  matched: ReadonlySignal<number>;
  /** records the filter could not judge yet (not diagnosed): they join as their diagnoses arrive */
  deferred: ReadonlySignal<number>;
  /** the tab's diagnoses: every record is asked for, in idle time; what is on screen first */
  diagnoser: Diagnoser;
  /** the diagnoser's version: read it to re-render when diagnoses arrive */
  diagnosed: ReadonlySignal<number>;
  facts: FactsCache;
  ids: ReadonlySignal<string[]>;
  selected: ReadonlySignal<CaptureRecord | undefined>;
  persisted: ReadonlySignal<Persisted>;
  /** what the Compare tab compares (and the row picked with "Compare with…") */
  compare: CompareState;
}

export function createStore(tabId: number, view: Persisted, selectedId?: string, given?: Diagnoser): Store {
  const state = signal(initialState(tabId));
  const fingerprintKey: FingerprintKey = { bytes: crypto.getRandomValues(new Uint8Array(32)) };
  const diagnoser = given ?? pageDiagnoser({ fingerprintKey });
  const diagnosed = signal(diagnoser.version);
  diagnoser.onChange(() => {
    diagnosed.value = diagnoser.version;
  });
  const facts = createFacts();
  const filterText = signal(view.filterText);
  const toggles = signal<StatusToggle[]>(view.toggles);
  const groupByOrigin = signal(view.groupByOrigin);
  const collapsed = signal<ReadonlySet<string>>(new Set());
  const terms = computed(() => parseFilter(filterText.value));
  const records = computed(() => allRecords(state.value));
  const context = computed(() => state.value.context);
  const filterRun = createFilterRun({ facts, diagnoser });
  const filtered = computed(() => {
    // arriving diagnoses change what the filter keeps only when its terms read them
    if (needsDiagnosis(terms.value)) void diagnosed.value;
    return filterRun({ records: records.value, context: context.value, terms: terms.value, toggles: toggles.value });
  });
  const rows = computed(() =>
    groupRows(filtered.value.records, { groupByOrigin: groupByOrigin.value, collapsed: collapsed.value }, facts),
  );
  const selected = signal<string | undefined>(selectedId);
  let wanted: readonly CaptureRecord[] = [];
  return {
    state,
    dispatch: (e) => {
      const prev = state.value;
      const next = apply(prev, e);
      if (next === prev) return;
      state.value = next;
      if (
        next.live === prev.live &&
        next.imported === prev.imported &&
        next.replays === prev.replays &&
        next.context === prev.context
      )
        return;
      const all = records.peek();
      diagnoser.setInputs(all, next.context);
      // a new context changes every record's diagnosis; new records (an import's next chunk) are
      // asked for alone, not the 50 000 asked already
      diagnoser.want(next.context === prev.context ? added(wanted, all) : all);
      wanted = all;
    },
    filterText,
    toggles,
    groupByOrigin,
    collapsed,
    selectedId: selected,
    detailOpen: signal(selectedId !== undefined),
    detailTab: signal<DetailTab>('diagnosis'),
    revealed: signal<ReadonlySet<string>>(new Set()),
    fingerprintKey,
    notice: signal(''),
    terms,
    records,
    rows,
    matched: computed(() => filtered.value.records.length),
    deferred: computed(() => filtered.value.deferred),
    diagnoser,
    diagnosed,
    facts,
    ids: computed(() => recordIds(rows.value)),
    selected: computed(() =>
      selected.value === undefined ? undefined : records.value.find((r) => r.id === selected.value),
    ),
    persisted: computed(() => ({
      filterText: filterText.value,
      toggles: toggles.value,
      groupByOrigin: groupByOrigin.value,
    })),
    compare: createCompareState(),
  };
}
