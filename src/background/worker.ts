// The background's parts put together over small interfaces (browser APIs in index.ts, fakes in
// tests). Nothing here registers a listener: index.ts does that synchronously at top level.
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings.ts';
import type { CaptureRecord } from '../shared/types.ts';
import { applyBadge, badgeState, type BadgeApi } from './badge.ts';
import { PATTERN_WINDOW_MS } from '../http/limits.ts';
import { Capture } from './capture.ts';
import { ContextStore } from './context-store.ts';
import type { AuthRequiredDetails, ErrorDetails, ResponseDetails } from './details.ts';
import { keepRecord } from './failure.ts';
import { Hub, type HubPort } from './hub.ts';
import { navigationCutoff } from './navigation.ts';
import { SettingsHolder, SETTINGS_KEY, type SettingsArea } from './settings.ts';
import { RecordStore, type StorageArea, type StoreOptions } from './store.ts';

export interface WorkerDeps {
  /** browser.storage.session */
  session: StorageArea;
  /** browser.storage.local */
  local: SettingsArea;
  badge: BadgeApi;
  tabTitle?(tabId: number): Promise<string | undefined>;
  warn?(msg: string): void;
  budgetBytes?: StoreOptions['budgetBytes'];
}

export interface CommitDetails {
  tabId: number;
  frameId: number;
  url: string;
  timeStamp: number;
  documentLifecycle?: string;
}

/** Until the settings are read, capture every 4xx/5xx too; keepRecord() applies the real set. */
const WIDE_STATUSES = [
  ...new Set([...DEFAULT_SETTINGS.captureStatuses, ...Array.from({ length: 200 }, (_, i) => 400 + i)]),
];

export function createWorker(deps: WorkerDeps) {
  const warn = deps.warn ?? ((m: string) => console.warn(`AuthLens: ${m}`));
  const settings = new SettingsHolder(deps.local);
  const capture = new Capture({ captureStatuses: WIDE_STATUSES, paused: false });
  const store = new RecordStore(deps.session, {
    recordsPerTab: DEFAULT_SETTINGS.recordsPerTab,
    warn,
    ...(deps.budgetBytes ? { budgetBytes: deps.budgetBytes } : {}),
  });
  const context = new ContextStore(deps.session, { warn });
  const hub = new Hub({ store, settings, context, ...(deps.tabTitle ? { tabTitle: deps.tabTitle } : {}) });

  settings.subscribe((s: Settings) => {
    capture.configure(s);
    void store.setRecordsPerTab(s.recordsPerTab);
  });

  // One queue for everything that changes records, so a navigation's clear never overtakes the
  // capture of that navigation's own failure.
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = (job: () => Promise<unknown>): Promise<void> => {
    const run = queue.then(job).then(
      () => undefined,
      (e: unknown) => warn(String(e)),
    );
    queue = run;
    return run;
  };

  const commit = (r: CaptureRecord | undefined): void => {
    if (!r) return;
    void enqueue(async () => {
      if (keepRecord(r, await settings.load())) await store.add(r);
    });
  };

  capture.onContext = (tabId, entry) => void enqueue(() => context.add(tabId, entry));
  // a cleared tab (Clear button, tab closed) loses its context with its records
  store.subscribe((e) => {
    if (e.type === 'cleared') void enqueue(() => context.clearTab(e.tabId));
  });
  // A worker stopped between a failure and the refresh that follows must still see that
  // refresh: reopen each tab's window from its newest record (one storage read per start).
  const reopened = store.load().then(() =>
    store.tabIds().then((ids) => {
      for (const tabId of ids) {
        const list = store.peek(tabId);
        const newest = list[list.length - 1];
        if (newest) capture.watchTab(tabId, newest.time + PATTERN_WINDOW_MS);
      }
    }),
  );

  // Badges: coalesce the changes of one turn into one update per tab.
  const dirtyBadges = new Set<number>();
  const refreshBadge = (tabId: number): Promise<void> =>
    store.load().then(() => applyBadge(deps.badge, tabId, badgeState(store.peek(tabId))));
  store.subscribe((e) => {
    if (e.tabId < 0 || dirtyBadges.has(e.tabId)) return;
    dirtyBadges.add(e.tabId);
    queueMicrotask(() => {
      dirtyBadges.delete(e.tabId);
      void refreshBadge(e.tabId);
    });
  });

  return {
    capture,
    store,
    context,
    settings,
    hub,
    onSendHeaders: capture.onSendHeaders,
    onHeadersReceived: (d: ResponseDetails): void => commit(capture.onHeadersReceived(d)),
    onBeforeRedirect: capture.onBeforeRedirect,
    onAuthRequired: (d: AuthRequiredDetails): void => commit(capture.onAuthRequired(d)),
    onErrorOccurred: (d: ErrorDetails): void => commit(capture.onErrorOccurred(d)),

    /** A committed top-level navigation: clear the previous page's records, re-apply the badge. */
    onCommitted: (d: CommitDetails): Promise<void> => {
      if (d.frameId !== 0 || d.documentLifecycle === 'prerender') return Promise.resolve();
      const request = capture.takeMainFrame(d.tabId);
      return enqueue(async () => {
        const s = await settings.load();
        await store.load();
        if (!s.preserveLog) {
          const cutoff = navigationCutoff(store.peek(d.tabId), d, request);
          await store.clearBefore(d.tabId, cutoff);
          await context.clearBefore(d.tabId, cutoff);
        }
        // Chrome wiped this tab's badge at the commit, whatever we changed
        await refreshBadge(d.tabId);
      });
    },
    onTabUpdated: (tabId: number, change: { status?: string }): Promise<void> =>
      change.status ? refreshBadge(tabId) : Promise.resolve(),
    onTabRemoved: (tabId: number): Promise<void> => {
      capture.forgetTab(tabId);
      return enqueue(() => store.clearTab(tabId));
    },
    onConnect: (port: HubPort): void => hub.connect(port),
    onMessage: (msg: unknown): Promise<unknown> | undefined => hub.handle(msg),
    onStorageChanged: (changes: Record<string, { newValue?: unknown }>, area: string): void => {
      if (area === 'local' && SETTINGS_KEY in changes) settings.external(changes[SETTINGS_KEY]?.newValue);
    },
    /** every queued change applied and written (tests, and nothing else, wait on this) */
    async idle(): Promise<void> {
      await reopened;
      await queue;
      await store.idle();
      await context.idle();
    },
  };
}

export type Worker = ReturnType<typeof createWorker>;
