// Wiring only: the real transport (pinned to ?tabId=N when given), the popup, the shared theme.
import { render } from 'preact';
import { createClient } from '../shared/client.ts';
import { browserTransport } from '../shared/transport.ts';
import { Popup } from './popup.tsx';
import { tabIdFromSearch } from '../shared/pages.ts';
import { followTheme } from '../shared/ui/theme.ts';
import '../shared/ui/theme.css';
import './popup.css';

followTheme(document.documentElement);

const client = createClient(browserTransport());
// `popup.html?tabId=N` shows tab N: a popup opened as a normal page (end-to-end tests,
// screenshots) is itself the active tab, so it is told which one.
const pinned = tabIdFromSearch(location.search);
const popupClient = pinned === undefined ? client : { ...client, activeTabId: async () => pinned };

// A real popup closes itself after opening a page; a pinned one is a normal tab and stays.
render(
  <Popup client={popupClient} onNavigate={pinned === undefined ? () => window.close() : undefined} />,
  document.getElementById('app')!,
);
