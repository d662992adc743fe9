// What the toolbar and detail buttons do: talk to the worker through the client, or run the
// shared exporters. Kept out of the components so the wiring reads in one place.
import { isSuccess } from '../analysis/index.ts';
import type { Settings } from '../shared/settings.ts';
import type { CaptureRecord } from '../shared/types.ts';
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

const SUCCESS_STATUSES = [...Array.from({ length: 100 }, (_, i) => 200 + i), 304];
/** successes kept from imports (their bodies dropped): enough for any customer's capture of one flow */
const MAX_IMPORTED_SUCCESSES = 5000;
/** chunks of an import read after the first join the list together, at most this often (ms) */
const IMPORT_BATCH_MS = 100;

/**
 * Reads a HAR file off the panel's thread (the diagnoser's worker) and adds its auth failures to
 * the list as they are read (local to this panel): the first rows show before the file is done.
 */
export async function importHar(store: Store, s: Pick<Services, 'now'>, file: Blob, fileName: string): Promise<void> {
  // every record kept stays in the panel's memory: refuse before reading
  const tooBig = fileSizeProblem(file.size, HAR_LIMITS.maxInMemoryBytes);
  if (tooBig) {
    store.notice.value = `${fileName} is ${tooBig} in the panel (authlens explain streams bigger files)`;
    return;
  }
  const { tabId, settings } = store.state.value;
  let count = 0;
  let successes = 0;
  let held: CaptureRecord[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const add = (): void => {
    timer = undefined;
    if (held.length) store.dispatch({ type: 'imported', records: held });
    held = [];
  };
  try {
    // a distinct id prefix per import, so importing the same file twice adds it twice, visibly
    // the successes come too: not rows, but what the Compare tab compares a failure with
    const statuses = [...settings.captureStatuses, ...SUCCESS_STATUSES];
    const res = await store.diagnoser.readHar(file, { tabId, statuses, idPrefix: `har${s.now()}-` }, (records) => {
      const failures = records.filter((r) => !isSuccess(r.status));
      const ok = records.filter((r) => isSuccess(r.status));
      if (ok.length && successes < MAX_IMPORTED_SUCCESSES) {
        const kept = ok.slice(0, MAX_IMPORTED_SUCCESSES - successes).map(({ responseBody: _, ...r }) => r);
        successes += kept.length;
        store.dispatch({ type: 'imported', records: [], successes: kept });
      }
      if (failures.length === 0) return;
      held.push(...failures);
      if (count === 0) add();
      else timer ??= setTimeout(add, IMPORT_BATCH_MS);
      count += failures.length;
    });
    if (timer !== undefined) clearTimeout(timer);
    add();
    const extra = res.problems.length
      ? `; ${res.problems.length} problem(s): ${res.problems.slice(0, 2).join('; ')}`
      : '';
    const skipped = `${res.skipped} other entr${res.skipped === 1 ? 'y' : 'ies'}`;
    const ok = successes ? ` and ${successes} success(es) to compare with` : '';
    store.notice.value = `${fileName}: imported ${count} auth failure(s)${ok}, skipped ${skipped}${extra}`;
  } catch (e) {
    if (timer !== undefined) clearTimeout(timer);
    add();
    store.notice.value = `${fileName}: ${e instanceof Error ? e.message : String(e)}`;
  }
}
