// Every lab scenario (scripts/lab/scenarios.ts: the same data, server and expectations as the
// Chromium suite in lab.e2e.ts) driven in real Firefox with dist/firefox installed: each failure
// must be captured the promised number of times, counted on the lab tab's badge, and shown in
// panel.html?tabId=N with the promised top finding. Expectations are not bent for Firefox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { NO_TAB } from '../../src/shared/types.ts';
import { SCENARIOS } from '../../scripts/lab/scenarios.ts';
import { startLab, type Lab, type Served } from '../../scripts/lab/server.ts';
import { judge } from '../../scripts/lab/match.ts';
import { firefoxDist, launchFirefox, type FirefoxSession } from '../../scripts/lab/firefox.ts';
import { badgeText } from '../../scripts/lab/firefox-extension.ts';
import { firefoxCookiePrefs } from '../../scripts/lab/third-party-cookies.ts';
import { driveScenario, openLabTab, waitForRows, type Drive, type LabTab } from '../../scripts/lab/firefox-driver.ts';

const repo = resolve(import.meta.dirname, '../..');
const served: Served[] = [];
let lab: Lab;
let ff: FirefoxSession;
let ext: Page;
let tab: LabTab;
let d: Drive;
const panels = new Map<number, Page>();

async function panelFor(tabId: number): Promise<Page> {
  let p = panels.get(tabId);
  if (!p) {
    p = await ff.openExtensionPage(`panel.html?tabId=${tabId}`);
    panels.set(tabId, p);
    // the lab tab runs timers (waits, aborts): keep it in front, as a user would
    await tab.page.bringToFront();
  }
  return p;
}

beforeAll(async () => {
  lab = await startLab({ onRequest: (e) => served.push(e) });
  ff = await launchFirefox({
    extensionDir: firefoxDist(repo),
    runDir: join(repo, 'test-output', 'e2e-firefox-lab'),
    // third-party cookies blocked, as the silent renew scenario needs (a user's setting)
    prefs: firefoxCookiePrefs(true),
  });
  ext = await ff.openExtensionPage('options.html');
  tab = await openLabTab(ff, ext, lab, undefined, (await ff.browser.pages())[0]);
  d = { ext, origins: lab, served };
});

afterAll(async () => {
  await ff?.close();
  await lab?.close();
});

describe('every lab scenario in real Firefox (dist/firefox)', () => {
  for (const sc of SCENARIOS) {
    it(`${sc.id} → ${sc.expect.topFinding}`, async () => {
      const { outcome, records, bucket } = await driveScenario(d, tab, sc);
      const want = sc.expect.capture;
      expect(outcome.state, outcome.log).toBe('done');
      expect(outcome.produced, `the lab answered ${want.method} ${want.path} with ${want.status}\n${outcome.log}`).toBe(
        true,
      );
      expect(outcome.captured, `records for ${want.method} ${want.path} ${want.status}`).toBe(want.count ?? 1);
      for (const r of records) expect(r.tabId).toBe(bucket);
      if (want.preflight !== undefined) expect(records[0]?.preflight).toBe(want.preflight);
      if (bucket !== NO_TAB) {
        // the bucket was emptied before the click, so the badge counts this scenario's records
        const { records: all } = (await ext.evaluate(
          (id) =>
            (
              globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
            ).browser.runtime.sendMessage({ ns: 'authlens', type: 'getRecords', tabId: id }),
          bucket,
        )) as { records: unknown[] };
        const count = all.length ? String(all.length) : '';
        // badge updates are coalesced by the background: the badge may trail the record a moment
        await expect.poll(() => badgeText(ext, bucket), { timeout: 3000 }).toBe(count);
      }
      const newest = records[records.length - 1]!;
      const panel = await panelFor(bucket);
      const rows = await waitForRows(panel, (rs) => rs.some((r) => r.id === newest.id), 8000, `row ${newest.id}`);
      const row = rows.find((r) => r.id === newest.id)!;
      expect(row.status).toBe(String(want.status));
      outcome.finding = row.finding || undefined;
      outcome.findingFrom = 'panel';
      expect(row.finding, judge(sc, outcome).why.join('; ')).toBe(sc.expect.topFinding);
    });
  }

  it('no script errors from the add-on in the browser console', async () => {
    expect(await ff.consoleErrors()).toEqual([]);
  });
});
