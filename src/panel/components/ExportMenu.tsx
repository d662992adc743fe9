// Export all records shown: JSON or HAR 1.2, masked unless the user ticks "include secrets".
import { useState } from 'preact/hooks';
import type { Diagnosis } from '../../analysis/index.ts';
import type { CaptureRecord } from '../../shared/types.ts';
import { toHar } from '../../har/write.ts';
import { toJson } from '../export/json.ts';
import { useServices, useStore } from '../context.ts';
import { visibleRecords } from '../rows.ts';
import { diagnosisOf } from '../diagnosis.ts';

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-').slice(0, 19);
}

/** The full diagnosis, run on the unmasked record with its tab's history, for `_authlens.report`. */
function reportOf(r: CaptureRecord, all: readonly CaptureRecord[]): Diagnosis | undefined {
  const d = diagnosisOf(r, all);
  return d.ok ? d.diagnosis : undefined;
}

export function ExportMenu() {
  const store = useStore();
  const services = useServices();
  const [reveal, setReveal] = useState(false);
  const records = () => visibleRecords(store.records.value, { terms: store.terms.value, toggles: store.toggles.value });
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
        <button
          type="button"
          class="btn"
          data-testid="export-json"
          onClick={() => services.download(name('json'), 'application/json', toJson(records(), { reveal }))}
        >
          Export JSON
        </button>
        <button
          type="button"
          class="btn"
          data-testid="export-har"
          onClick={() =>
            services.download(
              name('har'),
              'application/json',
              JSON.stringify(
                toHar(records(), {
                  reveal,
                  version: services.version,
                  diagnose: (r) => reportOf(r, store.records.value),
                }),
                null,
                2,
              ),
            )
          }
        >
          Export HAR 1.2
        </button>
        {/* the count comes from the list: records() would diagnose every record at each render */}
        <p class="muted">
          Exports the {store.deferred.value > 0 ? 'records' : `${store.matched.value} record(s)`} the filter shows.
        </p>
      </div>
    </details>
  );
}
