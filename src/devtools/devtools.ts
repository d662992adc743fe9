// The DevTools page: creates the "Auth" panel, and while DevTools is open sends the response
// bodies of failing requests to the worker (webRequest cannot read bodies in Chrome). It sees every
// response, so it also records the failures the worker's cheap capture set misses (a token
// endpoint's 400, a 200 with ok:false, an API call redirected to a login page), as the engine
// judges them from the body.
import { browser } from '../shared/browser.ts';
import { createClient } from '../shared/client.ts';
import { browserTransport } from '../shared/transport.ts';
import { DEFAULT_SETTINGS } from '../shared/settings.ts';
import { normalizeContent } from './content.ts';
import { isAuthFailureEntry, matchOf, readContent } from './entry.ts';
import { devtoolsRecord, worthReading, type FullEntry } from './record.ts';

const client = createClient(browserTransport());
const tabId = browser.devtools.inspectedWindow.tabId;
let statuses: readonly number[] = DEFAULT_SETTINGS.captureStatuses;
let statusesAt = 0;

void browser.devtools.panels.create('Auth', 'icons/icon-32.png', 'panel.html');

async function captureStatuses(now: number): Promise<readonly number[]> {
  // settings change rarely; re-read at most every 30 s rather than hold a port open
  if (now - statusesAt > 30_000) {
    statusesAt = now;
    try {
      statuses = (await client.request('getSettings')).settings.captureStatuses;
    } catch {
      // worker asleep or restarting: keep the last known set
    }
  }
  return statuses;
}

browser.devtools.network.onRequestFinished.addListener((raw: unknown) => {
  const entry = raw as FullEntry;
  void (async () => {
    const captured = isAuthFailureEntry(entry, await captureStatuses(Date.now()));
    if (!captured && !worthReading(entry)) return;
    const content = normalizeContent(await readContent(entry), entry.response.content?.mimeType);
    try {
      if (captured) {
        if (content.ok) await client.request('attachBody', { tabId, match: matchOf(entry), body: content.body });
        return;
      }
      const record = devtoolsRecord(entry, tabId, content.ok ? content.body : undefined);
      if (record) await client.request('addDevtoolsRecord', { tabId, record });
    } catch {
      // the worker may be restarting; a lost body only means a less specific diagnosis
    }
  })();
});
