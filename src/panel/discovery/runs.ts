// The panel's discovery runs, one per record, started by a click only: the state each view
// reads (the steps as they complete, the request under way, the report at the end).
import { signal, type Signal } from '@preact/signals';
import { discover, type DiscoveryReport, type DiscoveryStep, type DocFetch } from '../../analysis/index.ts';
import { toExchange } from '../../shared/exchange.ts';
import type { CaptureRecord } from '../../shared/types.ts';

export interface RunState {
  status: 'idle' | 'running' | 'done';
  /** the URL being fetched now */
  fetching?: string;
  steps: DiscoveryStep[];
  report?: DiscoveryReport;
  /** the doctor itself failed (it should not: it never throws by design) */
  error?: string;
}

export interface DiscoveryRuns {
  state(recordId: string): Signal<RunState>;
  /** runs (again) for this record; ignored while a run for it is under way */
  start(record: CaptureRecord): Promise<void>;
}

const IDLE: RunState = { status: 'idle', steps: [] };

export function createDiscoveryRuns(fetch: DocFetch): DiscoveryRuns {
  const states = new Map<string, Signal<RunState>>();
  const state = (id: string): Signal<RunState> => {
    let s = states.get(id);
    if (!s) states.set(id, (s = signal(IDLE)));
    return s;
  };
  return {
    state,
    async start(record) {
      const s = state(record.id);
      if (s.value.status === 'running') return;
      s.value = { status: 'running', steps: [] };
      try {
        const report = await discover(toExchange(record), {
          fetch,
          onFetch: (url) => void (s.value = { ...s.value, fetching: url }),
          onStep: (step) => void (s.value = { ...s.value, steps: [...s.value.steps, step] }),
        });
        s.value = { status: 'done', steps: report.steps, report };
      } catch (e) {
        s.value = { status: 'done', steps: s.value.steps, error: e instanceof Error ? e.message : String(e) };
      }
    },
  };
}
