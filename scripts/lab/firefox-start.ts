// `npm run start:firefox`: the same lab with dist/firefox installed in Firefox as a temporary
// add-on (puppeteer-core over WebDriver BiDi, the Firefox suite's launcher). Headless: every
// scenario, the panel's top finding, the same summary table and exit code as for Chromium.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { firefoxDist, launchFirefox, type FirefoxSession } from './firefox.ts';
import { firefoxCookiePrefs } from './third-party-cookies.ts';
import { driveScenario, openLabTab, waitForRows } from './firefox-driver.ts';
import { NO_TAB } from '../../src/shared/types.ts';
import { labUrl, type Scenario } from './scenarios.ts';
import { summarizeOutcomes } from './summary.ts';
import type { Outcome } from './match.ts';
import type { Lab, Served } from './server.ts';
import type { StartOptions } from './args.ts';

export async function startFirefox(
  opts: StartOptions,
  scenarios: readonly Scenario[],
  lab: Lab,
  served: Served[],
  repo: string,
  onClose: (stop: () => Promise<void>) => void,
): Promise<number> {
  if (opts.browser) process.env.FIREFOX_PATH = opts.browser;
  const runDir = join(repo, 'lab-output', 'firefox');
  mkdirSync(runDir, { recursive: true });
  let ff: FirefoxSession;
  try {
    ff = await launchFirefox({
      extensionDir: firefoxDist(repo),
      runDir,
      headless: opts.headless,
      // the silent renew scenario fails as it does for users who block third-party cookies
      prefs: firefoxCookiePrefs(true),
    });
  } catch (e) {
    console.error(
      `Could not start Firefox with dist/firefox: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
    );
    return 2;
  }
  onClose(() => ff.close());
  console.log(
    `Browser:       ${ff.firefox.path} (${ff.version})${opts.headless ? `  (headless: ${opts.headlessReason})` : ''}`,
  );
  const first = (await ff.browser.pages())[0] ?? (await ff.browser.newPage());
  if (!opts.headless) {
    await first.goto(labUrl(lab.primary));
    console.log('\nThe lab is open in Firefox. Click a scenario, then open the toolbox (F12) → "Auth".');
    console.log('Ctrl+C (or closing Firefox) stops everything and removes the temporary profile.');
    await new Promise<void>((r) => ff.browser.once('disconnected', () => r()));
    return 0;
  }

  const ext = await ff.openExtensionPage('options.html');
  const tab = await openLabTab(ff, ext, lab, undefined, first);
  const drive = { ext, origins: lab, served };
  const panels = new Map<number, Page>();
  const outcomes: Outcome[] = [];
  console.log(`Running ${scenarios.length} lab scenarios in tab ${tab.tabId}...`);
  for (const sc of scenarios) {
    const { outcome, records, bucket } = await driveScenario(drive, tab, sc);
    const newest = records[records.length - 1];
    if (newest) {
      let panel = panels.get(bucket);
      if (!panel) {
        panel = await ff.openExtensionPage(`panel.html?tabId=${bucket}`);
        panels.set(bucket, panel);
        await tab.page.bringToFront();
      }
      try {
        const rows = await waitForRows(panel, (rs) => rs.some((r) => r.id === newest.id), 6000, `row ${newest.id}`);
        outcome.finding = rows.find((r) => r.id === newest.id)?.finding || undefined;
        outcome.findingFrom = 'panel';
      } catch {
        // no row: judge() reports it (finding stays the stored one, if any)
      }
    }
    console.log(
      `  ${sc.id.padEnd(30)} ${outcome.captured > 0 ? 'captured' : 'NOT captured'}  ${outcome.finding ?? '-'}`,
    );
    outcomes.push(outcome);
  }
  const summary = summarizeOutcomes(scenarios, outcomes);
  console.log(`\n${summary.table}`);
  const shots: string[] = [];
  for (const [name, page] of [
    ['lab-firefox.png', tab.page],
    ['panel-firefox.png', panels.get(tab.tabId) ?? panels.get(NO_TAB)],
  ] as const) {
    if (!page) continue;
    const file = join(repo, 'lab-output', name);
    await page.screenshot({ path: file }).then(
      () => shots.push(file),
      () => {},
    );
  }
  if (shots.length) console.log(`\nScreenshots: ${shots.map((f) => f.replace(`${repo}/`, '')).join(', ')}`);
  if (opts.keepOpen) {
    console.log('\n--keep-open: the lab and Firefox keep running. Ctrl+C stops everything.');
    await new Promise(() => {});
  }
  return summary.exitCode;
}
