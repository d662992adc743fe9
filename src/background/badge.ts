// The toolbar badge per tab: pure text/tooltip, a thin applier behind a small interface
// (browser.action in the extension, a fake in tests), and the coalescer that decides when.
import type { CaptureRecord } from '../shared/types.ts';
import { realClock, type Clock } from './writer.ts';

export const BADGE_COLOR = '#c62828';
const PLAIN_ICON = { 16: 'icons/icon-16.png', 32: 'icons/icon-32.png' };
const ALERT_ICON = { 16: 'icons/icon-alert-16.png', 32: 'icons/icon-alert-32.png' };

export function badgeText(count: number): string {
  if (!(count > 0)) return '';
  return count > 99 ? '99+' : String(Math.floor(count));
}

/** "AuthLens: 3 auth failures (2 × 401, 1 × 403)": most frequent status first. */
export function badgeTitle(records: readonly Pick<CaptureRecord, 'status'>[]): string {
  if (records.length === 0) return 'AuthLens';
  const counts = new Map<number, number>();
  for (const r of records) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const parts = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([status, n]) => `${n} × ${status}`);
  const noun = records.length === 1 ? 'auth failure' : 'auth failures';
  return `AuthLens: ${records.length} ${noun} (${parts.join(', ')})`;
}

/** What the applier needs from `browser.action` (all per tab). */
export interface BadgeApi {
  setBadgeText(d: { tabId: number; text: string }): Promise<void>;
  setTitle(d: { tabId: number; title: string }): Promise<void>;
  setBadgeBackgroundColor(d: { tabId: number; color: string }): Promise<void>;
  setIcon?(d: { tabId: number; path: Record<number, string> }): Promise<void>;
}

export interface BadgeState {
  text: string;
  title: string;
  alert: boolean;
}

export function badgeState(records: readonly Pick<CaptureRecord, 'status'>[]): BadgeState {
  return { text: badgeText(records.length), title: badgeTitle(records), alert: records.length > 0 };
}

/**
 * Sets one tab's badge. Chrome wipes per-tab badges at every committed main-frame navigation
 * (even the commit of the 401 page itself), so callers re-apply after webNavigation.onCommitted
 * and tabs.onUpdated. A tab that closed meanwhile makes these calls reject: ignored.
 */
export async function applyBadge(api: BadgeApi, tabId: number, state: BadgeState, was?: BadgeState): Promise<void> {
  if (tabId < 0) return; // the "no tab" bucket has no toolbar button
  const quiet = async (call: () => Promise<void>): Promise<void> => {
    try {
      await call();
    } catch {
      // "No tab with id": the tab closed while we were counting
    }
  };
  // `was`: what this tab shows now; only what differs is set (each call is an IPC hop)
  const calls: Promise<void>[] = [];
  if (was?.text !== state.text) calls.push(quiet(() => api.setBadgeText({ tabId, text: state.text })));
  if (was?.title !== state.title) calls.push(quiet(() => api.setTitle({ tabId, title: state.title })));
  if (was?.alert !== state.alert) {
    if (state.alert) calls.push(quiet(() => api.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR })));
    const setIcon = api.setIcon?.bind(api);
    if (setIcon) calls.push(quiet(() => setIcon({ tabId, path: state.alert ? ALERT_ICON : PLAIN_ICON })));
  }
  await Promise.all(calls);
}

/** least time between two updates of one tab's badge (ms) */
export const BADGE_INTERVAL_MS = 250;

/**
 * One badge update per tab per interval, whatever the rate of failures: the first change after
 * a quiet spell shows at once, the changes within the interval after it in one update at its
 * end (so a burst's last count shows right as it ends). Remembers what each tab shows, so an
 * update sets only what changed; `force` re-applies everything (Chrome wiped the tab's badge at a
 * navigation commit).
 */
export class BadgeCoalescer {
  private readonly shown = new Map<number, BadgeState>();
  private readonly last = new Map<number, number>();
  private readonly timers = new Map<number, unknown>();

  constructor(
    private readonly api: BadgeApi,
    private readonly stateOf: (tabId: number) => Promise<BadgeState>,
    private readonly clock: Clock = realClock,
    private readonly intervalMs = BADGE_INTERVAL_MS,
  ) {}

  /** the tab's count changed */
  changed(tabId: number): void {
    if (tabId < 0 || this.timers.has(tabId)) return;
    const wait = (this.last.get(tabId) ?? -Infinity) + this.intervalMs - this.clock.now();
    if (wait <= 0) {
      void this.apply(tabId);
      return;
    }
    this.timers.set(
      tabId,
      this.clock.setTimeout(() => {
        this.timers.delete(tabId);
        void this.apply(tabId);
      }, wait),
    );
  }

  /** apply now, every part (the browser wiped the badge) */
  async force(tabId: number): Promise<void> {
    const t = this.timers.get(tabId);
    if (t !== undefined) this.clock.clearTimeout(t);
    this.timers.delete(tabId);
    await this.apply(tabId, true);
  }

  /** whether this worker set something on the tab's badge */
  showing(tabId: number): boolean {
    return this.shown.get(tabId)?.alert === true;
  }

  /** the tab closed */
  forget(tabId: number): void {
    const t = this.timers.get(tabId);
    if (t !== undefined) this.clock.clearTimeout(t);
    this.timers.delete(tabId);
    this.shown.delete(tabId);
    this.last.delete(tabId);
  }

  /** every planned update applied now (tests) */
  async flush(): Promise<void> {
    const tabs = [...this.timers.keys()];
    for (const t of tabs) this.clock.clearTimeout(this.timers.get(t));
    this.timers.clear();
    await Promise.all(tabs.map((t) => this.apply(t)));
  }

  private async apply(tabId: number, all = false): Promise<void> {
    this.last.set(tabId, this.clock.now());
    const state = await this.stateOf(tabId);
    const was = this.shown.get(tabId);
    this.shown.set(tabId, state);
    await applyBadge(this.api, tabId, state, all ? undefined : was);
  }
}
