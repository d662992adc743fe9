// Talking to the loaded extension from one of its own pages, through its own protocol
// (src/shared/messages.ts): what the popup and panel see is what we assert. The evaluated
// functions stay flat (no inner named functions): tsx's keepNames would inject `__name`.
import type { BrowserContext, Page } from 'playwright-core';
import type { CaptureRecord } from '../../src/shared/types.ts';

export interface RecordsReply {
  records: CaptureRecord[];
}

export async function openExtensionPage(context: BrowserContext, extensionId: string, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/${path}`);
  return page;
}

export async function getRecords(ext: Page, tabId: number): Promise<CaptureRecord[]> {
  const reply = (await ext.evaluate(
    (id) => chrome.runtime.sendMessage({ ns: 'authlens', type: 'getRecords', tabId: id }),
    tabId,
  )) as RecordsReply | undefined;
  return reply?.records ?? [];
}

export async function clearTab(ext: Page, tabId: number): Promise<void> {
  await ext.evaluate((id) => chrome.runtime.sendMessage({ ns: 'authlens', type: 'clear', tabId: id }), tabId);
}

export async function setSettings(ext: Page, patch: Record<string, unknown>): Promise<void> {
  await ext.evaluate((p) => chrome.runtime.sendMessage({ ns: 'authlens', type: 'setSettings', patch: p }), patch);
}

export function badgeText(ext: Page, tabId: number): Promise<string> {
  return ext.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

export function badgeTitle(ext: Page, tabId: number): Promise<string> {
  return ext.evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId);
}

/** The id of the one tab whose URL is exactly `url`. */
export async function tabIdOf(ext: Page, url: string): Promise<number> {
  const tabs = await ext.evaluate((u) => chrome.tabs.query({ url: u }).then((ts) => ts.map((t) => t.id ?? -1)), url);
  if (tabs.length !== 1 || tabs[0] === undefined || tabs[0] < 0)
    throw new Error(`expected one tab at ${url}, found ${tabs.length}`);
  return tabs[0];
}

/**
 * The tab of the sign-in popup the lab tab opened (window.open: its opener is the lab tab), or
 * failing that the newest tab showing one of `origins`; undefined when there is none.
 */
export async function popupTabOf(ext: Page, openerTabId: number, origins: string[]): Promise<number | undefined> {
  const tabs = await ext.evaluate(() =>
    chrome.tabs.query({}).then((ts) => ts.map((t) => ({ id: t.id ?? -1, opener: t.openerTabId, url: t.url ?? '' }))),
  );
  const mine = tabs.filter((t) => t.id >= 0 && t.id !== openerTabId);
  const pick =
    mine.filter((t) => t.opener === openerTabId && !t.url.startsWith('chrome-extension:')).pop() ??
    mine.filter((t) => origins.some((o) => t.url.startsWith(o))).pop();
  return pick?.id;
}

/** Poll until `pick` finds what it wants in the tab's records, or give up (returns undefined). */
export async function waitForRecords<T>(
  ext: Page,
  tabId: number,
  pick: (rs: CaptureRecord[]) => T | undefined,
  timeoutMs = 5000,
): Promise<T | undefined> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = pick(await getRecords(ext, tabId));
    if (found !== undefined || Date.now() > end) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function headerOf(headers: { name: string; value: string }[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}
