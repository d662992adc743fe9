// Wiring only: find the tab, build the store and client, follow the theme, render.
import { effect } from '@preact/signals';
import { render } from 'preact';
import { createClient } from '../shared/client.ts';
import type { PortEvent } from '../shared/messages.ts';
import { browserTransport } from '../shared/transport.ts';
import { App } from './components/App.tsx';
import { ServicesContext, StoreContext, type Services } from './context.ts';
import { copyText } from './export/clipboard.ts';
import { downloadText } from './export/download.ts';
import { loadView, saveView } from './persist.ts';
import { devtoolsThemeName, extensionVersion, inspectedTabId, onDevtoolsThemeChanged } from './platform.ts';
import { warmFactsWhenIdle } from './facts.ts';
import { createStore } from './store.ts';
import { themeFromDevtools, type Theme } from './theme.ts';
import { recordIdFromSearch, tabIdFromSearch } from '../shared/pages.ts';
import './styles.css';

const root = document.getElementById('app')!;
const setTheme = (t: Theme): void => {
  document.documentElement.dataset.theme = t;
};
const devTheme = themeFromDevtools(devtoolsThemeName());
if (devTheme) {
  setTheme(devTheme);
  onDevtoolsThemeChanged((name) => setTheme(themeFromDevtools(name) ?? 'light'));
} else {
  const mq = matchMedia('(prefers-color-scheme: dark)');
  setTheme(mq.matches ? 'dark' : 'light');
  mq.addEventListener('change', (e) => setTheme(e.matches ? 'dark' : 'light'));
}

// the tab DevTools inspects, else `?tabId=N` (the panel opened as a normal tab)
const tabId = inspectedTabId() ?? tabIdFromSearch(location.search);
if (tabId === undefined) {
  root.innerHTML =
    '<p class="empty" role="alert">No tab to show. Open this page from DevTools (the Auth panel) or as <code>panel.html?tabId=N</code>.</p>';
} else {
  const store = createStore(tabId, loadView(localStorage), recordIdFromSearch(location.search));
  const client = createClient(browserTransport());
  const services: Services = {
    client,
    copy: copyText,
    download: downloadText,
    version: extensionVersion(),
    now: () => Date.now(),
  };
  // Diagnose every record in idle slices (the filter needs them); a filter waiting on
  // undiagnosed records runs again after each slice, and asks for another round if needed.
  let warming = false;
  let again = false;
  const warm = (): void => {
    if (warming) {
      again = true;
      return;
    }
    warming = true;
    const bump = (): void => {
      if (store.deferred.peek() > 0) store.factsVersion.value++;
    };
    warmFactsWhenIdle(store.records.peek(), 50, bump, () => {
      warming = false;
      bump();
      if (again) {
        again = false;
        warm();
      }
    });
  };
  effect(() => {
    if (store.deferred.value > 0) warm();
  });
  // After a snapshot that says more is coming, hold every later event until the first rows
  // have been painted: the older chunks arrive within milliseconds, and applying them first
  // would delay that paint. Held events are then applied in order.
  let held: PortEvent[] | undefined;
  const deliver = (e: PortEvent): void => {
    if (held) {
      held.push(e);
      return;
    }
    // marks let the end-to-end run measure snapshot arrival vs first rows (performance figures)
    if (e.type === 'snapshot') performance.mark('authlens:snapshot');
    store.dispatch(e);
    if (e.type === 'snapshot') performance.mark('authlens:applied');
    if ((e.type === 'snapshot' && !e.more) || (e.type === 'older' && !e.more)) warm();
    if (e.type === 'snapshot' && e.more) {
      held = [];
      // two frames: the first paints the rows, the second starts after that paint for sure
      requestAnimationFrame(() =>
        requestAnimationFrame(() =>
          setTimeout(() => {
            const queue = held ?? [];
            held = undefined;
            for (const x of queue) deliver(x);
          }),
        ),
      );
    }
  };
  client.watchTab(tabId, deliver, (connected) => store.dispatch({ type: 'status', connected }));
  effect(() => saveView(localStorage, store.persisted.value));
  render(
    <StoreContext.Provider value={store}>
      <ServicesContext.Provider value={services}>
        <App />
      </ServicesContext.Provider>
    </StoreContext.Provider>,
    root,
  );
}
