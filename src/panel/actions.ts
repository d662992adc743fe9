// What the toolbar and detail buttons do: talk to the worker through the client, or run the
// shared exporters. Kept out of the components so the wiring reads in one place.
import type { Settings } from '../shared/settings.ts';
import { fromHar } from '../har/read.ts';
import { HAR_LIMITS, fileSizeProblem } from '../har/limits.ts';
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

/** Parse a HAR file's text and add its auth failures to the list (local to this panel). */
export function importHar(store: Store, s: Pick<Services, 'now'>, text: string, fileName: string): void {
  // the tab would hold the text and its parse at once: refuse before parsing
  const tooBig = fileSizeProblem(text.length, HAR_LIMITS.maxInMemoryBytes);
  if (tooBig) {
    store.notice.value = `${fileName} is ${tooBig} in the panel (authlens explain streams bigger files)`;
    return;
  }
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
    const res = fromHar(json, { tabId, statuses: settings.captureStatuses, idPrefix: `har${s.now()}-` });
    const { records } = res;
    store.dispatch({ type: 'imported', records });
    const extra = res.problems.length
      ? `; ${res.problems.length} problem(s): ${res.problems.slice(0, 2).join('; ')}`
      : '';
    const skipped = `${res.skipped} other entr${res.skipped === 1 ? 'y' : 'ies'}`;
    store.notice.value = `${fileName}: imported ${records.length} auth failure(s), skipped ${skipped}${extra}`;
  } catch (e) {
    store.notice.value = `${fileName}: could not import (${e instanceof Error ? e.message : String(e)})`;
  }
}
