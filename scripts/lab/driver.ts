// Drives lab scenarios in a browser that has AuthLens loaded: click each button, find the
// capture in the extension's store (through its own protocol), read the panel row's finding.
// Used by `npm start` (headless) and by the Chromium lab suite.
import type { BrowserContext, Page } from 'playwright-core';
import { NO_TAB } from '../../src/shared/types.ts';
import { READY_SELECTOR, buttonSelector, doneSelector, labUrl, type Scenario } from './scenarios.ts';
import { capturesFor, produced, type Origins, type Outcome } from './match.ts';
import { clearTab, getRecords, openExtensionPage, popupTabOf, tabIdOf, waitForRecords } from './extension.ts';
import type { Served } from './server.ts';

export interface DriveOptions {
  context: BrowserContext;
  extensionId: string;
  origins: Origins;
  /** the lab's log of answered requests (startLab's onRequest pushes into it) */
  served: Served[];
  /** how long to wait for a capture / a panel row */
  waitMs?: number;
  onOutcome?: (o: Outcome, s: Scenario) => void;
}

export interface Session {
  lab: Page;
  ext: Page;
  tabId: number;
  panels: Map<number, Page>;
}

/** Open the lab in a tab (its service worker ready) and an extension page to talk through. */
export async function openLab(o: DriveOptions, tab?: string): Promise<Session> {
  const lab = await o.context.newPage();
  const url = labUrl(o.origins.primary, tab);
  await lab.goto(url);
  await lab.waitForSelector(READY_SELECTOR);
  await lab.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const ext = await openExtensionPage(o.context, o.extensionId, 'options.html');
  const tabId = await tabIdOf(ext, url);
  await lab.bringToFront();
  return { lab, ext, tabId, panels: new Map() };
}

export async function panelFor(o: DriveOptions, s: Session, tabId: number): Promise<Page> {
  let p = s.panels.get(tabId);
  if (!p) {
    p = await openExtensionPage(o.context, o.extensionId, `panel.html?tabId=${tabId}`);
    s.panels.set(tabId, p);
    await s.lab.bringToFront();
  }
  return p;
}

/** Click a scenario's button and wait for the lab page to say it is done. */
export async function click(lab: Page, id: string, timeoutMs = 20_000): Promise<{ state: string; log: string }> {
  await lab.click(buttonSelector(id));
  const out = lab.locator(`[data-scenario-state="${id}"]`);
  try {
    await lab.waitForSelector(doneSelector(id), { timeout: timeoutMs });
  } catch {
    return { state: 'timeout', log: (await out.textContent()) ?? '' };
  }
  return { state: (await out.getAttribute('data-state')) ?? '?', log: (await out.textContent()) ?? '' };
}

/**
 * The bucket a scenario's record lands in: the lab tab, "no tab", or the sign-in popup's tab
 * (known once the scenario opened it; the lab tab until then).
 */
export async function bucketOf(o: DriveOptions, s: Session, sc: Scenario): Promise<number> {
  if (sc.bucket === 'no-tab') return NO_TAB;
  if (sc.bucket === 'tab') return s.tabId;
  const signin = [o.origins.idp, `${o.origins.primary}/signin/`].filter((x): x is string => !!x);
  return (await popupTabOf(s.ext, s.tabId, signin)) ?? s.tabId;
}

export async function driveOne(o: DriveOptions, s: Session, sc: Scenario): Promise<Outcome> {
  const wait = o.waitMs ?? 5000;
  const want = sc.expect.capture;
  // each scenario starts from an empty bucket, so history-based findings (bursts, refresh
  // loops) see this scenario's requests only (a popup's tab is cleared by its own navigation)
  if (sc.bucket !== 'popup') await clearTab(s.ext, await bucketOf(o, s, sc));
  const servedBefore = o.served.length;
  const { state, log } = await click(s.lab, sc.id, 30_000);
  const bucket = await bucketOf(o, s, sc);
  const answered = produced(o.served.slice(servedBefore), want);
  const count = want.count ?? 1;
  const found = await waitForRecords(
    s.ext,
    bucket,
    (rs) => {
      const c = capturesFor(rs, want, o.origins);
      return c.length >= count ? c : undefined;
    },
    answered ? wait : 500,
  );
  // settle: a duplicate capture would land right after the first
  await new Promise((r) => setTimeout(r, 150));
  const caps = capturesFor(await getRecords(s.ext, bucket), want, o.origins);
  const newest = caps[caps.length - 1] ?? found?.[found.length - 1];
  const outcome: Outcome = { id: sc.id, produced: answered, captured: caps.length, findingFrom: 'none', state, log };
  if (newest) {
    const panel = await panelFor(o, s, bucket);
    // A row is diagnosed a frame after it is painted (data-pending), and context entries (a
    // refresh, a retry) may land just after it: re-read until the expected finding shows or 3 s pass.
    const row = panel.locator(`[data-testid="record-row"][data-record-id="${newest.id}"]:not([data-pending])`);
    try {
      await row.waitFor({ state: 'attached', timeout: wait });
      const read = async (): Promise<void> => {
        outcome.finding = (await row.getAttribute('data-finding')) || undefined;
        outcome.findings = ((await row.getAttribute('data-findings')) ?? '').split(' ').filter(Boolean);
      };
      await read();
      const also = sc.expect.alsoFindings ?? [];
      for (
        let t = 0;
        t < 30 && (outcome.finding !== sc.expect.topFinding || also.some((id) => !outcome.findings?.includes(id)));
        t++
      ) {
        await new Promise((r) => setTimeout(r, 100));
        await read();
      }
      outcome.findingFrom = 'panel';
    } catch {
      outcome.findingFrom = 'record';
    }
  }
  o.onOutcome?.(outcome, sc);
  return outcome;
}

export async function driveAll(o: DriveOptions, s: Session, scenarios: readonly Scenario[]): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const sc of scenarios) out.push(await driveOne(o, s, sc));
  return out;
}
