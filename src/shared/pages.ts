// The addresses of our own pages: the full report of a tab (panel.html, also opened as a normal
// tab from the popup), the popup pinned to a tab, and the catalogue entry of a finding.
import { NO_TAB } from './types.ts';

/** `panel.html?tabId=N`, focused on one record when `recordId` is given. */
export function panelPath(tabId: number, recordId?: string): string {
  const path = `panel.html?tabId=${tabId}`;
  return recordId === undefined ? path : `${path}&record=${encodeURIComponent(recordId)}`;
}

/** The tab a page was opened for (`?tabId=N`): a whole number from NO_TAB up, else undefined. */
export function tabIdFromSearch(search: string): number | undefined {
  const raw = new URLSearchParams(search).get('tabId');
  if (raw === null || !/^-?\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= NO_TAB ? n : undefined;
}

/** The record panel.html was opened on (`&record=ID`). */
export function recordIdFromSearch(search: string): string | undefined {
  return new URLSearchParams(search).get('record') ?? undefined;
}

/** What one finding id means, in the catalogue page built from the engine's metadata. */
export function findingPath(id: string): string {
  return `findings.html#${id}`;
}
