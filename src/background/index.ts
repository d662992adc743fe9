// The background entry: wiring only. Every listener is registered synchronously at top level, so
// the event that wakes a stopped worker (Chrome stops it after ~30 s idle) is delivered to it.
//
// webRequest listeners: onSendHeaders + onHeadersReceived are the floor for seeing request and
// response headers. onBeforeRedirect, onAuthRequired and onErrorOccurred fire only for their own
// (rare) events. onCompleted is NOT listened to: it would be one more IPC hop to this worker for
// every request of every tab; capture.ts ends a request at its final onHeadersReceived instead
// (the measured cost is there).
import { browser, countsTwoByteStrings, errorOccurredSpec, extraHeaders } from '../shared/browser.ts';
import type { BadgeApi } from './badge.ts';
import type { SettingsArea } from './settings.ts';
import type { StorageArea } from './store.ts';
import { createWorker, type CommitDetails } from './worker.ts';
import type { HubPort } from './hub.ts';
import { isOwnPage, type Sender } from './sender.ts';

// `action` and `storage.session` are passed through by the polyfill untouched (promises in MV3).
const api = browser as unknown as {
  action: BadgeApi;
  storage: { session: StorageArea; local: SettingsArea };
};

const worker = createWorker({
  session: api.storage.session,
  local: api.storage.local,
  badge: api.action,
  tabTitle: async (tabId) => (await browser.tabs.get(tabId)).title,
  oneByteStrings: countsTwoByteStrings(),
});

const ALL = { urls: ['<all_urls>'] };
const extra = extraHeaders();
// The polyfill's typings are per browser; the details capture.ts reads are common to both.
type WebRequestEvent = { addListener(fn: (details: never) => void, filter: typeof ALL, spec?: string[]): void };
const wr = browser.webRequest as unknown as Record<
  'onSendHeaders' | 'onHeadersReceived' | 'onBeforeRedirect' | 'onAuthRequired' | 'onErrorOccurred',
  WebRequestEvent
>;

wr.onSendHeaders.addListener(worker.onSendHeaders, ALL, ['requestHeaders', ...extra]);
wr.onHeadersReceived.addListener(worker.onHeadersReceived, ALL, ['responseHeaders', ...extra]);
wr.onBeforeRedirect.addListener(worker.onBeforeRedirect, ALL, ['responseHeaders', ...extra]);
// non-blocking (no 'blocking'/'asyncBlocking'): observing needs only the webRequest permission
wr.onAuthRequired.addListener(worker.onAuthRequired, ALL, ['responseHeaders', ...extra]);
wr.onErrorOccurred.addListener(worker.onErrorOccurred, ALL, ...errorOccurredSpec());

browser.webNavigation.onCommitted.addListener((d) => void worker.onCommitted(d as CommitDetails));
browser.tabs.onUpdated.addListener((tabId, change) => void worker.onTabUpdated(tabId, change));
browser.tabs.onRemoved.addListener((tabId) => void worker.onTabRemoved(tabId));
// Ports and messages only from our own pages (sender.ts): anything else is dropped unanswered.
const OWN_ID = browser.runtime.id;
const OWN_BASE = browser.runtime.getURL('');
browser.runtime.onConnect.addListener((port) => {
  if (!isOwnPage(port.sender, OWN_ID, OWN_BASE)) return port.disconnect();
  worker.onConnect(port as unknown as HubPort);
});
// storage.local's own event, not storage.onChanged: that one would also hand this worker every
// write of storage.session (old and new values, copied across processes) made by the worker itself.
browser.storage.local.onChanged.addListener((changes) => worker.onStorageChanged(changes, 'local'));

// sendResponse + `return true` works natively in Chrome and Firefox and through the polyfill.
browser.runtime.onMessage.addListener(((msg: unknown, sender: Sender, sendResponse: (reply: unknown) => void) => {
  if (!isOwnPage(sender, OWN_ID, OWN_BASE)) return false;
  const reply = worker.onMessage(msg);
  if (!reply) return false;
  reply.then(sendResponse, (e: unknown) => sendResponse({ error: String(e) }));
  return true;
}) as never);
