// Wiring only: find the tab, build the store and client, follow the theme, render.
import { effect } from '@preact/signals';
import { render } from 'preact';
import { createClient } from '../shared/client.ts';
import { browserTransport } from '../shared/transport.ts';
import { App } from './components/app.tsx';
import { ServicesContext, StoreContext, type Services } from './providers.ts';
import { copyText } from './export/clipboard.ts';
import { downloadText } from './export/download.ts';
import { loadView, saveView } from './persist.ts';
import {
  devtoolsThemeName,
  extensionVersion,
  inspectedEval,
  inspectedTabId,
  onDevtoolsThemeChanged,
} from './platform.ts';
import { paintFirst } from './paint-first.ts';
import { createStore } from './store.ts';
import { followTheme } from '../shared/ui/theme.ts';
import { createDiscoveryRuns } from './discovery/runs.ts';
import { panelDocFetch } from './discovery/panel-fetch.ts';
import { recordIdFromSearch, tabIdFromSearch } from '../shared/pages.ts';
import './styles.css';

const root = document.getElementById('app')!;
followTheme(document.documentElement, { name: devtoolsThemeName(), onChange: onDevtoolsThemeChanged });

// the tab DevTools inspects, else `?tabId=N` (the panel opened as a normal tab)
const tabId = inspectedTabId() ?? tabIdFromSearch(location.search);
if (tabId === undefined) {
  // built node by node: AMO's linter flags any innerHTML assignment in a reviewed add-on
  const note = document.createElement('p');
  note.className = 'empty';
  note.setAttribute('role', 'alert');
  const example = document.createElement('code');
  example.textContent = 'panel.html?tabId=N';
  note.append('No tab to show. Open this page from DevTools (the Auth panel) or as ', example, '.');
  root.replaceChildren(note);
} else {
  const store = createStore(tabId, loadView(localStorage), recordIdFromSearch(location.search));
  const client = createClient(browserTransport());
  const services: Services = {
    client,
    copy: copyText,
    download: downloadText,
    version: extensionVersion(),
    now: () => Date.now(),
    discovery: createDiscoveryRuns(panelDocFetch()),
  };
  const evalInPage = inspectedEval();
  if (evalInPage) services.evalInPage = evalInPage;
  client.watchTab(tabId, paintFirst(store.dispatch), (connected) => store.dispatch({ type: 'status', connected }));
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
