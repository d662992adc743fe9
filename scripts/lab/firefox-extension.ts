// Talking to the installed add-on from one of its own pages, through its own protocol
// (src/shared/messages.ts): what the popup and panel see is what the lab and the tests check.
import type { Page } from 'puppeteer-core';
import type { CaptureRecord } from '../../src/shared/types.ts';
import type { Settings } from '../../src/shared/settings.ts';
import { poll } from './firefox.ts';

interface Ext {
  runtime: { sendMessage(m: unknown): Promise<unknown> };
  tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
  action: { getBadgeText(d: { tabId: number }): Promise<string>; getTitle(d: { tabId: number }): Promise<string> };
}
declare const browser: Ext;

/** The id of the tab whose URL starts with `prefix` (as the add-on sees it). */
export async function tabIdOf(ext: Page, prefix: string): Promise<number> {
  const tabs = await ext.evaluate(() => browser.tabs.query({}).then((ts) => ts.map((t) => ({ id: t.id, url: t.url }))));
  const hits = tabs.filter((t) => t.url?.startsWith(prefix));
  if (hits.length !== 1 || hits[0]!.id === undefined)
    throw new Error(`expected one tab at ${prefix}, found ${JSON.stringify(tabs)}`);
  return hits[0]!.id;
}

export function getRecords(ext: Page, tabId: number): Promise<{ records: CaptureRecord[]; settings: Settings }> {
  return ext.evaluate(
    (id) => browser.runtime.sendMessage({ ns: 'authlens', type: 'getRecords', tabId: id }),
    tabId,
  ) as Promise<{ records: CaptureRecord[]; settings: Settings }>;
}

export function badgeText(ext: Page, tabId: number): Promise<string> {
  return ext.evaluate((id) => browser.action.getBadgeText({ tabId: id }), tabId);
}

export function badgeTitle(ext: Page, tabId: number): Promise<string> {
  return ext.evaluate((id) => browser.action.getTitle({ tabId: id }), tabId);
}

/** Waits until the tab holds at least `n` records (captures land asynchronously). */
export async function waitForRecords(
  ext: Page,
  tabId: number,
  n: number,
  timeoutMs = 10_000,
): Promise<CaptureRecord[]> {
  const r = await poll(
    ext,
    (id) =>
      browser.runtime.sendMessage({ ns: 'authlens', type: 'getRecords', tabId: id }) as Promise<{
        records: CaptureRecord[];
      }>,
    (reply) => (reply?.records?.length ?? 0) >= n,
    timeoutMs,
    `${n} record(s) in tab ${tabId}`,
    tabId,
  );
  return r.records;
}

export function header(headers: { name: string; value: string }[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}
