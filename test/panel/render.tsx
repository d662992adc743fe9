// Renders the whole panel against the in-memory background twin, the way main.tsx wires it.
import { act, render } from '@testing-library/preact';
import { App } from '../../src/panel/components/app.tsx';
import { ServicesContext, StoreContext, type Services } from '../../src/panel/providers.ts';
import type { EvalInPage } from '../../src/panel/replay/run.ts';
import { createStore, type Store } from '../../src/panel/store.ts';
import type { DiscoveryRuns } from '../../src/panel/discovery/runs.ts';
import { createClient } from '../../src/shared/client.ts';
import { NS } from '../../src/shared/messages.ts';
import { type Settings } from '../../src/shared/settings.ts';
import type { CaptureRecord, ContextEntry } from '../../src/shared/types.ts';
import { backgroundTwin, type BackgroundTwin } from '../support/background-twin.ts';
import { timedDiagnoser } from '../support/diagnoser.ts';

export interface Rendered {
  store: Store;
  twin: BackgroundTwin;
  copied: string[];
  downloads: { name: string; mime: string; text: string }[];
  /** the worker's snapshot for the tab, with these records and (a patch of) the twin's settings */
  snapshot(records: CaptureRecord[], settings?: Partial<Settings>, context?: ContextEntry[]): void;
  /** resolves once every diagnosis asked for has arrived and the panel has re-rendered */
  diagnosed(): Promise<void>;
  container: Element;
}

export function renderPanel(
  opts: {
    tabId?: number;
    selected?: string;
    filterText?: string;
    evalInPage?: EvalInPage;
    discovery?: DiscoveryRuns;
  } = {},
): Rendered {
  const tabId = opts.tabId ?? 7;
  const twin = backgroundTwin({ snapshotOnConnect: false });
  const store = createStore(
    tabId,
    { filterText: opts.filterText ?? '', toggles: [], groupByOrigin: false },
    opts.selected,
    timedDiagnoser(),
  );
  const client = createClient(twin.transport);
  const copied: string[] = [];
  const downloads: Rendered['downloads'] = [];
  const services: Services = {
    client,
    copy: async (text) => {
      copied.push(text);
      return true;
    },
    download: (name, mime, text) => void downloads.push({ name, mime, text }),
    version: '9.9.9',
    now: () => 1_790_000_000_000,
    ...(opts.evalInPage ? { evalInPage: opts.evalInPage } : {}),
    ...(opts.discovery ? { discovery: opts.discovery } : {}),
  };
  client.watchTab(
    tabId,
    (e) => store.dispatch(e),
    (connected) => store.dispatch({ type: 'status', connected }),
  );
  const { container } = render(
    <StoreContext.Provider value={store}>
      <ServicesContext.Provider value={services}>
        <App />
      </ServicesContext.Provider>
    </StoreContext.Provider>,
  );
  return {
    store,
    twin,
    copied,
    downloads,
    container,
    diagnosed: () =>
      act(async () => {
        while (store.diagnoser.pending > 0) await new Promise((r) => setTimeout(r, 5));
      }),
    snapshot: (records, patch = {}, context) => {
      const settings = { ...twin.settings, ...patch };
      twin.lastPort().emit({ ns: NS, type: 'snapshot', tabId, records, settings, ...(context ? { context } : {}) });
    },
  };
}
