// The background's parts put together over small interfaces (browser APIs in index.ts, fakes in
// tests). Nothing here registers a listener: index.ts does that synchronously at top level.
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings.ts';
import type { CaptureRecord } from '../shared/types.ts';
import { BadgeCoalescer, badgeState, type BadgeApi } from './badge.ts';
import { PATTERN_WINDOW_MS } from '../http/limits.ts';
import { Capture } from './capture.ts';
import { CONTEXT_PREFIX, ContextStore } from './context-store.ts';
import type { AuthRequiredDetails, ErrorDetails, ResponseDetails } from './details.ts';
import { keepRecord } from './failure.ts';
import { Hub, type HubPort } from './hub.ts';
import { LossLedger, STATUS_KEY } from './losses.ts';
import { navigationCutoff } from './navigation.ts';
import { SettingsHolder, SETTINGS_KEY, type SettingsArea } from './settings.ts';
import { RECORD_PREFIX, RecordStore, type StorageArea, type StoreOptions } from './store.ts';
import { SerialWriter, realClock, type Clock, type WriterOptions } from './writer.ts';

export interface WorkerDeps {
  /** browser.storage.session */
  session: StorageArea;
  /** browser.storage.local */
  local: SettingsArea;
  badge: BadgeApi;
  tabTitle?(tabId: number): Promise<string | undefined>;
  warn?(msg: string): void;
  budgetBytes?: StoreOptions['budgetBytes'];
  /** timers (tests drive them by hand) */
  clock?: Clock;
  /** the writer's batching (tests) */
  writes?: Pick<WriterOptions, 'intervalMs' | 'lazyMs' | 'reportAfter'>;
  /** the browser counts two-byte strings double (Firefox): store one-byte ones (size.ts) */
  oneByteStrings?: boolean;
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
  const clock = deps.clock ?? realClock;
  const settings = new SettingsHolder(deps.local);
  const capture = new Capture({ captureStatuses: WIDE_STATUSES, paused: false });
  // the one writer of storage.session (writer.ts), for the records, the context and the status
  const writer: SerialWriter = new SerialWriter(deps.session, {
    ...deps.writes,
    clock,
    valueOf: (key) =>
      key.startsWith(RECORD_PREFIX)
        ? store.stored(key)
        : key.startsWith(CONTEXT_PREFIX)
          ? context.stored(key)
          : key === STATUS_KEY
            ? losses.stored()
            : undefined,
    // the context entries go before any record
    onQuota: () => (context.bytes > 0 ? context.shed() : store.shed()),
    onTrouble: (t) => {
      const perTab = new Map<number, number>();
      for (const key of t?.keys ?? []) {
        const tabId = RecordStore.tabOfKey(key);
        if (tabId !== undefined && store.stored(key) !== undefined) perTab.set(tabId, (perTab.get(tabId) ?? 0) + 1);
      }
      losses.unsaved(perTab, t?.error);
    },
    warn,
  });
  const losses = new LossLedger(writer, deps.local);
  // one read of the whole area for every store (and the status)
  let all: Promise<Record<string, unknown>> | undefined;
  const read = (): Promise<Record<string, unknown>> =>
    (all ??= deps.session.get(null).then((items) => {
      losses.fill(items);
      return items;
    }));
  const store = new RecordStore(read, writer, {
    recordsPerTab: DEFAULT_SETTINGS.recordsPerTab,
    warn,
    losses,
    oneByte: deps.oneByteStrings === true,
    ...(deps.budgetBytes ? { budgetBytes: deps.budgetBytes } : {}),
  });
  const context = new ContextStore(read, writer, { warn, oneByte: deps.oneByteStrings === true });
  const hub = new Hub({
    store,
    settings,
    context,
    losses,
    ...(deps.tabTitle ? { tabTitle: deps.tabTitle } : {}),
  });
  // a worker woken by a failure must not wait for the settings after the records: read both now
  void settings.load();

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
    // A worker woken by this very failure has not read storage or the settings yet: the record
    // goes to storage now, in this event's task, and joins the list once they are read.
    const early = store.loaded ? undefined : store.writeEarly(r);
    void enqueue(async () => {
      if (keepRecord(r, await settings.load())) await store.add(r, early);
      else if (early) await store.forget(early);
    });
  };

  capture.onContext = (tabId, entry) => void enqueue(() => context.add(tabId, entry));
  // a cleared tab (Clear button, tab closed) loses its context with its records
  store.subscribe((e) => {
    if (e.type === 'cleared') void enqueue(() => context.clearTab(e.tabId));
  });
  // A worker stopped between a failure and the refresh that follows must still see that
  // refresh: reopen each tab's window from its newest record (one storage read per start).
  const reopened = Promise.all([
    store.load().then(() =>
      store.tabIds().then((ids) => {
        for (const tabId of ids) {
          const list = store.peek(tabId);
          const newest = list[list.length - 1];
          if (newest) capture.watchTab(tabId, newest.time + PATTERN_WINDOW_MS);
        }
      }),
    ),
    // records a previous worker could not write before it stopped: said lost (losses.ts)
    store.load().then(() => losses.takeNote()),
  ]);

  // Badges: one update per tab per interval, the last one right at the end of a burst (badge.ts).
  const badges = new BadgeCoalescer(
    deps.badge,
    async (tabId) => {
      await store.load();
      return badgeState(store.peek(tabId));
    },
    clock,
  );
  const refreshBadge = (tabId: number): Promise<void> => badges.force(tabId);
  store.subscribe((e) => badges.changed(e.tabId));

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
    onTabUpdated: async (tabId: number, change: { status?: string }): Promise<void> => {
      if (!change.status) return;
      await store.load();
      // a tab with no failures whose badge this worker never set shows the default already
      if (store.peek(tabId).length > 0 || badges.showing(tabId)) await refreshBadge(tabId);
    },
    onTabRemoved: (tabId: number): Promise<void> => {
      capture.forgetTab(tabId);
      badges.forget(tabId);
      return enqueue(() => store.clearTab(tabId));
    },
    onConnect: (port: HubPort): void => hub.connect(port),
    onMessage: (msg: unknown): Promise<unknown> | undefined => hub.handle(msg),
    onStorageChanged: (changes: Record<string, { newValue?: unknown }>, area: string): void => {
      if (area === 'local' && SETTINGS_KEY in changes) settings.external(changes[SETTINGS_KEY]?.newValue);
    },
    writer,
    losses,
    badges,
    /** every queued change applied, written and badged now (tests and the bench wait on this) */
    async idle(): Promise<void> {
      await reopened;
      await queue;
      await store.load();
      await writer.flush();
      await badges.flush();
    },
  };
}

export type Worker = ReturnType<typeof createWorker>;
