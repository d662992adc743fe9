// The headless lab run behind `npm start` where there is no display: every scenario clicked,
// a summary table, screenshots of the panel and popup, an exit code.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SCENARIOS, type Scenario } from './scenarios.ts';
import { driveAll, openLab, panelFor, click, type DriveOptions, type Session } from './driver.ts';
import { clearTab, openExtensionPage, waitForRecords } from './extension.ts';
import { summarizeOutcomes, type Summary } from './summary.ts';

/** Scenarios replayed (without clearing) for the screenshots: a readable, varied panel. */
export const SHOWCASE = ['csrf-django', 'insufficient-scope', 'cors-preflight', 'jwt-expired'] as const;

export interface HeadlessResult {
  summary: Summary;
  screenshots: string[];
  session: Session;
}

export async function runHeadless(
  o: DriveOptions,
  outDir: string,
  scenarios: readonly Scenario[] = SCENARIOS,
  log: (l: string) => void = console.log,
): Promise<HeadlessResult> {
  const session = await openLab(o);
  log(`Running ${scenarios.length} lab scenarios in tab ${session.tabId}...`);
  const outcomes = await driveAll(
    {
      ...o,
      onOutcome: (x, s) =>
        log(`  ${s.id.padEnd(30)} ${x.captured > 0 ? 'captured' : 'NOT captured'}  ${x.finding ?? '-'}`),
    },
    session,
    scenarios,
  );
  const summary = summarizeOutcomes(scenarios, outcomes);
  const screenshots = await screenshotsOf(o, session, outDir).catch((e: unknown) => {
    log(`Screenshots failed: ${e instanceof Error ? e.message : String(e)}`);
    return [];
  });
  return { summary, screenshots, session };
}

/** Lab page, panel (with the expired JWT selected) and popup, as PNGs in outDir. */
export async function screenshotsOf(o: DriveOptions, s: Session, outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  await clearTab(s.ext, s.tabId);
  for (const id of SHOWCASE) await click(s.lab, id);
  await waitForRecords(s.ext, s.tabId, (rs) => (rs.length >= SHOWCASE.length ? rs : undefined));
  const files: string[] = [];
  const shot = async (page: Page, name: string, full = false): Promise<void> => {
    const f = join(outDir, name);
    await page.screenshot({ path: f, fullPage: full });
    files.push(f);
  };
  await s.lab.setViewportSize({ width: 1100, height: 900 });
  await s.lab.evaluate(() => window.scrollTo(0, 0));
  await shot(s.lab, 'lab.png');
  const panel = await panelFor(o, s, s.tabId);
  await panel.setViewportSize({ width: 1280, height: 800 });
  const expired = panel.locator('[data-testid="record-row"][data-finding="token-expired"]').first();
  await expired.click({ timeout: 5000 }).catch(() => {});
  await panel.waitForSelector('[data-testid="detail"]', { timeout: 3000 }).catch(() => {});
  await shot(panel, 'panel.png');
  files.push(...(await popupShot(o, s, join(outDir, 'popup.png'))));
  return files;
}

/**
 * The popup shows "the current tab": in a tab of its own that would be itself. Open it, bring
 * the lab tab to the front, and reload the popup so it picks the lab as the active tab.
 */
export async function popupShot(o: DriveOptions, s: Session, file: string): Promise<string[]> {
  const popup = await openExtensionPage(o.context, o.extensionId, 'popup.html');
  await popup.setViewportSize({ width: 420, height: 600 });
  await s.lab.bringToFront();
  await popup.reload();
  await popup
    .waitForSelector('[data-testid="popup-row"], [data-testid="popup-empty"]', { timeout: 5000 })
    .catch(() => {});
  await popup.screenshot({ path: file });
  return [file];
}
