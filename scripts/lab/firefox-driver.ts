// Drives the lab's scenarios (scripts/lab/scenarios.ts, the same data the Chromium suite and
// `npm start` use) in Firefox through puppeteer-core. The matching and judging is the lab's own
// pure code (scripts/lab/match.ts); only the clicking is browser-specific, because the lab's
// driver.ts is written against playwright's Page.
import type { Page } from 'puppeteer-core';
import { NO_TAB, type CaptureRecord } from '../../src/shared/types.ts';
import { labUrl, type Scenario } from './scenarios.ts';
import { capturesFor, produced, type Origins, type Outcome } from './match.ts';
import type { Served } from './server.ts';
import type { FirefoxSession } from './firefox.ts';
import { getRecords, tabIdOf } from './firefox-extension.ts';

export interface LabTab {
  page: Page;
  url: string;
  tabId: number;
}

export async function openLabTab(
  ff: FirefoxSession,
  ext: Page,
  origins: Origins,
  tab?: string,
  page?: Page,
): Promise<LabTab> {
  const p = page ?? (await ff.browser.newPage());
  const url = labUrl(origins.primary, tab);
  await p.goto(url);
  await p.waitForSelector('body[data-lab-ready="true"]', { timeout: 15_000 });
  await p.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  return { page: p, url, tabId: await tabIdOf(ext, url) };
}

/** Click a scenario's button and wait for the lab page to say it is done. */
export async function clickScenario(
  lab: Page,
  id: string,
  timeoutMs = 20_000,
): Promise<{ state: string; log: string }> {
  await lab.click(`[data-scenario="${id}"]`);
  const sel = `[data-scenario-state="${id}"]`;
  try {
    await lab.waitForSelector(`${sel}:is([data-state="done"], [data-state="error"])`, { timeout: timeoutMs });
  } catch {
    return { state: 'timeout', log: await lab.$eval(sel, (e) => e.textContent ?? '') };
  }
  return lab.$eval(sel, (e) => ({ state: e.getAttribute('data-state') ?? '?', log: e.textContent ?? '' }));
}

export function clearBucket(ext: Page, tabId: number): Promise<unknown> {
  return ext.evaluate(
    (id) =>
      (
        globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).browser.runtime.sendMessage({ ns: 'authlens', type: 'clear', tabId: id }),
    tabId,
  );
}

/** The sign-in popup the lab tab opened (its opener), or the newest tab showing one of `origins`. */
export async function popupTabOf(
  ext: Page,
  openerTabId: number,
  origins: (string | undefined)[],
): Promise<number | undefined> {
  const tabs = await ext.evaluate(() =>
    browser.tabs.query({}).then((ts) => ts.map((t) => ({ id: t.id ?? -1, opener: t.openerTabId, url: t.url ?? '' }))),
  );
  const mine = tabs.filter((t) => t.id >= 0 && t.id !== openerTabId && !t.url.startsWith('moz-extension:'));
  const known = origins.filter((o): o is string => !!o);
  return (
    mine.filter((t) => t.opener === openerTabId).pop() ??
    mine.filter((t) => known.some((o) => t.url.startsWith(o))).pop()
  )?.id;
}

export interface Drive {
  ext: Page;
  origins: Origins;
  served: Served[];
  waitMs?: number;
}

/** What one scenario left: the lab's outcome (as match.ts judges it) and the records it matched. */
export interface Driven {
  outcome: Outcome;
  records: CaptureRecord[];
  bucket: number;
}

/**
 * Runs one scenario from an empty bucket (history-based findings such as bursts see only this
 * scenario) and collects the matching records. The finding is read from the record here; the
 * panel rows are checked by the suite on panel.html.
 */
export async function driveScenario(d: Drive, lab: LabTab, sc: Scenario): Promise<Driven> {
  const wait = d.waitMs ?? 6000;
  const want = sc.expect.capture;
  const count = want.count ?? 1;
  // a sign-in popup's tab is known once the scenario opened it (its own navigation clears it)
  if (sc.bucket !== 'popup') await clearBucket(d.ext, sc.bucket === 'no-tab' ? NO_TAB : lab.tabId);
  const before = d.served.length;
  const { state, log } = await clickScenario(lab.page, sc.id, 30_000);
  // a popup's tab may be listed (or carry its URL) only a moment after the click returns on a
  // loaded machine, so it is looked up again while waiting
  const bucketNow = async (): Promise<number> =>
    sc.bucket === 'no-tab'
      ? NO_TAB
      : sc.bucket === 'popup'
        ? ((await popupTabOf(d.ext, lab.tabId, [d.origins.idp, `${d.origins.primary}/signin/`])) ?? lab.tabId)
        : lab.tabId;
  let bucket = await bucketNow();
  const answered = produced(d.served.slice(before), want);
  const end = Date.now() + (answered ? wait : 500);
  let caps: CaptureRecord[];
  for (;;) {
    if (sc.bucket === 'popup') bucket = await bucketNow();
    caps = capturesFor((await getRecords(d.ext, bucket)).records, want, d.origins);
    if (caps.length >= count || Date.now() > end) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  // settle: a duplicate capture would land right after the first
  await new Promise((r) => setTimeout(r, 150));
  caps = capturesFor((await getRecords(d.ext, bucket)).records, want, d.origins);
  const newest = caps[caps.length - 1];
  const outcome: Outcome = {
    id: sc.id,
    produced: answered,
    captured: caps.length,
    findingFrom: newest ? 'record' : 'none',
    state,
    log,
  };
  return { outcome, records: caps, bucket };
}

export interface RowView {
  id: string;
  status: string;
  finding: string;
}

/** The panel's rendered rows whose diagnosis has arrived (panel.html?tabId=N opened as a page). */
export function panelRows(panel: Page): Promise<RowView[]> {
  return panel.evaluate(() =>
    [...document.querySelectorAll('[data-testid="record-row"][data-record-id]:not([data-pending])')].map((e) => ({
      id: e.getAttribute('data-record-id') ?? '',
      status: e.getAttribute('data-status') ?? '',
      finding: e.getAttribute('data-finding') ?? '',
    })),
  );
}

/** Waits until the panel shows rows satisfying ok (polling: no waitForSelector on extension pages). */
export async function waitForRows(
  panel: Page,
  ok: (rows: RowView[]) => boolean,
  timeoutMs: number,
  what: string,
): Promise<RowView[]> {
  const end = Date.now() + timeoutMs;
  let rows: RowView[] = [];
  for (;;) {
    try {
      rows = await panelRows(panel);
      if (ok(rows)) return rows;
    } catch {
      // the page may be between documents
    }
    if (Date.now() > end) throw new Error(`panel: timed out waiting for ${what}; rows: ${JSON.stringify(rows)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
