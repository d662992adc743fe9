// Export all records shown: JSON or HAR 1.2, masked unless the user ticks "include secrets".
import { useState } from 'preact/hooks';
import type { Diagnosis } from '../../analysis/index.ts';
import { toHar } from '../../har/write.ts';
import type { CaptureRecord } from '../../shared/types.ts';
import { useServices, useStore } from '../providers.ts';
import { toJson } from '../export/json.ts';
import { allFiltered } from '../rows.ts';

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-').slice(0, 19);
}

export function ExportMenu() {
  const store = useStore();
  const services = useServices();
  const [reveal, setReveal] = useState(false);
  const { diagnoser, facts } = store;
  const records = (): Promise<CaptureRecord[]> =>
    allFiltered(store.records.value, { terms: store.terms.value, toggles: store.toggles.value }, { facts, diagnoser });
  const exportJson = async (): Promise<void> => {
    services.download(name('json'), 'application/json', toJson(await records(), { reveal, key: store.fingerprintKey }));
  };
  /** each record's full diagnosis, made on the unmasked record with its history, goes in `_authlens.report` */
  const exportHar = async (): Promise<void> => {
    const list = await records();
    const reports = new Map<CaptureRecord, Diagnosis>();
    for (const r of list) {
      const d = await diagnoser.get(r);
      if (d.ok) reports.set(r, d.diagnosis);
    }
    const har = toHar(list, {
      reveal,
      key: store.fingerprintKey,
      version: services.version,
      diagnose: (r) => reports.get(r),
    });
    services.download(name('har'), 'application/json', JSON.stringify(har, null, 2));
  };
  const note = reveal ? ' (secrets included)' : ' (secrets masked)';
  const name = (ext: string): string => `authlens-tab${store.state.value.tabId}-${stamp(services.now())}.${ext}`;
  return (
    <details
      class="menu"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        const d = e.currentTarget;
        d.open = false;
        d.querySelector('summary')?.focus();
      }}
    >
      <summary class="btn" data-testid="export">
        Export
      </summary>
      <div class="menu-body" role="group" aria-label="Export records">
        <label class="check">
          <input
            type="checkbox"
            checked={reveal}
            data-testid="export-reveal"
            onChange={(e) => setReveal(e.currentTarget.checked)}
          />
          Include secrets unmasked
        </label>
        {/* one-by-one reveals are for looking: a file of many records is masked, or all clear when ticked */}
        <button
          type="button"
          class="btn"
          data-testid="export-json"
          aria-label={`Export JSON${note}`}
          onClick={() => void exportJson()}
        >
          Export JSON
        </button>
        <button
          type="button"
          class="btn"
          data-testid="export-har"
          aria-label={`Export HAR 1.2${note}`}
          onClick={() => void exportHar()}
        >
          Export HAR 1.2
        </button>
        {/* the count comes from the list: records() waits for every record's diagnosis */}
        <p class="muted">
          Exports the {store.deferred.value > 0 ? 'records' : `${store.matched.value} record(s)`} the filter shows.
        </p>
      </div>
    </details>
  );
}
