// What the toolbar and detail buttons do: talk to the worker through the client, or run the
// shared exporters. Kept out of the components so the wiring reads in one place.
import { isSuccess } from '../analysis/index.ts';
import type { Settings } from '../shared/settings.ts';
import { fromHar } from '../har/read.ts';
import { NS } from '../shared/messages.ts';
import type { Services } from './providers.ts';
import type { Store } from './store.ts';

export async function clearAll(store: Store, s: Services): Promise<void> {
  store.dispatch({ type: 'clearImported' });
  store.selectedId.value = undefined;
  store.detailOpen.value = false;
  try {
    await s.client.request('clear', { tabId: store.state.value.tabId });
  } catch (e) {
    store.notice.value = `Clear failed: ${e instanceof Error ? e.message : String(e)}`;
  }
}

export async function patchSettings(store: Store, s: Services, patch: Partial<Settings>): Promise<void> {
  // optimistic: the toggle flips at once; the worker's answer (or its 'settings' event) settles it
  store.dispatch({ ns: NS, type: 'settings', settings: { ...store.state.value.settings, ...patch } });
  try {
    const reply = await s.client.request('setSettings', { patch });
    store.dispatch({ ns: NS, type: 'settings', settings: reply.settings });
  } catch (e) {
    store.notice.value = `Could not save the setting: ${e instanceof Error ? e.message : String(e)}`;
  }
}

const SUCCESS_STATUSES = [...Array.from({ length: 100 }, (_, i) => 200 + i), 304];
/** successes kept from imports (their bodies dropped): enough for any customer's capture of one flow */
const MAX_IMPORTED_SUCCESSES = 5000;

/** Parse a HAR file's text and add its auth failures to the list (local to this panel). */
export function importHar(store: Store, s: Pick<Services, 'now'>, text: string, fileName: string): void {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    store.notice.value = `${fileName}: not JSON, so not a HAR file`;
    return;
  }
  try {
    const { tabId, settings } = store.state.value;
    // a distinct id prefix per import, so importing the same file twice adds it twice, visibly
    // the successes come too: not rows, but what the Compare tab compares a failure with
    const statuses = [...settings.captureStatuses, ...SUCCESS_STATUSES];
    const res = fromHar(json, { tabId, statuses, idPrefix: `har${s.now()}-` });
    const records = res.records.filter((r) => !isSuccess(r.status));
    const successes = res.records
      .filter((r) => isSuccess(r.status))
      .slice(-MAX_IMPORTED_SUCCESSES)
      .map(({ responseBody: _, ...r }) => r);
    store.dispatch({ type: 'imported', records, successes });
    const extra = res.problems.length
      ? `; ${res.problems.length} problem(s): ${res.problems.slice(0, 2).join('; ')}`
      : '';
    const skipped = `${res.skipped} other entr${res.skipped === 1 ? 'y' : 'ies'}`;
    const ok = successes.length ? ` and ${successes.length} success(es) to compare with` : '';
    store.notice.value = `${fileName}: imported ${records.length} auth failure(s)${ok}, skipped ${skipped}${extra}`;
  } catch (e) {
    store.notice.value = `${fileName}: could not import (${e instanceof Error ? e.message : String(e)})`;
  }
}
