// Renders the whole panel against the in-memory twin, the way main.tsx wires it.
import { render } from '@testing-library/preact';
import { App } from '../../src/panel/components/App.tsx';
import { ServicesContext, StoreContext, type Services } from '../../src/panel/context.ts';
import { createStore, type Store } from '../../src/panel/store.ts';
import { createClient } from '../../src/shared/client.ts';
import { NS } from '../../src/shared/messages.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings.ts';
import type { CaptureRecord } from '../../src/shared/types.ts';
import { twin, type Twin } from './twin.ts';

export interface Rendered {
  store: Store;
  twin: Twin;
  copied: string[];
  downloads: { name: string; mime: string; text: string }[];
  snapshot(records: CaptureRecord[], settings?: Partial<Settings>): void;
  container: Element;
}

export function renderPanel(opts: { tabId?: number; selected?: string; filterText?: string } = {}): Rendered {
  const tabId = opts.tabId ?? 7;
  let settings: Settings = { ...DEFAULT_SETTINGS, captureStatuses: [...DEFAULT_SETTINGS.captureStatuses] };
  const t = twin((m) => {
    if (m.type === 'setSettings') {
      settings = { ...settings, ...(m.patch as Partial<Settings>) };
      return { settings };
    }
    if (m.type === 'clear') return { ok: true };
    if (m.type === 'getSettings') return { settings };
    return {};
  });
  const store = createStore(
    tabId,
    { filterText: opts.filterText ?? '', toggles: [], groupByOrigin: false },
    opts.selected,
  );
  const client = createClient(t.transport);
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
    twin: t,
    copied,
    downloads,
    container,
    snapshot: (records, patch = {}) => {
      settings = { ...settings, ...patch };
      t.lastPort().emit({ ns: NS, type: 'snapshot', tabId, records, settings });
    },
  };
}
