// The toolbar badge per tab: pure text/tooltip, and a thin applier behind a small interface
// (browser.action in the extension, a fake in tests).
import type { CaptureRecord } from '../shared/types.ts';

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
export async function applyBadge(api: BadgeApi, tabId: number, state: BadgeState): Promise<void> {
  if (tabId < 0) return; // the "no tab" bucket has no toolbar button
  const quiet = async (call: () => Promise<void>): Promise<void> => {
    try {
      await call();
    } catch {
      // "No tab with id": the tab closed while we were counting
    }
  };
  const calls = [
    quiet(() => api.setBadgeText({ tabId, text: state.text })),
    quiet(() => api.setTitle({ tabId, title: state.title })),
  ];
  if (state.alert) calls.push(quiet(() => api.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR })));
  const setIcon = api.setIcon?.bind(api);
  if (setIcon) calls.push(quiet(() => setIcon({ tabId, path: state.alert ? ALERT_ICON : PLAIN_ICON })));
  await Promise.all(calls);
}
