// A HAR that real Firefox records (its own network monitor, "Save All As HAR") while the lab
// page meets the lab's failures, then `authlens explain` on it: each failure's top finding is the
// one the lab promises (and the panel shows live: firefox-lab.e2e.ts), and importing the same
// file into the Firefox panel lists the same failures with the same top findings.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHar } from '../../src/har/read.ts';
import { SCENARIOS } from '../../scripts/lab/scenarios.ts';
import { startLab, type Lab } from '../../scripts/lab/server.ts';
import { firefoxDist, launchFirefox, type FirefoxSession } from '../../scripts/lab/firefox.ts';
import { clickScenario, openLabTab, waitForRows, type LabTab } from '../../scripts/lab/firefox-driver.ts';
import { outputDir, repo } from './support/chromium.ts';
import { explainHar, topPairs, type Explained } from './support/explain.ts';
import { netMonitorHar, startNetMonitor } from './support/firefox-har.ts';

/** the scenarios panel.e2e.ts records in Chromium: each answered by the lab with a real failure */
const RECORDED = [
  'jwt-expired',
  'jwt-not-yet-valid',
  'insufficient-scope',
  'step-up',
  'csrf-django',
  'csrf-laravel',
  'session-expired',
  'missing-challenge',
  'github-sso',
  'aws-missing-token',
  'docker-registry',
] as const;

const out = outputDir('e2e-firefox-har');
const file = join(out, 'firefox-recorded-lab.har');
let lab: Lab;
let ff: FirefoxSession;
let ext: Page;
let tab: LabTab;
let cli: Explained[];

beforeAll(async () => {
  lab = await startLab();
  ff = await launchFirefox({ extensionDir: firefoxDist(repo), runDir: out });
  ext = await ff.openExtensionPage('options.html');
  tab = await openLabTab(ff, ext, lab, undefined, (await ff.browser.pages())[0]);
  await startNetMonitor(ff, tab.url);
});

afterAll(async () => {
  await ff?.close();
  await lab?.close();
});

interface HarEntry {
  request: { method: string; url: string };
  response: { status: number; content?: { text?: string } };
}

const key = (method: string, url: string, status: number | string): string =>
  `${method} ${new URL(url).pathname} ${status}`;

describe("Firefox's own HAR through authlens explain", () => {
  it('the lab page plays the failures while the network monitor records; the HAR is Firefox’s', async () => {
    for (const id of RECORDED) expect((await clickScenario(tab.page, id)).state, id).toBe('done');
    // The page sees a response before the network monitor has finished its entry (status and
    // body arrive in later events), so read the HAR until every scenario's failure is in it.
    const wanted = RECORDED.map((id) => SCENARIOS.find((s) => s.id === id)!.expect.capture);
    let text = '';
    await expect
      .poll(
        async () => {
          text = await netMonitorHar(ff, tab.url);
          const entries = (JSON.parse(text) as { log: { entries: HarEntry[] } }).log.entries;
          const seen = new Set(
            entries
              .filter((e) => e.response.content?.text !== undefined)
              .map((e) => key(e.request.method, e.request.url, e.response.status)),
          );
          return wanted.filter((c) => !seen.has(`${c.method} ${c.path} ${c.status}`)).map((c) => c.path);
        },
        { timeout: 10_000, interval: 250 },
      )
      .toEqual([]);
    writeFileSync(file, text);
    const har = JSON.parse(text) as { log: { creator: { name: string }; entries: unknown[] } };
    expect(har.log.creator.name).toBe('Firefox');
    expect(har.log.entries.length).toBeGreaterThan(RECORDED.length);
  });

  it("authlens explain: each scenario's failure with the lab's top finding", async () => {
    cli = await explainHar(file);
    const got = new Map(cli.map((x) => [key(x.method, x.url, x.status), x.findings[0]?.id]));
    const want = RECORDED.map((id) => SCENARIOS.find((s) => s.id === id)!).map((s) => {
      const c = s.expect.capture;
      return [`${c.method} ${c.path} ${c.status}`, s.expect.topFindingWithBody ?? s.expect.topFinding] as const;
    });
    expect(want.map(([k]) => [k, got.get(k)])).toEqual(want);
  });

  it('the same file imported into the Firefox panel: the same failures and top findings', async () => {
    const panel = await ff.openExtensionPage('panel.html?tabId=900001');
    const input = (await panel.waitForSelector('input[data-testid="import-file"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
    const n = fromHar(JSON.parse(readFileSync(file, 'utf8')), { tabId: 0 }).records.length;
    expect(cli).toHaveLength(n);
    const rows = await waitForRows(panel, (rs) => rs.length === n, 15_000, `${n} imported rows`);
    expect(rows.map((r) => `${r.status} ${r.finding}`).sort()).toEqual(topPairs(cli));
  });
});
